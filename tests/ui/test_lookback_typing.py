"""Typing on the look-back table starts the note; only the status keys set a status.

A facilitator who types "Done on tuesday" while the table still has focus (thinking they
are in the note) used to set three statuses (the n, n and d inside the words) and lose the
words. Every test types at meeting speed: all keys handed over at once, no settling in
between (tests/ui/keys.py), and checks the stored session, not only the screen.
"""

from __future__ import annotations

from textual.widgets import DataTable, Input, Static

from retro.model import Action, Participant, Review, Session
from retro.tui.app import make_app
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.lookback import LookbackScreen
from retro.tui.screens.rate import RateScreen
from tests.ui.keys import typed
from tests.ui.meeting import settle, type_keys

REL = "acme"
PEOPLE = (Participant("p-ada", "Ada Smit", "agency"), Participant("p-cor", "Cor Bos", "client"))
A1 = Action("a1", "Share the roadmap", "p-ada", "2026-02-01", "transparency")
A2 = Action("a2", "Weekly call", "p-cor", "2026-02-15", "feedback")
A3 = Action("a3", "Brief template", "agency", "2026-03-01", "expectations")


def looking_back(workspace, *, review: tuple[Review, ...] = (), language: str = "en", **kw):
    """Three actions agreed at session one; session two stands at its look back."""
    workspace.create_relationship("Acme BV", "Studio Zuid", rel_id=REL)
    workspace.add_session(
        REL,
        Session(
            "one",
            "2026-01-10",
            participants=PEOPLE,
            language="en",
            actions=(A1, A2, A3),
            status="closed",
            phase="close",
        ),
    )
    two = Session(
        "two",
        "2026-03-10",
        participants=PEOPLE,
        language=language,  # type: ignore[arg-type]
        phase="lookback",
        review=review,
        **kw,
    )
    workspace.add_session(REL, two)
    return make_app(workspace, session_id="two", watch_interval=None, resume=False)


def stored(workspace) -> dict[str, Review]:
    return {r.action: r for r in workspace.load(REL).session("two").review}


