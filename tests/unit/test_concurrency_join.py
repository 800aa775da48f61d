"""Joining from an own terminal or a browser tab: the join gate, blind rating, live presence.

Driven headless with Pilot at 80x24; other participants and the facilitator are
simulated by saving through the store, as their own processes would.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from msgspec.structs import replace
from textual.app import App, ComposeResult

from retro.frameworks import default_framework
from retro.model import Participant, Rating, Session
from retro.serve import (
    format_code,
    is_loopback,
    normalise_code,
    session_by_code,
)
from retro.session_engine import participant_view, questions
from retro.store import Workspace
from retro.tui.screens.join import JoinScreen, WhoScreen, make_join_app
from retro.tui.screens.join_rate import RateScreen
from retro.tui.widgets.presence import Presence
from tests.ui.screen import until

PEOPLE = (
    Participant("c1", "Anouk", "client"),
    Participant("a1", "Bram", "agency"),
    Participant("a2", "Chris", "agency"),
)


@pytest.fixture
def live(workspace: Workspace) -> tuple[Workspace, str, str]:
    rel = workspace.create_relationship("Bakkerij Van Dijk", "Studio Noord").id
    workspace.add_session(
        rel,
        Session(
            id="s1",
            date="2026-11-01",
            participants=PEOPLE,
            status="open",
            blind=True,
            join_code="K7MQ2P",
            notes="internal: client is unhappy about invoices",
        ),
    )
    return workspace, rel, "K7MQ2P"


@pytest.fixture
def quick_backoff(monkeypatch: pytest.MonkeyPatch) -> float:
    """The back-off unit halved (0.25 s instead of 0.5): the join screen reads it through
    serve_gate.delay_after at each wrong code, so the rule is the same, the waits shorter."""
    import retro.serve_gate

    monkeypatch.setattr(retro.serve_gate, "FIRST_DELAY", 0.25)
    return 0.25


def screen_text(app: App) -> str:
    """What is on screen, near enough: the SVG screenshot with its non-breaking spaces undone."""
    return app.export_screenshot().replace("&#160;", " ")


async def test_wrong_code_reveals_nothing_and_right_code_shows_session(live, quick_backoff) -> None:
    ws, _, code = live
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"ZZZZZZ", "enter")
        await until(pilot, lambda: "No open session" in screen_text(app))
        assert isinstance(app.screen, JoinScreen)
        text = screen_text(app)
        for secret in ("Bakkerij", "Studio", "Anouk", "Bram"):
            assert secret not in text
        await until(pilot, lambda: not app.screen.waiting)
        await pilot.press(*code[:3].lower(), "-", *code[3:], "enter")
        await until(pilot, lambda: isinstance(app.screen, WhoScreen))
        text = screen_text(app)
        assert "Bakkerij" in text and "Anouk" in text and "Chris" in text


async def test_repeated_wrong_codes_are_slowed_down(live, quick_backoff) -> None:
    ws, _, _ = live
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await until(pilot, lambda: not app.screen.waiting)
            await pilot.press(*"AAAAAA", "enter")
            await until(pilot, lambda: app.screen.failures > 0)
        await until(pilot, lambda: app.screen.failures == 3)
        # still waiting out the delay (0.5 s after the third, at a unit of 0.25)
        assert app.screen.waiting


async def test_a_code_typed_again_at_once_after_a_wrong_one_loses_no_key(
    live, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At meeting speed: a typo, Enter, and the right code typed straight after while the
    back-off still runs. Every key lands in the field and the Enter is tried when the wait
    is over; nothing is checked before it (the back-off holds)."""
    import retro.serve_gate

    monkeypatch.setattr(retro.serve_gate, "FIRST_DELAY", 1.0)  # outlasts the typing below
    ws, _, code = live
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, JoinScreen)
        await pilot.press(*"ZZZZZZ", "enter", *code, "enter")  # the retry while it checks
        await until(pilot, lambda: screen.failures == 1)
        assert screen.waiting
        assert screen.query_one("#join-code").value == code  # no key lost, none added
        assert screen.failures == 1 and isinstance(app.screen, JoinScreen)
        await until(pilot, lambda: isinstance(app.screen, WhoScreen))
        assert screen.failures == 1


async def test_closed_sessions_cannot_be_joined(live) -> None:
    ws, rel, code = live
    assert session_by_code(ws, code.lower()) is not None
    ws.update_session(rel, "s1", lambda s: replace(s, status="closed"))
    assert session_by_code(ws, code) is None
    assert session_by_code(ws, "") is None


