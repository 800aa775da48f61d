"""The screens whose words moved into retro.words read Dutch in a Dutch app: history,
portfolio (its ranking sentence and warning signs come from the core), the export
preview and the facilitator's join-code line. Each reads the screen as the terminal shows it."""

from __future__ import annotations

import re
from datetime import date

from textual.pilot import Pilot

from retro.demo import fill_demo
from retro.tui.app import make_app
from tests.ui.data import OPEN, build_workspace, open_session
from tests.ui.screen import screen_text

TODAY = date(2026, 11, 20)

# English of the moved tables, each matched as a whole phrase.
ENGLISH = (
    # history
    "Agency sees",
    "Client sees",
    "Commitments kept",
    "Over time",
    "Predictions",
    "Compare",
    "Loading",
    # portfolio and the core's warning signs
    "Needs attention",
    "Warning",
    "falling trend",
    "overdue action",
    "no closed joint session",
    "relationships",
    "today",
    # export preview
    "Export summary",
    "both sides",
    "internal",
    "Folder",
    "File",
    "Copy",
    "Rendering",
    # the join-code line
    "Join code",
    "participants",
    "nobody has answered",
)
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")


async def settle(pilot: Pilot) -> str:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    return screen_text(pilot.app)


def no_english(text: str) -> None:
    found = sorted(set(ENGLISH_RE.findall(text)))
    assert not found, f"English on a Dutch screen: {found}\n{text}"


async def test_history_portfolio_and_export_read_dutch(workspace) -> None:
    from retro.tui.screens.export import ExportScreen
    from retro.tui.screens.history import HistoryScreen
    from retro.tui.screens.portfolio import PortfolioScreen

    fill_demo(workspace, today=TODAY)
    sid = next(s.id for s in workspace.load("bakkerij-van-dijk").sessions if s.kind == "joint")
    app = make_app(workspace, lang="nl", watch_interval=None, resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(PortfolioScreen(workspace, today=TODAY))
        text = await settle(pilot)
        no_english(text)
        assert "Eerst wat aandacht vraagt" in text and "verlopen actie" in text

        app.pop_screen()
        app.push_screen(HistoryScreen(workspace, "bakkerij-van-dijk"))
        text = await settle(pilot)
        no_english(text)
        assert "Opdrachtgever" in text and "Overzicht" in text

        app.pop_screen()
        app.push_screen(ExportScreen(workspace, sid))
        text = await settle(pilot)
        no_english(text)
        assert "Samenvatting exporteren" in text and "Kopiëren" in text


async def test_the_join_code_line_reads_dutch(workspace) -> None:
    build_workspace(workspace, with_open=open_session("rate", language="nl"))
    app = make_app(workspace, session_id=OPEN, watch_interval=5.0, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await settle(pilot)
        no_english(text)
        assert "Deelnamecode" in text
