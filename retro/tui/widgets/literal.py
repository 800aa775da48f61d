"""User text (names, remarks) shown exactly as typed: never parsed as markup or ANSI.

Content and rich Text are not markup-parsed, but control characters would still reach
the terminal; they are swapped for their visible Unicode "control pictures".
"""

from __future__ import annotations

import re

from rich.text import Text
from textual.content import Content

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code == 0x7F:
        return "\u2421"
    if code < 0x20:
        return chr(0x2400 + code)
    return "\ufffd"  # C1 controls have no picture


def clean(text: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """The text with control characters made visible; newlines kept only if asked."""
    if not multiline:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    out = _CONTROL.sub(_picture, text)
    if limit is not None and len(out) > limit:
        out = out[: max(1, limit - 1)] + "…"
    return out


def literal(
    text: str, style: str = "", *, limit: int | None = None, multiline: bool = False
) -> Content:
    """A Content for a Static or Label: shown literally, whatever the user typed."""
    plain = clean(text, multiline=multiline, limit=limit)
    return Content.styled(plain, style) if style else Content(plain)


def literal_text(text: str, style: str = "", *, limit: int | None = None) -> Text:
    """A rich Text for a DataTable cell (plain strings there are parsed as markup)."""
    return Text(clean(text, limit=limit), style=style, no_wrap=True, overflow="ellipsis")