async def test_participant_rates_blind_and_the_answer_lands_in_the_store(live) -> None:
    ws, rel, code = live
    # Bram answered already on his own laptop.
    ws.update_session(rel, "s1", lambda s: s.with_rating(Rating("a1", "transparency", "client", 1)))
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*code, "enter")
        await until(pilot, lambda: isinstance(app.screen, WhoScreen))
        await pilot.press("enter")  # Anouk, first in the list
        await until(pilot, lambda: isinstance(app.screen, RateScreen))
        rate = app.screen
        assert {r.participant for r in rate.session.ratings} == set()  # Bram's is hidden
        assert "internal" not in screen_text(app)
        await pilot.press("4", "tab", *"quick replies", "enter")
        await until(pilot, lambda: rate.pending == 0 and rate.session.ratings != ())
        await pilot.press("tab", "enter")  # leave the page: the remark is saved too
        await until(
            pilot,
            lambda: (
                (
                    ws.load(rel).session("s1").rating("c1", "transparency", "client")
                    or Rating("", "", "client")
                ).works
                == "quick replies"
            ),
        )
        stored = ws.load(rel).session("s1").rating("c1", "transparency", "client")
        assert stored.score == 4
        # The facilitator reveals: the participant's screen notices by itself.
        ws.update_session(rel, "s1", lambda s: replace(s, revealed=True))
        await until(pilot, lambda: rate.session.revealed)
        # Anouk has not answered everything yet: a late answerer is not steered by the room.
        assert {r.participant for r in rate.session.ratings} == {"c1"}


async def test_closing_the_session_stops_further_answers(live) -> None:
    ws, rel, code = live
    app = make_join_app(ws, lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*code, "enter")
        await until(pilot, lambda: isinstance(app.screen, WhoScreen))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RateScreen))
        ws.update_session(rel, "s1", lambda s: replace(s, status="closed"))
        await until(pilot, lambda: app.screen.session.status == "closed")
        assert "gesloten" in screen_text(app)
        await pilot.press("3")
        await pilot.pause(0.2)
    assert ws.load(rel).session("s1").ratings == ()


def test_participant_view_hides_others_until_revealed() -> None:
    s = Session(
        id="s1",
        date="2026-11-01",
        participants=PEOPLE,
        blind=True,
        notes="secret",
        ratings=(Rating("c1", "trust", "agency", 4), Rating("a1", "trust", "agency", 2)),
    )
    v = participant_view(s, "c1")
    assert [r.participant for r in v.ratings] == ["c1"] and v.notes == ""
    # Revealed, but c1 has not answered everything: still only their own.
    assert len(participant_view(replace(s, revealed=True), "c1").ratings) == 1
    # Once their own are in, everything.
    fw = default_framework()
    done = s
    for q in questions(fw, "joint", "client"):
        done = done.with_rating(Rating("c1", q.dimension, q.subject, 3))  # type: ignore[arg-type]
    assert {
        r.participant for r in participant_view(replace(done, revealed=True), "c1").ratings
    } == {
        "c1",
        "a1",
    }


def test_codes_and_hosts() -> None:
    assert normalise_code(" k7m-q2p ") == "K7MQ2P"
    assert format_code("K7MQ2P") == "K7M-Q2P"
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")


class _Facilitator(App[None]):
    def __init__(self, ws: Workspace, rel: str) -> None:
        super().__init__()
        self.ws, self.rel = ws, rel

    def compose(self) -> ComposeResult:
        yield Presence(self.ws, self.rel, "s1", interval=0.1)


SAVE = (
    "import sys\n"
    "from retro.model import Rating\n"
    "from retro.store import Workspace\n"
    "from retro.frameworks import default_framework\n"
    "from retro.pack import questions\n"
    "ws = Workspace(sys.argv[1])\n"
    "for q in questions(default_framework(), 'joint', 'agency'):\n"
    "    r = Rating('a2', q.dimension, q.subject, 3)\n"
    "    ws.update_session(sys.argv[2], 's1', lambda s, r=r: s.with_rating(r))\n"
)


