"""One side's 100 points over the dimensions: a row per dimension with its points and a bar.

One widget that renders its own rows (like the score bar), because it is redrawn on
every key while a side calls out its points, and a key must change the row the user
sees selected before the next key arrives: changes are handed to the screen by a
callback inside the key's own handling, not by a posted message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.widget import Widget

from retro.model import IMPORTANCE_POINTS
from retro.tui.widgets.literal import clean

STEP = 5  # points per left/right, - or +: fine enough for 100 points over nine dimensions
BAR_AT_LEAST = 16  # columns the bar keeps beside the names, so one step of 5 still shows
BLOCKS = " ▏▎▍▌▋▊▉█"


def bar(points: int, width: int, scale: int = IMPORTANCE_POINTS) -> str:
    """A horizontal bar of points out of scale, in eighths of a cell."""
    eighths = round(points / scale * width * 8) if scale else 0
    full, part = divmod(max(0, min(eighths, width * 8)), 8)
    return "█" * full + (BLOCKS[part] if part else "")


class PointsTable(Widget, can_focus=True):
    """Focusable. `points` maps dimension key to points; the total never exceeds the limit.

    on_change(points) gets the new allocation after every accepted change; on_refused
    (dimension, most, elsewhere, capped) says a change would pass the limit: a step is
    refused, a typed number is capped to the most the row can have (capped=True, said
    after on_change, so the reason stays on screen); on_locked() is asked instead of changing anything while the allocation
    belongs to a device (the screen asks before taking it over), with the change to make
    once it is taken over.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "points--cursor",
        "points--bar",
        "points--button",
        "points--muted",
    }

    DEFAULT_CSS = """
    PointsTable { height: auto; width: 1fr; }
    PointsTable > .points--cursor { background: $boost; text-style: bold; }
    PointsTable:focus > .points--cursor { background: $primary 30%; }
    PointsTable > .points--bar { color: $accent; }
    PointsTable > .points--button { color: $text-primary; text-style: bold; }
    PointsTable > .points--muted { color: $text-muted; }
    PointsTable.-locked > .points--bar { color: $warning; }
    PointsTable:disabled { opacity: 70%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down,enter", "move(1)", "Down", show=False),
        Binding("left", "step(-1)", "−5", show=False),
        Binding("right", "step(1)", "+5", show=False),
        # One compact "- + ±5" item, so the footer still fits 80 columns.
        Binding(
            "minus", "step(-1)", "−5", id="weigh_less", group=Binding.Group("±5", compact=True)
        ),
        Binding("plus", "step(1)", "+5", id="weigh_more", group=Binding.Group("±5", compact=True)),
        Binding("backspace", "erase", "Erase", show=False),
    ]

    def __init__(
        self,
        dimensions: list[tuple[str, str]],
        *,
        limit: int = IMPORTANCE_POINTS,
        id: str | None = None,
        on_change: Callable[[dict[str, int]], None] | None = None,
        on_refused: Callable[[str, int, int, bool], None] | None = None,
        on_locked: Callable[[Callable[[], object]], None] | None = None,
    ) -> None:
        super().__init__(id=id)
        self.dimensions = dimensions  # (key, title) in framework order
        self.limit = limit
        self.points: dict[str, int] = {}
        self.cursor = 0
        self.hidden = False  # another's allocation this screen may not show yet
        self.locked = False
        self._typed = ""  # digits typed on the current row, so "3" "5" is 35
        self.on_change, self.on_refused, self.on_locked = on_change, on_refused, on_locked

    # -- state --------------------------------------------------------------------------

    def load(self, points: dict[str, int], *, hidden: bool = False, locked: bool = False) -> None:
        """Show an allocation (from the store). The digits being typed carry on when it is
        what is on screen already (a save of this screen's own coming back), so "3", a
        save, then "5" is still 35."""
        points = {k: v for k, v in points.items() if v}
        if (points, hidden, locked) == (self.points, self.hidden, self.locked):
            return
        self.points = points
        self.hidden, self.locked = hidden, locked
        self.set_class(locked, "-locked")
        self._typed = ""
        self.refresh()

    def restart(self) -> None:
        """Back to the first row with nothing being typed: another side starts calling out."""
        self.cursor = 0
        self._typed = ""
        self.refresh()

    @property
    def key(self) -> str:
        return self.dimensions[self.cursor][0]

    @property
    def total(self) -> int:
        return sum(self.points.values())

    def set_points(self, dim: str, value: int, *, cap: bool = False) -> bool:
        """Give a dimension this many points, if the total stays within the limit; with
        `cap`, a number past it gives the most the row can have instead, and says why."""
        if self.locked:
            if self.on_locked is not None:
                self.on_locked(lambda: self.set_points(dim, value, cap=cap))
            return False
        value = max(0, value)
        elsewhere = self.total - self.points.get(dim, 0)
        most = self.limit - elsewhere
        if value > most:
            # "30" with 80 given elsewhere: the room meant "as much as it can", not 3.
            capped = cap and most > 0 and self.set_points(dim, most)
            if self.on_refused is not None:
                self.on_refused(dim, most, elsewhere, capped)
            return False
        if value == self.points.get(dim, 0):
            return True
        if value:
            self.points[dim] = value
        else:
            self.points.pop(dim, None)
        self.refresh()
        if self.on_change is not None:
            self.on_change(dict(self.points))
        return True

    # -- keys ---------------------------------------------------------------------------

    def action_move(self, step: int) -> None:
        self._typed = ""
        self.cursor = max(0, min(len(self.dimensions) - 1, self.cursor + step))
        self.refresh()

    def action_step(self, step: int) -> None:
        self._typed = ""
        self.set_points(self.key, self.points.get(self.key, 0) + step * STEP)

    def action_erase(self) -> None:
        self._typed = self._typed[:-1]
        self.set_points(self.key, int(self._typed or 0))

    def on_key(self, event: events.Key) -> None:
        """Digits type the row's points: "3" then "5" is 35; a fourth digit starts again.
        A number that would pass the limit gives the row the most it can have (the whole
        number capped, never its first digits kept), and the next digit starts again."""
        if event.character is None or not event.character.isdigit() or len(event.key) != 1:
            return
        event.stop()
        event.prevent_default()
        typed = self._typed + event.character if len(self._typed) < 3 else event.character
        if int(typed) > self.limit:
            typed = event.character
        if self.set_points(self.key, int(typed), cap=True):
            self._typed = typed
        else:
            self._typed = ""

    def on_click(self, event: events.Click) -> None:
        """A click picks its row; on − or + it changes that row's points too."""
        row = event.y
        if not 0 <= row < len(self.dimensions):
            return
        self.focus()
        if row != self.cursor:
            self._typed = ""
        self.cursor = row
        self.refresh()
        start = self._title_width() + 3
        if start <= event.x < start + 3:
            self.action_step(-1)
        elif start + 6 <= event.x < start + 9:
            self.action_step(1)

    # -- drawing ------------------------------------------------------------------------

    def _title_width(self) -> int:
        """As wide as the longest name, so names are whole wherever the bar keeps room
        (at 80 columns the Dutch names fit); only a narrower screen cuts them."""
        longest = max((cell_len(clean(title)) for _, title in self.dimensions), default=8)
        return max(8, min(longest, self.size.width - 13 - BAR_AT_LEAST))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.dimensions)

    def render(self) -> Text:
        width = max(1, self.size.width)
        tw = self._title_width()
        cursor_style = self.get_component_rich_style("points--cursor")
        button = self.get_component_rich_style("points--button")
        muted = self.get_component_rich_style("points--muted")
        bar_style = self.get_component_rich_style("points--bar")
        bar_width = max(1, width - tw - 13)
        lines = []
        for y, (key, title) in enumerate(self.dimensions):
            name = clean(title, limit=tw)
            name += " " * (tw - cell_len(name))
            value = self.points.get(key, 0)
            cursor = y == self.cursor
            base = cursor_style if cursor else ""
            line = Text.assemble(
                ("▸ " if cursor else "  ", base),
                (name, base),
                (" ", base),
                (" − ", button),
                ("  ·" if self.hidden else f"{value:>3}", muted if self.hidden else base),
                (" + ", button),
                (" ", base),
                ("" if self.hidden else bar(value, bar_width), bar_style),
                no_wrap=True,
                end="",
            )
            line.truncate(width, pad=True)
            if cursor:
                line.stylize(cursor_style)
                line.stylize(bar_style, tw + 13)
            lines.append(line)
        return Text("\n", no_wrap=True).join(lines)