async def test_words_typed_on_the_table_become_the_note_and_set_no_status(workspace) -> None:
    """a1 has a status already: the words are its note, and no status changes."""
    app = looking_back(workspace, review=(Review("a1", "partly"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LookbackScreen)
        await type_keys(pilot, *typed("Done on tuesday"), "enter")
        screen = app.screen
        assert screen.query_one("#note", Input).value == "Done on tuesday"
        assert app.focused is screen.query_one("#reviews", DataTable)  # Enter: back to the table
    assert stored(workspace) == {"a1": Review("a1", "partly", "Done on tuesday")}


async def test_every_kind_of_printable_key_starts_the_note_in_order(workspace) -> None:
    """Space, a digit, punctuation and capitals first: each starts the note, none is lost,
    and what follows in the same burst lands behind it, not on the table."""
    app = looking_back(workspace, review=(Review("a1", "done"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for text in (" 2x on Tue.", "3 dpnx", "(maybe) DPNX", "Nope", "- next pass"):
            await type_keys(pilot, *typed(text), "enter")
            assert stored(workspace)["a1"].note == text
            # Clear the note for the next text: Enter on the row, select all, delete.
            await type_keys(pilot, "enter", "home", "shift+end", "backspace", "enter")
            assert stored(workspace)["a1"] == Review("a1", "done")
        assert app.screen.query_one("#reviews", DataTable).cursor_row == 0
    assert set(stored(workspace)) == {"a1"}


async def test_a_note_typed_before_the_status_is_saved_with_it(workspace) -> None:
    """No status yet: the words stay in the note (a review is saved with a status), and
    the status key pressed next saves both."""
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("Done on tuesday"), "enter")
        assert stored(workspace) == {}  # no status was set by the words
        screen = app.screen
        assert screen.query_one("#note", Input).value == "Done on tuesday"
        await type_keys(pilot, "d")
        assert screen.query_one("#reviews", DataTable).cursor_row == 1
    assert stored(workspace) == {"a1": Review("a1", "done", "Done on tuesday")}


async def test_a_note_typed_without_a_status_survives_moving_away_and_back(workspace) -> None:
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("Ask Cor"), "enter", "down", "down", "up", "up")
        note = app.screen.query_one("#note", Input)
        assert note.value == "Ask Cor"
        await type_keys(pilot, "n")
    assert stored(workspace) == {"a1": Review("a1", "not_done", "Ask Cor")}


async def test_status_keys_in_one_burst_set_one_action_each(workspace) -> None:
    """ "dpn" marks the three actions as before; the words after it in the same burst are
    the last action's note (the cursor stays on the last row), not more statuses."""
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "d", "p", "n", *typed("Needs Ada"), "enter")
        assert app.screen.query_one("#note", Input).value == "Needs Ada"
    assert stored(workspace) == {
        "a1": Review("a1", "done"),
        "a2": Review("a2", "partly"),
        "a3": Review("a3", "not_done", "Needs Ada"),
    }


async def test_a_status_then_enter_then_words_note_the_next_action(workspace) -> None:
    """d marks a1 and moves on; Enter opens a2's note; the words and the closing Enter
    land there, in order, and the status key after them marks a2 with its note."""
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = ["d", "enter", *typed("Cor is on leave"), "enter", "p"]
        # Then, on a3 and still at speed, words typed on the table and a status after them.
        await type_keys(pilot, *keys, *typed("Sent in May"), "enter", "x")
        assert app.screen.query_one("#reviews", DataTable).cursor_row == 2
    assert stored(workspace) == {
        "a1": Review("a1", "done"),
        "a2": Review("a2", "partly", "Cor is on leave"),
        "a3": Review("a3", "dropped", "Sent in May"),
    }


async def test_dutch_status_keys_and_typing_to_the_note(workspace) -> None:
    """In Dutch the same keys set the status (d gedaan, p deels, n niet gedaan, x
    vervallen) and the intro says typing starts the note."""
    app = looking_back(workspace, language="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intro = str(app.screen.query_one(".intro", Static).render())
        assert "notitie" in intro.lower()
        await type_keys(pilot, "x", *typed("Loopt nog"), "enter", "d")
    assert stored(workspace) == {
        "a1": Review("a1", "dropped"),
        "a2": Review("a2", "done", "Loopt nog"),
    }


async def test_english_intro_says_typing_starts_the_note(workspace) -> None:
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        intro = str(app.screen.query_one(".intro", Static).render())
        assert "d done" in intro and "note" in intro.lower()


async def test_help_on_the_look_back_says_typing_starts_the_note(workspace) -> None:
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "f1")
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "note" in text.lower() and "d p n x" in text


async def test_read_only_typing_on_the_table_changes_nothing(workspace) -> None:
    """A closed session: the note is disabled and typed keys do nothing (a guard: this
    held before typing started the note, and must keep holding)."""
    app = looking_back(workspace, review=(Review("a1", "partly", "Later"),), status="closed")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("Done on tuesday"), "enter", "d", "p")
        screen = app.screen
        assert isinstance(screen, LookbackScreen)
        assert screen.query_one("#note", Input).value == "Later"
        assert app.focused is screen.query_one("#reviews", DataTable)
    assert stored(workspace) == {"a1": Review("a1", "partly", "Later")}


async def test_words_typed_on_the_table_add_to_a_note_already_there(workspace) -> None:
    """An action with a note: what is typed on the table comes after it, as a word of its
    own, and the note it had is kept."""
    app = looking_back(workspace, review=(Review("a1", "partly", "Tuesdays at ten"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("Also fridays"), "enter")
    assert stored(workspace)["a1"] == Review("a1", "partly", "Tuesdays at ten Also fridays")


async def test_a_note_is_saved_while_still_being_typed(workspace, monkeypatch) -> None:
    """A killed terminal keeps the note: it is saved at most TYPING_SAVE_DELAY after its
    first unsaved key, also while the typing goes on (here at a fifth of the time)."""
    from retro import session_engine

    monkeypatch.setattr(session_engine, "TYPING_SAVE_DELAY", 0.1)
    app = looking_back(workspace, review=(Review("a1", "partly"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = "Moved to the quarterly review"
        for key in typed(text[:18]):  # never a pause as long as the delay
            await pilot.press(key)
            await pilot.pause(0.03)
        assert isinstance(app.focused, Input) and app.focused.id == "note"
        note = stored(workspace)["a1"].note
        assert len(note) >= 5 and text.startswith(note)
        assert stored(workspace)["a1"].status == "partly"


async def test_leaving_with_a_note_that_waits_for_its_status_asks_first(workspace) -> None:
    """A note on an action with no status is saved with the status: ctrl+n asks before
    the look back is left without it; "no" goes back to that action, and its status then
    saves the note."""
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "down", *typed("Waiting on legal"), "enter", "up", "ctrl+n")
        dialog = app.screen
        assert isinstance(dialog, YesNoDialog) and dialog.id == "notes-waiting"
        assert "Weekly call" in dialog.details and "Share the roadmap" not in dialog.details
        await type_keys(pilot, "escape")
        assert isinstance(app.screen, LookbackScreen)
        assert app.screen.query_one("#reviews", DataTable).cursor_row == 1  # a2, the note's
        await type_keys(pilot, "p", "ctrl+n")
        assert isinstance(app.screen, RateScreen)  # nothing waits: no question
    assert stored(workspace) == {"a2": Review("a2", "partly", "Waiting on legal")}


async def test_leaving_without_the_waiting_notes_when_told_so(workspace) -> None:
    app = looking_back(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("Not sure yet"), "enter", "ctrl+n")
        await type_keys(pilot, "y")
        assert isinstance(app.screen, RateScreen)
    assert stored(workspace) == {}


async def test_quit_and_home_with_a_note_that_waits_for_its_status_ask_first(workspace) -> None:
    """ctrl+q and esc (home) are ways out too: they ask the same question. "No" keeps the
    app in the look back; yes to quit leaves, and what was saved stays."""
    app = looking_back(workspace, review=(Review("a1", "done"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, "down", *typed("Ask legal"), "enter", "escape")
        assert isinstance(app.screen, YesNoDialog) and app.screen.id == "notes-waiting"
        await type_keys(pilot, "n")
        assert isinstance(app.screen, LookbackScreen)
        await type_keys(pilot, "ctrl+q")
        assert isinstance(app.screen, YesNoDialog) and app.screen.id == "notes-waiting"
        await type_keys(pilot, "escape")
        assert isinstance(app.screen, LookbackScreen) and app.is_running
        await type_keys(pilot, "ctrl+q", "y")
        assert not app.is_running
    assert stored(workspace) == {"a1": Review("a1", "done")}


async def test_quit_without_waiting_notes_asks_nothing_and_saves_the_note(workspace) -> None:
    app = looking_back(workspace, review=(Review("a1", "done"),))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *typed("On time"), "ctrl+q")
        assert not app.is_running
    assert stored(workspace) == {"a1": Review("a1", "done", "On time")}
