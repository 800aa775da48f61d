"""A bar chart of one figure across sessions, on a fixed scale, with gaps left visible.

Textual's Sparkline stretches its data between the series' own minimum and maximum and
cannot show a missing value: a change from 3.4 to 3.5 would fill the whole height and
a session without an answer would silently vanish, shifting every later bar. Here every
session keeps its own column, the scale is fixed (1-5 for views), and an absent value is
drawn as a dot on the baseline, never as a bar of 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

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
