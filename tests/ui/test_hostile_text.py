"""Names and remarks are shown literally: markup, escapes, emoji, RTL and very long text
never restyle or break a screen."""

from __future__ import annotations

import asyncio

import pytest
from msgspec.structs import replace
from rich.cells import cell_len
from textual.widgets import DataTable, Input, Label

from retro.model import PHASES, Checkin, Note
from retro.terminal import for_terminal
from retro.tui.app import make_app
from retro.tui.guard import installed
from retro.tui.widgets.literal import clean
from tests.terminal_attacks import HOSTILE, VISIBLE_TITLE, controls_in, leaked
from tests.ui.data import OPEN, PEOPLE, REL, earlier_session, hostile_session, open_session

CLIENT = "[bold]Evil[/bold] Corp \x1b[5mBLINK"
AGENCY = "عليكم [red]Agency[/] " + "z" * 90


def screen_text(app) -> list[str]:
    """The screen as the terminal would show it, line by line."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


async def settle(pilot) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def build(workspace, phase: str):
    workspace.create_relationship(CLIENT, AGENCY, rel_id=REL)
    workspace.add_session(REL, earlier_session())
    workspace.add_session(REL, hostile_session(phase))
    return workspace


# What each phase must show, character for character (control characters made visible).
EXPECTED = {
    "checkin": [
        "[u]Question?[/u]",
        "[bold red]Clara[/] ␛[31mRED",
        "[i]answer[/i]",
        "Abel Newline␉Tab",
    ],
    "lookback": ["Weekly feedback slot"],
    "rate": ["[bold red]Clara[/] ␛[31mRED"],
    "weigh": ["Transparency & openness"],
    "reveal": ["Transparency"],
    "agree": ["Monthly idea beyond the brief"],
    "close": [
        "[blink]proud[/blink]",
        "␛]8;;http://evil␇link",
        "[link=http://x]Ada[/link] $var {{7*7}}",
    ],
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
@pytest.mark.parametrize("phase", PHASES)
async def test_hostile_text_is_literal(workspace, phase: str, size: tuple[int, int]) -> None:
    build(workspace, phase)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        lines = screen_text(app)
        text = "\n".join(lines)
        # Every line is exactly the terminal's width: nothing spilled or wrapped the screen.
        assert all(cell_len(line) == size[0] for line in lines), text
        assert len(lines) == size[1]
        # The header shows the relationship's names as typed (truncated, never styled).
        assert "[bold]Evil[/bold] Corp ␛[5mBLINK" in text
        for needle in EXPECTED[phase]:
            assert needle in text, f"{needle!r} not on the {phase} screen:\n{text}"
        # No raw escape character ever reaches the terminal.
        assert "\x1b" not in text


async def test_hostile_remarks_on_reveal(workspace) -> None:
    build(workspace, "reveal")
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("shift+tab", "right", "right", "right")  # the Remarks tab
        await settle(pilot)
        text = "\n".join(screen_text(app))
        assert "+ [b]works[/b] ␛[1mbold" in text
        assert "− [reverse]no[/]" in text
        assert "? why? 🎉" in text
        await pilot.press("right")  # Proud of
        await settle(pilot)
        text = "\n".join(screen_text(app))
        assert "[blink]proud[/blink] ␛]8;;http://evil␇link" in text


async def test_hostile_names_on_home(workspace) -> None:
    build(workspace, "rate")
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        lines = screen_text(app)
        text = "\n".join(lines)
        assert all(cell_len(line) == 80 for line in lines)
        assert "[bold]Evil[/bo" in text  # a long name is cut with an ellipsis, never styled
        assert "عليكم [red]Ag" in text


def test_clean_makes_controls_visible() -> None:
    assert clean("a\x1b[31mb\x07") == "a␛[31mb␇"
    assert clean("two\nlines") == "two lines"
    assert clean("two\nlines", multiline=True) == "two\nlines"
    assert clean("x" * 10, limit=5) == "xxxx…"


# -- escape sequences from data never reach the terminal ------------------------------------
#
# Every input widget kind, filled from the store with names, remarks, notes, answers and
# titles that carry OSC, CSI, DCS, APC, C1 and C0 sequences. Two things are checked: what
# the widgets draw shows the controls as pictures (the screen's strips), and what Textual
# writes to the terminal for those strips holds none of the sequences.


# What each kind of text starts with, so a test can tell them apart on screen.
REMARK, NOTE, ANSWER = "REMARK " + HOSTILE, "NOTE " + HOSTILE, "ANSWER " + HOSTILE


def hostile_everywhere(workspace, phase: str, join_code: str = ""):
    """A relationship whose every user text carries every attack, standing at `phase`."""
    workspace.create_relationship("Acme " + HOSTILE, "Studio " + HOSTILE, rel_id=REL)
    earlier = earlier_session()
    earlier = replace(
        earlier, actions=tuple(replace(a, title=f"{a.title} {HOSTILE}") for a in earlier.actions)
    )
    workspace.add_session(REL, earlier)
    people = tuple(replace(p, name=f"{p.name} {HOSTILE}") for p in PEOPLE)
    s = open_session(phase, people=people)
    s = replace(
        s,
        ratings=tuple(replace(r, works=REMARK, doesnt=REMARK, why=REMARK) for r in s.ratings),
        review=tuple(replace(r, note=NOTE) for r in s.review),
        actions=tuple(replace(a, title=HOSTILE) for a in s.actions),
        checkin=Checkin(HOSTILE, tuple(Note(p.id, ANSWER) for p in people)),
        proud=(Note(people[0].id, HOSTILE),),
        join_code=join_code,
    )
    workspace.add_session(REL, s)
    return workspace


def assert_terminal_safe(app) -> str:
    """The screen as drawn holds no control character, and what Textual writes for it holds
    none of the attacks; returns the screen's text."""
    strips = app.screen._compositor.render_strips()
    text = "\n".join(strip.text for strip in strips)
    assert controls_in(text) == [], text
    written = "".join(strip.render(app.console) for strip in strips)
    assert leaked(written) == [], written
    return text


