"""The portfolio screen: ranking shown and explained, drill-down to history, bad files named."""

from __future__ import annotations

import re
from datetime import date

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from retro.demo import fill_demo
from retro.model import History, Participant, Rating, Relationship, Session
from retro.store import Workspace
from retro.trends import RANKING_EXPLANATION
from retro.tui.screens.history import HistoryScreen
from retro.tui.screens.portfolio import PortfolioScreen
from tests.ui.screen import screen_text

TODAY = date(2026, 11, 20)


class PortfolioHost(App[None]):
    TITLE = "retro"

    def __init__(
        self, workspace: Workspace, theme: str | None = None, lang: str | None = None
    ) -> None:
        super().__init__()
        self.workspace, self.lang = workspace, lang
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(PortfolioScreen(self.workspace, today=TODAY, lang=self.lang))


async def loaded(pilot: Pilot) -> PortfolioScreen:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, PortfolioScreen)
    return screen


def text_of(screen: PortfolioScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    fill_demo(workspace, today=TODAY)
    # A relationship with only a self-assessment, and a hostile name.
    ag = Participant("ag", "Ann", "agency")
    self_only = Session(
        "s1",
        "2026-10-01",
        kind="self",
        participants=(ag,),
        ratings=(Rating("ag", "trust", "agency", 4),),
    )
    rel = Relationship("new-client", "[red]New[/] client", "Studio | Noord")
    workspace.merge_history(History(rel, (self_only,)))
    return workspace


async def test_ranked_rows_with_explanation(demo: Workspace) -> None:
    async with PortfolioHost(demo).run_test(size=(160, 40)) as pilot:  # every column
        screen = await loaded(pilot)
        assert text_of(screen, "#portfolio-ranking") == RANKING_EXPLANATION
        assert "4 relationships · today 2026-11-20" in text_of(screen, "#portfolio-heading")
        table = screen.query_one("#portfolio-table", DataTable)
        # Two signs each (a gap, overdue actions), lowest score first; then one sign.
        assert [r.value for r in table.rows] == [
            "northwind-foods",
            "gemeente-zwolle",
            "bakkerij-van-dijk",
            "new-client",
        ]
        row = table.get_row("new-client")
        assert row[1].plain == "[red]New[/] client"  # literal, not markup
        assert row[4].plain == "–" and row[5].plain == "–"  # no joint session: absent, not 0
        detail = text_of(screen, "#portfolio-detail")
        assert "gap +1.5 on Transparency & openness (agency)" in detail


async def test_ranking_matches_the_core(demo: Workspace) -> None:
    from retro.frameworks import load_frameworks
    from retro.trends import portfolio

    histories, _ = demo.scan()
    expected = [r.relationship.id for r in portfolio(histories, TODAY, load_frameworks(demo.root))]
    async with PortfolioHost(demo).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one("#portfolio-table", DataTable)
        assert [r.value for r in table.rows] == expected


async def test_detail_follows_the_cursor_and_enter_opens_history(demo: Workspace) -> None:
    app = PortfolioHost(demo)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one("#portfolio-table", DataTable)
        table.focus()
        index = [r.value for r in table.rows].index("new-client")
        table.move_cursor(row=index)
        await pilot.pause()
        detail = text_of(screen, "#portfolio-detail")
        # The rule counts closed joint sessions only (the fixture's self-assessment is
        # even still open, so it is named as in progress).
        assert detail.startswith("[red]New[/] client — Studio | Noord: no closed joint session")
        assert "a session in progress (2026-10-01) is not included" in detail
        table.move_cursor(row=0)
        await pilot.pause()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert app.screen.relationship_id == "northwind-foods"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen


async def test_a_session_in_progress_is_named_not_counted(demo: Workspace) -> None:
    """bakkerij-van-dijk is mid-session (today, open): its scores are the closed 2026-08-21
    session's, and the detail says the open one is left out until it is closed."""
    async with PortfolioHost(demo).run_test(size=(100, 30)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one("#portfolio-table", DataTable)
        table.focus()
        table.move_cursor(row=[r.value for r in table.rows].index("bakkerij-van-dijk"))
        await pilot.pause()
        detail = text_of(screen, "#portfolio-detail")
        assert "scores from the latest closed joint session (2026-08-21)" in detail
        assert "a session in progress (2026-11-20) is not included until it is closed" in detail
        row = next(r for r in screen.loaded.rows if r.relationship.id == "bakkerij-van-dijk")
        assert row.latest_date == "2026-08-21" and row.in_progress == "2026-11-20"


async def test_damaged_file_is_named_and_the_rest_shown(demo: Workspace) -> None:
    (demo.folder / "broken.json").write_text("{oops")
    async with PortfolioHost(demo).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "1 file could not be read" in text_of(screen, "#portfolio-heading")
        assert screen.query_one("#portfolio-table", DataTable).row_count == 4
        assert "broken.json is damaged" in text_of(screen, "#portfolio-detail")


async def test_empty_workspace(workspace: Workspace) -> None:
    async with PortfolioHost(workspace).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert "0 relationships" in text_of(screen, "#portfolio-heading")
        assert "No relationships yet" in text_of(screen, "#portfolio-detail")
        await pilot.press("enter", "r")
        await pilot.app.workers.wait_for_complete()


async def test_dutch(demo: Workspace) -> None:
    async with PortfolioHost(demo, lang="nl").run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert text_of(screen, "#portfolio-ranking").startswith("Eerst wat aandacht vraagt")
        assert "4 relaties · vandaag 2026-11-20" in text_of(screen, "#portfolio-heading")
        detail = text_of(screen, "#portfolio-detail")
        assert "verschil +1,5 op Transparantie & openheid (bureau)" in detail
        table = screen.query_one("#portfolio-table", DataTable)
        labels = [c.label.plain for c in table.columns.values()]
        assert "Afspraken\nnagekomen" in labels
        # Too narrow for the scores: the detail line carries them, with a decimal comma.
        assert "Opdrachtgever over bureau 3,00" in detail


@pytest.mark.parametrize(
    ("lang", "words"),
    [("nl", "duidelijke daling (0,25 of meer)"), ("en", "a clear drop of 0.25 or more")],
)
async def test_the_ranking_reads_naturally_and_whole_at_80x24(
    demo: Workspace, lang: str, words: str
) -> None:
    """ "trend echt 0,25+ omlaag" read oddly in Dutch: the sign is said in words, and the
    whole sentence still fits its three lines at 80 columns."""
    async with PortfolioHost(demo, lang=lang).run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause(0.1)
        painted = " ".join(
            " ".join(strip.text.split()) for strip in pilot.app.screen._compositor.render_strips()
        )
        assert words in painted
        assert ("dan de laagste score." if lang == "nl" else "then the lowest score.") in painted


SCORE = re.compile(r"\d\.\d")  # 3.50: an English decimal point


@pytest.mark.parametrize("size", [(80, 24), (160, 40)])
async def test_dutch_numbers_have_a_decimal_comma(demo: Workspace, size: tuple[int, int]) -> None:
    async with PortfolioHost(demo, lang="nl").run_test(size=size) as pilot:
        await loaded(pilot)
        text = screen_text(pilot.app)
        assert "3,00" in text and not SCORE.findall(text), text


async def test_the_columns_that_matter_fit_80_columns(demo: Workspace) -> None:
    """Trend, commitments kept, overdue actions and the largest gap, without scrolling
    sideways; what did not fit is in the detail line."""
    for lang, words in {
        "en": ("Trend", "Commitm.", "Overdue", "Largest gap"),
        "nl": ("Trend", "Afspraken", "Verlopen", "Grootste verschil"),
    }.items():
        async with PortfolioHost(demo, lang=lang).run_test(size=(80, 24)) as pilot:
            screen = await loaded(pilot)
            table = screen.query_one("#portfolio-table", DataTable)
            assert table.max_scroll_x == 0
            lines = screen_text(pilot.app).splitlines()
            at = next(i for i, line in enumerate(lines) if " Trend " in line)
            header = lines[at - 1] + lines[at]  # two-line column titles
            for word in words:
                assert word in header, (lang, word, header)
            first = next(line for line in lines if "Northwind Foods" in line)
            assert "→" in first and "88%" in first and " 4 " in first
            assert re.search(r"\+1[.,]5 (agency|bureau) · Transpar", first), first


def test_english_ranking_text_is_the_cores() -> None:
    from retro.trends import ranking_explanation

    assert ranking_explanation("en") == RANKING_EXPLANATION


def _ready(*keys: str):
    async def run_before(pilot: Pilot) -> None:
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await pilot.pause()

    return run_before


def test_snapshot_portfolio_80x24(snap_compare, demo: Workspace) -> None:
    assert snap_compare(PortfolioHost(demo), run_before=_ready())


def test_snapshot_portfolio_120x40(snap_compare, demo: Workspace) -> None:
    assert snap_compare(PortfolioHost(demo), terminal_size=(120, 40), run_before=_ready("down"))


def test_snapshot_portfolio_light_80x24(snap_compare, demo: Workspace) -> None:
    assert snap_compare(PortfolioHost(demo, theme="textual-light"), run_before=_ready())


def test_snapshot_portfolio_light_120x40(snap_compare, demo: Workspace) -> None:
    app = PortfolioHost(demo, theme="textual-light")
    assert snap_compare(app, terminal_size=(120, 40), run_before=_ready("down"))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "weighted by what matters to the client ({day}): client → agency {ca}"),
        (
            "nl",
            "gewogen naar wat de opdrachtgever belangrijk vindt ({day}): opdrachtgever → bureau {ca}",
        ),
    ],
)
async def test_detail_shows_the_views_weighted_by_the_clients_points(
    demo: Workspace, lang: str, words: str
) -> None:
    """Issue 13.5: where the client divided its points, the detail line carries both views
    weighted by them (retro.figures.weighted_mean, as `retro portfolio --weighted`)."""
    from retro.frameworks import load_frameworks
    from retro.trends import portfolio
    from retro.words import num

    histories, _ = demo.scan()
    rows = portfolio(histories, TODAY, load_frameworks(demo.root))
    zwolle = next(r for r in rows if r.relationship.id == "gemeente-zwolle")
    assert zwolle.weighted_client_on_agency is not None and zwolle.weights_from is not None
    day = zwolle.weights_from[1]
    ca = num(zwolle.weighted_client_on_agency, lang, places=2)
    async with PortfolioHost(demo, lang=lang).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        table = screen.query_one("#portfolio-table", DataTable)
        table.move_cursor(row=[r.relationship.id for r in rows].index("gemeente-zwolle"))
        await pilot.pause()
        assert words.format(ca=ca, day=day) in text_of(screen, "#portfolio-detail")
        table.move_cursor(row=[r.relationship.id for r in rows].index("northwind-foods"))
        await pilot.pause()
        assert "weighted" not in text_of(screen, "#portfolio-detail")  # never divided points


@pytest.mark.parametrize("lang", ["en", "nl"])
async def test_the_ranking_explanation_is_whole_at_80x24(demo: Workspace, lang: str) -> None:
    async with PortfolioHost(demo, lang=lang).run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        box = screen.query_one("#portfolio-ranking", Static)
        lines = box.render_lines(box.content_region.reset_offset)
        shown = " ".join("".join(seg.text for seg in line).strip() for line in lines)
        assert shown.endswith(("then the lowest score.", "dan de laagste score.")), shown
