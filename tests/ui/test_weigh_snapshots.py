"""How "what matters" looks (issue 13.5): the weigh screen and the reveal's grid, at 80x24 and 120x40,
dark and light. Update only after looking: `pytest tests/ui/test_weigh_snapshots.py
--snapshot-update`, then open the SVGs."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from retro.model import DEVICE, Weight
from retro.tui.app import make_app
from tests.ui.data import OPEN, build_workspace
from tests.ui.meeting import settle as _settle
from tests.ui.test_weigh import weighed

THEMES = ["textual-dark", "textual-light"]


def _weigh_app(workspace, theme: str):
    """The client with 70 given, on the third row, a "70" capped to the most it can have
    (65, all 100 given) with the reason; the agency's points came from a device."""
    s = weighed("weigh")
    client = (
        Weight("client", "transparency", 20),
        Weight("client", "expectations", 15),
        Weight("client", "feedback", 35),
    )
    agency = tuple(replace(w, origin=DEVICE) for w in s.importance if w.side == "agency")
    build_workspace(workspace, with_open=replace(s, importance=client + agency, blind=False))
    return make_app(workspace, theme=theme, session_id=OPEN, watch_interval=None, resume=False)


WEIGH_KEYS = ["down", "down", "7", "0"]


def _grid_app(workspace, theme: str):
    """The reveal on its What matters tab (three tabs along)."""
    build_workspace(workspace, with_open=weighed("reveal"))
    return make_app(workspace, theme=theme, session_id=OPEN, watch_interval=None, resume=False)


GRID_KEYS = ["right_square_bracket"] * 3


@pytest.mark.parametrize("theme", THEMES)
def test_weigh_screen(snap_compare, workspace, theme: str) -> None:
    app = _weigh_app(workspace, theme)
    assert snap_compare(app, press=WEIGH_KEYS, terminal_size=(80, 24), run_before=_settle)


@pytest.mark.parametrize("theme", THEMES)
def test_reveal_grid(snap_compare, workspace, theme: str) -> None:
    app = _grid_app(workspace, theme)
    assert snap_compare(app, press=GRID_KEYS, terminal_size=(80, 24), run_before=_settle)


# The same two screens at 120x40 (issue 13's "80x24 and 120x40, dark and light"); kept as
# tests of their own so the 80x24 snapshots above keep their names and files.


@pytest.mark.parametrize("theme", THEMES)
def test_weigh_screen_120x40(snap_compare, workspace, theme: str) -> None:
    app = _weigh_app(workspace, theme)
    assert snap_compare(app, press=WEIGH_KEYS, terminal_size=(120, 40), run_before=_settle)


@pytest.mark.parametrize("theme", THEMES)
def test_reveal_grid_120x40(snap_compare, workspace, theme: str) -> None:
    app = _grid_app(workspace, theme)
    assert snap_compare(app, press=GRID_KEYS, terminal_size=(120, 40), run_before=_settle)
