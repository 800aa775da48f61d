"""The rules of docs/figures.md, each against a hand calculation, plus hypothesis properties.

Counts and distributions, agreement below one point, reliable change from a relationship's
own history, prediction accuracy, and anonymity: what a facilitator reads off a figure.
"""

from __future__ import annotations

import json
import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retro.cli import main
from retro.figures import (
    CHANGE_FLOOR,
    CHANGE_MIN,
    GAP_AT,
    Change,
    accuracy,
    change_between,
    change_threshold,
    describe_change,
    describe_mean,
    describe_view,
    gap_kind,
    prediction_accuracy,
    session_figures,
    shows_distribution,
    steps,
    view_of,
    withheld,
)
from retro.model import (
    DISTRIBUTION_MIN_RATERS,
    History,
    ModelError,
    Participant,
    Prediction,
    Rating,
    Relationship,
    Session,
    session_from_dict,
    session_to_dict,
)
from retro.trends import portfolio_row, relationship_trends
from tests.unit.strategies import histories

CLIENTS = tuple(Participant(f"c{i}", f"Client {i}", "client") for i in range(1, 4))
AGENCY = tuple(Participant(f"a{i}", f"Agency {i}", "agency") for i in range(1, 4))
REL = Relationship("rel", "Client", "Agency")

# ---------------------------------------------------------------------------
# 1. Counts and distributions


def test_a_view_counts_its_raters_and_keeps_na_apart() -> None:
    v = view_of([4, None, 2, 4, 5])
    assert (v.n, v.na) == (4, 1)
    assert v.mean == 3.75  # (4 + 2 + 4 + 5) / 4: n/a is not a score
    assert v.distribution == {1: 0, 2: 1, 3: 0, 4: 2, 5: 1}
    assert v.as_json() == {
        "mean": 3.75,
        "n": 4,
        "na": 1,
        "distribution": {"1": 0, "2": 1, "3": 0, "4": 2, "5": 1},
    }
    assert v.as_json(show_distribution=False)["distribution"] is None


def test_one_or_two_raters_show_their_scores_not_a_decimal_mean() -> None:
    assert describe_view(view_of([4])) == "4 (n=1)"
    assert describe_view(view_of([2, 5])) == "5 and 2 (n=2)"  # not "3.5": two people, far apart
    assert describe_view(view_of([2, 5]), "nl") == "5 en 2 (n=2)"
    assert describe_view(view_of([4, 4, 3, 2])) == "3.2 (n=4)"  # 13 / 4 = 3.25, shown to 1 place
    assert describe_view(view_of([4, 4, 3, 2]), "nl", with_scores=True) == "3,2 (n=4: 4, 4, 3, 2)"
    many = view_of([5, 5, 3, 3, 3, 3, 3, 3, 3, 3, 1, 1])  # 36 / 12 = 3.0
    assert describe_view(many, with_scores=True) == "3.0 (n=12: 5×2, 3×8, 1×2)"
    assert describe_view(view_of([None, None])) == "–"  # only n/a: no view, not 0


def test_session_figures_carry_the_scores_behind_each_view() -> None:
    s = Session(
        "s",
        "2026-01-01",
        participants=CLIENTS[:2] + AGENCY[:1],
        ratings=(
            Rating("c1", "trust", "agency", 5),
            Rating("c2", "trust", "agency", None),
            Rating("a1", "trust", "agency", 3),
        ),
    )
    agency = session_figures(s).dimensions["trust"]["agency"]
    assert (agency.other_scores.n, agency.other_scores.na, agency.other_scores.scores) == (
        1,
        1,
        (5,),
    )
    assert (agency.self_scores.n, agency.self_scores.scores) == (1, (3,))


# ---------------------------------------------------------------------------
# 2a. A gap under one point is agreement


@pytest.mark.parametrize(
    ("gap", "kind"),
    [
        (0.0, "agreement"),
        (0.99, "agreement"),
        (-0.99, "agreement"),
        (1.0, "self_higher"),
        (-1.0, "other_higher"),
        (2.5, "self_higher"),
        (None, None),
    ],
)
def test_gap_kinds(gap: float | None, kind: str | None) -> None:
    assert GAP_AT == 1.0
    assert gap_kind(gap) == kind


