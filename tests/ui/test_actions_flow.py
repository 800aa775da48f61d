"""Actions live until they are done or dropped, and the agree form keeps what was typed.

Issue 10, items 5 and 7 (and the agree form at 60x20 from item 11): each test drives the
real app the way a facilitator does in a meeting, keys sent together without pauses.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from msgspec.structs import replace
from textual.widget import Widget
from textual.widgets import Button, DataTable, Input, Select, Static

from retro.dates import parse_due
from retro.model import Action, ActionDraft, Participant, Review, Session
from retro.tui.app import make_app
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.agree import AgreeScreen
from retro.tui.screens.home import HomeScreen
from retro.tui.screens.lookback import LookbackScreen
from tests.ui.data import OPEN, build_workspace, open_session
from tests.ui.data import REL as DATA_REL
from tests.ui.keys import typed
from tests.ui.meeting import settle, type_keys

REL = "acme"
PEOPLE = (Participant("p-ada", "Ada Smit", "agency"), Participant("p-cor", "Cor Bos", "client"))
ROADMAP = Action("a-roadmap", "Share the roadmap", "p-ada", "2026-02-01", "transparency")
CALL = Action("a-call", "Weekly call", "p-cor", "2026-02-15", "feedback")


def three_sessions(workspace) -> None:
    """Actions agreed in one; two finds the roadmap not done and the call done; three is
    at its look back."""
    workspace.create_relationship("Acme BV", "Studio Zuid", rel_id=REL)
    base = dict(participants=PEOPLE, language="en", status="closed", phase="close")
    workspace.add_session(REL, Session("one", "2026-01-10", actions=(ROADMAP, CALL), **base))
    workspace.add_session(
        REL,
        Session(
            "two",
            "2026-03-10",
            review=(Review("a-roadmap", "not_done"), Review("a-call", "done")),
            **base,
        ),
    )
    workspace.add_session(
        REL,
        Session("three", "2026-06-10", participants=PEOPLE, language="en", phase="lookback"),
    )


def home_open_count(app) -> str:
    table = app.screen.query_one("#relationships", DataTable)
    return str(table.get_row(REL)[-1])


async def test_a_not_done_action_comes_back_until_it_is_done(workspace) -> None:
    three_sessions(workspace)
    app = make_app(workspace, session_id="three", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LookbackScreen)
        table = screen.query_one("#reviews", DataTable)
        # The roadmap from session one, found not done at two, is listed again at three.
        assert table.row_count == 1
        assert "Share the roadmap" in str(table.get_row_at(0)[0])
        assert "was not done" in str(table.get_row_at(0)[3])
        kept = str(screen.query_one("#kept", Static).render())
        assert "0 of 1 reviewed" in kept

        await type_keys(pilot, "escape")  # home: the roadmap is still open
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert home_open_count(app) == "1"

    app = make_app(workspace, session_id="three", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "d", "escape")  # done, straight back home
        await settle(pilot)
        assert home_open_count(app) == "0"
    three = workspace.load(REL).session("three")
    assert three.review == (Review("a-roadmap", "done"),)


async def test_home_lists_what_was_saved_when_esc_follows_a_key_at_once(
    workspace, monkeypatch
) -> None:
    """ "d" then Esc in one burst, with a slow disk: home reads the store after the save, so
    the roadmap marked done is not listed as open (home used to read before it landed)."""
    import time

    from retro.tui import context

    slow = context.engine.commit

    def slow_commit(*args, **kwargs):
        time.sleep(0.3)  # a save that takes a while (a network drive, a busy laptop)
        return slow(*args, **kwargs)

    monkeypatch.setattr(context.engine, "commit", slow_commit)
    three_sessions(workspace)
    app = make_app(workspace, session_id="three", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "d", "escape")
        assert isinstance(app.screen, HomeScreen)
        assert home_open_count(app) == "0"


async def test_look_back_says_how_many_of_the_open_actions_were_reviewed(workspace) -> None:
    three_sessions(workspace)
    four = Session("four", "2026-09-10", participants=PEOPLE, language="en", phase="lookback")
    # Session three agreed one more action and left the roadmap partly done.
    workspace.update_session(
        REL,
        "three",
        lambda s: replace(
            s,
            review=(Review("a-roadmap", "partly"),),
            actions=(Action("a-brief", "Brief template", "agency", "2026-08-01"),),
            status="closed",
        ),
    )
    workspace.add_session(REL, four)
    app = make_app(workspace, session_id="four", watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        table = screen.query_one("#reviews", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == [
            "Share the roadmap",
            "Brief template",
        ]
        await type_keys(pilot, "n")  # the roadmap: not done, again
        await settle(pilot)
        kept = str(screen.query_one("#kept", Static).render())
        assert "Commitments kept: 0%" in kept and "1 of 2 reviewed" in kept


# -- 7 the agree form ----------------------------------------------------------------------


def agree_app(workspace, *, language: str = "en", theme: str | None = None):
    build_workspace(workspace, with_open=open_session("agree", language=language))
    return make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, theme=theme)


def saved(workspace) -> dict[str, Action]:
    return {a.title: a for a in workspace.load(DATA_REL).session(OPEN).actions}


async def test_enter_moves_through_the_form_and_adds_in_the_last_field(workspace) -> None:
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(
            pilot,
            *"Shared roadmap",
            "enter",
            *"Cees",
            "enter",
            *"2026-07-01",
            "enter",
            *"feed",
            "enter",
        )
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#what", Input).value == ""  # ready for the next one
        assert app.focused is screen.query_one("#what", Input)
    roadmap = saved(workspace)["Shared roadmap"]
    assert (roadmap.owner, roadmap.due, roadmap.dimension) == ("p-cees", "2026-07-01", "feedback")


async def test_an_owner_picked_from_the_open_list_then_a_due_date_typed_at_once(
    workspace,
) -> None:
    """Enter opens the owner list, arrows and Enter pick, Enter moves on (as on every field)
    and "+2w" follows in the same burst: the "+" waits until the focus is on the due date
    (it used to land in the owner list, leaving "2w", which is no date)."""
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = [*typed("Quarterly plan"), "enter", "enter", "down", "enter", "enter"]
        keys += typed("+2w")
        await type_keys(pilot, *keys, "enter", *"trans", "enter")
        await settle(pilot)
    plan = saved(workspace)["Quarterly plan"]
    assert plan.due == (date.today() + timedelta(days=14)).isoformat()
    assert plan.owner and plan.dimension == "transparency"


async def test_tab_after_an_owner_picked_from_the_open_list_goes_to_the_due_date(
    workspace,
) -> None:
    """Picking from the open list leaves the focus on the owner, as Tab order expects: "title
    enter owner-pick tab +2w enter" puts +2w in the due field (the pick used to jump to the
    due date, so the Tab skipped it and "+2w" landed in the dimension list)."""
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = [*typed("Quarterly plan"), "enter", "enter", "down", "enter", "tab"]
        await type_keys(pilot, *keys, *typed("+2w"), "enter", "enter")
        await settle(pilot)
        assert app.screen.query_one("#agree-error", Static).render().plain == ""
    plan = saved(workspace)["Quarterly plan"]
    assert plan.due == (date.today() + timedelta(days=14)).isoformat()
    assert plan.owner and plan.dimension is None


async def test_keys_typed_together_all_land_where_they_belong(workspace) -> None:
    """tmux send-keys / a fast typist: title, owner, a Dutch due date and Enter at once."""
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("Gedeelde roadmap"), "enter", *"Cees", "enter")
        await type_keys(pilot, *typed("volgende vrijdag"), "enter", "enter")
        await type_keys(pilot, *typed("Tweede actie"), "enter", *"Ada", "enter", *typed("+2w"))
        await type_keys(pilot, "enter", *"trans", "enter")
    actions = saved(workspace)
    first, second = actions["Gedeelde roadmap"], actions["Tweede actie"]
    assert first.owner == "p-cees" and first.due == parse_due("vrijdag", date.today()).isoformat()
    assert second.owner == "p-ada" and second.dimension == "transparency"
    assert second.due == (date.today() + timedelta(days=14)).isoformat()


async def test_the_due_date_shows_the_date_it_became(workspace) -> None:
    app = agree_app(workspace, language="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shows = app.screen.query_one("#due-shows", Static)
        assert "vrijdag" in str(shows.render())  # an example while empty
        app.screen.query_one("#due", Input).focus()
        await type_keys(pilot, *"morgen")
        await settle(pilot)
        tomorrow = date.today() + timedelta(days=1)
        assert tomorrow.isoformat() in str(shows.render())
        await type_keys(pilot, *["ctrl+a", "ctrl+k"], *"ooit")
        assert "?" in str(shows.render())


async def test_an_action_needs_an_owner_and_a_due_date(workspace) -> None:
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *"Only a title", "enter")
        app.screen.query_one("#dimension").focus()
        await type_keys(pilot, "enter")  # Add, from the last field
        await settle(pilot)
        error = str(app.screen.query_one("#agree-error", Static).render())
        assert "owner" in error
        assert app.focused is app.screen.query_one("#owner")
        await type_keys(pilot, *"Abel", "enter", "enter", "enter")  # no due date
        await settle(pilot)
        assert "due" in str(app.screen.query_one("#agree-error", Static).render())
        assert app.focused is app.screen.query_one("#due")
    assert "Only a title" not in saved(workspace)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_the_focused_field_stands_out(workspace, theme: str) -> None:
    app = agree_app(workspace, theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        for focus, other in (("#what", "#due"), ("#owner", "#dimension")):
            screen.query_one(focus).focus()
            await pilot.pause()

            def face(selector: str) -> Widget:
                w = screen.query_one(selector)
                return w.query_one("SelectCurrent") if selector in ("#owner", "#dimension") else w

            a, b = face(focus).background_colors[1], face(other).background_colors[1]
            distance = sum((x - y) ** 2 for x, y in zip(a.rgb, b.rgb, strict=True)) ** 0.5
            assert distance > 50, (theme, focus, a, b)  # was 16: a 5% tint


async def test_editing_is_explicit_and_esc_brings_the_draft_back(workspace) -> None:
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        await type_keys(pilot, *"Half typed idea")
        screen.query_one("#actions", DataTable).focus()
        await type_keys(pilot, "enter")  # the saved action into the form, marked
        await settle(pilot)
        assert screen.query_one("#what", Input).value == "Monthly idea beyond the brief"
        assert "Editing" in str(screen.query_one("#editing", Static).render())
        await type_keys(pilot, "escape")  # cancels the edit, stays on the screen
        await settle(pilot)
        assert isinstance(app.screen, AgreeScreen)
        assert screen.query_one("#what", Input).value == "Half typed idea"
        assert str(screen.query_one("#editing", Static).render()).strip() == ""

        # e edits too; Enter through the form saves the change, the draft comes back.
        screen.query_one("#actions", DataTable).focus()
        await type_keys(pilot, "e", "end", *" (with Ada)", "enter", "enter", "enter", "enter")
        await settle(pilot)
        assert screen.query_one("#what", Input).value == "Half typed idea"
    titles = saved(workspace)
    assert list(titles) == ["Monthly idea beyond the brief (with Ada)"]
    assert titles["Monthly idea beyond the brief (with Ada)"].id == "acme-a4"


async def test_deleting_an_action_asks_first(workspace) -> None:
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#actions", DataTable).focus()
        await type_keys(pilot, "delete")
        await settle(pilot)
        assert isinstance(app.screen, YesNoDialog) and app.screen.id == "confirm-delete"
        await type_keys(pilot, "enter")  # the default answer keeps it
        await settle(pilot)
        assert isinstance(app.screen, AgreeScreen)
        assert "Monthly idea beyond the brief" in saved(workspace)
        await type_keys(pilot, "delete", "y")
        await settle(pilot)
    assert saved(workspace) == {}


async def test_a_half_typed_action_is_a_draft_after_quit_and_comes_back(workspace) -> None:
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(
            pilot, *"Half an idea", "enter", *"Clara", "enter", *"na de zomer", "ctrl+q"
        )
        await settle(pilot)
    session = workspace.load(DATA_REL).session(OPEN)
    assert list(saved(workspace)) == ["Monthly idea beyond the brief"]  # not an action
    assert session.draft == ActionDraft("Half an idea", "p-clara", "na de zomer")

    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#what", Input).value == "Half an idea"
        assert screen.query_one("#owner", Select).value == "p-clara"
        assert screen.query_one("#due", Input).value == "na de zomer"
        assert any("back in the form" in n.message for n in app._notifications)
        screen.query_one("#due").focus()
        await type_keys(pilot, *["ctrl+a", "ctrl+k"], *"vrijdag", "enter")
        assert app.focused is screen.query_one("#dimension")
        await type_keys(pilot, "enter")  # now it is added, and the draft is gone
        await settle(pilot)
    session = workspace.load(DATA_REL).session(OPEN)
    assert "Half an idea" in saved(workspace) and session.draft is None


async def test_add_is_reachable_at_60x20(workspace) -> None:
    app = agree_app(workspace)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        screen = app.screen
        add = screen.query_one("#add", Button)
        assert add.region.right <= 60 and add.region.bottom <= 19  # above the footer
        assert screen.query_one("#dimension").region.right <= 60
        await type_keys(pilot, *"Small screen", "enter", *"Ada", "enter", *"2026-07-01")
        await pilot.click("#add")
        await settle(pilot)
    assert saved(workspace)["Small screen"].owner == "p-ada"


async def test_the_next_title_typed_right_after_enter_starts_the_next_action(workspace) -> None:
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("First"), "enter", *"Cees", "enter", *typed("+1w"), "enter")
        await type_keys(pilot, "enter", *typed("Second idea"))
        assert app.screen.query_one("#what", Input).value == "Second idea"
        assert app.focused is app.screen.query_one("#what", Input)
    first = saved(workspace)["First"]
    assert (first.owner, first.dimension) == ("p-cees", None)  # no letters leaked into it


async def test_the_next_action_typed_on_at_once_keeps_its_owner(workspace) -> None:
    app = agree_app(workspace, language="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(
            pilot,
            *typed("Eerste"),
            "enter",
            *"Cees",
            "enter",
            *typed("morgen"),
            "enter",
            "enter",
            *typed("Tweede"),
            "enter",
            *"Bureau",
        )
        screen = app.screen
        assert screen.query_one("#what", Input).value == "Tweede"
        assert screen.query_one("#owner", Select).value == "agency"
    assert saved(workspace)["Eerste"].owner == "p-cees"


async def test_quitting_while_editing_an_action_comes_back_to_that_edit(workspace) -> None:
    """Found by mypy: the restored draft named the edited action by id where the form
    wanted the action itself, so reopening the session stopped with an error."""
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#actions", DataTable).focus()
        # The due date cleared: not a complete action, so quitting keeps it as the draft.
        await type_keys(pilot, "e", "end", *" (with Ada)", "enter", "enter", "ctrl+a", "ctrl+k")
        await type_keys(pilot, "ctrl+q")
        await settle(pilot)
    draft = workspace.load(DATA_REL).session(OPEN).draft
    assert draft is not None and draft.editing == "acme-a4" and draft.due == ""

    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgreeScreen)
        assert screen.query_one("#what", Input).value.endswith("(with Ada)")
        assert "Editing" in str(screen.query_one("#editing", Static).render())
        screen.query_one("#due").focus()
        await type_keys(pilot, *"2026-09-01", "enter", "enter")  # through the form: saved
        await settle(pilot)
    titles = saved(workspace)
    assert list(titles) == ["Monthly idea beyond the brief (with Ada)"]


@pytest.mark.parametrize(
    "after_pick",
    [
        pytest.param([], id="picked-from-the-list"),
        pytest.param(["tab", "shift+tab"], id="back-on-a-chosen-owner"),
    ],
)
async def test_a_due_date_typed_on_a_chosen_owner_goes_to_the_due_date(
    workspace, after_pick
) -> None:
    """ "+2w" typed right after picking the owner from the open list (no Enter, no Tab) is
    the due date: no owner's name has a "+" or a digit, so it goes there with the keys
    behind it, and the owner stays as picked (it was swallowed by the owner's search)."""
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = [*typed("Quarterly plan"), "enter", "enter", "down", "enter", *after_pick]
        await type_keys(pilot, *keys, *typed("+2w"), "enter", *"trans", "enter")
        await settle(pilot)
    plan = saved(workspace)["Quarterly plan"]
    assert plan.due == (date.today() + timedelta(days=14)).isoformat()
    assert plan.owner and plan.dimension == "transparency"


async def test_a_name_typed_then_a_due_date_at_once_lands_in_both(workspace) -> None:
    """ "Cees+2w" in one burst: the name chooses Cees, the "+" (in no name) starts the due
    date. A due date in words after a name still needs Enter or Tab: letters search."""
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("Weekly call"), "enter", *"Cees", *typed("+2w"), "enter")
        await type_keys(pilot, *"feed", "enter")
        await settle(pilot)
    call = saved(workspace)["Weekly call"]
    assert (call.owner, call.dimension) == ("p-cees", "feedback")
    assert call.due == (date.today() + timedelta(days=14)).isoformat()


async def test_a_half_typed_action_is_kept_while_still_being_typed(workspace, monkeypatch) -> None:
    """The form is the session's draft at most TYPING_SAVE_DELAY after its first unsaved
    key, also while a steady typist goes on (it waited for a pause before): a killed
    terminal keeps it (here at a fifth of the time)."""
    from retro import session_engine

    monkeypatch.setattr(session_engine, "TYPING_SAVE_DELAY", 0.1)
    app = agree_app(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = "Quarterly plan with the board"
        for key in typed(text[:18]):
            await pilot.press(key)
            await pilot.pause(0.03)
        draft = workspace.load(DATA_REL).session(OPEN).draft
        assert draft is not None and len(draft.title) >= 5 and text.startswith(draft.title)
