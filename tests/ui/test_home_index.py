"""Home paints from the listing index (issue 11): no history is parsed for the first paint,
a changed file is read in a worker while the others show, and the trend and open actions
read from the index equal the ones the full model gives."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.actions import open_actions
from retro.demo import fill_demo
from retro.index import summaries, summarise
from retro.model import History, Participant, Rating, Relationship, Session
from retro.store import Workspace
from retro.tui.app import make_app
from retro.tui.screens.home import HomeScreen
from retro.tui.screens.home import summarise as home_row
from retro.tui.widgets.sparkline import spark
from tests.ui.screen import until


def _keys(app) -> list[str]:
    return [str(k.value) for k in app.screen.query_one("#relationships").rows]


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    fill_demo(workspace, today=date(2026, 11, 23))
    return workspace


async def test_a_warm_index_paints_home_without_parsing_a_history(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = sorted(r.relationship.id for r in summaries(demo)[0])  # the index is warm
    parsed: list[Path] = []
    real = Workspace._load_path

    def counting(self: Workspace, path: Path):
        parsed.append(path)
        return real(self, path)

    monkeypatch.setattr(Workspace, "_load_path", counting)
    app = make_app(demo, watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.loaded
        assert sorted(_keys(app)) == expected
        assert parsed == []


async def test_home_shows_the_index_while_a_changed_file_is_still_being_read(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    found, _ = summaries(demo)
    slow = found[0].relationship
    demo.update_relationship(Relationship(slow.id, slow.client + " (renamed)", slow.agency))
    release = threading.Event()
    real = Workspace._load_path

    def blocking(self: Workspace, path: Path):
        if path.stem == slow.id:
            assert release.wait(10)
        return real(self, path)

    monkeypatch.setattr(Workspace, "_load_path", blocking)
    app = make_app(demo, watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        others = sorted(r.relationship.id for r in found[1:])
        assert sorted(_keys(app)) == others  # painted while the changed file is unread
        assert not screen.loaded
        release.set()
        await until(pilot, lambda: screen.loaded)
        assert sorted(_keys(app)) == sorted([slow.id, *others])
        row = next(r for r in screen.rows if r.relationship.id == slow.id)
        assert row.relationship.client.endswith("(renamed)")


async def test_the_sessions_list_follows_a_reload_and_the_highlighted_relationship(
    demo: Workspace,
) -> None:
    app = make_app(demo, watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        sessions = screen.query_one("#sessions")
        await until(pilot, lambda: screen.loaded)
        first = screen.rows[0]
        assert sessions.row_count == len(first.sessions)
        # Another device adds a session to the relationship that is highlighted.
        Workspace(demo.root).add_session(
            first.relationship.id,
            Session(id="from-elsewhere", date="2026-11-30"),
        )
        screen.reload()
        await until(pilot, lambda: sessions.row_count == len(first.sessions) + 1)
        assert str(sessions.coordinate_to_cell_key((0, 0)).row_key.value) == "from-elsewhere"
        await pilot.press("down")  # the next relationship: its own sessions
        second = screen.rows[1]
        await until(pilot, lambda: sessions.row_count == len(second.sessions))
        await pilot.press("up")
        await until(pilot, lambda: sessions.row_count == len(first.sessions) + 1)


async def test_a_cold_index_never_claims_an_empty_workspace_while_reading(
    demo: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    real = Workspace._load_path

    def blocking(self: Workspace, path: Path):
        assert release.wait(10)
        return real(self, path)

    monkeypatch.setattr(Workspace, "_load_path", blocking)
    app = make_app(demo, watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        assert not screen.loaded and _keys(app) == []
        assert str(screen.query_one("#home-message").render()).strip() == ""
        release.set()
        await until(pilot, lambda: screen.loaded)
        assert len(_keys(app)) == len(demo.files())


async def test_an_unreadable_file_is_reported_and_the_rest_shows(demo: Workspace) -> None:
    found, _ = summaries(demo)
    broken = found[0].path
    broken.write_text("{ not json")
    app = make_app(demo, watch_interval=None)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.screen
        assert isinstance(screen, HomeScreen)
        await until(pilot, lambda: screen.loaded)
        assert sorted(_keys(app)) == sorted(r.relationship.id for r in found[1:])
        assert [p.path for p in screen.problems] == [broken]


# The trend and the open actions from the index equal the rule applied to the full model.

_scores = st.one_of(st.none(), st.integers(1, 5))


@st.composite
def histories(draw) -> History:
    people = (
        Participant("c1", "C", "client"),
        Participant("c2", "D", "client"),
        Participant("a1", "A", "agency"),
    )
    sessions = []
    for i in range(draw(st.integers(0, 12))):
        ratings = tuple(
            Rating(p.id, dim, subject, draw(_scores))
            for p in people
            for dim in ("trust", "feedback")
            for subject in ("agency", "client")
            if draw(st.booleans())
        )
        sessions.append(
            Session(
                id=f"s{i:02d}",
                date=f"2026-{draw(st.integers(1, 12)):02d}-01",
                kind=draw(st.sampled_from(["joint", "self"])),
                status=draw(st.sampled_from(["open", "closed"])),
                participants=people,
                ratings=ratings,
                actions=(),
                review=(),
            )
        )
    return History(Relationship("r", "Client", "Agency"), tuple(sessions))


def _full_model_row(history: History) -> tuple[str, int]:
    """The README's rule, written out: the client's scores of the agency, per closed joint
    session, from the full model."""
    levels = []
    for s in history.sorted_sessions():
        if s.kind == "joint" and s.status == "closed":
            client = {p.id for p in s.participants if p.side == "client"}
            scores = [
                r.score
                for r in s.ratings
                if r.subject == "agency" and r.participant in client and r.score is not None
            ]
            levels.append(sum(scores) / len(scores) if scores else None)
    return spark(levels[-8:]), len(open_actions(history))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_trend_from_the_index_equals_the_one_from_the_full_model(history: History) -> None:
    row = home_row(summarise(Path("r.json"), history))
    assert (row.trend, row.open_actions) == _full_model_row(history)


def test_the_index_round_trip_keeps_trend_and_open_actions(demo: Workspace) -> None:
    histories_, _ = demo.scan()
    cold = {r.relationship.id: home_row(r) for r in summaries(demo)[0]}  # built from files
    warm = {r.relationship.id: home_row(r) for r in summaries(demo)[0]}  # read from the index
    assert cold == warm
    for h in histories_:
        assert (warm[h.relationship.id].trend, warm[h.relationship.id].open_actions) == (
            _full_model_row(h)
        )
    assert any(r.open_actions for r in warm.values())
