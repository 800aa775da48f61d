"""The export preview, driven with Pilot: switches re-render, save writes, copy copies.

It runs in a tiny host app that pushes it the way RetroApp.action_export does, with a
workspace and a session id; what it shows must equal what `retro export` prints.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from msgspec.structs import replace
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, RadioButton, Static

from retro.demo import fill_demo
from retro.export import export_session
from retro.store import Workspace
from retro.tui.screens.export import ExportScreen, preview_markdown
from tests.ui.screen import screen_text, until

TODAY = date(2026, 11, 23)


class ExportHost(App[None]):
    def __init__(self, workspace: Workspace, session_id: str) -> None:
        super().__init__()
        self.workspace, self.session_id = workspace, session_id
        self.result: str | None = "unset"
        self.copied: list[str] = []

    def on_mount(self) -> None:
        self.push_screen(ExportScreen(self.workspace, self.session_id), self._done)

    def _done(self, result: str | None) -> None:
        self.result = result

    def copy_to_clipboard(self, text: str) -> None:  # the terminal's clipboard is not ours
        self.copied.append(text)
        super().copy_to_clipboard(text)


@pytest.fixture
def demo(workspace) -> Workspace:
    fill_demo(workspace, today=TODAY)
    return workspace


def session_of(ws: Workspace, rel: str, kind: str = "joint") -> str:
    return [s.id for s in ws.load(rel).sorted_sessions() if s.kind == kind][
        -2 if kind == "joint" else -1
    ]


def _preview_shows_the_summary(screen: ExportScreen) -> bool:
    """The worker's summary is in the preview, all of it mounted; or its error is shown."""
    error = str(screen.query_one("#export-error", Static).render())
    if not screen.text:
        return bool(error) and error != screen.t("rendering")
    preview = screen.query_one("#preview", Markdown)
    return preview.source == preview_markdown(screen.text) and not preview.lock.is_locked


async def settled(pilot: Pilot) -> ExportScreen:
    """Until the render worker is done and the preview shows what it made: Pilot.pause
    waits for the screen to handle the worker's message, whose handler awaits the mount."""
    for _ in range(20):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        screen = pilot.app.screen
        if isinstance(screen, ExportScreen) and _preview_shows_the_summary(screen):
            await pilot.pause()  # and what the mount changed is laid out and painted
            return screen
    raise AssertionError("the preview never showed the summary")


async def test_preview_matches_the_cli_and_follows_the_switches(demo, tmp_path: Path) -> None:
    sid = session_of(demo, "bakkerij-van-dijk")
    app = ExportHost(demo, sid)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert screen.choice.audience == "shared" and screen.choice.lang == "nl"
        assert screen.text == export_session(demo, sid, audience="shared", lang="nl")
        assert "gedeelde versie" in screen.text
        preview = screen.query_one("#preview", Markdown)
        assert preview.source == preview_markdown(screen.text)
        # On a projector the two radio states differed only by colour: ● / ○ say it.
        line = next(x for x in screen_text(app).splitlines() if "(F2)" in x)
        assert "●▌ both sides" in line and "○▌ internal" in line
        assert "●▌ NL" in line and "○▌ EN" in line

        await pilot.press("f2")  # audience -> internal
        screen = await settled(pilot)
        assert screen.choice.audience == "internal"
        assert screen.text == export_session(demo, sid, audience="internal", lang="nl")
        assert screen.query_one("#audience-internal", RadioButton).value

        await pilot.press("f3")  # language -> en
        screen = await settled(pilot)
        assert screen.choice.lang == "en" and "internal version" in screen.text
        assert screen.query_one("#export-path", Input).value == f"{sid}.internal.en.md"
        line = next(x for x in screen_text(app).splitlines() if "(F2)" in x)
        assert "○▌ both sides" in line and "●▌ internal" in line
        assert "○▌ NL" in line and "●▌ EN" in line

        await pilot.click("#audience-shared")
        screen = await settled(pilot)
        assert screen.choice == type(screen.choice)("shared", "en")
        assert screen.text == export_session(demo, sid, audience="shared", lang="en")


