"""What the reveal tells a meeting about its figures: raters, distributions, anonymity,
agreement and reliable change — read off the screen as a facilitator would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace
from textual.widgets import Static

from retro.model import Participant, Rating, Session
from retro.tui.app import make_app
from retro.tui.widgets.dimension_bars import DimensionBars
from retro.tui.widgets.diverging_bar import bar_cells
from tests.ui.data import OPEN, REL, earlier_session
from tests.ui.meeting import settle
from tests.ui.screen import screen_text

CLIENTS = (
    Participant("c1", "Client One", "client"),
    Participant("c2", "Client Two", "client"),
    Participant("c3", "Client Three", "client"),
)
AGENCY = (Participant("a1", "Agency One", "agency"),)


def hand_made(clients: int, *, anonymous: bool) -> Session:
    """A reveal where `clients` client raters scored the agency's transparency 5, 4, 2
    (in that order, as many as there are) and the agency gave itself a 4."""
    people = (*CLIENTS[:clients], *AGENCY)
    given = [
        Rating(p.id, "transparency", "agency", s) for p, s in zip(CLIENTS, (5, 4, 2), strict=True)
    ]
    ratings = [*given[:clients], Rating("a1", "transparency", "agency", 4)]
    return Session(
        id=OPEN,
        date="2026-04-15",
        language="en",
        participants=people,
        ratings=tuple(ratings),
        status="open",
        phase="reveal",
        revealed=True,
        anonymous=anonymous,
    )


def build(workspace, session: Session, *, earlier: Session | None = None) -> None:
    workspace.create_relationship("Acme BV", "Studio Zuid", rel_id=REL)
    if earlier is not None:
        workspace.add_session(REL, earlier)
    workspace.add_session(REL, session)


def shown_text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def bar_rows(app, dim: int, key: str) -> DimensionBars:
    """The rows of dimension `dim` (in framework order) that draw view `key`."""
    block = app.screen.query(".dim-bars")[dim]
    return next(rows for rows in block.query(DimensionBars) if key in rows.keys)


async def open_bars(workspace, size=(80, 24)):
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="en")
    return app


async def test_two_anonymous_raters_show_only_the_mean(workspace) -> None:
    """On the distribution tab, and in the four views whose legend explains only the means
    it shows (one app for both looks: the same session)."""
    build(workspace, hand_made(2, anonymous=True))
    app = await open_bars(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        # The four views: a mean, its raters in the header, no "4/2" in the legend.
        from textual.widgets import DataTable

        table = app.screen.query_one("#views", DataTable)
        assert str(table.get_row("transparency")[2]) == "4.5"
        assert "n=2" in header(table, "ca")
        legend = shown_text(app, "#legend")
        assert "scores of two raters" not in legend
        assert "4/2" not in legend
        await pilot.press("right_square_bracket")  # the distribution tab
        await settle(pilot)
        rows = bar_rows(app, 0, "ca")
        text = rows.words("ca")
        assert "4.5 (n=2)" in text
        assert "5 and 4" not in text
        assert "anonymous: fewer than 3" in text
        assert not rows.shown("ca")  # a mean marker, no blocks per rater
        assert "█" not in str(rows.bar("ca")) and "●" in str(rows.bar("ca"))
        assert "4.5 (n=2)" in screen_text(app)  # and on the screen, beside its bar


async def test_three_anonymous_raters_show_their_distribution(workspace) -> None:
    build(workspace, hand_made(3, anonymous=True))
    app = await open_bars(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        rows = bar_rows(app, 0, "ca")
        assert "3.7 (n=3: 5, 4, 2)" in rows.words("ca")
        drawn = str(rows.bar("ca"))
        assert f"{drawn} 3.7 (n=3: 5, 4, 2)" in screen_text(app)  # as drawn on the screen
        left, right = drawn.split("│")
        assert "▓" in left  # the 2, left of the centre line
        assert "█" in right and "▓" in right  # the 5 and the 4, right of it


async def test_two_named_raters_show_their_scores_not_a_mean(workspace) -> None:
    """On the distribution tab and in the four views, whose legend explains the scores it
    shows (one app for both looks: the same session)."""
    build(workspace, hand_made(2, anonymous=False))
    app = await open_bars(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "4/2 the scores of two raters" in shown_text(app, "#legend")
        assert "spread" not in shown_text(app, "#legend")  # no cell is flagged
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert "5 and 4 (n=2)" in bar_rows(app, 0, "ca").words("ca")
        # The four-views table too: the two scores, not 4.5.
        from textual.widgets import DataTable

        table = app.screen.query_one("#views", DataTable)
        assert str(table.get_row("transparency")[2]) == "5/4"


async def test_small_gap_is_agreement_and_small_change_is_no_clear_change(workspace) -> None:
    # Client sees the agency 3.7 now; last time 3 (one earlier session: the floor of 1 point).
    before = replace(
        earlier_session(),
        participants=(*CLIENTS, *AGENCY),
        ratings=tuple(Rating(p.id, "transparency", "agency", 3) for p in CLIENTS),
    )
    build(workspace, hand_made(3, anonymous=False), earlier=before)
    app = await open_bars(workspace)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        line = shown_text(app, "#bar-gap-0-agency")
        assert "Agency: agreement (gap +0.3, under 1)" in line
        assert "since last time →+0.7 (no clear change)" in line
        await pilot.press("right_square_bracket")  # gaps
        await settle(pilot)
        gaps = shown_text(app, "#gaps")
        assert "Differences of 1 point or more" not in gaps
        assert "Agreement (gap under 1 point): Transparency & openness (agency +0.3)" in gaps


def test_bar_cells_put_low_scores_left_and_split_the_threes() -> None:
    from retro.figures import view_of

    left, right = bar_cells(view_of([1, 2, 3, 4, 5, 5]), half=10, unit=1)
    assert left == [2, 1]  # innermost first: the 2 beside the line, the 1 outside it
    assert right == [3, 4, 5, 5]  # a single 3 goes right; 4 then the 5s outward


async def test_setup_shows_and_saves_the_anonymity_threshold(workspace) -> None:
    from datetime import date

    from tests.ui.data import build_workspace

    build_workspace(workspace)
    app = make_app(workspace, watch_interval=None, resume=False, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        row = app.screen.query_one("#threshold-row")
        assert not row.display  # only an anonymous session has a threshold
        await pilot.click("#anonymous")
        await settle(pilot)
        assert row.display
        assert "Show scores from" in str(app.screen.query_one("#threshold-row Label").render())
        await pilot.click("#threshold")
        await pilot.press("backspace", "x", "2")  # a letter is refused
        await pilot.press("ctrl+g")
        await settle(pilot)
    session = workspace.load(REL).session(f"{REL}-{date.today().isoformat()}")
    assert session.anonymous and session.distribution_min_raters == 2


@given(st.lists(st.integers(1, 5), max_size=12), st.integers(1, 4))
def test_every_rater_is_drawn_on_the_side_of_their_score(scores: list[int], unit: int) -> None:
    from retro.figures import view_of

    view = view_of(scores)
    left, right = bar_cells(view, half=60, unit=unit)  # room for all: nothing is cut
    assert len(left) + len(right) == len(scores) * unit
    assert set(left) <= {1, 2, 3} and set(right) <= {3, 4, 5}
    # Outward the scores only get more extreme: 3 at the line, 1 and 5 at the ends.
    assert left == sorted(left, reverse=True) and right == sorted(right)
    assert left.count(3) + right.count(3) == scores.count(3) * unit
    assert 0 <= right.count(3) - left.count(3) <= 1


def header(table, key: str) -> str:
    from textual.widgets.data_table import ColumnKey

    return str(table.columns[ColumnKey(key)].label)


async def test_four_views_say_how_many_raters_stand_behind_a_mean(workspace) -> None:
    # Three clients: C→A shows a mean (3.7), so its raters must be on the tab too.
    build(workspace, hand_made(3, anonymous=False))
    app = await open_bars(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from textual.widgets import DataTable

        table = app.screen.query_one("#views", DataTable)
        assert str(table.get_row("transparency")[2]) == "3.7⚠"  # 5, 4, 2: spread 3
        assert "n=3" in header(table, "ca")
        assert "n=1" in header(table, "aa")
        legend = shown_text(app, "#legend")
        assert "n= how many raters" in legend
        assert "⚠ spread ≥ 2" in legend


async def test_the_four_views_with_raters_fit_80_columns_in_dutch(workspace) -> None:
    build(workspace, replace(hand_made(3, anonymous=False), language="nl"))
    app = make_app(workspace, session_id=OPEN, watch_interval=None, resume=False, lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from textual.widgets import DataTable

        table = app.screen.query_one("#views", DataTable)
        assert "n=3" in header(table, "ca")
        assert table.virtual_size.width <= table.scrollable_content_region.width


async def test_a_mean_of_fewer_raters_than_its_column_names_its_own(workspace) -> None:
    # Anonymous: three clients on transparency, two on expectations (one said n/a there).
    session = hand_made(3, anonymous=True)
    two = (Rating("c1", "expectations", "agency", 5), Rating("c2", "expectations", "agency", 2))
    build(workspace, replace(session, ratings=(*session.ratings, *two)))
    app = await open_bars(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from textual.widgets import DataTable

        table = app.screen.query_one("#views", DataTable)
        assert "n=2–3" in header(table, "ca")
        assert str(table.get_row("expectations")[2]) == "3.5 (2)"  # a mean, its two raters
        assert str(table.get_row("transparency")[2]).startswith("3.7")
        assert "(2)" not in str(table.get_row("transparency")[2])
        assert "3.7 (2) a mean of 2 raters, where fewer" in shown_text(app, "#legend")
        assert table.virtual_size.width <= table.scrollable_content_region.width


async def test_a_self_assessment_names_its_raters_and_no_joint_views(workspace) -> None:
    # Two agency people rate themselves; the legend of the joint views has no place here.
    team = (Participant("a1", "Agency One", "agency"), Participant("a2", "Agency Two", "agency"))
    session = replace(
        hand_made(1, anonymous=False),
        kind="self",
        participants=team,
        ratings=(
            Rating("a1", "transparency", "agency", 4),
            Rating("a2", "transparency", "agency", 2),
            Rating("a1", "feedback", "agency", 5),
        ),
    )
    build(workspace, session)
    app = await open_bars(workspace)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        from textual.widgets import DataTable

        table = app.screen.query_one("#views", DataTable)
        assert "n=1–2" in header(table, "self")
        assert str(table.get_row("feedback")[1]) == "5.0 (1)"
        legend = shown_text(app, "#legend")
        assert "A→C" not in legend and "Δ" not in legend
        assert "n= how many raters" in legend
