"""The importance grids keep dimensions apart: in the terminal two markers side by side
("3" and "8" read as "38"), in the SVG two labels over each other, never."""

from __future__ import annotations

import pytest


def _grid_at(spots: list[tuple[int, float]]):
    from retro.figures import GridPoint, ImportanceGrid

    points = tuple(
        GridPoint(f"d{i}", imp, perf, 2, "keep_up" if imp >= 10 else "overkill")
        for i, (imp, perf) in enumerate(spots)
    )
    return ImportanceGrid("client", "agency", points, importance_cross=5.0, performance_cross=2.0)


def _marker_runs(rows) -> list[str]:
    """Every run of markers next to each other on one row of the plot."""
    runs = []
    for cells in rows:
        run = ""
        for ch, role in [*cells, (" ", "")]:
            if role not in ("", "axis", "cross"):
                run += ch
            elif run:
                runs.append(run)
                run = ""
    return runs


@pytest.mark.parametrize(
    "spots",
    [
        [(30, 4.0), (30, 4.0)],  # two dimensions at the same spot
        [(30, 4.0), (30, 4.0), (30, 4.0), (30, 4.0)],
        [(30, 4.0), (30, 4.05)],  # neighbouring columns
    ],
)
def test_grid_markers_never_touch(spots) -> None:
    from retro.tui.widgets.importance_grid import marker, plot

    grid = _grid_at(spots)
    markers = {p.dimension: marker(i) for i, p in enumerate(grid.points)}
    for width in (36, 60):
        runs = _marker_runs(plot(grid, markers, width, "en"))
        assert sorted("".join(runs)) == sorted(markers.values())  # every one drawn
        assert all(len(run) == 1 for run in runs), runs


def _svg_label_boxes(spots: list[tuple[float, float]], names: list[str]):
    """The SVG grid's point labels as boxes (6 px a character, as the chart reckons)."""
    import xml.etree.ElementTree as ET

    from retro.export.charts import Grid, GridPoint, importance_grid

    points = [
        GridPoint(f"d{i}", name, imp, score, "keep_up")
        for i, ((imp, score), name) in enumerate(zip(spots, names, strict=True))
    ]
    svg = importance_grid(
        Grid("client", "agency", 100, 11.1, 3.5, points, {"keep_up": "keep up"}), "en"
    )
    ns = "{http://www.w3.org/2000/svg}"
    boxes = []
    for g in ET.fromstring(svg).iter(f"{ns}g"):
        if g.get("class") != "point":
            continue
        t = g.find(f"{ns}text")
        assert t is not None and t.text
        x, y, width = float(t.get("x", 0)), float(t.get("y", 0)), len(t.text) * 6.0
        left = x if t.get("text-anchor") == "start" else x - width
        boxes.append((left, y - 10, left + width, y + 2))
    return boxes


@pytest.mark.parametrize("count", [2, 5, 8])
def test_svg_grid_labels_of_dimensions_at_one_spot_never_overlap(count: int) -> None:
    names = [f"Dimension {i + 1}" for i in range(count)]
    boxes = _svg_label_boxes([(20.0, 4.0)] * count, names)
    assert len(boxes) == count
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]), (a, b)
