"""The importance–performance grid of one side, drawn in characters (issue 13.5).

Up: the points the side gave a dimension; right: how that side scored the other side on
it. The two crosshairs (figures.importance_grid states where they stand) cut the grid
into four quadrants; top-left, matters much and scores low, is "concentrate here".
Dimensions are drawn as their number in the framework; the lines under the grid name
them per quadrant, so the picture needs no legend of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Static

from retro.figures import (
    PRIORITY_GAP_AT,
    QUADRANTS,
    GridPoint,
    ImportanceGrid,
    concentrate_dimensions,
    importance_grid,
    importance_of,
    number,
    priority_gaps,
)
from retro.model import IMPORTANCE_POINTS, SIDES, Session
from retro.tui.widgets.literal import clean
from retro.words import tr

if TYPE_CHECKING:
    from retro.frameworks import Framework

SCALE_LOW, SCALE_HIGH = 1, 5
PLOT_HEIGHT = 9
Y_LABEL = 4  # "100┤"


def marker(index: int) -> str:
    """1-9, then a-z: one character per dimension, in framework order."""
    return str(index + 1) if index < 9 else chr(ord("a") + index - 9)


def _top(grid: ImportanceGrid) -> int:
    """The importance at the top of the plot: room for the largest allocation, and the
    crosshair never at the very top (rounded up to a multiple of 10)."""
    given = [p.importance for p in grid.points if p.importance is not None]
    top = max([*given, 2 * grid.importance_cross, 10])
    return min(IMPORTANCE_POINTS, int(-(-top // 10) * 10))


def _free(row: list[tuple[str, str]], x: int) -> bool:
    """Whether a marker may go in this cell: empty or a crosshair, not another marker."""
    return row[x][1] in ("", "cross")


def _marked(row: list[tuple[str, str]], x: int) -> bool:
    """Whether the cell holds a marker (outside the row holds none)."""
    return 0 <= x < len(row) and not _free(row, x)


def plot(
    grid: ImportanceGrid, markers: dict[str, str], width: int, lang: str
) -> list[list[tuple[str, str]]]:
    """The grid as rows of (character, role) cells; roles: "", "axis", "cross",
    a quadrant name for a marker. Pure, so the layout can be tested without a screen."""
    cols = max(10, width - Y_LABEL)
    rows = PLOT_HEIGHT
    top = _top(grid)

    def col(perf: float) -> int:
        share = (perf - SCALE_LOW) / (SCALE_HIGH - SCALE_LOW)
        return max(0, min(cols - 1, round(share * (cols - 1))))

    def row(points: float) -> int:
        return max(0, min(rows - 1, rows - 1 - round(points / top * (rows - 1))))

    cells = [[(" ", "") for _ in range(cols)] for _ in range(rows)]
    cross_c, cross_r = col(grid.performance_cross), row(grid.importance_cross)
    for r in range(rows):
        cells[r][cross_c] = ("│", "cross")
    for c in range(cols):
        cells[cross_r][c] = ("┼" if c == cross_c else "─", "cross")
    for p in grid.points:
        if p.importance is None or p.performance is None or p.quadrant is None:
            continue
        r, c = row(p.importance), col(p.performance)
        # Never drawn on a crosshair it is not on: rounding must not hide its quadrant.
        if r == cross_r and p.importance != grid.importance_cross:
            r = max(0, r - 1) if p.importance > grid.importance_cross else min(rows - 1, r + 1)
        if c == cross_c and p.performance != grid.performance_cross:
            c = min(cols - 1, c + 1) if p.performance > grid.performance_cross else max(0, c - 1)
        # Two dimensions in one cell or side by side ("3" next to "8" reads "38"): the
        # later one steps aside to a free cell with a free cell either side, away from
        # the vertical crosshair first, so it stays in its own quadrant where it can;
        # only a row too full for that lets two touch.
        step = 1 if c >= cross_c else -1
        order = [c + step * k for k in range(cols)] + [c - step * k for k in range(1, cols)]
        inside = [x for x in order if 0 <= x < cols and _free(cells[r], x)]
        apart = [x for x in inside if not _marked(cells[r], x - 1) and not _marked(cells[r], x + 1)]
        free = next(iter(apart or inside), None)
        if free is not None:
            cells[r][free] = (markers.get(p.dimension, "?"), p.quadrant)
    labels = {0: str(top), cross_r: number(grid.importance_cross, lang, 0), rows - 1: "0"}
    out: list[list[tuple[str, str]]] = []
    for r in range(rows):
        label = labels.get(r, "")
        tick = "┤" if r in labels else "│"
        out.append([(ch, "axis") for ch in f"{label:>{Y_LABEL - 1}}{tick}"] + cells[r])
    out.append([(ch, "axis") for ch in " " * (Y_LABEL - 1) + "└" + "─" * cols])
    scale = [" "] * (Y_LABEL + cols)
    for value, c in (
        (str(SCALE_LOW), 0),
        (number(grid.performance_cross, lang, 1), cross_c),
        (str(SCALE_HIGH), cols - 1),
    ):
        start = max(0, min(len(scale) - len(value), Y_LABEL + c - len(value) // 2))
        scale[start : start + len(value)] = list(value)
    out.append([(ch, "axis") for ch in "".join(scale)])
    return out


class ImportanceGridView(Widget):
    """One side's grid: its title, the plot, the crosshairs in words, and the quadrants."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "grid--title",
        "grid--axis",
        "grid--cross",
        "grid--concentrate",
        "grid--marker",
        "grid--muted",
    }

    DEFAULT_CSS = """
    ImportanceGridView { height: auto; width: 1fr; min-width: 30; padding: 0 1 0 0; }
    ImportanceGridView > .grid--title { text-style: bold; color: $text-primary; }
    ImportanceGridView > .grid--axis { color: $text-muted; }
    ImportanceGridView > .grid--cross { color: $text-disabled; }
    ImportanceGridView > .grid--concentrate { color: $text-error; text-style: bold; }
    ImportanceGridView > .grid--marker { color: $text-accent; text-style: bold; }
    ImportanceGridView > .grid--muted { color: $text-muted; }
    """

    def __init__(self, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.grid: ImportanceGrid | None = None
        self.titles: dict[str, str] = {}
        self.note = ""  # shown instead of the plot (not divided yet, hidden)

    def show_grid(
        self, grid: ImportanceGrid | None, titles: dict[str, str], note: str = ""
    ) -> None:
        """grid None (or a side without points) shows `note` under the title instead."""
        self.grid, self.titles, self.note = grid, titles, note
        self.refresh(layout=True)

    def _lines(self, width: int) -> list[Text]:
        grid, lang = self.grid, self.lang
        if grid is None:
            return [Text(self.note, style=self.get_component_rich_style("grid--muted"))]
        title = Text(
            tr(lang, f"grid.title.{grid.rater}"),
            style=self.get_component_rich_style("grid--title"),
        )
        if all(p.importance is None for p in grid.points):
            note = self.note or tr(lang, "grid.empty", side=tr(lang, f"side.{grid.rater}.cap"))
            return [title, Text(note, style=self.get_component_rich_style("grid--muted"))]
        markers = {p.dimension: marker(i) for i, p in enumerate(grid.points)}
        styles: dict[str, str | Style] = {
            "": "",
            "axis": self.get_component_rich_style("grid--axis"),
            "cross": self.get_component_rich_style("grid--cross"),
            "concentrate": self.get_component_rich_style("grid--concentrate"),
        }
        plain_marker = self.get_component_rich_style("grid--marker")
        lines = [title, Text(tr(lang, "grid.axes"), style=styles["axis"])]
        for cells in plot(grid, markers, width, lang):
            line = Text(no_wrap=True)
            for ch, role in cells:
                line.append(ch, styles.get(role, plain_marker))
            lines.append(line)
        cross = tr(
            lang,
            "grid.cross",
            imp=number(grid.importance_cross, lang, 0),
            perf=number(grid.performance_cross, lang, 1),
        )
        lines.extend(Text(part) for part in _wrap(cross, width))
        for q in QUADRANTS:
            members = [p for p in grid.points if p.quadrant == q]
            if not members:
                continue
            names = " · ".join(f"{markers[p.dimension]} {self._title_of(p)}" for p in members)
            text = f"{tr(lang, f'grid.q.{q}')}: {names}"
            style = styles["concentrate"] if q == "concentrate" else ""
            lines.extend(Text(part, style=style) for part in _wrap(text, width))
        return lines

    def _title_of(self, p: GridPoint) -> str:
        return clean(self.titles.get(p.dimension, p.dimension), limit=32)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render(self) -> Text:
        return Text("\n").join(self._lines(self.content_region.width or 36))


def _wrap(text: str, width: int) -> list[str]:
    """Plain word wrap: the grid's lines are built by hand, so they wrap by hand too."""
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return out


class ImportancePane(VerticalScroll):
    """The reveal's "what matters" section: "concentrate here" first, a grid per side,
    then the priority gaps (where the two sides disagree on what matters)."""

    DEFAULT_CSS = """
    ImportancePane { height: 1fr; }
    ImportancePane #concentrate { text-style: bold; color: $text-error; height: auto; }
    ImportancePane #grids { height: auto; margin: 1 0; }
    ImportancePane #priority-gaps { height: auto; }
    """

    def __init__(self, lang: str, *, classes: str | None = None) -> None:
        super().__init__(classes=classes, id="importance")
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Static("", id="concentrate", markup=False)
        with Horizontal(id="grids"):
            yield ImportanceGridView(self.lang, id="grid-client")
            yield ImportanceGridView(self.lang, id="grid-agency")
        yield Static("", id="priority-gaps", markup=False)

    def paint(self, session: Session, framework: Framework) -> None:
        """session: as this screen may see it (the engine's visible_session)."""
        lang = self.lang
        keys = list(framework.keys)
        titles = {d.key: d.title(lang) for d in framework.dimensions}
        marked = concentrate_dimensions(session, keys)
        if marked:
            names = " · ".join(clean(titles.get(k, k), limit=40) for k in marked)
            first = tr(lang, "grid.concentrate", dims=names)
        else:
            first = tr(lang, "grid.no_concentrate")
        self.query_one("#concentrate", Static).update(first)
        for side in SIDES:
            self.query_one(f"#grid-{side}", ImportanceGridView).show_grid(
                importance_grid(session, side, keys), titles
            )
        gaps = [g for g in priority_gaps(session, keys) if g.is_gap]
        if gaps:
            lines = [tr(lang, "grid.gaps", at=PRIORITY_GAP_AT)]
            lines += [
                "  "
                + tr(
                    lang,
                    "grid.gap_line",
                    dim=clean(titles.get(g.dimension, g.dimension), limit=40),
                    client=g.client,
                    agency=g.agency,
                )
                for g in gaps
            ]
            text = "\n".join(lines)
        elif all(importance_of(session, side) for side in SIDES):
            text = tr(lang, "grid.no_gaps")
        else:
            text = ""
        self.query_one("#priority-gaps", Static).update(text)
