"""Escape sequences a hostile name, id or remark may carry, and how to spot one that leaked.

Each attack is wrapped in marker letters, so a sequence that reached the terminal is found
as it was written, apart from the terminal's own sequences (colours, cursor moves, clears).
"""

from __future__ import annotations

ATTACKS: dict[str, str] = {
    "osc-title": "\x1b]2;PWNED\x07",
    "osc8-link": "\x1b]8;;http://evil.example/\x1b\\LINK\x1b]8;;\x1b\\",
    "csi-clear": "CLR\x1b[2JCLR",
    "csi-move": "\x1b[5;5HMOVED",
    "dcs": "\x1bPtmux;\x1b\x1b]2;DCS\x07\x1b\\",
    "apc": "\x1b_APCX\x1b\\",
    "lone-esc": "ESC\x1bcRESET",
    "c1-csi": "C1\x9b2JC1",
    "c1-osc": "\x9d2;C1TITLE\x9c",
    "c1-nel": "NEL\x85NEL",
    "c0": "NUL\x00BS\x08CR\rBEL\x07TAB\tDEL\x7f",
}

#: One string holding every attack: a remark, a name, a note.
HOSTILE = " ".join(ATTACKS.values())

#: How the app and the CLI show the title attack: visible, not obeyed.
VISIBLE_TITLE = "␛]2;PWNED␇"

# What each attack looks like if it reached the terminal unchanged. Rich and Textual drop
# BEL, BS and CR on their own, so the raw forms stop short of those characters.
_RAW: dict[str, bytes] = {
    "osc-title": b"\x1b]2;PWNED",
    "osc8-link": b"\x1b]8;;http://evil.example/",
    "csi-clear": b"\x1b[2JCLR",
    "csi-move": b"\x1b[5;5HMOVED",
    "dcs": b"\x1bPtmux;",
    "apc": b"\x1b_APCX",
    "lone-esc": b"\x1bcRESET",
    "c1-csi": "\x9b".encode(),
    "c1-osc": "\x9d".encode(),
    "c1-nel": "\x85".encode(),
    "c0": b"NUL\x00",
}


def leaked(output: bytes | str) -> list[str]:
    """The attacks whose sequence appears raw in what was written to the terminal."""
    raw = output.encode("utf-8", "surrogateescape") if isinstance(output, str) else output
    return [name for name, needle in _RAW.items() if needle in raw]


def controls_in(text: str) -> list[str]:
    """Every control character in text a program wrote itself (the CLI writes none of its
    own): C0 but newline, DEL and C1."""
    return sorted({repr(c) for c in text if (c < " " and c != "\n") or "\x7f" <= c <= "\x9f"})
