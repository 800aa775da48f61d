"""User text (names, remarks) shown exactly as typed: never parsed as markup or ANSI.

Content and rich Text are not markup-parsed, but Textual and Rich pass ESC and C1 controls
straight to the terminal (they strip only BEL, BS, VT, FF and CR — so `ESC ] 2 ; x BEL`
loses its BEL and still opens a title sequence). Every helper here therefore applies
retro.terminal's rule first: controls become visible pictures (`␛]2;PWNED␇`).
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from retro.terminal import for_terminal


def clean(text: str, *, multiline: bool = False, limit: int | None = None) -> str:
    """The text with control characters made visible (retro.terminal's rule). A label is
    one line: a newline in a name reads better as a space there than as `␊`."""
    if not multiline:
        text = text.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    out = for_terminal(text, multiline=multiline)
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