def test_agreement_is_not_ranked_as_a_difference() -> None:
    s = Session(
        "s",
        "2026-01-01",
        participants=CLIENTS[:1] + AGENCY[:1],
        ratings=(
            Rating("a1", "x", "agency", 4),  # agency self 4, client on agency 3 -> gap 1
            Rating("c1", "x", "agency", 3),
            Rating("c1", "y", "client", 4),  # client self 4, agency on client 4 -> gap 0
            Rating("a1", "y", "client", 4),
        ),
    )
    figs = session_figures(s)
    assert [(d, side) for d, side, _ in figs.gaps_largest_first()] == [
        ("x", "agency"),
        ("y", "client"),
    ]
    assert figs.differences() == [("x", "agency", 1.0)]  # the 0 gap is agreement


# ---------------------------------------------------------------------------
# 2b. Reliable change


def test_threshold_is_one_point_until_three_earlier_differences() -> None:
    assert change_threshold([]) == CHANGE_FLOOR == 1.0
    assert change_threshold([0.1, -0.2]) == 1.0


def test_threshold_from_history_by_hand() -> None:
    # Earlier steps +0.5, -0.5, +1.0: S_diff = sqrt((0.25 + 0.25 + 1) / 3) = sqrt(0.5)
    # = 0.7071; threshold = 1.96 x 0.7071 = 1.386.
    assert change_threshold([0.5, -0.5, 1.0]) == pytest.approx(1.386, abs=0.001)
    # A steady history (steps 0, 0, 0.5, 0): 1.96 x 0.25 = 0.49, raised to the minimum 0.5.
    assert change_threshold([0.0, 0.0, 0.5, 0.0]) == CHANGE_MIN == 0.5
    # Even then, half a point (one of two raters moving one point) is no clear change.
    assert Change(-0.5, 0.5, 4).direction == "flat"
    assert Change(-0.67, 0.5, 4).direction == "down"  # one of three moving two points


def test_change_between_judges_against_the_steps_before_it() -> None:
    series = [3.0, 3.5, 3.0, 4.0, 2.5, 3.0]
    # 4.0 -> 2.5 = -1.5 against steps +0.5, -0.5, +1.0 (threshold 1.386): a clear fall.
    fall = change_between(series, 3, 4)
    assert (fall.value, fall.history, fall.clear, fall.direction) == (-1.5, 3, True, "down")
    # 2.5 -> 3.0 = +0.5 against four steps (S_diff = sqrt((0.25+0.25+1+2.25)/4) = 0.968,
    # threshold 1.898): no clear change.
    rise = change_between(series, 4, 5)
    assert rise.threshold == pytest.approx(1.96 * math.sqrt(3.75 / 4))
    assert (rise.clear, rise.direction) == (False, "flat")
    assert describe_change(rise) == "→+0.50" and describe_change(fall) == "↓-1.50"
    # The first change of a relationship: the one-point floor, met exactly.
    assert change_between([2.0, 3.0], 0, 1).direction == "up"
    assert change_between([2.0, 2.5], 0, 1).direction == "flat"
    assert change_between([2.0, None], 0, 1).direction is None


def _joint(sid: str, day: str, client_on_agency: int, status: str = "closed") -> Session:
    return Session(
        sid,
        day,
        participants=(CLIENTS[0], AGENCY[0]),
        ratings=(
            Rating("c1", "trust", "agency", client_on_agency),
            Rating("a1", "trust", "agency", 4),
            Rating("a1", "trust", "client", 4),
            Rating("c1", "trust", "client", 4),
        ),
        status=status,  # type: ignore[arg-type]
    )


