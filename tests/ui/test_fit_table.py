"""FitTable's scrollbar follows its rows and the terminal, though a layout pass of the screen
that changes neither no longer repaints it (retro.tui.widgets.table)."""

from __future__ import annotations

from textual.app import App, ComposeResult

from retro.tui.widgets.table import FitTable
from tests.ui.screen import until


class Host(App[None]):
    CSS = "FitTable { height: 1fr; scrollbar-gutter: stable; }"

    def compose(self) -> ComposeResult:
        yield FitTable(flex=("name",), id="t", cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(FitTable)
        table.add_column("Name", key="name")
        table.add_column("N", key="n", width=4)

    def fill(self, rows: int) -> None:
        table = self.query_one(FitTable)
        table.clear()
        for i in range(rows):
            table.add_row(f"row {i}", str(i))
        table.fit()


async def test_the_scrollbar_follows_the_rows_and_the_terminal() -> None:
    app = Host()
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(FitTable)
        app.fill(5)
        await pilot.pause()
        assert not table.show_vertical_scrollbar  # 6 lines in 12

        app.fill(50)
        await pilot.pause()
        assert table.show_vertical_scrollbar
        bar = table.vertical_scrollbar
        assert (bar.window_virtual_size, bar.window_size) == (51, 12)

        app.notify("a toast: the screen is laid out again")
        await pilot.pause()
        assert table.show_vertical_scrollbar and bar.window_size == 12

        await pilot.resize_terminal(60, 20)
        # Waited for, not one idle guess: on a busy machine a pause could end before the
        # resize's layout pass (the suite failed here once under load).
        await until(pilot, lambda: bar.window_size == 20)
        assert (bar.window_virtual_size, bar.window_size) == (51, 20)

        table.move_cursor(row=49)  # scrolled to the end ...
        await pilot.pause()
        assert table.scroll_y > 0
        app.fill(3)  # ... then only three rows: they show from the top, without a scrollbar
        await pilot.pause()
        assert not table.show_vertical_scrollbar
        assert table.scroll_y == 0