async def test_facilitator_sees_join_code_and_who_finished_live(workspace) -> None:
    rel = workspace.create_relationship("Bakkerij Van Dijk", "Studio Noord").id
    workspace.add_session(
        rel, Session(id="s1", date="2026-11-01", participants=PEOPLE, status="open", blind=True)
    )
    app = _Facilitator(workspace, rel)
    async with app.run_test(size=(80, 24)) as pilot:
        presence = app.query_one(Presence)
        await until(pilot, lambda: presence.code != "" and presence.session is not None)
        assert workspace.load(rel).session("s1").join_code == presence.code
        assert format_code(presence.code) in screen_text(app)
        assert presence.finished_names() == []
        # Chris answers everything from another process; nobody touches the facilitator.
        proc = subprocess.run(
            [sys.executable, "-c", SAVE, str(workspace.root), rel],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr
        await until(pilot, lambda: presence.finished_names() == ["Chris"])
        assert "✓ Chris" in screen_text(app)
        # Counts only: no score is ever on the facilitator's presence line.
        assert "Anouk 0/17" in screen_text(app)


class _FakeServer:
    public_url = "http://example.invalid:8000"

    def serve(self) -> None:
        pass


@pytest.mark.parametrize(
    "host, warned", [("127.0.0.1", False), ("localhost", False), ("0.0.0.0", True)]
)
def test_serve_warns_when_reachable_from_other_machines(
    host, warned, monkeypatch, capsys, workspace
) -> None:
    import retro.serve
    from retro.cli import main

    seen = {}

    def fake(root, host, port, **kw):
        seen.update(root=root, host=host, port=port, **kw)
        return _FakeServer()

    monkeypatch.setattr(retro.serve, "make_server", fake)
    assert main(["serve", "--host", host, "--port", "8123"]) == 0
    err = capsys.readouterr().err
    assert ("NOT encrypted" in err and "TLS" in err) is warned
    assert seen["host"] == host and seen["port"] == 8123
    assert seen["root"] == workspace.root.resolve()


def test_served_command_runs_the_join_gate_on_the_workspace(tmp_path) -> None:
    from retro.serve import app_command

    cmd = app_command(tmp_path / "my ws", lang="nl")
    assert cmd.startswith(sys.executable) or cmd.startswith(f"'{sys.executable}'")
    assert "-m retro --data" in cmd and "'" + str(tmp_path / "my ws") + "'" in cmd
    assert cmd.endswith("--lang nl join")


def test_serve_rejects_a_bad_port(capsys) -> None:
    from retro.cli import main

    assert main(["serve", "--port", "70000"]) == 1
    assert "not a port" in capsys.readouterr().err


def test_serve_prints_the_join_code_of_each_open_session(monkeypatch, capsys, workspace) -> None:
    import retro.serve
    from retro.cli import main

    rel = workspace.create_relationship("Bakkerij [b]Van[/b] Dijk", "Studio Noord").id
    workspace.add_session(rel, Session(id="open", date="2026-11-01", status="open"))
    workspace.add_session(rel, Session(id="shut", date="2026-10-01", status="closed"))
    monkeypatch.setattr(retro.serve, "make_server", lambda *a, **kw: _FakeServer())
    assert main(["serve"]) == 0
    out = capsys.readouterr().out
    code = workspace.load(rel).session("open").join_code
    assert code and workspace.load(rel).session("shut").join_code == ""
    assert f"join code {format_code(code)}: Bakkerij [b]Van[/b] Dijk & Studio Noord" in out
    assert out.count("join code ") == 1


async def test_join_with_the_code_on_the_command_line_skips_the_gate(live) -> None:
    ws, _, code = live
    app = make_join_app(ws, lang="en", code=f"{code[:3].lower()}-{code[3:].lower()}")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, WhoScreen))
        # Painted with the next refresh, however loaded the machine is.
        await until(pilot, lambda: "Anouk" in screen_text(app) and "Quit" in screen_text(app))
    app = make_join_app(ws, lang="nl", code="WRONG1")
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: "Stoppen" in screen_text(app))
        await pilot.pause(0.2)
        assert isinstance(app.screen, JoinScreen)


async def test_a_score_changed_elsewhere_shows_on_the_participant_s_own_screen(live) -> None:
    """After the reveal the facilitator may take a score over: the participant sees it too."""
    ws, rel, code = live
    app = make_join_app(ws, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*code, "enter")
        await until(pilot, lambda: isinstance(app.screen, WhoScreen))
        await pilot.press("enter")  # Anouk
        await until(pilot, lambda: isinstance(app.screen, RateScreen))
        rate = app.screen
        await pilot.press("2")
        await until(pilot, lambda: rate.pending == 0 and rate.session.ratings != ())
        ws.update_session(
            rel,
            "s1",
            lambda s: replace(s, revealed=True).with_rating(
                Rating("c1", "transparency", "client", 5)
            ),
        )
        await until(pilot, lambda: rate.query_one("#rate-score").value == 5)
