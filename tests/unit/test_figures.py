"""Figures against hand-computed examples, plus invariants checked with hypothesis."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retro.figures import commitments_kept, mean, session_figures, spread, trend
from retro.model import History, Participant, Prediction, Rating, Relationship, Review, Session

PEOPLE = (
    Participant("c1", "Client One", "client"),
    Participant("c2", "Client Two", "client"),
    Participant("a1", "Agency One", "agency"),
    Participant("a2", "Agency Two", "agency"),
)


def session(ratings=(), predictions=(), review=(), people=PEOPLE, sid="s1", date="2026-01-10"):
    return Session(
        id=sid,
        date=date,
        participants=people,
        ratings=tuple(Rating(*r) for r in ratings),
        predictions=tuple(Prediction(*p) for p in predictions),
        review=tuple(Review(*r) for r in review),
    )


def test_views_gap_and_spread_by_hand() -> None:
    s = session(
        [
            # agency about agency: 5, 4 -> self 4.5, spread 1
            ("a1", "trust", "agency", 5),
            ("a2", "trust", "agency", 4),
            # client about agency: 3, 2 -> other 2.5, spread 1
            ("c1", "trust", "agency", 3),
            ("c2", "trust", "agency", 2),
            # client about client: 4, n/a -> self 4 (n/a left out), spread 0
            ("c1", "trust", "client", 4),
            ("c2", "trust", "client", None),
            # agency about client: 1, 5 -> other 3, spread 4
            ("a1", "trust", "client", 1),
            ("a2", "trust", "client", 5),
        ]
    )
    f = session_figures(s).dimensions["trust"]
    assert (f["agency"].self, f["agency"].other, f["agency"].gap) == (4.5, 2.5, 2.0)
    assert (f["agency"].spread_self, f["agency"].spread_other) == (1, 1)
    assert (f["client"].self, f["client"].other, f["client"].gap) == (4.0, 3.0, 1.0)
    assert (f["client"].spread_self, f["client"].spread_other) == (0, 4)


def test_one_sided_session_has_absent_other_view_not_zero() -> None:
    agency_only = tuple(p for p in PEOPLE if p.side == "agency")
    s = session([("a1", "trust", "agency", 4), ("a2", "trust", "agency", 2)], people=agency_only)
    f = session_figures(s).dimensions["trust"]["agency"]
    assert f.self == 3.0
    assert f.other is None
    assert f.gap is None
    assert f.spread_other is None
    client = session_figures(s).dimensions["trust"]["client"]
    assert client.self is None and client.other is None


def test_all_na_gives_absent_views() -> None:
    s = session([("a1", "trust", "agency", None), ("c1", "trust", "agency", None)])
    f = session_figures(s).dimensions["trust"]["agency"]
    assert (f.self, f.other, f.gap, f.spread_self) == (None, None, None, None)


def test_prediction_gap_is_prediction_minus_client_score() -> None:
    s = session(
        [("c1", "feedback", "agency", 2), ("c2", "feedback", "agency", 3)],
        predictions=[("a1", "feedback", 4), ("a2", "feedback", 5)],
    )
    f = session_figures(s).dimensions["feedback"]["agency"]
    assert f.prediction == 4.5
    assert f.other == 2.5
    assert f.prediction_gap == 2.0
    assert session_figures(s).dimensions["feedback"]["client"].prediction is None


def test_commitments_kept_by_hand_with_dropped_left_out() -> None:
    s = session(
        review=[
            ("x1", "done", ""),
            ("x2", "partly", ""),
            ("x3", "not_done", ""),
            ("x4", "dropped", "no longer relevant"),
        ]
    )
    # (1 + 0.5) / 3 = 0.5; the dropped action does not count
    assert commitments_kept(s) == pytest.approx(0.5)


def test_commitments_kept_absent_when_nothing_reviewed_or_only_dropped() -> None:
    assert commitments_kept(session()) is None
    assert commitments_kept(session(review=[("x1", "dropped", "")])) is None


def test_trend_orders_by_date_and_reports_change() -> None:
    later = session([("c1", "trust", "agency", 4)], sid="b", date="2026-06-01")
    earlier = session([("c1", "trust", "agency", 2)], sid="a", date="2026-01-01")
    middle = session([("c1", "trust", "agency", None)], sid="m", date="2026-03-01")
    t = trend(History(Relationship("r", "C", "A"), (later, earlier, middle)))
    assert t.sessions == ("a", "m", "b")
    assert t.series("trust", "agency", "other") == [2.0, None, 4.0]
    assert t.change("trust", "agency", "other") == 2.0


scores = st.one_of(st.none(), st.integers(1, 5))


@given(st.lists(scores, max_size=12))
def test_na_never_changes_a_mean(values: list[int | None]) -> None:
    present = [v for v in values if v is not None]
    assert mean(values) == mean(present)
    assert mean([*values, None, None]) == mean(values)


@given(st.lists(scores, max_size=12))
def test_spread_is_never_negative(values: list[int | None]) -> None:
    s = spread(values)
    assert s is None or s >= 0
    assert (s is None) == all(v is None for v in values)


@given(
    st.lists(
        st.tuples(st.sampled_from(PEOPLE), st.sampled_from(("agency", "client")), scores),
        max_size=16,
    )
)
def test_gap_is_self_minus_other(answers) -> None:
    s = session([(p.id, "trust", subject, score) for p, subject, score in answers])
    for f in session_figures(s, ["trust"]).dimensions["trust"].values():
        if f.self is None or f.other is None:
            assert f.gap is None
        else:
            assert f.gap == f.self - f.other
        for sp in (f.spread_self, f.spread_other):
            assert sp is None or sp >= 0
