"""The history screen: driven with Pilot on the demo and on messy histories, and snapshotted.

The screen runs inside a tiny host app that pushes it, the way the main app will: it
only needs a workspace and a relationship id.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Select, Static, TabbedContent

from retro.demo import fill_demo
from retro.model import History, Participant, Prediction, Rating, Relationship, Session
from retro.store import Workspace
from retro.tui.screens.history import HistoryScreen
from retro.tui.widgets.history_chart import CourseChart, HistoryChart

TODAY = date(2026, 11, 20)


class HistoryHost(App[None]):
    TITLE = "retro"

    def __init__(
        self,
        workspace: Workspace,
        rel_id: str,
        theme: str | None = None,
        lang: str | None = None,
    ) -> None:
        super().__init__()
        self.workspace, self.rel_id, self.lang = workspace, rel_id, lang
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(HistoryScreen(self.workspace, self.rel_id, lang=self.lang))


async def loaded(pilot: Pilot) -> HistoryScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def text_of(screen: HistoryScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    fill_demo(workspace, today=TODAY)
    return workspace


def _framework(version: int, keys: list[str]) -> dict:
    both = {"agency": {"en": "about the agency"}, "client": {"en": "about the client"}}
    return {
        "key": "fw",
        "version": version,
        "name": {"en": "Custom"},
        "dimensions": [{"key": k, "name": {"en": k.title()}, "about": both} for k in keys],
    }


@pytest.fixture
def messy(workspace: Workspace) -> Workspace:
    """Two framework versions (c dropped, d added), a self-only session, n/a everywhere."""
    folder = workspace.root / "frameworks"
    folder.mkdir(parents=True)
    (folder / "fw1.json").write_text(json.dumps(_framework(1, ["a", "c"])))
    (folder / "fw2.json").write_text(json.dumps(_framework(2, ["a", "d"])))
    ag, cl = Participant("ag", "Ann", "agency"), Participant("cl", "Cas", "client")

    def rate(pid: str, dim: str, subject: str, score: int | None) -> Rating:
        return Rating(pid, dim, subject, score)  # type: ignore[arg-type]

    sessions = (
        Session(
            "m1",
            "2024-01-10",
            framework="fw",
            framework_version=1,
            participants=(ag, cl),
            ratings=(
                rate("ag", "a", "agency", 4),
                rate("cl", "a", "agency", 2),
                rate("ag", "c", "agency", None),
                rate("cl", "c", "agency", None),
            ),
            status="closed",
        ),
        Session(
            "m2",
            "2024-03-01",
            kind="self",
            framework="fw",
            framework_version=2,
            participants=(ag,),
            ratings=(rate("ag", "a", "agency", 5),),
            predictions=(Prediction("ag", "a", 4),),
            status="closed",
        ),
        Session(
            "m3",
            "2024-03-10",
            framework="fw",
            framework_version=2,
            participants=(ag, cl),
            ratings=(rate("ag", "a", "agency", 4), rate("cl", "a", "agency", 3)),
            status="open",
        ),
    )
    rel = Relationship("messy", "Acme [bold red]BV[/]", "Agency \x1b[31m")
    workspace.merge_history(History(rel, sessions))
    return workspace


def cell(table: DataTable, row: str, column: str) -> str:
    return table.get_cell(row, column).plain


# ---------------------------------------------------------------------------
# Pilot


async def test_demo_history_shows_every_figure_per_session(demo: Workspace) -> None:
    app = HistoryHost(demo, "bakkerij-van-dijk")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "Bakkerij Van Dijk — Studio Noord · 10 sessions" in text_of(
            screen, "#history-heading"
        )
        table = screen.query_one("#history-table", DataTable)
        assert len(table.columns) == 11  # label + 10 sessions
        keys = [r.value for r in table.rows]
        assert keys[:2] == ["kept", "miss"]
        assert "transparency|agency|other" in keys and "transparency|client|gap" in keys
        assert "added_value|client|self" not in keys  # the framework never asks it
        assert cell(table, "kept", "bakkerij-van-dijk-2025-05-21") == "–"
        assert cell(table, "kept", "bakkerij-van-dijk-2025-08-20") == "50%"


async def test_filter_steps_through_dimensions(demo: Workspace) -> None:
    app = HistoryHost(demo, "northwind-foods")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("]")
        await pilot.pause()
        assert screen.query_one("#history-dimension", Select).value == "transparency"
        table = screen.query_one("#history-table", DataTable)
        keys = [r.value for r in table.rows]
        assert keys == [
            "kept",
            "miss",
            "transparency|title",
            "transparency|agency|self",
            "transparency|agency|other",
            "transparency|agency|gap",
            "transparency|agency|prediction",
            "transparency|client|self",
            "transparency|client|other",
            "transparency|client|gap",
        ]
        await pilot.press("[", "[")
        await pilot.pause()
        assert screen.query_one("#history-dimension", Select).value == "attention"


async def test_highlighted_row_drives_the_chart(demo: Workspace) -> None:
    app = HistoryHost(demo, "gemeente-zwolle")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one("#history-table", DataTable)
        table.focus()
        keys = [r.value for r in table.rows]
        target = keys.index("transparency|agency|other")
        table.move_cursor(row=target)
        await pilot.pause()
        # A view's row: the dimension's course, both views of the agency and their gap.
        course = screen.query_one("#course-chart", CourseChart)
        t = screen.loaded.trends
        assert course.display and not screen.query_one("#history-chart").display
        assert course.own == t.series("transparency", "agency", "self")
        assert course.other == t.series("transparency", "agency", "other")
        assert course.dates == tuple(s.date for s in t.sessions)
        label = text_of(screen, "#history-chart-label")
        assert "● Agency sees itself  ○ Client sees agency" in label
        assert "┃ gap ≥ 1" in label
        # Commitments kept is a share, not a view: its own bars on 0-100%.
        table.move_cursor(row=keys.index("kept"))
        await pilot.pause()
        chart = screen.query_one("#history-chart", HistoryChart)
        assert chart.display and not course.display
        assert chart.data == t.commitments_kept
        assert chart.scale == (0.0, 1.0)


async def test_compare_two_sessions(demo: Workspace) -> None:
    app = HistoryHost(demo, "bakkerij-van-dijk")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert screen.query_one("#history-tabs", TabbedContent).active == "compare"
        a = screen.query_one("#compare-a", Select)
        b = screen.query_one("#compare-b", Select)
        assert (a.value, b.value) == (
            "bakkerij-van-dijk-2026-08-21",
            "bakkerij-van-dijk-2026-11-20",
        )
        table = screen.query_one("#compare-table", DataTable)
        assert table.row_count == 17  # 9 dimensions x 2 sides, minus added_value's client side
        a.value = "bakkerij-van-dijk-2025-05-21"
        await pilot.pause()
        t = screen.loaded.trends
        before = t.series("transparency", "agency", "other")[0]
        after = t.series("transparency", "agency", "other")[-1]
        assert cell(table, "transparency|agency", "other").startswith(f"{before:.1f}→{after:.1f}")
        # issue 13.1: the raters behind both views (n=a→b when the count moved)
        n0 = t.view("transparency", "agency", "other", 0).n
        n1 = t.view("transparency", "agency", "other", len(t.sessions) - 1).n
        raters = f"n={n0}" if n0 == n1 else f"n={n0}→{n1}"
        assert f"{before:.1f}→{after:.1f} {raters}" in cell(table, "transparency|agency", "other")
        assert "n=" not in cell(table, "transparency|agency", "gap")
        assert "Commitments kept: – → 88%" in text_of(screen, "#compare-summary")


async def test_predictions_tab(demo: Workspace) -> None:
    app = HistoryHost(demo, "bakkerij-van-dijk")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("p")
        await pilot.pause()
        table = screen.query_one("#predictions-table", DataTable)
        assert [r.value for r in table.rows] == [c.joint for c in screen.loaded.trends.predictions]
        assert cell(table, "bakkerij-van-dijk-2025-08-20", "source") == "2025-08-11 S"
        await pilot.press("]")
        await pilot.pause()
        assert [c.value for c in table.columns] == ["joint", "source", "predicted", "actual", "gap"]


async def test_messy_history_never_shows_absent_as_zero(messy: Workspace) -> None:
    app = HistoryHost(messy, "messy")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        heading = text_of(screen, "#history-heading")
        assert "Acme [bold red]BV[/] — Agency ␛[31m" in heading  # literal, escape made visible
        table = screen.query_one("#history-table", DataTable)
        assert cell(table, "c|agency|self", "m1") == "–"  # asked, all n/a
        assert cell(table, "c|agency|self", "m3") == "·"  # dropped in version 2
        assert cell(table, "d|agency|self", "m1") == "·"  # added in version 2
        assert cell(table, "a|agency|other", "m2") == "–"  # self-assessment: no client
        assert cell(table, "a|agency|other", "m3") == "3.00 n=1 ↑"  # one rater: n beside it
        assert cell(table, "a|agency|gap", "m3") == "1.00 ↓"
        assert cell(table, "a|agency|prediction", "m3") == "1.00  "  # no earlier one: no arrow
        labels = {key.value: column.label.plain for key, column in table.columns.items()}
        assert labels["m3"] == "2024-03-10\njoint (open)"
        assert labels["m2"] == "2024-03-01\nself-assess."
        for row in table.rows:
            for column in table.columns:
                assert table.get_cell(row, column) is not None


async def test_one_session_empty_and_missing_relationships_do_not_crash(
    workspace: Workspace,
) -> None:
    ag, cl = Participant("ag", "Ann", "agency"), Participant("cl", "Cas", "client")
    one = Session(
        "o1",
        "2024-01-01",
        participants=(ag, cl),
        ratings=(Rating("ag", "trust", "agency", 4), Rating("cl", "trust", "agency", 4)),
    )
    workspace.merge_history(History(Relationship("one", "One", "Ag"), (one,)))
    workspace.create_relationship("Nobody yet", "Ag", rel_id="empty")
    async with HistoryHost(workspace, "one").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert screen.query_one("#compare-b", Select).value == "o1"
        assert "Pick two sessions" in text_of(screen, "#compare-summary")
        await pilot.press("p")
        await pilot.pause()
        assert (
            "No self-assessment"
            in screen.query_one("#predictions-table", DataTable).get_row_at(0)[0].plain
        )
    async with HistoryHost(workspace, "empty").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "no sessions yet" in text_of(screen, "#history-heading")
        assert "No sessions yet." in text_of(screen, "#history-chart-label")
    async with HistoryHost(workspace, "nope").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "no relationship 'nope'" in text_of(screen, "#history-heading")


async def test_theme_switch_and_escape(demo: Workspace) -> None:
    app = HistoryHost(demo, "northwind-foods")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        app.theme = "textual-light"
        await pilot.pause()
        assert screen.query_one("#history-table", DataTable).row_count > 50
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HistoryScreen)


async def test_summary_shows_what_improved_where_sides_disagree_and_kept(
    demo: Workspace,
) -> None:
    app = HistoryHost(demo, "northwind-foods")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.query_one("#history-tabs", TabbedContent).active == "summary"
        t = screen.loaded.trends
        table = screen.query_one("#summary-table", DataTable)
        assert [r.value for r in table.rows] == list(t.dimensions)
        # Hand check against the joint sessions only: the last two, 2026-06-02 and 2026-09-01.
        a, b = t.index("northwind-foods-2026-06-02"), t.index("northwind-foods-2026-09-01")
        other = t.series("transparency", "agency", "other")
        # Two client raters, 3 and 3: their scores, not "3.00" (issue 13). The move of
        # -0.50 is no clear change (→): the closed joint sessions before it moved as much.
        assert other[b] == 3.0 and other[b] - other[a] == -0.5
        assert cell(table, "transparency", "ca") == "3 and 3 (n=2) →-0.50"
        assert cell(table, "added_value", "ac") == ""  # the client side is never asked
        summary = text_of(screen, "#summary-text")
        assert "Since the previous closed joint session (2026-06-02 → 2026-09-01)" in summary
        assert "in progress" not in summary  # every northwind session is closed
        assert "Commitments kept: 88%" in summary
        table.focus()
        table.move_cursor(row=2)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.query_one("#history-tabs", TabbedContent).active == "over-time"
        assert screen.query_one("#history-dimension", Select).value == t.dimensions[2]


async def test_summary_with_one_or_no_joint_session(messy: Workspace, workspace: Workspace) -> None:
    async with HistoryHost(messy, "messy").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        # m1 and m3 are joint, but m3 is still open: the rule (latest *closed* joint
        # session against the closed one before) leaves m1 alone, so no change yet and
        # m1's own figures (it used to read m3's 3.00 ↑+1.00 and gap +1.00).
        # m2 (self-assessment) is never a step of the comparison.
        summary = text_of(screen, "#summary-text")
        assert "One closed joint session so far (2024-01-10)" in summary
        assert "A session in progress (2024-03-10) is not included until it is closed." in summary
        table = screen.query_one("#summary-table", DataTable)
        assert cell(table, "a", "ca") == "2 (n=1)"  # one rater: the score, with its n
        assert cell(table, "c", "ca") == "–"  # n/a everywhere
        assert cell(table, "a", "gap") == "+2.00 agency"
    workspace.create_relationship("Fresh", "Ag", rel_id="fresh")
    async with HistoryHost(workspace, "fresh").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "No closed joint session yet" in text_of(screen, "#summary-text")


async def test_summary_leaves_a_session_in_progress_out(workspace: Workspace) -> None:
    """The demo's case: a joint session mid-rating. Every cell and arrow of the summary
    comes from the last two closed joint sessions (j1 → j2), as in `retro trends`."""
    from tests.unit.test_trends import open_session_history

    workspace.merge_history(open_session_history())
    async with HistoryHost(workspace, "open-rel").run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        summary = text_of(screen, "#summary-text")
        assert "Since the previous closed joint session (2024-01-10 → 2024-04-10)" in summary
        assert "A session in progress (2024-07-10) is not included until it is closed." in summary
        assert "Commitments kept: 100% (before: –)" in summary  # j2's, not j3's 0%
        table = screen.query_one("#summary-table", DataTable)
        # Before: 2.00 ↓-2.00 (j3 against j2).
        # One rater each; a first change of 1 point meets the one-point floor: clear.
        assert cell(table, "proactivity", "ca") == "4 (n=1) ↑+1.00"
        assert cell(table, "trust", "ca") == "5 (n=1) ↑+1.00"
        assert cell(table, "feedback", "ca") == "2 (n=1)"  # new in j2: no change to show
        assert cell(table, "attention", "ca") == "–"  # only in j1: not carried over
        assert cell(table, "proactivity", "ac") == "–"  # only j3 has it
        # The gap is j2's self - other: 5 - 4 and 3 - 5.
        assert cell(table, "proactivity", "gap") == "+1.00 agency"
        assert cell(table, "trust", "gap") == "-2.00 agency"
        t = screen.loaded.trends
        for dim in ("proactivity", "trust", "feedback"):
            own, other, gap = (t.latest(dim, "agency", f)[0] for f in ("self", "other", "gap"))
            assert gap == own - other
    async with HistoryHost(workspace, "open-rel", lang="nl").run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        summary = text_of(screen, "#summary-text")
        assert "Een lopende sessie (2024-07-10) telt pas mee als die is afgesloten." in summary


# ---------------------------------------------------------------------------
# Snapshots


def _ready(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


def test_snapshot_history_80x24(snap_compare, demo: Workspace) -> None:
    assert snap_compare(HistoryHost(demo, "northwind-foods"), run_before=_ready())


def test_snapshot_history_120x40(snap_compare, demo: Workspace) -> None:
    app = HistoryHost(demo, "gemeente-zwolle")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_ready("o", "]", "]"))


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_snapshot_history_course(
    snap_compare, demo: Workspace, size: tuple[int, int], theme: str
) -> None:
    """One dimension chosen: its course charted, both views and the gap, 1-5 with dates."""
    app = HistoryHost(demo, "gemeente-zwolle", theme=theme)
    assert snap_compare(app, terminal_size=size, run_before=_ready("o", "]"))


def test_snapshot_history_compare_light_80x24(snap_compare, demo: Workspace) -> None:
    app = HistoryHost(demo, "bakkerij-van-dijk", theme="textual-light")
    assert snap_compare(app, run_before=_ready("c"))


async def test_dutch_words(demo: Workspace) -> None:
    app = HistoryHost(demo, "bakkerij-van-dijk", lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "10 sessies, 2025-05-21 tot 2026-11-20" in text_of(screen, "#history-heading")
        table = screen.query_one("#history-table", DataTable)
        assert table.get_row("transparency|agency|other")[0].plain == "  Opdrachtgever over bureau"
        assert table.get_row("transparency|title")[0].plain == "Transparantie & openheid"
        assert str(screen.query_one("#history-dimension", Select).value) == "__all__"


def test_snapshot_history_dutch_80x24(snap_compare, demo: Workspace) -> None:
    assert snap_compare(HistoryHost(demo, "bakkerij-van-dijk", lang="nl"), run_before=_ready("]"))


def test_snapshot_history_messy_120x40(snap_compare, messy: Workspace) -> None:
    app = HistoryHost(messy, "messy")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_ready("o"))


async def test_reload_picks_up_a_session_saved_elsewhere(demo: Workspace) -> None:
    app = HistoryHost(demo, "northwind-foods")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        before = len(screen.loaded.trends.sessions)
        ag, cl = Participant("ag", "Ann", "agency"), Participant("cl", "Cas", "client")
        extra = Session(
            "northwind-extra",
            "2026-11-21",
            participants=(ag, cl),
            ratings=(Rating("ag", "trust", "agency", 4), Rating("cl", "trust", "agency", 2)),
        )
        demo.add_session("northwind-foods", extra)
        await pilot.press("r")
        screen = await loaded(pilot)
        assert len(screen.loaded.trends.sessions) == before + 1
        table = screen.query_one("#history-table", DataTable)
        assert cell(table, "trust|agency|other", "northwind-extra").startswith("2.00")


async def test_a_gap_of_zero_names_no_side(demo: Workspace) -> None:
    async with HistoryHost(demo, "bakkerij-van-dijk").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        t = screen.loaded.trends
        latest = t.pair[1]
        assert t.series("transparency", "agency", "gap")[latest] == 0
        assert abs(t.series("transparency", "client", "gap")[latest] or 0) == 0
        assert cell(screen.query_one("#summary-table", DataTable), "transparency", "gap") == "0.00"


async def test_course_chart_draws_both_views_the_gap_and_the_axes() -> None:
    """A hand-made course: agency sees itself 4, 4, 5; the client 4, 2, absent."""

    class Host(App[None]):
        def compose(self):
            yield CourseChart()

    app = Host()
    async with app.run_test(size=(40, 9)) as pilot:
        chart = app.query_one(CourseChart)
        chart.set_course(["2026-01-01", "2026-04-01", "2026-07-01"], [4, 4, 5], [4, 2, None], 1.0)
        await pilot.pause()
        lines = str(chart.render()).split("\n")
        plot = lines[:-2]
        assert plot[0].startswith("5 ┤") and plot[-1].startswith("1 ┤")  # a fixed 1-5 scale
        assert sorted(line[0] for line in plot if "┤" in line) == ["1", "2", "3", "4", "5"]
        text = "\n".join(lines)
        assert "◉" in text  # both at 4 in the first session
        assert "┃" in text  # 4 against 2: a gap of two points, drawn bold
        assert text.count("●") == 2 and text.count("○") == 1  # the absent view is not drawn
        assert lines[-2].lstrip().startswith("└")
        assert "2026-01" in lines[-1] and "2026-07" in lines[-1]
