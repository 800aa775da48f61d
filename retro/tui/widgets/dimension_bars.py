"""Rows of the reveal's distribution tab drawn by one widget: a dimension's title and a
diverging bar per view with the raters in words.

Each row was four widgets (a container, label, bar and text), ~150 on the tab. Focusing or
leaving the tab's scrolling pane restyles every widget under it, so each `[` / `]` past
the tab cost 0.1-0.2 s of a projector's time; one widget per run of rows draws the same
cells (retro.tui.widgets.diverging_bar.draw_bar for the bars). The agreement lines under
the rows stay Statics of their own: they wrap, and a margin drawn by the parent is not
a run of spaces drawn by a widget.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.widget import Widget

from retro.figures import View
from retro.tui.widgets.diverging_bar import BAR_PARTS, draw_bar
from retro.tui.widgets.literal import clean

LABEL_WIDTH = 11  # "A→A", "O→B": the view's name, in the muted colour
BAR_WIDTH = 21  # the bar: ten cells a side of the centre line


class DimensionBars(Widget):
    """An optional title line, then one row per view; filled by `show`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *BAR_PARTS,
        "dimension-bars--label",
    }
    DEFAULT_CSS = """
    DimensionBars { height: auto; text-wrap: nowrap; text-overflow: clip; }
    DimensionBars > .dimension-bars--label { color: $text-muted; }
    DimensionBars > .diverging-bar--1 { color: $error; }
    DimensionBars > .diverging-bar--2 { color: $error 70%; }
    DimensionBars > .diverging-bar--3 { color: $foreground 45%; }
    DimensionBars > .diverging-bar--4 { color: $success 70%; }
    DimensionBars > .diverging-bar--5 { color: $success; }
    DimensionBars > .diverging-bar--centre { color: $foreground; }
    DimensionBars > .diverging-bar--track { color: $foreground 30%; }
    DimensionBars > .diverging-bar--mean { color: $accent; text-style: bold; }
    """

    def __init__(
        self,
        title: str | None,
        rows: list[tuple[str, str]],
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        """rows: (view key, its label) in the order drawn; title: the dimension's, if this
        run of rows starts it."""
        super().__init__(id=id, classes=classes)
        self.title = None if title is None else clean(title)
        self.rows = rows
        self._bars: dict[str, tuple[View, bool]] = {}
        self._words: dict[str, str] = {}
        self._most = 1
        # The rows drawn, and what they were drawn for: the width, the theme and the base
        # style (a focus change restyles the tab but changes neither).
        self._drawn: tuple[tuple[object, ...], Content] | None = None

    @property
    def keys(self) -> list[str]:
        return [key for key, _ in self.rows]

    def show(self, bars: dict[str, tuple[View, bool, str]], most: int) -> None:
        """Every row at once (view, whether its raters may show, the raters in words) and
        the most raters of any bar on the tab (one scale for all)."""
        self._bars = {key: (view, shown) for key, (view, shown, _) in bars.items()}
        self._words = {key: clean(words) for key, (_, _, words) in bars.items()}
        self._most = max(1, most)
        self._drawn = None
        self.refresh()

    # -- what a test (or a reader of the code) asks of one row ---------------------------

    def words(self, key: str) -> str:
        """The raters in words beside the bar of view `key`."""
        return self._words.get(key, "")

    def shown(self, key: str) -> bool:
        """Whether the bar of `key` draws its raters (False: only the mean, withheld)."""
        return self._bars.get(key, (View(), True))[1]

    def bar(self, key: str) -> Text:
        """The bar of view `key` as drawn."""
        view, shown = self._bars.get(key, (View(), True))
        return draw_bar(view, shown, self._most, BAR_WIDTH, self._style)

    # -- drawing ------------------------------------------------------------------------

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"diverging-bar--{name}")

    def render(self) -> Content:
        """The rows, drawn once per width and data: layout asks for them several times a
        repaint (height, then lines), and a tab switch repaints the tab."""
        width = self.size.width or 80
        key = (width, self.app.theme, self.rich_style)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = (key, self._draw(width))
        return self._drawn[1]

    def _draw(self, width: int) -> Content:
        label_style = self.get_component_rich_style("dimension-bars--label")
        space = Style(bgcolor=self.rich_style.bgcolor)
        lines = []
        if self.title is not None:
            lines.append(Text(self.title, style="bold", no_wrap=True, overflow="crop"))
        for key, label in self.rows:
            line = Text(no_wrap=True, overflow="crop")
            label = label[:LABEL_WIDTH]
            line.append(label, label_style)
            line.append(" " * (LABEL_WIDTH - len(label)), space)  # as the label's own padding
            line.append_text(self.bar(key))
            line.append(" ", space)  # the gap before the words: background only, as a margin
            room = width - LABEL_WIDTH - BAR_WIDTH - 1
            if room > 0:
                words = Text(self.words(key), no_wrap=True, overflow="ellipsis")
                words.truncate(room, overflow="ellipsis")
                line.append_text(words)
            lines.append(line)
        return Content("\n").join(Content.from_rich_text(line) for line in lines)