def test_latest_change_reads_only_closed_joint_sessions() -> None:
    # Closed: 3, 4, 3, 4, 2 -> earlier steps +1, -1, +1: S_diff 1, threshold 1.96.
    # The last step is -2: a clear fall. An open session after it changes nothing.
    sessions = [_joint(f"j{i}", f"2025-0{i}-01", v) for i, v in enumerate([3, 4, 3, 4, 2], start=1)]
    sessions.append(_joint("j6", "2025-06-01", 5, status="open"))
    t = relationship_trends(History(REL, tuple(sessions)))
    c = t.latest_change("trust", "agency", "other")
    assert c is not None
    assert (c.value, c.threshold, c.history, c.direction) == (-2.0, 1.96, 3, "down")
    latest = t.as_json()["latest"]["trust"]["agency"]["other"]
    assert latest == {
        "value": 2.0,
        "change": -2.0,
        "clear": True,
        "direction": "down",
        "threshold": 1.96,
        "history": 3,
    }
    # One point less of a fall (-1.5 < 1.96) and it is no clear change.
    sessions[4] = _joint("j5", "2025-05-01", 3)
    softer = relationship_trends(History(REL, tuple(sessions)))
    assert softer.latest_change("trust", "agency", "other").direction == "flat"  # type: ignore[union-attr]


def test_portfolio_trend_uses_the_same_rule() -> None:
    # Steps of the relationship's mean other view: +0.5, -0.5, +0.5 (client on agency moves
    # 3 -> 4 -> 3 -> 4 while agency on client stays 4), S_diff 0.5, threshold 0.98.
    sessions = tuple(
        _joint(f"j{i}", f"2025-0{i}-01", v) for i, v in enumerate([3, 4, 3, 4, 3], start=1)
    )
    row = portfolio_row(History(REL, sessions), date(2025, 6, 1))
    assert row.trend == -0.5
    assert row.trend_change is not None and row.trend_change.threshold == pytest.approx(0.98)
    assert row.direction == "flat"  # a dip this history makes likely: no clear change
    assert "falling" not in [s.code for s in row.signs]
    data = row.as_json()
    assert (data["trend_clear"], data["trend_threshold"]) == (False, pytest.approx(0.98))
    assert data["raters"] == {"agency": 1, "client": 1}


@given(st.lists(st.floats(-4, 4, allow_nan=False), max_size=12))
def test_threshold_never_below_the_minimum_and_floor_without_history(earlier: list[float]) -> None:
    t = change_threshold(earlier)
    assert t >= CHANGE_MIN
    if len(earlier) < 3:
        assert t == CHANGE_FLOOR


@given(
    st.lists(st.floats(-4, 4, allow_nan=False), max_size=8),
    st.floats(-4, 4, allow_nan=False),
)
def test_a_fall_and_a_rise_of_the_same_size_get_the_same_verdict(
    earlier: list[float], value: float
) -> None:
    up, down = (
        Change(value, change_threshold(earlier), 0),
        Change(-value, change_threshold(earlier), 0),
    )
    assert up.clear == down.clear
    # A noisier history (every step doubled) never makes a change clearer.
    noisier = Change(value, change_threshold([2 * e for e in earlier]), 0)
    assert not (noisier.clear and not up.clear)


@given(st.lists(st.one_of(st.none(), st.floats(1, 5)), max_size=10))
def test_steps_skip_absent_values(series: list[float | None]) -> None:
    present = [v for v in series if v is not None]
    assert len(steps(series)) == max(len(present) - 1, 0)
    assert sum(steps(series)) == pytest.approx(present[-1] - present[0] if present else 0)


# ---------------------------------------------------------------------------
# 3. Prediction accuracy


def test_prediction_accuracy_by_hand() -> None:
    # Two checks. Gaps (prediction - client's score): trust +1, speed -0.5; then trust +0.5.
    overall, per_dim = prediction_accuracy([{"trust": 1.0, "speed": -0.5}, {"trust": 0.5}])
    # MAE = (1 + 0.5 + 0.5) / 3 = 0.667; bias = (1 - 0.5 + 0.5) / 3 = 0.333: too optimistic.
    assert overall.mae == pytest.approx(2 / 3) and overall.bias == pytest.approx(1 / 3)
    assert (overall.n, overall.leaning) == (3, "optimistic")
    assert (per_dim["trust"].mae, per_dim["trust"].bias) == (0.75, 0.75)
    assert (per_dim["speed"].mae, per_dim["speed"].bias, per_dim["speed"].leaning) == (
        0.5,
        -0.5,
        "pessimistic",
    )
    assert accuracy([None]).as_json() == {"mae": None, "bias": None, "leaning": None, "n": 0}


