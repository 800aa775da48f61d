"""How every screen looks: each phase and home, at 80x24 and 120x40, dark and light.

Update only after looking at the report: `pytest tests/ui --snapshot-update`.
"""

from __future__ import annotations

from datetime import date

import pytest

from retro.demo import fill_demo
from retro.model import PHASES
from retro.tui.app import make_app
from tests.ui.data import OPEN, build_workspace, open_session

SIZES = [(80, 24), (120, 40)]
THEMES = ["textual-dark", "textual-light"]


async def _settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("phase", PHASES)
def test_phase(snap_compare, workspace, phase: str, size: tuple[int, int], theme: str) -> None:
    build_workspace(workspace, with_open=open_session(phase))
    app = make_app(workspace, theme=theme, session_id=OPEN, watch_interval=None, resume=False)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, workspace, size: tuple[int, int], theme: str) -> None:
    fill_demo(workspace, today=date(2026, 11, 1))
    app = make_app(workspace, theme=theme, watch_interval=None, resume=False)
    assert snap_compare(app, terminal_size=size, run_before=_settle)


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reveal_distribution(snap_compare, workspace, size: tuple[int, int], theme: str) -> None:
    """The reveal's distribution tab: a diverging bar per view, raters in words, agreement."""
    build_workspace(workspace, with_open=open_session("reveal"))
    app = make_app(workspace, theme=theme, session_id=OPEN, watch_interval=None, resume=False)
    assert snap_compare(app, press=["right_square_bracket"], terminal_size=size, run_before=_settle)


def test_reveal_anonymous_below_threshold(snap_compare, workspace) -> None:
    """Two raters per side in an anonymous session: only means, on a faint track."""
    from msgspec.structs import replace

    build_workspace(workspace, with_open=replace(open_session("reveal"), anonymous=True))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    assert snap_compare(
        app, press=["right_square_bracket"], terminal_size=(80, 24), run_before=_settle
    )


def test_setup_and_help(snap_compare, workspace) -> None:
    build_workspace(workspace)
    app = make_app(workspace, watch_interval=None, resume=False)
    assert snap_compare(app, press=["s", "f1"], terminal_size=(80, 24), run_before=_settle)


def test_blind_reveal_hidden(snap_compare, workspace) -> None:
    from msgspec.structs import replace

    build_workspace(
        workspace, with_open=replace(open_session("reveal"), blind=True, revealed=False)
    )
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settle)


def test_dutch_rate(snap_compare, workspace) -> None:
    build_workspace(workspace, with_open=open_session("rate", language="nl"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settle)