async def test_copy_puts_the_summary_on_the_clipboard_and_escape_closes_unsaved(demo) -> None:
    sid = session_of(demo, "northwind-foods")
    app = ExportHost(demo, sid)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert app.copied == [screen.text]
        assert app.clipboard == screen.text
        await pilot.press("escape")
        await pilot.pause()
        assert app.result is None
        assert not isinstance(app.screen, ExportScreen)


async def test_save_writes_the_file_and_closes_but_asks_first_over_an_existing_one(
    demo, tmp_path: Path
) -> None:
    target = tmp_path / "summary.md"
    target.write_text("last quarter's summary", "utf-8")
    app = ExportHost(demo, session_of(demo, "northwind-foods"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("ctrl+s")
        await settled_or_closed(pilot)
        assert target.read_text("utf-8") == "last quarter's summary"
        assert isinstance(app.screen, ExportScreen)
        assert any("already exists" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+s")
        await settled_or_closed(pilot)
        assert target.read_text("utf-8") == screen.text
        assert app.result == str(target)


async def settled_or_closed(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def test_self_assessment_is_internal_only(demo) -> None:
    sid = session_of(demo, "gemeente-zwolle", "self")
    app = ExportHost(demo, sid)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert screen.choice.audience == "internal"
        assert screen.query_one("#audience-shared", RadioButton).disabled
        await pilot.press("f2")
        screen = await settled(pilot)
        assert screen.choice.audience == "internal" and screen.text


async def test_unknown_session_shows_the_error_not_a_crash(demo) -> None:
    app = ExportHost(demo, "no-such-session")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        error = str(screen.query_one("#export-error", Static).render())
        assert "no session 'no-such-session'" in error
        await pilot.press("ctrl+s")  # nothing to save: no crash, no file
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)


async def test_hostile_text_renders_as_text_in_the_preview(workspace) -> None:
    import json

    from retro.tui.widgets.summary_markdown import OneWidgetTable
    from tests.unit.test_export import HOSTILE_FRAMEWORK, hostile_history

    (workspace.root / "frameworks").mkdir(parents=True)
    (workspace.root / "frameworks" / "hostile.json").write_text(
        json.dumps(HOSTILE_FRAMEWORK), "utf-8"
    )
    history = hostile_history(anonymous=True)
    # Rich and Textual markup, and a title-setting escape, in the remarks of one rating.
    last = history.sessions[-1]
    first, *rest = last.ratings
    loud = replace(
        first,
        works="[bold red]LOUD[/] [@click=app.quit]quit[/] $accent",
        doesnt="\x1b]2;PWNED\x07 title",
    )
    history = replace(
        history, sessions=(*history.sessions[:-1], replace(last, ratings=(loud, *rest)))
    )
    workspace.merge_history(history)
    app = ExportHost(workspace, "h-2")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        assert screen.text == export_session(workspace, "h-2", audience="shared", lang="en")
        assert "SECRET" not in screen.text
        source = screen.query_one("#preview", Markdown).source
        assert "<br>" not in source and "line one ↵ line two" in source
        assert "&lt;script>" in source  # user HTML stays escaped in the preview too
        # In a table cell as a reader sees it: the characters typed, none of them obeyed
        # (the export already dropped the escape's control characters).
        cells = [
            cell
            for table in screen.query(OneWidgetTable)
            for row in [table.render().headers, *table.render().rows]
            for cell in row
        ]
        text = "\n".join(cell.plain for cell in cells)
        for typed in (
            "[bold red]LOUD[/] [@click=app.quit]quit[/] $accent",
            "]2;PWNED title",
            "{{ 7*7 }}",
            "<script>alert(1)</script>",
            "[link](http://example.com)",
            "日本語のテキスト",
        ):
            assert typed in text, typed
        loud = [cell for cell in cells if "LOUD" in cell.plain]
        assert loud and not any(cell.spans for cell in loud)  # no style came from the text
        painted = screen_text(app)
        assert "\x1b" not in painted and "\x07" not in painted


async def test_tables_are_one_widget_each_and_fit_the_width_at_any_size(demo) -> None:
    """A table was a widget per cell (about 400 on the demo, most of a re-render's time);
    now it is one widget whose lines never spill past its edge, at 80 columns or 150, and
    the preview scrolls by keyboard and by mouse wheel."""
    from textual import events

    from retro.tui.widgets.summary_markdown import OneWidgetTable

    sid = session_of(demo, "bakkerij-van-dijk")
    app = ExportHost(demo, sid)
    app.animation_level = "none"  # scrolls land at once: nothing to wait for
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        await pilot.press("f2")  # internal: the most tables
        screen = await settled(pilot)
        tables = list(screen.query(OneWidgetTable))
        assert len(tables) == sum(x.startswith("|---") for x in screen.text.splitlines()) > 5
        assert len(list(screen.query("*"))) < 100
        for table in tables:  # as laid out at 80x24, and as a 150-column preview would
            width = table.content_size.width
            lines = table.render().lay_out(width)
            assert table.content_size.height == len(lines)
            assert all(line.cell_length <= width for line in lines)
            assert all(line.cell_length <= 150 for line in table.render().lay_out(150))
        # The four views at 150 columns: a header row, a rule, figures aligned right.
        views = tables[0].render().lay_out(150)
        rule = next(i for i, line in enumerate(views) if set(line.plain) <= set("─┼ "))
        assert views[0].plain.startswith("Dimensie") and rule > 0
        row = next(line.plain for line in views if line.plain.startswith("Vertrouwen"))
        figures = row.split("│")[-1]  # right-aligned, as `---:` says: spaces, then the text
        assert figures.startswith("   ") and figures.lstrip() == "4 (n=1) (↑+1,0)"

        scroll = screen.query_one("#preview-scroll")
        assert scroll.has_focus and scroll.scroll_y == 0
        await pilot.press("end")
        await pilot.pause()
        assert scroll.scroll_y == scroll.max_scroll_y > 0
        await pilot.press("home")
        await pilot.pause()
        assert scroll.scroll_y == 0
        wheel = events.MouseScrollDown(tables[0], 1, 1, 0, 1, 0, False, False, False)
        tables[0].post_message(wheel)
        await pilot.pause()
        assert scroll.scroll_y > 0

        # A table selected with the mouse copies as the text it shows.
        from textual.selection import Selection

        screen.selections = {tables[0]: Selection(None, None)}
        await pilot.pause()
        copied = screen.get_selected_text() or ""
        assert copied.startswith("Dimensie") and "Transparantie &" in copied


def _ready(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await settled(pilot)
        for key in keys:
            await pilot.press(key)
            await settled(pilot)

    return run_before


# The folder field shows where a summary goes: a fixed one keeps the picture the same anywhere.
SNAPSHOT_FOLDER = "/srv/retro/summaries"


def test_snapshot_export_80x24(snap_compare, demo) -> None:
    from retro.tui import state

    state.remember_export_dir(demo.root, SNAPSHOT_FOLDER)
    assert snap_compare(ExportHost(demo, session_of(demo, "gemeente-zwolle")), run_before=_ready())


def test_snapshot_export_internal_english_light_80x24(snap_compare, demo) -> None:
    from retro.tui import state

    state.remember_export_dir(demo.root, SNAPSHOT_FOLDER)
    app = ExportHost(demo, session_of(demo, "bakkerij-van-dijk"))
    app.theme = "textual-light"
    assert snap_compare(app, run_before=_ready("f2", "f3"))


def _scrolled_to(heading: str, *keys: str):
    """Settle, press keys, then bring the preview's heading to the top of the view."""

    async def run_before(pilot: Pilot) -> None:
        await _ready(*keys)(pilot)
        from textual.widgets.markdown import MarkdownBlock

        block = next(
            b for b in pilot.app.screen.query(MarkdownBlock) if b._content.plain == heading
        )
        pilot.app.screen.query_one("#preview-scroll").scroll_to_widget(
            block, animate=False, top=True
        )
        await pilot.pause()

    return run_before


def test_snapshot_export_table_80x24(snap_compare, demo) -> None:
    from retro.tui import state

    state.remember_export_dir(demo.root, SNAPSHOT_FOLDER)
    app = ExportHost(demo, session_of(demo, "bakkerij-van-dijk"))
    assert snap_compare(app, run_before=_scrolled_to("De vier beelden"))


def test_snapshot_export_tables_light_120x36(snap_compare, demo) -> None:
    from retro.tui import state

    state.remember_export_dir(demo.root, SNAPSHOT_FOLDER)
    app = ExportHost(demo, session_of(demo, "bakkerij-van-dijk"))
    app.theme = "textual-light"
    run_before = _scrolled_to("What works, what doesn't, and why", "f3")
    assert snap_compare(app, run_before=run_before, terminal_size=(120, 36))


async def test_the_app_opens_the_preview_and_ctrl_s_saves_and_the_footer_says_so(
    demo, tmp_path: Path
) -> None:
    """RetroApp.action_export (Close phase, session list) pushes this screen. In RetroApp
    ctrl+s was the app's retry-save, so the dialog's own ctrl+s never ran, and the dialog
    had no Footer to say which key saves."""
    from retro.tui.app import make_app

    sid = session_of(demo, "northwind-foods")
    app = make_app(demo, session_id=sid, watch_interval=None, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_export()
        screen = await settled(pilot)
        assert screen.session_id == sid
        assert screen.text == export_session(demo, sid)
        assert str(screen.query_one(".dialog-title", Static).render()).startswith("Export summary")
        # The Footer lists the dialog's keys once it has recomposed for the new screen.
        await until(pilot, lambda: "^s Save" in screen_text(app).splitlines()[-1])
        footer = screen_text(app).splitlines()[-1]
        assert "^s Save" in footer and "F2 For" in footer and "F3 Language" in footer
        screen.query_one("#export-folder", Input).value = str(tmp_path)
        await pilot.press("ctrl+s")
        await settled_or_closed(pilot)
        saved = tmp_path / f"{sid}.shared.en.md"
        assert saved.read_text("utf-8") == export_session(demo, sid)
        assert not isinstance(app.screen, ExportScreen)


async def test_a_new_folder_is_made_only_after_a_yes_and_is_remembered(
    demo, tmp_path: Path
) -> None:
    from retro.tui import state
    from retro.tui.dialogs import YesNoDialog

    sid = session_of(demo, "northwind-foods")
    folder = tmp_path / "klanten" / "northwind"
    app = ExportHost(demo, sid)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        screen.query_one("#export-folder", Input).value = str(folder)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, YesNoDialog) and app.screen.id == "confirm-create-folder"
        assert str(folder) in app.screen.question
        assert "does not exist yet" in screen_text(app)
        await pilot.press("n")  # not now: nothing is made, the dialog stays
        await pilot.pause()
        assert not folder.exists() and app.screen is screen
        await pilot.press("ctrl+s", "y")
        await settled_or_closed(pilot)
        assert (folder / f"{sid}.shared.en.md").read_text("utf-8") == screen.text
        assert app.result == str(folder / f"{sid}.shared.en.md")
        assert state.export_dir(demo.root) == str(folder)

        # The next summary, for another session, starts in that folder.
        app.push_screen(ExportScreen(demo, session_of(demo, "gemeente-zwolle")))
        screen = await settled(pilot)
        assert screen.query_one("#export-folder", Input).value == str(folder)


async def test_a_file_is_not_taken_for_a_folder(demo, tmp_path: Path) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("mine", "utf-8")
    app = ExportHost(demo, session_of(demo, "northwind-foods"))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        screen.query_one("#export-folder", Input).value = str(not_a_folder)
        await pilot.press("ctrl+s")
        await settled_or_closed(pilot)
        assert app.screen is screen and not_a_folder.read_text("utf-8") == "mine"
        assert any("is not a folder" in str(n.message) for n in app._notifications)