def inputs_holding(app, value: str) -> list[Input]:
    return [i for i in app.screen.query(Input) if i.display and value in i.value]


@pytest.mark.parametrize("phase", PHASES)
async def test_escape_sequences_in_data_reach_no_terminal(workspace, phase: str) -> None:
    hostile_everywhere(workspace, phase)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = assert_terminal_safe(app)
        assert VISIBLE_TITLE in text  # the data is on screen, visibly


# The phases whose inputs are filled from the store as the screen opens: which, with what.
FILLED = {
    "checkin": ("answer-", ANSWER),  # each participant's check-in answer
    "lookback": ("note", NOTE),  # the note on the highlighted action
    "rate": ("works-", REMARK),  # the three remark inputs of each side
}


@pytest.mark.parametrize("phase", sorted(FILLED))
async def test_inputs_filled_from_data_show_controls(workspace, phase: str) -> None:
    hostile_everywhere(workspace, phase)
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        wid, stored = FILLED[phase]
        filled = inputs_holding(app, HOSTILE)
        assert any(wid in (i.id or "") for i in filled), [i.id for i in filled]
        for field in filled:
            assert field.value == stored  # the value is the data, untouched
            drawn = field.render_line(0).text.strip()
            # What is drawn is (a scrolled window on) the value with its controls as pictures.
            assert len(drawn) > 10 and drawn in for_terminal(stored), drawn
        assert_terminal_safe(app)


async def test_agree_action_title_being_edited(workspace) -> None:
    hostile_everywhere(workspace, "agree")
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one("#actions", DataTable).focus()
        await pilot.press("enter")  # edit the first action: its title fills the form
        await settle(pilot)
        assert "what" in {i.id for i in inputs_holding(app, HOSTILE)}
        assert_terminal_safe(app)


