"""Figures over time checked against hand calculations, on a deliberately messy history.

The history below uses two framework versions (c dropped, d added in v2), a self-only
session with predictions, n/a everywhere on one dimension, a dimension that rates only
the agency, and reviews of every kind: the situations real workspaces have.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings

from retro.figures import session_figures
from retro.frameworks import Dimension, Framework
from retro.model import (
    Action,
    History,
    Participant,
    Prediction,
    Rating,
    Relationship,
    Review,
    Session,
)
from retro.trends import (
    FIGURES,
    RANKING_EXPLANATION,
    changes,
    describe,
    dimension_titles,
    overdue_actions,
    portfolio,
    portfolio_row,
    relationship_trends,
)
from tests.unit.strategies import histories

BOTH = {"agency": {"en": "about the agency"}, "client": {"en": "about the client"}}
AGENCY_ONLY = {"agency": {"en": "about the agency"}, "client": None}


def _dim(key: str, about=BOTH) -> Dimension:
    return Dimension(key=key, name={"en": key.upper()}, about=about)


V1 = Framework("fw", 1, {"en": "FW"}, (_dim("a"), _dim("b", AGENCY_ONLY), _dim("c")))
V2 = Framework("fw", 2, {"en": "FW"}, (_dim("a"), _dim("b", AGENCY_ONLY), _dim("d")))
FRAMEWORKS = {("fw", 1): V1, ("fw", 2): V2}

AG1, AG2, CL1 = (
    Participant("ag1", "Ann", "agency"),
    Participant("ag2", "Bob", "agency"),
    Participant("cl1", "Cas", "client"),
)
REL = Relationship("rel", "Client <b>[x]</b>", "Agency")


def r(pid: str, dim: str, subject: str, score: int | None) -> Rating:
    return Rating(pid, dim, subject, score)  # type: ignore[arg-type]


S1 = Session(
    "s1",
    "2024-01-10",
    framework="fw",
    framework_version=1,
    participants=(AG1, AG2, CL1),
    ratings=(
        r("ag1", "a", "agency", 4),
        r("ag2", "a", "agency", 3),  # agency self 3.5
        r("cl1", "a", "agency", 2),  # client's view of agency 2 -> gap 1.5
        r("cl1", "a", "client", 4),  # client self 4
        r("ag1", "a", "client", 3),
        r("ag2", "a", "client", None),  # n/a leaves agency's view of client at 3 -> gap 1
        r("ag1", "b", "agency", 5),
        r("cl1", "b", "agency", None),  # b: self 5, other absent, gap absent
        r("ag1", "c", "agency", None),
        r("cl1", "c", "agency", None),
        r("cl1", "c", "client", None),  # c: n/a everywhere
    ),
    actions=(
        Action("act1", "one", due="2024-02-01"),
        Action("act2", "two", due="2024-03-01"),
        Action("act3", "three"),
        Action("act5", "five", due="2024-02-15"),
    ),
    status="closed",  # a past session: the model's default is "open" (in progress)
)
S2 = Session(  # the agency's self-assessment before the joint session
    "s2",
    "2024-03-01",
    kind="self",
    framework="fw",
    framework_version=2,
    participants=(AG1, AG2),
    ratings=(
        r("ag1", "a", "agency", 4),
        r("ag2", "a", "agency", 4),
        r("ag1", "a", "client", 2),
    ),
    predictions=(
        Prediction("ag1", "a", 3),
        Prediction("ag2", "a", 2),  # predicted 2.5
        Prediction("ag1", "d", 4),
    ),
    status="closed",
)
S3 = Session(
    "s3",
    "2024-03-10",
    framework="fw",
    framework_version=2,
    participants=(AG1, CL1),
    ratings=(
        r("ag1", "a", "agency", 4),
        r("cl1", "a", "agency", 3),
        r("ag1", "d", "agency", 2),
        r("cl1", "d", "agency", 4),
    ),
    review=(
        Review("act1", "done"),
        Review("act2", "partly"),
        Review("act3", "dropped"),
        Review("act5", "not_done"),
    ),
    actions=(Action("act4", "four", due="2024-04-01"),),
    status="closed",
)
# Stored out of order on purpose: trends must sort by date.
MESSY = History(REL, (S3, S1, S2))


@pytest.fixture
def t():
    return relationship_trends(MESSY, FRAMEWORKS)


def test_sessions_in_date_order_and_two_sidedness(t) -> None:
    assert [s.id for s in t.sessions] == ["s1", "s2", "s3"]
    assert [s.two_sided for s in t.sessions] == [True, False, True]
    assert [s.kind for s in t.sessions] == ["joint", "self", "joint"]


def test_dimensions_newest_framework_first_then_dropped(t) -> None:
    assert t.dimensions == ("a", "b", "d", "c")
    assert t.asked["c"] == (True, False, False)
    assert t.asked["d"] == (False, True, True)
    assert t.asked["a"] == (True, True, True)


def test_views_and_gaps_by_hand(t) -> None:
    assert t.series("a", "agency", "self") == (3.5, 4.0, 4.0)
    assert t.series("a", "agency", "other") == (2.0, None, 3.0)
    assert t.series("a", "agency", "gap") == (1.5, None, 1.0)
    assert t.series("a", "client", "self") == (4.0, None, None)
    assert t.series("a", "client", "other") == (3.0, 2.0, None)
    assert t.series("a", "client", "gap") == (1.0, None, None)
    assert t.series("d", "agency", "gap") == (None, None, -2.0)


def test_absent_is_none_never_zero(t) -> None:
    for f in FIGURES:
        assert t.series("c", "agency", f) == (None, None, None)  # n/a everywhere
        assert t.series("b", "client", f) == (None, None, None)  # never rated
    assert t.series("b", "agency", "other") == (None, None, None)  # the only answer was n/a
    assert t.series("b", "agency", "self") == (5.0, None, None)


def test_rated_follows_frameworks(t) -> None:
    assert t.rated[("b", "agency")] is True
    assert t.rated[("b", "client")] is False  # no version asks the client side of b
    assert t.rated[("c", "client")] is True  # asked, even though nobody answered


def test_change_since_previous_present_value(t) -> None:
    assert t.changes("a", "agency", "self") == (None, 0.5, 0.0)
    # The self-assessment has no client view: s3 is compared with s1.
    assert t.changes("a", "agency", "other") == (None, None, 1.0)
    assert t.latest("a", "agency", "gap") == (1.0, -0.5)
    assert t.latest("d", "agency", "gap") == (-2.0, None)  # one value: no change
    assert t.latest("c", "agency", "self") == (None, None)


def test_changes_helper() -> None:
    # The per-session series' arrows (the over-time table) skip absent sessions; the
    # "latest" figures do not (see the open-session tests below).
    assert changes([None, 2.0, None, 3.5, 3.0]) == (None, None, None, 1.5, -0.5)
    assert changes([]) == ()


def test_commitments_kept_per_session(t) -> None:
    # s3 reviews done (1) + partly (0.5) + not done (0); dropped is left out: 1.5 / 3.
    assert t.commitments_kept == (None, None, 0.5)


def test_prediction_from_preceding_self_assessment(t) -> None:
    (check,) = t.predictions
    assert (check.joint, check.source) == ("s3", "s2")
    assert check.predicted == {"a": 2.5, "d": 4.0}
    assert check.actual == {"a": 3.0, "d": 4.0}
    assert check.gaps == {"a": -0.5, "d": 0.0}
    assert check.mean_abs_gap == 0.25
    assert check.bias == -0.25
    assert t.prediction_gaps("a") == (None, None, -0.5)
    assert t.prediction_miss() == (None, None, 0.25)


def test_prediction_inside_the_joint_session_wins_and_stale_ones_are_not_reused() -> None:
    s4 = Session(
        "s4",
        "2024-06-01",
        framework="fw",
        framework_version=2,
        participants=(AG1, CL1),
        ratings=(r("ag1", "a", "agency", 4), r("cl1", "a", "agency", 4)),
        predictions=(Prediction("ag1", "a", 5),),
        status="closed",
    )
    s5 = Session(  # joint, no self-assessment since s4: no prediction check
        "s5",
        "2024-09-01",
        framework="fw",
        framework_version=2,
        participants=(AG1, CL1),
        ratings=(r("ag1", "a", "agency", 4), r("cl1", "a", "agency", 2)),
        status="closed",
    )
    t = relationship_trends(History(REL, (S1, S2, S3, s4, s5)), FRAMEWORKS)
    assert [(c.joint, c.source) for c in t.predictions] == [("s3", "s2"), ("s4", "s4")]
    assert t.predictions[1].gaps == {"a": 1.0}


def test_json_shape_is_the_promised_one(t) -> None:
    data = t.as_json()
    assert set(data) == {
        "relationship",
        "sessions",
        "commitments_kept",
        "dimensions",
        # issue 13: counts and distributions, the verdicts on change, prediction accuracy
        "scores",
        "latest",
        "prediction_accuracy",
        "rules",
    }
    assert data["relationship"] == "rel"
    assert data["sessions"] == ["s1", "s2", "s3"]
    assert data["commitments_kept"] == [None, None, 0.5]
    assert list(data["dimensions"]) == ["a", "b", "d", "c"]
    assert data["dimensions"]["a"]["agency"] == {
        "self": [3.5, 4.0, 4.0],
        "other": [2.0, None, 3.0],
        "gap": [1.5, None, 1.0],
    }
    for sides in data["dimensions"].values():
        assert set(sides) == {"agency", "client"}
        for figs in sides.values():
            assert set(figs) == {"self", "other", "gap"}
            assert all(len(v) == 3 for v in figs.values())


def test_without_frameworks_the_answers_decide() -> None:
    t = relationship_trends(MESSY)
    assert set(t.dimensions) == {"a", "b", "c", "d"}
    assert t.asked["d"] == (False, True, True)  # s2 predicted d, s3 rated it


def test_compare_two_sessions(t) -> None:
    rows = {(row.dimension, row.subject): row for row in t.compare("s1", "s3")}
    a = rows[("a", "agency")]
    assert a.figures["other"] == (2.0, 3.0)
    assert a.change("other") == 1.0
    assert a.change("gap") == -0.5
    assert rows[("d", "agency")].change("gap") is None  # d was not asked in s1
    assert ("b", "client") not in rows


def test_dimension_titles_from_newest_framework(t) -> None:
    titles = dimension_titles(t, FRAMEWORKS)
    assert titles == {"a": "A", "b": "B", "d": "D", "c": "C"}
    assert dimension_titles(t, None)["c"] == "c"


def test_one_session_and_no_session() -> None:
    one = relationship_trends(History(REL, (S1,)), FRAMEWORKS)
    assert one.latest("a", "agency", "other") == (2.0, None)
    assert one.predictions == ()
    empty = relationship_trends(History(REL, ()), FRAMEWORKS)
    data = empty.as_json()
    assert {k: data[k] for k in ("relationship", "sessions", "commitments_kept", "dimensions")} == {
        "relationship": "rel",
        "sessions": [],
        "commitments_kept": [],
        "dimensions": {},
    }
    assert data["scores"] == {} and data["latest"] == {}
    assert data["prediction_accuracy"]["overall"] == {
        "mae": None,
        "bias": None,
        "leaning": None,
        "n": 0,
    }


# ---------------------------------------------------------------------------
# Overdue actions


def test_overdue_actions_by_hand() -> None:
    overdue = overdue_actions(MESSY, date(2024, 4, 15))
    # S3's look back settled act1 (done) and act3 (dropped); act5 (not done) and act2
    # (partly) stay open and are overdue; act4 was agreed in S3 and is due 14 days ago.
    assert [(o.action.id, o.session, o.days) for o in overdue] == [
        ("act5", "s1", 60),
        ("act2", "s1", 45),
        ("act4", "s3", 14),
    ]


def test_an_action_due_today_is_not_overdue_yet() -> None:
    assert "act4" not in {o.action.id for o in overdue_actions(MESSY, date(2024, 4, 1))}


def test_unreviewed_actions_are_overdue_longest_first() -> None:
    unreviewed = History(REL, (S1,))
    overdue = overdue_actions(unreviewed, date(2024, 3, 2))
    # act3 has no due date and is never overdue.
    assert [(o.action.id, o.days) for o in overdue] == [("act1", 30), ("act5", 16), ("act2", 1)]


# ---------------------------------------------------------------------------
# Portfolio


def _joint(sid: str, day: str, agency_score: int, client_score: int, own: int = 4) -> Session:
    """Both sides rate both sides on 'a': self views `own`, other views as given."""
    return Session(
        sid,
        day,
        framework="fw",
        framework_version=2,
        participants=(AG1, CL1),
        ratings=(
            r("ag1", "a", "agency", own),
            r("cl1", "a", "agency", agency_score),
            r("cl1", "a", "client", own),
            r("ag1", "a", "client", client_score),
        ),
        status="closed",
    )


TODAY = date(2024, 6, 1)


def test_portfolio_row_by_hand() -> None:
    row = portfolio_row(MESSY, date(2024, 4, 15), FRAMEWORKS)
    assert row.latest == "s3"
    assert row.client_on_agency == 3.5  # mean of a (3) and d (4)
    assert row.agency_on_client is None  # nobody rated the client in s3: absent, not 0
    assert row.largest_gap == ("d", "agency", -2.0)
    # Paired with s1 per dimension: only a/agency is in both (3 - 2).
    assert row.trend == 1.0
    assert row.direction == "up"
    assert row.commitments_kept == 0.5
    assert [o.action.id for o in row.overdue] == ["act5", "act2", "act4"]
    assert [s.code for s in row.signs] == ["gap", "kept", "overdue"]
    assert row.as_json()["largest_gap"] == {"dimension": "d", "subject": "agency", "gap": -2.0}


def test_portfolio_one_session_self_only_and_empty_never_crash() -> None:
    one = portfolio_row(History(REL, (S1,)), TODAY, FRAMEWORKS)
    assert one.trend is None and one.direction is None
    self_only = portfolio_row(History(REL, (S2,)), TODAY, FRAMEWORKS)
    assert self_only.latest is None
    assert self_only.client_on_agency is None and self_only.score is None
    assert [s.code for s in self_only.signs] == ["no_joint"]
    empty = portfolio_row(History(REL, ()), TODAY, FRAMEWORKS)
    assert empty.sessions == 0 and empty.last_date is None
    assert [s.code for s in empty.signs] == ["no_joint"]


def test_ranking_most_signs_first_then_lowest_score() -> None:
    def rel(i: str, name: str) -> Relationship:
        return Relationship(i, name, "Agency")

    healthy = History(
        rel("h", "Healthy"), (_joint("h1", "2024-05-01", 4, 4), _joint("h2", "2024-05-20", 4, 4))
    )
    falling = History(  # falls by 2 on both views, lands on a score of 2: two signs
        rel("f", "Falling"), (_joint("f1", "2024-05-01", 4, 4), _joint("f2", "2024-05-20", 2, 2))
    )
    quiet = History(  # last session long ago: one sign, score 4
        rel("q", "Quiet"), (_joint("q1", "2023-01-01", 4, 4),)
    )
    lowish = History(rel("l", "Lowish"), (_joint("l1", "2024-05-01", 3, 3, own=3),))  # no sign
    rows = portfolio([healthy, quiet, lowish, falling], TODAY, FRAMEWORKS)
    assert [row.relationship.id for row in rows] == ["f", "q", "l", "h"]
    assert [s.code for s in rows[0].signs] == ["falling", "gap", "low"]
    assert rows[0].trend == -2.0 and rows[0].direction == "down"
    assert [s.code for s in rows[1].signs] == ["stale"]
    assert rows[2].signs == () and rows[2].score == 3.0
    assert rows[3].direction == "flat"


def test_signs_are_worded_for_people() -> None:
    row = portfolio_row(MESSY, date(2024, 4, 15), FRAMEWORKS)
    assert [describe(s) for s in row.signs] == [
        "gap -2.0 on d (agency)",
        "commitments kept 50%",
        "3 overdue actions",
    ]
    assert "180 days" in RANKING_EXPLANATION and "60%" in RANKING_EXPLANATION


# ---------------------------------------------------------------------------
# The one-pass figures agree with retro.figures on any history


@settings(max_examples=60, deadline=None)
@given(histories())
def test_trend_values_equal_session_figures(history: History) -> None:
    t = relationship_trends(history)
    ordered = history.sorted_sessions()
    for i, s in enumerate(ordered):
        figs = session_figures(s, t.dimensions)
        for dim in t.dimensions:
            for subject in ("agency", "client"):
                sf = figs.dimensions[dim][subject]
                for f in FIGURES:
                    assert t.series(dim, subject, f)[i] == pytest.approx(getattr(sf, f))
        assert t.commitments_kept[i] == figs.commitments_kept


@settings(max_examples=60, deadline=None)
@given(histories())
def test_any_history_gives_bounded_figures_and_never_crashes(history: History) -> None:
    from retro import json_codec

    t = relationship_trends(history, FRAMEWORKS)
    n = len(t.sessions)
    data = json_codec.loads(json_codec.dumps(t.as_json()))
    assert len(data["sessions"]) == len(data["commitments_kept"]) == n
    for dim in t.dimensions:
        for subject in ("agency", "client"):
            for f in FIGURES:
                values = t.series(dim, subject, f)
                assert len(values) == n
                lo, hi = (-4, 4) if f == "gap" else (1, 5)
                assert all(v is None or lo <= v <= hi for v in values)
    for check in t.predictions:
        assert check.mean_abs_gap is None or 0 <= check.mean_abs_gap <= 4
    row = portfolio_row(history, date(2030, 1, 1), FRAMEWORKS)
    assert row.sessions == n
    assert row.commitments_kept is None or 0 <= row.commitments_kept <= 1
    assert row.score is None or 1 <= row.score <= 5
    assert all(describe(s) for s in row.signs)
    assert all(o.days > 0 for o in row.overdue)


def test_joint_series_skips_self_assessments(t) -> None:
    assert t.joint == (0, 2)
    assert t.joint_series("a", "client", "other") == (3.0, None)  # s2's view is left out
    assert t.latest("a", "agency", "other") == (3.0, 1.0)


# ---------------------------------------------------------------------------
# "Latest" figures: the latest closed joint session against the closed one before it


def open_session_history() -> History:
    """Two closed joint sessions, a closed self-assessment, then a joint session in
    progress that has only started rating: the shape of the demo's bakkerij-van-dijk.

    Partnership keys, so the CLI and the screens can show it with real titles.
    """
    ag, cl = Participant("ag", "Ann", "agency"), Participant("cl", "Cas", "client")

    def joint(sid: str, day: str, ratings, status: str = "closed", **kw) -> Session:
        return Session(
            sid, day, language="en", participants=(ag, cl), ratings=ratings, status=status, **kw
        )

    j1 = joint(
        "j1",
        "2024-01-10",
        (
            r("ag", "proactivity", "agency", 4),
            r("cl", "proactivity", "agency", 3),
            r("ag", "trust", "agency", 4),
            r("cl", "trust", "agency", 4),
            r("ag", "attention", "agency", 3),  # attention: only in j1
            r("cl", "attention", "agency", 3),
        ),
        actions=(Action("x1", "one"),),
    )
    j2 = joint(
        "j2",
        "2024-04-10",
        (
            r("ag", "proactivity", "agency", 5),
            r("cl", "proactivity", "agency", 4),
            r("ag", "trust", "agency", 3),
            r("cl", "trust", "agency", 5),
            r("ag", "feedback", "agency", 4),  # feedback: new in j2, no change to show
            r("cl", "feedback", "agency", 2),
        ),
        review=(Review("x1", "done"),),
        actions=(Action("x2", "two"),),
    )
    self_assessment = Session(
        "s1",
        "2024-06-01",
        kind="self",
        language="en",
        participants=(ag,),
        ratings=(r("ag", "proactivity", "agency", 2),),
        status="closed",
    )
    in_progress = joint(  # mid-rating: trust, feedback and the agency's own views not yet
        "j3",
        "2024-07-10",
        (r("cl", "proactivity", "agency", 2), r("ag", "proactivity", "client", 3)),
        status="open",
        review=(Review("x2", "not_done"),),
    )
    rel = Relationship("open-rel", "Open BV", "Agency")
    return History(rel, (j1, j2, self_assessment, in_progress))


def test_latest_ignores_a_session_in_progress_and_never_carries_values() -> None:
    t = relationship_trends(open_session_history())
    assert [s.id for s in t.sessions] == ["j1", "j2", "s1", "j3"]
    assert t.joint == (0, 1, 3)  # j3 is two-sided already...
    assert t.closed_joint == (0, 1)  # ...but still open
    assert t.pair == (0, 1)
    assert [s.id for s in t.in_progress] == ["j3"]
    # Before: self 2.0 (the self-assessment), other 2.0 (j3), gap 1.0 (j2): three sessions
    # in one row, and a gap that was not self - other.
    assert t.latest("proactivity", "agency", "self") == (5.0, 1.0)
    assert t.latest("proactivity", "agency", "other") == (4.0, 1.0)
    assert t.latest("proactivity", "agency", "gap") == (1.0, 0.0)
    assert t.latest("trust", "agency", "gap") == (-2.0, -2.0)
    # Absent in the previous session: a value, no change. Absent in the latest: nothing,
    # not j1's value carried over.
    assert t.latest("feedback", "agency", "other") == (2.0, None)
    assert t.latest("attention", "agency", "self") == (None, None)
    # Only j3 has the agency's view of the client: not a latest figure yet.
    assert t.latest("proactivity", "client", "other") == (None, None)
    for dim in t.dimensions:
        for subject in ("agency", "client"):
            own = t.latest(dim, subject, "self")[0]
            other = t.latest(dim, subject, "other")[0]
            gap = t.latest(dim, subject, "gap")[0]
            if own is not None and other is not None:
                assert gap == own - other
            else:
                assert gap is None


def test_the_series_keep_the_session_in_progress() -> None:
    data = relationship_trends(open_session_history()).as_json()
    assert data["sessions"] == ["j1", "j2", "s1", "j3"]
    assert data["dimensions"]["proactivity"]["agency"] == {
        "self": [4.0, 5.0, 2.0, None],
        "other": [3.0, 4.0, None, 2.0],
        "gap": [1.0, 1.0, None, None],
    }
    assert data["dimensions"]["trust"]["agency"]["other"] == [4.0, 5.0, None, None]
    assert data["commitments_kept"] == [None, 1.0, None, 0.0]


def test_portfolio_row_uses_closed_joint_sessions_only() -> None:
    row = portfolio_row(open_session_history(), date(2024, 7, 10))
    assert (row.latest, row.latest_date) == ("j2", "2024-04-10")
    # j2: proactivity 4, trust 5, feedback 2. Before: j3's lone 2.0.
    assert row.client_on_agency == pytest.approx(11 / 3)
    assert row.agency_on_client is None
    # Ties with feedback (+2.0); trust comes first in the answers' order (no frameworks).
    assert row.largest_gap == ("trust", "agency", -2.0)
    # j1 -> j2, paired: proactivity +1, trust +1. Before: j2 -> j3, -2 and a falling sign.
    assert row.trend == 1.0
    # j2's look back, not j3's half-done one (0%, which would add a "kept" sign).
    assert row.commitments_kept == 1.0
    assert row.in_progress == "2024-07-10"
    assert row.as_json()["session_in_progress_date"] == "2024-07-10"
    assert [s.code for s in row.signs] == ["gap"]


def test_only_open_sessions_means_no_latest_figures() -> None:
    history = open_session_history()
    only_open = History(history.relationship, history.sessions[3:])
    t = relationship_trends(only_open)
    assert t.pair == (None, None)
    assert t.latest("proactivity", "agency", "other") == (None, None)
    row = portfolio_row(only_open, date(2024, 7, 10))
    assert row.latest is None and row.score is None and row.trend is None
    assert [describe(s) for s in row.signs] == ["no closed joint session yet"]


@settings(max_examples=60, deadline=None)
@given(histories())
def test_latest_figures_come_from_one_pair_of_closed_sessions(history: History) -> None:
    t = relationship_trends(history, FRAMEWORKS)
    previous, latest = t.pair
    assert all(
        t.sessions[i].status == "closed" and t.sessions[i].two_sided
        for i in t.pair
        if i is not None
    )
    for dim in t.dimensions:
        for subject in ("agency", "client"):
            for f in FIGURES:
                value, change = t.latest(dim, subject, f)
                series = t.series(dim, subject, f)
                assert value == (series[latest] if latest is not None else None)
                if change is not None:
                    assert previous is not None
                    assert change == pytest.approx(series[latest] - series[previous])
            own, other, gap = (t.latest(dim, subject, f)[0] for f in FIGURES)
            if own is not None and other is not None:
                assert gap == pytest.approx(own - other)


@settings(max_examples=60)
@given(histories())
def test_a_session_exports_change_on_the_same_figures_as_the_history_shows(history) -> None:
    """figure_series (what an export judges change since last time on) gives the trends'
    values, without building the rest of the trends: every figure it has is the same, and
    every figure it leaves out has no value in any session."""
    from retro.figures import figure_series

    ordered = history.sorted_sessions()
    series = figure_series(ordered)
    values = relationship_trends(history).values
    for key, got in series.items():
        assert got == values[key]
    for key, want in values.items():
        if key not in series:
            assert set(want) == {None}
