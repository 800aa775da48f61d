"""What a user test at 80x24 found in the agree, reveal, close and setup screens."""

from __future__ import annotations

import pytest
from msgspec.structs import replace
from textual.widgets import Button, Footer, Input, Select, Static, TabbedContent

from retro.frameworks import default_framework
from retro.tui.app import make_app
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.agree import AgreeScreen
from retro.tui.screens.checkin import CheckinScreen
from retro.tui.screens.close import CloseScreen
from retro.tui.screens.reveal import RevealScreen
from retro.tui.screens.setup import PersonRow, SetupScreen
from tests.ui.data import OPEN, REL, build_workspace, open_session
from tests.ui.meeting import settle, type_keys


def session_app(workspace, phase: str, *, language: str = "en", session=None):
    build_workspace(workspace, with_open=session or open_session(phase, language=language))
    return make_app(workspace, session_id=OPEN, watch_interval=None, resume=False)


def saved_titles(workspace) -> list[str]:
    return [a.title for a in workspace.load(REL).session(OPEN).actions]


# -- 1 agree: the dimension list is wide enough for its names -----------------------------


async def test_dimension_list_fits_its_names_at_80_columns(workspace) -> None:
    app = session_app(workspace, "agree", language="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        select = app.screen.query_one("#dimension", Select)
        select.focus()
        await pilot.press("down")  # Enter on the last field adds; ↓ opens the list
        await settle(pilot)
        overlay = select.query_one("SelectOverlay")
        assert overlay.display and app.focused is overlay
        longest = max(len(d.title("nl")) for d in default_framework().dimensions)
        assert overlay.region.width >= longest
        assert overlay.virtual_size.height == overlay.option_count  # one line per name
        assert overlay.region.right <= 80  # and it stays on screen


# -- 2 agree: typed text and a half-filled action are not lost ----------------------------


async def test_typing_a_name_on_the_owner_select_picks_that_person(workspace) -> None:
    app = session_app(workspace, "agree")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*"Weekly check", "enter")  # title, then on to the owner
        assert app.focused is app.screen.query_one("#owner", Select)
        await type_keys(pilot, *"Cees", "enter")
        await settle(pilot)
        assert app.screen.query_one("#owner", Select).value == "p-cees"


async def test_next_phase_saves_a_valid_action_left_in_the_form(workspace) -> None:
    app = session_app(workspace, "agree")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(
            pilot, *"Shared roadmap", "enter", *"Cees", "enter", *"2026-07-01", "ctrl+n"
        )
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
    assert "Shared roadmap" in saved_titles(workspace)


async def test_next_phase_with_an_invalid_action_stays_and_says_why(workspace) -> None:
    app = session_app(workspace, "agree")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_keys(pilot, *"Shared roadmap", "enter", *"Cees", "enter", *"someday", "ctrl+n")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgreeScreen)  # stayed: the action is still in the form
        assert screen.query_one("#what", Input).value == "Shared roadmap"
        assert app.focused is screen.query_one("#due", Input)
        assert "date" in str(screen.query_one("#agree-error", Static).render())
        assert any("not added" in n.message for n in app._notifications)
        # Fixed, the next press saves it and goes on.
        await type_keys(pilot, *["ctrl+a", "ctrl+k"], *"2026-07-01", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
    actions = {a.title: a for a in workspace.load(REL).session(OPEN).actions}
    assert actions["Shared roadmap"].due == "2026-07-01"


async def test_a_second_press_leaves_an_invalid_action_behind(workspace) -> None:
    app = session_app(workspace, "agree")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "tab", *"soon", "ctrl+b")  # a date but no title
        await settle(pilot)
        assert isinstance(app.screen, AgreeScreen)
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert isinstance(app.screen, RevealScreen)
    assert saved_titles(workspace) == ["Monthly idea beyond the brief"]


async def test_an_empty_form_does_not_hold_up_the_next_phase(workspace) -> None:
    app = session_app(workspace, "agree")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)


# -- 3 reveal: tabs by key, shown in the footer -------------------------------------------


async def test_square_brackets_switch_the_reveal_tabs(workspace) -> None:
    app = session_app(workspace, "reveal")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        tabs = app.screen.query_one("#reveal-tabs", TabbedContent)
        assert tabs.active == "tab-views"
        await pilot.press("right_square_bracket")
        assert tabs.active == "tab-bars"
        assert app.focused is not None and "tab-bars" in {n.id for n in app.focused.ancestors}
        await pilot.press("left_square_bracket", "left_square_bracket")  # round the start
        assert tabs.active == "tab-proud"
        # In the proud note, brackets are text, not tab keys.
        await type_keys(pilot, "tab", *"[great] launch")
        assert app.focused is app.screen.query_one("#proud-text", Input)
        assert app.focused.value == "[great] launch"
        assert tabs.active == "tab-proud"