async def test_showing_a_hostile_answer_does_not_rewrite_it(workspace) -> None:
    """The field shows pictures, but saves what the store holds until the user edits it."""
    hostile_everywhere(workspace, "checkin")
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    pid = PEOPLE[0].id
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.query_one(f"#answer-{PEOPLE[1].id}", Input).focus()
        await pilot.press("enter")  # submit the untouched answer
        app.screen.query_one(f"#answer-{pid}", Input).focus()
        await pilot.press("end", "!", "enter")  # the user adds one character
        await settle(pilot)
    answers = {n.participant: n.text for n in workspace.load(REL).session(OPEN).checkin.answers}
    assert answers[PEOPLE[1].id] == ANSWER
    assert answers[pid] == ANSWER + "!"


async def test_names_on_home_setup_history_and_portfolio(workspace) -> None:
    hostile_everywhere(workspace, "rate")
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert VISIBLE_TITLE in assert_terminal_safe(app)  # relationships and sessions
        await pilot.press("s")  # a new session: participants of the last one, their sides
        await settle(pilot)
        assert "Clara Jansen ␛]2;PWN" in assert_terminal_safe(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("h")  # history of the relationship
        await settle(pilot)
        assert VISIBLE_TITLE in assert_terminal_safe(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("p")  # portfolio of every relationship
        await settle(pilot)
        assert VISIBLE_TITLE in assert_terminal_safe(app)


def test_every_strip_is_guarded_even_from_a_plain_input() -> None:
    """The last line of defence: a widget nobody made safe still writes no sequence."""
    from textual.app import App

    class Plain(App[None]):
        def compose(self):
            yield Input(HOSTILE)
            yield Label(HOSTILE, markup=False)

    assert installed()

    async def run() -> None:
        async with Plain().run_test(size=(80, 6)) as pilot:
            await pilot.pause()
            strips = pilot.app.screen._compositor.render_strips()
            assert any("PWNED" in s.text for s in strips)
            written = "".join(s.render(pilot.app.console) for s in strips)
            assert leaked(written) == [] and "]2;PWNED" in written

    asyncio.run(run())


async def test_join_who_and_rate_screens(workspace) -> None:
    """`retro join` and every browser tab of `retro serve` run these screens."""
    from retro.tui.screens.join import WhoScreen, make_join_app
    from retro.tui.screens.join_rate import RateScreen

    async def until(pilot, condition) -> None:
        for _ in range(200):  # the join app polls the store: wait for a state, not for idle
            if condition():
                return
            await pilot.pause(0.05)
        raise AssertionError("the join screens did not get there")

    hostile_everywhere(workspace, "rate", join_code="K7MQ2P")
    app = make_join_app(workspace, lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press(*"K7MQ2P", "enter")
        await until(pilot, lambda: isinstance(app.screen, WhoScreen))
        await pilot.pause(0.2)
        assert "Clara Jansen ␛]2;PWN" in assert_terminal_safe(app)  # who are you?
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, RateScreen))
        await pilot.pause(0.2)
        assert_terminal_safe(app)  # everything answered: the closing page
        await pilot.press("pageup")  # the last question, her own remarks in their fields
        await until(pilot, lambda: bool(inputs_holding(app, HOSTILE)))
        await pilot.pause(0.2)
        assert_terminal_safe(app)


async def test_export_path_built_from_a_session_id(workspace) -> None:
    """The export screen proposes `<session id>.md` as the file to write."""
    hostile_everywhere(workspace, "close")
    sid = "q3-" + HOSTILE.replace("\x00", "")
    workspace.add_session(REL, replace(earlier_session(), id=sid, date="2026-02-15"))
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.action_export(sid)
        await settle(pilot)
        path = app.screen.query_one("#export-path", Input)
        assert path.value.startswith(sid)  # what will be written, as the id is
        assert "q3-" + VISIBLE_TITLE in assert_terminal_safe(app)
