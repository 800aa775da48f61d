"""Charts of the history: a bar chart of one figure across sessions, on a fixed scale,
with gaps left visible (HistoryChart), and a dimension's course — both views and the gap
between them on the 1-5 scale, with axes (CourseChart).

Textual's Sparkline stretches its data between the series' own minimum and maximum and
cannot show a missing value: a change from 3.4 to 3.5 would fill the whole height and
a session without an answer would silently vanish, shifting every later bar. Here every
session keeps its own column, the scale is fixed (1-5 for views), and an absent value is
drawn as a dot on the baseline, never as a bar of 0.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BARS = " ▁▂▃▄▅▆▇█"


def spark_text(values: Sequence[float | None], lo: float = 1.0, hi: float = 5.0) -> str:
    """One character per value on a fixed scale, · where there is none: fits a table cell."""
    out = []
    for v in values:
        if v is None:
            out.append("·")
        else:
            frac = (min(hi, max(lo, v)) - lo) / ((hi - lo) or 1.0)
            out.append(BARS[1 + round(frac * (len(BARS) - 2))])
    return "".join(out)


class HistoryChart(Widget):
    """Bars per session; `data` holds None for a session without a value."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "history-chart--bar",
        "history-chart--latest",
        "history-chart--absent",
    }
    DEFAULT_CSS = """
    HistoryChart {
        height: 3;
    }
    HistoryChart > .history-chart--bar {
        color: $primary;
    }
    HistoryChart > .history-chart--latest {
        color: $accent;
    }
    HistoryChart > .history-chart--absent {
        color: $text-muted;
    }
    """

    data: reactive[tuple[float | None, ...]] = reactive(tuple, layout=False)
    scale: reactive[tuple[float, float]] = reactive((1.0, 5.0))

    def set_series(self, data: Sequence[float | None], scale: tuple[float, float]) -> None:
        self.set_reactive(HistoryChart.scale, scale)
        self.data = tuple(data)

    def column_width(self) -> int:
        """Each session gets the same width, at most 4 cells, at least 1."""
        n = len(self.data)
        return max(1, min(4, self.size.width // n)) if n else 1

    def render(self) -> Text:
        height = max(1, self.size.height)
        data = self.data
        if not data:
            return Text("")
        lo, hi = self.scale
        span = (hi - lo) or 1.0
        width = self.column_width()
        levels = height * 8
        bar = self.get_component_rich_style("history-chart--bar")
        latest = self.get_component_rich_style("history-chart--latest")
        absent = self.get_component_rich_style("history-chart--absent")
        last_present = max((i for i, v in enumerate(data) if v is not None), default=-1)
        # Visible columns only: at very narrow widths the newest sessions win.
        fits = max(1, self.size.width // width)
        start = max(0, len(data) - fits)
        lines = [Text(no_wrap=True, overflow="crop") for _ in range(height)]
        for i in range(start, len(data)):
            v = data[i]
            if v is None:
                for row in range(height):
                    cell = "·" if row == height - 1 else " "
                    lines[row].append(cell.center(width), absent)
                continue
            # Even the lowest value keeps one eighth, so a present 1.0 differs from absent.
            filled = max(1, round((min(max(v, lo), hi) - lo) / span * levels))
            style = latest if i == last_present else bar
            for row in range(height):
                below = (height - 1 - row) * 8  # levels under this text row
                part = min(8, max(0, filled - below))
                glyph = BARS[part] * max(1, width - 1 if width > 1 else 1)
                lines[row].append(glyph.ljust(width), style)
        return Text("\n").join(lines)


# ---------------------------------------------------------------------------
# A dimension's course: both views and the gap between them, on the fixed 1-5 scale

SELF_MARK = "●"
OTHER_MARK = "○"
BOTH_MARK = "◉"
GAP_MARK = "┃"  # a gap of GAP_AT or more: a difference worth a conversation
AGREE_MARK = "│"  # a smaller gap: agreement, drawn thin and faint
PATH_MARK = "·"


def course_rows(height: int) -> dict[int, int]:
    """The text row (0 at the top) of each whole score 1-5 on a plot `height` rows high."""
    return {k: round((5 - k) * (height - 1) / 4) for k in (5, 4, 3, 2, 1)}


def course_row(value: float, height: int) -> int:
    """The text row nearest to a value on the 1-5 scale (5 at the top)."""
    v = min(5.0, max(1.0, value))
    return round((5.0 - v) * (height - 1) / 4)


def date_label(date: str, room: int) -> str:
    """A session date as wide as the room allows: 2026-04-21, else 2026-04."""
    return date if room >= len(date) + 1 else date[:7]


class CourseChart(Widget):
    """How one subject is seen on one dimension across sessions: its own view (●), the
    other side's view (○, ◉ where they meet) and the gap between them as a vertical line,
    bold when it is GAP_AT or more, on a fixed 1-5 scale with score and date axes.

    Drawn by hand in text cells rather than with textual-plotext (plotext in a widget):
    that wrapper's last release predates the Textual this app runs on, plotext picks its
    own colours instead of the theme's variables (the light theme a projector needs), and
    what this chart needs is small and exact — a fixed scale that never stretches to the
    data, a column per session even when a view is missing, the gap rule of
    retro.figures, glyphs that still read without colour, and stable text for the
    snapshot tests. One more dependency for twelve lines of drawing is a poor trade.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "course-chart--axis",
        "course-chart--self",
        "course-chart--other",
        "course-chart--gap",
        "course-chart--agree",
        "course-chart--path-self",
        "course-chart--path-other",
    }
    DEFAULT_CSS = """
    CourseChart {
        height: 1fr;
        min-height: 7;
    }
    CourseChart > .course-chart--axis { color: $text-muted; }
    CourseChart > .course-chart--self { color: $primary; text-style: bold; }
    CourseChart > .course-chart--other { color: $accent; text-style: bold; }
    CourseChart > .course-chart--gap { color: $warning; text-style: bold; }
    CourseChart > .course-chart--agree { color: $foreground 35%; }
    CourseChart > .course-chart--path-self { color: $primary 55%; }
    CourseChart > .course-chart--path-other { color: $accent 55%; }
    """

    dates: reactive[tuple[str, ...]] = reactive(tuple, layout=False)
    own: reactive[tuple[float | None, ...]] = reactive(tuple, layout=False)
    other: reactive[tuple[float | None, ...]] = reactive(tuple, layout=False)
    gap_at: float = 1.0

    def set_course(
        self,
        dates: Sequence[str],
        own: Sequence[float | None],
        other: Sequence[float | None],
        gap_at: float,
    ) -> None:
        """The sessions' dates and both views per session (None where absent)."""
        self.gap_at = gap_at
        self.set_reactive(CourseChart.dates, tuple(dates))
        self.set_reactive(CourseChart.own, tuple(own))
        self.other = tuple(other)
        self.refresh()

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"course-chart--{name}")

    def render(self) -> Text:
        width, height = self.size.width, self.size.height
        n = len(self.dates)
        plot_h = max(3, height - 2)  # an axis line and a date line below the plot
        left = 4  # "5 ┤ "
        plot_w = max(1, width - left)
        if not n:
            return Text("")
        # Each session its own column, evenly spread; at a narrow width the newest win.
        fits = max(1, min(n, plot_w // 2))
        first = n - fits
        pitch = plot_w / fits
        xs = [int((i + 0.5) * pitch) for i in range(fits)]
        grid: list[list[tuple[str, str]]] = [[(" ", "")] * plot_w for _ in range(plot_h)]

        def put(row: int, col: int, glyph: str, style: str) -> None:
            if 0 <= row < plot_h and 0 <= col < plot_w:
                grid[row][col] = (glyph, style)

        own = self.own[first:]
        other = self.other[first:]
        # Faint paths first, so markers and gaps are drawn over them.
        for series, path in ((own, "path-self"), (other, "path-other")):
            points = [(xs[i], v) for i, v in enumerate(series) if v is not None]
            for (x0, v0), (x1, v1) in itertools.pairwise(points):
                for x in range(x0 + 1, x1):
                    v = v0 + (v1 - v0) * (x - x0) / (x1 - x0)
                    put(course_row(v, plot_h), x, PATH_MARK, path)
        for i, x in enumerate(xs):
            a, b = own[i], other[i]
            if a is not None and b is not None:
                ra, rb = course_row(a, plot_h), course_row(b, plot_h)
                wide = abs(a - b) >= self.gap_at - 1e-9
                for row in range(min(ra, rb) + 1, max(ra, rb)):
                    put(row, x, GAP_MARK if wide else AGREE_MARK, "gap" if wide else "agree")
                if ra == rb:
                    put(ra, x, BOTH_MARK, "other")
                    continue
            if a is not None:
                put(course_row(a, plot_h), x, SELF_MARK, "self")
            if b is not None:
                put(course_row(b, plot_h), x, OTHER_MARK, "other")
        axis = self._style("axis")
        labels = {row: k for k, row in course_rows(plot_h).items()}
        lines: list[Text] = []
        for row in range(plot_h):
            line = Text(no_wrap=True, overflow="crop")
            k = labels.get(row)
            line.append(f"{k} ┤ " if k is not None else "  │ ", axis)
            for glyph, style in grid[row]:
                line.append(glyph, self._style(style) if style else Style())
            lines.append(line)
        ticks = ["─"] * plot_w
        for x in xs:
            ticks[x] = "┴"
        lines.append(Text("  └─" + "".join(ticks), style=axis, no_wrap=True, overflow="crop"))
        dates = [" "] * plot_w
        free = 0  # the first column a label may start at without touching the last one
        for i, x in enumerate(xs):
            label = date_label(self.dates[first + i], int(pitch))
            start = max(free, min(plot_w - len(label), x - len(label) // 2))
            if start + len(label) > plot_w or start > x:
                continue
            dates[start : start + len(label)] = list(label)
            free = start + len(label) + 1
        lines.append(Text(" " * left + "".join(dates), style=axis, no_wrap=True, overflow="crop"))
        return Text("\n").join(lines)
