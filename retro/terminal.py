"""The one rule for user text that reaches a terminal: controls are shown, never obeyed.

Names, ids, remarks and notes come from people and from files other people fill in (packs,
imports, `retro join`), so they may hold escape sequences: `ESC ] 2 ; title BEL` sets the
window title, OSC 8 makes links, CSI moves the cursor or clears the screen, DCS passes
commands through tmux. Every face (the CLI, the app, `retro serve`) passes such text
through this module before a terminal sees it; the core imports nothing from Textual.

How a sequence is defused: a terminal leaves its ground state (where it prints what it
gets) only on a control character — every escape sequence (CSI, OSC, DCS, SOS, PM, APC
and the short ESC sequences) begins with ESC (U+001B) or with its C1 form (U+0080–U+009F),
and the string sequences end with BEL or ST (ESC \\ or U+009C). Replacing every C0
control, DEL and C1 control therefore turns each whole sequence into plain text that is
printed as it stands: `\\x1b]2;PWNED\\x07` is shown as `␛]2;PWNED␇`. In one-line text the
replacement is one character for one, so positions (an Input's cursor) stay where they were:

- C0 controls (U+0000–U+001F) and DEL become their Unicode "control pictures"
  (U+2400–U+241F, U+2421): ESC is `␛`, BEL `␇`, TAB `␉`, LF `␊`, CR `␍`;
- C1 controls have no pictures; they become U+FFFD `�`, the character terminals and
  decoders already use for what they cannot show;
- a newline is kept only where the text may span lines (`multiline=True`; CRLF becomes
  LF there). In a one-line context (a table cell, an id, an input) it is shown as `␊`, so
  a name cannot start a fake line of output.
"""

from __future__ import annotations

import re

#: Every character a terminal may obey instead of print: C0, DEL and C1.
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _picture(code: int) -> str:
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


_SHOWN = {code: _picture(code) for code in (*range(0x20), *range(0x7F, 0xA0))}
_SHOWN_MULTILINE = {**_SHOWN, ord("\n"): "\n"}
_DROPPED: dict[int, None] = dict.fromkeys(_SHOWN)


def for_terminal(text: str, *, multiline: bool = False) -> str:
    """`text` with every control character made visible, so whatever it holds is printed,
    not obeyed; printable text (any script, emoji, markup-like brackets) is unchanged."""
    if multiline:
        return text.replace("\r\n", "\n").translate(_SHOWN_MULTILINE)
    return text.translate(_SHOWN)


def without_controls(text: str) -> str:
    """`text` with every control character removed. Only for a last line of defence where
    the width of the text is already laid out: terminals and Rich count a control as zero
    cells wide, so removing one keeps every column where it was (a visible picture would
    not). Text shown to a user goes through `for_terminal` first."""
    return text.translate(_DROPPED)


# JSON escapes C0 controls (ESC becomes \u001b) but may write DEL and C1 raw, and a terminal
# showing the output may obey U+009B (CSI) or U+009D (OSC). In JSON text they can only occur
# inside strings, where \u escapes mean the same characters.
_JSON_RAW = re.compile(r"[\x7f-\x9f]")


def json_for_terminal(text: str) -> str:
    """JSON text with DEL and C1 controls written as \\u escapes: the same value for any
    JSON reader, nothing a terminal would obey when the output is shown."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def has_controls(text: str) -> bool:
    """Whether `text` holds anything a terminal might obey."""
    return CONTROL.search(text) is not None