async def test_tab_keys_are_in_the_footer_in_both_languages(workspace) -> None:
    app = session_app(workspace, "reveal", language="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        keys = {k.key for k in footer.query("FooterKey")}  # type: ignore[attr-defined]
        assert {"left_square_bracket", "right_square_bracket"} <= keys
        assert "Tabbladen" in {str(label.render()) for label in footer.query("FooterLabel")}
        assert all(k.region.right <= 80 for k in footer.query("FooterKey"))
        await pilot.press("f1")
        await settle(pilot)
        help_text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "Volgend tabblad" in help_text and "Vorig tabblad" in help_text


# -- 4 close: the footer fits 80 columns in both languages --------------------------------


@pytest.mark.parametrize("language", ["en", "nl"])
async def test_close_footer_keeps_help_in_80_columns(workspace, language: str) -> None:
    app = session_app(workspace, "close", language=language)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = app.screen.query_one(Footer)
        shown = {k.key: k for k in footer.query("FooterKey")}  # type: ignore[attr-defined]
        for key in ("c", "e", "f1", "ctrl+q"):
            assert key in shown and shown[key].region.right <= 80, key
        assert "ctrl+n" not in shown  # the last phase has no next one


# -- 6 close: missing answers are counted and confirmed -----------------------------------


def with_missing_answers():
    s = open_session("close")
    kept = tuple(r for r in s.ratings if not (r.participant == "p-cees" and r.dimension == "trust"))
    return replace(s, ratings=kept)


async def test_closing_with_missing_answers_asks_first(workspace) -> None:
    app = session_app(workspace, "close", session=with_missing_answers())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, YesNoDialog) and dialog.id == "confirm-close"
        text = " ".join(str(s.render()) for s in dialog.query(Static))
        assert "2 answers are still missing" in text and "Cees de Boer: 2 missing" in text
        await pilot.press("enter")  # the focused button keeps the session open
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
        assert workspace.load(REL).session(OPEN).status == "open"
        await pilot.press("c", "c")  # the same key again closes anyway
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
    assert workspace.load(REL).session(OPEN).status == "closed"


async def test_the_close_question_works_with_the_mouse(workspace) -> None:
    app = session_app(workspace, "close", session=with_missing_answers())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.click("#yes")
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
    assert workspace.load(REL).session(OPEN).status == "closed"


async def test_a_complete_session_closes_without_a_question(workspace) -> None:
    app = session_app(workspace, "close")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CloseScreen)
    assert workspace.load(REL).session(OPEN).status == "closed"


# -- 5 setup: Enter adds a person, visibly; a start key terminals deliver -----------------


async def open_setup(pilot) -> SetupScreen:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SetupScreen)
    return pilot.app.screen


def people(screen: SetupScreen) -> list[tuple[str, str]]:
    return [(row.person.name, row.person.side) for row in screen.query(PersonRow)]


async def test_enter_in_the_name_field_adds_to_the_marked_side(workspace) -> None:
    build_workspace(workspace)
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        assert "⏎" in str(screen.query_one("#add-client", Button).label)
        await type_keys(pilot, *"Ria", "enter")
        await settle(pilot)
        assert people(screen)[-1] == ("Ria", "client")
        assert app.focused is screen.query_one("#person-name", Input)  # ready for the next
        assert "Ria added as client" in str(screen.query_one("#add-hint", Static).render())
        # + Agency by button: from then on, Enter adds to the agency, and says so.
        await type_keys(pilot, *"Bas", "tab", "tab", "enter")
        await settle(pilot)
        assert "⏎" in str(screen.query_one("#add-agency", Button).label)
        await pilot.click("#person-name")
        await type_keys(pilot, *"Kim", "enter")
        await settle(pilot)
        assert people(screen)[-2:] == [("Bas", "agency"), ("Kim", "agency")]
        # Enter on an empty field adds nobody and says how to go on.
        await pilot.press("enter")
        await settle(pilot)
        assert len(people(screen)) == 7
        assert "ctrl+g" in str(screen.query_one("#add-hint", Static).render())


async def test_a_self_assessment_adds_agency_people_by_enter(workspace) -> None:
    build_workspace(workspace)
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        screen.query_one("#kind", Select).value = "self"
        await settle(pilot)
        screen.query_one("#person-name", Input).focus()
        await type_keys(pilot, *"Ann", "enter")
        await settle(pilot)
        assert people(screen)[-1] == ("Ann", "agency")


async def test_ctrl_g_starts_the_session_and_the_footer_shows_it(workspace) -> None:
    build_workspace(workspace)
    app = make_app(workspace, watch_interval=None, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_setup(pilot)
        keys = {k.key for k in screen.query_one(Footer).query("FooterKey")}  # type: ignore[attr-defined]
        assert "ctrl+g" in keys
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, CheckinScreen)