def test_self_assessment_followed_by_a_joint_session_in_trends_json() -> None:
    agency = AGENCY[:2]
    self_assessment = Session(
        "s1",
        "2025-01-01",
        kind="self",
        participants=agency,
        predictions=(
            Prediction("a1", "trust", 4),
            Prediction("a2", "trust", 5),  # mean prediction 4.5
            Prediction("a1", "speed", 2),
        ),
        status="closed",
    )
    joint = Session(
        "j1",
        "2025-01-10",
        participants=(*agency, CLIENTS[0]),
        ratings=(
            Rating("c1", "trust", "agency", 3),  # gap +1.5
            Rating("c1", "speed", "agency", 3),  # gap -1
            Rating("a1", "trust", "client", 4),
        ),
        status="closed",
    )
    data = relationship_trends(History(REL, (self_assessment, joint))).as_json()
    acc = data["prediction_accuracy"]
    # MAE (1.5 + 1) / 2 = 1.25; bias (1.5 - 1) / 2 = +0.25.
    assert acc["overall"] == {"mae": 1.25, "bias": 0.25, "leaning": "optimistic", "n": 2}
    assert acc["dimensions"]["trust"]["bias"] == 1.5
    assert acc["course"] == [
        {
            "joint": "j1",
            "source": "s1",
            "date": "2025-01-10",
            "mae": 1.25,
            "bias": 0.25,
            "leaning": "optimistic",
            "n": 2,
            "gaps": {"trust": 1.5, "speed": -1.0},
        }
    ]


# ---------------------------------------------------------------------------
# 4. Anonymity


def _anonymous(raters: int, threshold: int = DISTRIBUTION_MIN_RATERS) -> Session:
    return Session(
        "anon",
        "2026-01-01",
        anonymous=True,
        distribution_min_raters=threshold,
        participants=CLIENTS[:raters] + AGENCY[:1],
        ratings=(
            *(Rating(c.id, "trust", "agency", 2 + i) for i, c in enumerate(CLIENTS[:raters])),
            Rating("a1", "trust", "agency", 4),
        ),
    )


def test_anonymous_distribution_only_from_three_raters() -> None:
    two, three = _anonymous(2), _anonymous(3)
    v2 = session_figures(two).dimensions["trust"]["agency"].other_scores
    v3 = session_figures(three).dimensions["trust"]["agency"].other_scores
    assert not shows_distribution(two, v2) and shows_distribution(three, v3)
    # Two raters, 2 and 3: only the mean and n, never the scores (each would know the other's).
    assert describe_view(v2, show_distribution=False) == describe_mean(2.5, 2) == "2.5 (n=2)"
    assert describe_view(v3, show_distribution=True, with_scores=True) == "3.0 (n=3: 4, 3, 2)"
    # A spread of two scores with their mean gives both away: withheld as well.
    sf = withheld(two, session_figures(two).dimensions["trust"]["agency"])
    assert sf.spread_other is None and sf.other == 2.5
    # The threshold is the session's: at 2 the two raters' scores may show.
    assert shows_distribution(_anonymous(2, threshold=2), v2)
    # Not anonymous: always shown.
    assert shows_distribution(Session("n", "2026-01-01"), v2)


def test_threshold_is_serialised_only_when_not_the_default() -> None:
    default = session_to_dict(Session("s", "2026-01-01", anonymous=True))
    assert "distribution_min_raters" not in default
    five = session_to_dict(Session("s", "2026-01-01", anonymous=True, distribution_min_raters=5))
    assert five["distribution_min_raters"] == 5
    assert session_from_dict(five).distribution_min_raters == 5
    assert session_from_dict(default).distribution_min_raters == 3
    for bad in (0, "3", True, 2.5):
        with pytest.raises(ModelError, match="distribution_min_raters"):
            session_from_dict({**default, "distribution_min_raters": bad})


