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
