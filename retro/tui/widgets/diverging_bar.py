"""One view's scores drawn as a diverging bar: low scores left of a centre line, high ones right.

A mean of three scores hides whether the three agree or split 1 / 5 / 3. The bar draws
every rater as a block on a scale shared by the whole screen (`unit` cells per rater),
so a view of two raters is visibly smaller than a view of five, and a split side looks
split. 1s and 5s sit outermost and solid, 2s and 4s nearer the line and shaded, 3s
straddle the line faintly: glyph and side carry the meaning even without colour (a
projector, a colour-blind reader). Where anonymity withholds the distribution
(retro.figures.shows_distribution) only the mean is drawn, as a marker on the 1-5 scale.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.style import Style
from rich.text import Text

from retro.figures import SCALE, View

GLYPHS = {1: "█", 2: "▓", 3: "░", 4: "▓", 5: "█"}
CENTRE = "│"
MARKER = "●"
TRACK = "·"


def bar_cells(view: View, half: int, unit: int) -> tuple[list[int], list[int]]:
    """The scores drawn left and right of the centre, innermost first, one entry per cell.

    A 3 is split over both sides (the odd cell goes right); the rest by side of the
    scale. Cells beyond `half` on a side are cut, never wrapped: `unit` is chosen by the
    caller so the largest view on screen fits.
    """
    counts = view.distribution
    neutral = counts[3] * unit
    left = [3] * (neutral // 2) + [2] * (counts[2] * unit) + [1] * (counts[1] * unit)
    right = [3] * (neutral - neutral // 2) + [4] * (counts[4] * unit) + [5] * (counts[5] * unit)
    return left[:half], right[:half]


def marker_column(mean: float, width: int) -> int:
    """Where a mean sits on a 1-5 track of `width` cells (1 at the left edge, 5 at the right)."""
    lo, hi = SCALE[0], SCALE[-1]
    frac = (min(max(mean, lo), hi) - lo) / (hi - lo)
    return round(frac * (width - 1))


# The parts a bar is drawn in: the component classes of the widget that draws bars
# (retro.tui.widgets.dimension_bars), which styles each one.
BAR_PARTS: frozenset[str] = frozenset(
    f"diverging-bar--{part}" for part in ("1", "2", "3", "4", "5", "centre", "track", "mean")
)


def unit_for(half: int, most: int) -> int:
    """Cells per rater: as many as let the largest view on screen (`most` raters) fit one
    side of `half` cells."""
    return max(1, half // max(1, most))


def draw_bar(view: View, shown: bool, most: int, width: int, style: Callable[[str], Style]) -> Text:
    """The bar of `view` in `width` cells; `style(name)` gives the style of a part ("1".."5",
    "centre", "track", "mean"), the widget's component style of that part. The reveal
    draws several bars in one widget (retro.tui.widgets.dimension_bars)."""
    width = max(3, width)
    half = (width - 1) // 2
    right_room = width - 1 - half
    line = Text(no_wrap=True, overflow="crop")
    if not shown:
        # Only the mean: a marker on a faint 1-5 track, the centre (3) kept as a guide.
        mean = view.mean
        at = marker_column(mean, width) if mean is not None else -1
        for col in range(width):
            if col == at:
                line.append(MARKER, style("mean"))
            elif col == half:
                line.append(CENTRE, style("centre"))
            else:
                line.append(TRACK, style("track"))
        return line
    left, right = bar_cells(view, half, unit_for(half, most))
    line.append(" " * (half - len(left)))
    for score in reversed(left):
        line.append(GLYPHS[score], style(str(score)))
    line.append(CENTRE, style("centre"))
    for score in right[:right_room]:
        line.append(GLYPHS[score], style(str(score)))
    line.append(" " * (right_room - min(len(right), right_room)))
    return line