def test_figures_json_withholds_distribution_and_spread_below_the_threshold(
    workspace, capsys
) -> None:
    workspace.merge_history(History(REL, (_anonymous(2),)))
    assert main(["figures", "anon", "--json"]) == 0
    agency = json.loads(capsys.readouterr().out)["dimensions"]["trust"]["agency"]
    assert agency["other_scores"] == {"mean": 2.5, "n": 2, "na": 0, "distribution": None}
    assert agency["spread_other"] is None
    assert agency["other"] == 2.5
    # The agency's own view has one rater, also below 3: withheld too.
    assert agency["self_scores"]["distribution"] is None


def test_figures_json_shows_distribution_from_the_threshold(workspace, capsys) -> None:
    workspace.merge_history(History(REL, (_anonymous(3),)))
    assert main(["figures", "anon", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    agency = data["dimensions"]["trust"]["agency"]
    assert agency["other_scores"]["distribution"] == {"1": 0, "2": 1, "3": 1, "4": 1, "5": 0}
    assert agency["spread_other"] == 2
    assert agency["gap_kind"] == "self_higher"  # 4 - 3 = 1: a difference, not agreement
    assert data["rules"]["gap_at"] == 1.0


def test_shared_export_of_an_anonymous_session_keeps_scores_and_spreads_back(workspace) -> None:
    from retro.export import export_session

    workspace.merge_history(History(REL, (_anonymous(2),)))
    md = export_session(workspace, "anon", audience="shared", lang="en")
    # Two clients gave 2 and 3: the mean and n only, no "3 and 2", no spread of 1.
    assert "2.5 (n=2)" in md and "3 and 2" not in md
    csv = export_session(workspace, "anon", audience="shared", lang="en", fmt="csv")
    header, *rows = csv.splitlines()
    trust = next(r for r in rows if r.startswith("trust,") and ",agency," in r)
    cells = dict(zip(header.split(","), trust.split(","), strict=True))
    assert cells["other"] == "2.5" and cells["spread_other"] == ""


@settings(max_examples=60, deadline=None)  # as test_trends' properties on histories()
@given(histories())
def test_trends_views_carry_the_same_raters_as_session_figures(history: History) -> None:
    """The portfolio's one-pass reading and the per-session figures count alike: every
    present view has n ≥ 1, its distribution adds up to n, and n/a is never in it."""
    t = relationship_trends(history)
    for i, s in enumerate(history.sorted_sessions()):
        figs = session_figures(s, t.dimensions)
        for dim in t.dimensions:
            for subject in ("agency", "client"):
                sf = figs.dimensions[dim][subject]
                for figure, expected in (("self", sf.self_scores), ("other", sf.other_scores)):
                    view = t.view(dim, subject, figure, i)
                    if expected.n == 0:
                        assert view is None
                        continue
                    assert view is not None
                    assert (view.n, view.scores, view.na) == (
                        expected.n,
                        expected.scores,
                        expected.na,
                    )
                    assert sum(view.distribution.values()) == view.n
    data = t.as_json()["scores"]
    for i, s in enumerate(history.sorted_sessions()):
        for dim in t.dimensions:
            for subject in ("agency", "client"):
                entry = data[dim][subject]["other"][i]
                if entry is None:
                    continue
                withheld_here = s.anonymous and entry["n"] < s.distribution_min_raters
                assert (entry["distribution"] is None) == withheld_here
                if not withheld_here:
                    assert sum(entry["distribution"].values()) == entry["n"]


def test_figures_text_table_shows_the_raters(workspace, capsys) -> None:
    workspace.merge_history(History(REL, (_anonymous(3),)))
    assert main(["figures", "anon"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[2].split()[:6] == ["DIMENSION", "SUBJECT", "SELF", "N", "OTHER", "N"]
    trust = next(line.split() for line in lines if line.startswith("trust") and "agency" in line)
    assert trust[2:6] == ["4.00", "1", "3.00", "3"]  # one agency rater, three client raters
