"""The app's last line of defence: no control character from any text reaches the terminal.

Textual writes every screen update as the segments of `Strip`s, and it passes ESC and C1
controls in segment text straight through (Content and Rich Text strip only BEL, BS, VT,
FF and CR). The widgets that show user data make controls visible first (`SafeInput`,
`widgets.literal`), but data reaches the screen along many more paths — a Select option,
a toast, a dimension title from a custom framework, a screen a later change adds — and
one forgotten call site would let a remark set the window title or clear the screen.

Textual has no public hook between a widget's strips and the terminal, so `install()` wraps
`Strip.render`, the one method that turns segments into what the driver writes (for the
terminal, `retro join` and `retro serve`'s browser terminal alike). A strip whose text holds
a control loses it there: controls are zero cells wide for Textual and Rich, so removing
one keeps the laid-out columns intact, where a visible picture would shift them. Textual's
own sequences (colours, cursor moves, links) are added by `render` around the segment
text, after this filter, so they are untouched. If a Textual upgrade moves this path,
`test_every_strip_is_guarded_even_from_a_plain_input` (tests/ui/test_hostile_text.py)
fails.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.segment import Segment
from textual.strip import Strip

from retro.terminal import CONTROL, without_controls

_MARK = "_retro_guarded"


def _guarded(render: Callable[[Strip, Console], str]) -> Callable[[Strip, Console], str]:
    def render_without_controls(self: Strip, console: Console) -> str:
        if CONTROL.search(self.text) is not None:
            safe = [
                Segment(without_controls(text), style, control)
                if control is None
                else Segment(text, style, control)
                for text, style, control in self
            ]
            return render(Strip(safe, self.cell_length), console)
        return render(self, console)

    setattr(render_without_controls, _MARK, True)
    render_without_controls.__doc__ = render.__doc__
    return render_without_controls


def install() -> None:
    """Make every strip Textual renders free of control characters; safe to call twice."""
    if not getattr(Strip.render, _MARK, False):
        # Patching a method of Textual's class on purpose: no typing can say so.
        Strip.render = _guarded(Strip.render)  # type: ignore[method-assign, assignment]


def installed() -> bool:
    """Whether `install()` is in effect (importing retro.tui is enough)."""
    return bool(getattr(Strip.render, _MARK, False))
