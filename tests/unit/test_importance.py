"""What matters to each side: the importance-performance grid, "concentrate here", priority
gaps, and the engine's rules for an allocation (complete, blind, one save path).

Each rule is checked against a hand calculation, and with hypothesis where it must hold
for every allocation.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from retro import session_engine as engine
from retro.figures import (
    PRIORITY_GAP_AT,
    QUADRANTS,
    concentrate_dimensions,
    concentrate_order,
    importance_complete,
    importance_grid,
    importance_of,
    priority_gaps,
    quadrant,
)
from retro.frameworks import default_framework
from retro.model import (
    DEVICE,
    IMPORTANCE_POINTS,
    Participant,
    Rating,
    Session,
    Weight,
    session_from_dict,
    session_to_dict,
)
from retro.store import Workspace

FW = default_framework()
PEOPLE = (
    Participant("c1", "Clara", "client"),
    Participant("c2", "Cees", "client"),
    Participant("a1", "Ada", "agency"),
)
DIMS = ["trust", "feedback", "expectations", "attention"]


def session(**kw) -> Session:
    return Session(id="s1", date="2026-05-01", participants=PEOPLE, status="open", **kw)


def scored(s: Session, pid: str, subject: str, scores: dict[str, int]) -> Session:
    for d, v in scores.items():
        s = s.with_rating(Rating(pid, d, subject, v))  # type: ignore[arg-type]
    return s


def hand_session() -> Session:
    """The worked example of docs/figures.md (four dimensions, equal share 25 points).

    Client points: trust 40, feedback 30, expectations 20, attention 10.
    Client's view of the agency: trust (4+2)/2 = 3.0, feedback 4.0, expectations 3.0,
    attention 5.0; performance crosshair (3.0 + 4.0 + 3.0 + 5.0) / 4 = 3.75.
    Agency points: trust 25, feedback 5, expectations 50, attention 20.
    Agency's view of the client: trust 4, feedback 2, expectations 3, attention 4;
    crosshair 13 / 4 = 3.25.
    """
    s = session(ask_importance=True)
    s = scored(s, "c1", "agency", {"trust": 4, "feedback": 4, "expectations": 3, "attention": 5})
    s = scored(s, "c2", "agency", {"trust": 2, "feedback": 4, "expectations": 3, "attention": 5})
    s = scored(s, "a1", "client", {"trust": 4, "feedback": 2, "expectations": 3, "attention": 4})
    s = engine.with_importance(
        s, "client", {"trust": 40, "feedback": 30, "expectations": 20, "attention": 10}
    )
    return engine.with_importance(
        s, "agency", {"trust": 25, "feedback": 5, "expectations": 50, "attention": 20}
    )


# -- the figures, by hand -----------------------------------------------------------------


def test_importance_of_and_complete() -> None:
    s = hand_session()
    assert importance_of(s, "client") == {
        "trust": 40,
        "feedback": 30,
        "expectations": 20,
        "attention": 10,
    }
    assert importance_complete(s, "client") and importance_complete(s, "agency")
    half = engine.with_importance(s, "agency", {"trust": 60})
    assert not importance_complete(half, "agency")
    assert importance_of(session(), "client") == {}
    assert not importance_complete(session(), "client")


def test_client_grid_by_hand() -> None:
    grid = importance_grid(hand_session(), "client", DIMS)
    assert (grid.rater, grid.subject) == ("client", "agency")
    assert grid.importance_cross == 25  # 100 / 4 dimensions
    assert grid.performance_cross == pytest.approx(3.75)
    by = {p.dimension: p for p in grid.points}
    # trust: 40 > 25 and 3.0 < 3.75 -> matters more, scores lower: concentrate here
    assert (by["trust"].importance, by["trust"].performance, by["trust"].n) == (40, 3.0, 2)
    assert by["trust"].quadrant == "concentrate"
    assert by["feedback"].quadrant == "keep_up"  # 30 > 25, 4.0 >= 3.75
    assert by["expectations"].quadrant == "low_priority"  # 20 <= 25, 3.0 < 3.75
    assert by["attention"].quadrant == "overkill"  # 10 <= 25, 5.0 >= 3.75


def test_agency_grid_by_hand_and_a_dimension_on_the_crosshair() -> None:
    grid = importance_grid(hand_session(), "agency", DIMS)
    assert grid.subject == "client" and grid.performance_cross == pytest.approx(3.25)
    by = {p.dimension: p.quadrant for p in grid.points}
    # trust: exactly the equal share (25) is not "matters more"; 4 >= 3.25
    assert by == {
        "trust": "overkill",
        "feedback": "low_priority",  # 5 points, 2 < 3.25
        "expectations": "concentrate",  # 50 points, 3 < 3.25
        "attention": "overkill",  # 20 points, 4
    }


def test_a_missing_coordinate_has_no_quadrant() -> None:
    s = hand_session()
    # added_value has no statement about the client: the agency's grid has no score for it
    grid = importance_grid(s, "agency", [*DIMS, "added_value"])
    point = grid.points[-1]
    assert (point.dimension, point.performance, point.n, point.quadrant) == (
        "added_value",
        None,
        0,
        None,
    )
    assert point.importance == 0  # the agency allocated and left it out: no points
    assert grid.importance_cross == 20  # 100 / 5
    none_given = importance_grid(session(), "client", DIMS)
    assert all(p.importance is None and p.quadrant is None for p in none_given.points)


def test_concentrate_order_by_hand() -> None:
    s = hand_session()
    # concentrate: trust (client's grid, 40 points in it) and expectations (agency's grid,
    # 50 points): most points first; the rest keep the order given.
    assert concentrate_order(s, DIMS) == ["expectations", "trust", "feedback", "attention"]
    assert concentrate_dimensions(s, DIMS) == ["expectations", "trust"]
    assert concentrate_order(session(), DIMS) == DIMS  # no allocation: unchanged


def test_priority_gaps_by_hand() -> None:
    gaps = priority_gaps(hand_session(), DIMS)
    # client - agency: trust 40-25=15, feedback 30-5=25, expectations 20-50=-30, attention -10
    assert [(g.dimension, g.gap, g.is_gap) for g in gaps] == [
        ("expectations", -30, True),
        ("feedback", 25, True),
        ("trust", 15, True),  # exactly PRIORITY_GAP_AT counts
        ("attention", -10, False),
    ]
    assert PRIORITY_GAP_AT == 15
    one_side = engine.with_importance(session(), "client", {"trust": 100})
    assert all(g.gap is None and not g.is_gap for g in priority_gaps(one_side, DIMS))


# -- the figures, for every allocation ------------------------------------------------------


def _within_the_points(xs: list[int]) -> list[int]:
    """Each number as drawn, cut to what is left of the points: every allocation within
    the points is itself, so each stays reachable. A filter on the sum threw away most
    draws of nine numbers (their sum is rarely 100 or less) and so took most of the test's
    time; this also draws the usual case, all points given, far more often."""
    out, left = [], IMPORTANCE_POINTS
    for x in xs:
        out.append(min(x, left))
        left -= out[-1]
    return out


allocation = st.lists(st.integers(0, 100), min_size=len(DIMS), max_size=len(DIMS)).map(
    _within_the_points
)
performances = st.lists(
    st.one_of(st.none(), st.integers(1, 5)), min_size=len(DIMS), max_size=len(DIMS)
)


@given(allocation, performances)
def test_grid_quadrants_follow_the_crosshairs(points: list[int], scores: list[int | None]) -> None:
    s = engine.with_importance(session(), "client", dict(zip(DIMS, points, strict=True)))
    s = scored(s, "c1", "agency", {d: v for d, v in zip(DIMS, scores, strict=True) if v})
    grid = importance_grid(s, "client", DIMS)
    for p in grid.points:
        if p.performance is None:
            assert p.quadrant is None
            continue
        assert p.quadrant in QUADRANTS
        high = p.importance > grid.importance_cross  # type: ignore[operator]
        low = p.performance < grid.performance_cross - 1e-9
        assert (p.quadrant in ("concentrate", "keep_up")) == high
        assert (p.quadrant in ("concentrate", "low_priority")) == low
    order = concentrate_order(s, DIMS)
    assert sorted(order) == sorted(DIMS)
    marked = concentrate_dimensions(s, DIMS)
    assert order[: len(marked)] == marked


@given(allocation)
def test_priority_gap_is_the_difference_and_symmetric(points: list[int]) -> None:
    s = engine.with_importance(session(), "client", dict(zip(DIMS, points, strict=True)))
    s = engine.with_importance(s, "agency", dict(zip(DIMS, reversed(points), strict=True)))
    gaps = priority_gaps(s, DIMS)
    for g in gaps:
        assert g.gap == g.client - g.agency  # type: ignore[operator]
        assert g.is_gap == (abs(g.gap) >= PRIORITY_GAP_AT)  # type: ignore[arg-type]
    sizes = [abs(g.gap) for g in gaps]  # type: ignore[arg-type]
    assert sizes == sorted(sizes, reverse=True)


def test_quadrant_none_when_a_coordinate_is_missing() -> None:
    assert quadrant(None, 3.0, 25, 3) is None and quadrant(30, None, 25, 3) is None


# -- the engine ------------------------------------------------------------------------------


@given(st.dictionaries(st.sampled_from(DIMS), st.integers(-5, 120), max_size=len(DIMS)))
def test_an_allocation_never_exceeds_the_points(points: dict[str, int]) -> None:
    s = session()
    try:
        s = engine.with_importance(s, "client", points)
    except engine.ImportanceError:
        assert sum(points.values()) > IMPORTANCE_POINTS or min(points.values()) < 0
        return
    assert sum(importance_of(s, "client").values()) <= IMPORTANCE_POINTS
    assert importance_of(s, "client") == points


def test_with_importance_replaces_only_that_side() -> None:
    s = hand_session()
    s2 = engine.with_importance(s, "client", {"trust": 100}, DEVICE)
    assert importance_of(s2, "client") == {"trust": 100}
    assert all(w.origin == DEVICE for w in s2.importance if w.side == "client")
    assert importance_of(s2, "agency") == importance_of(s, "agency")
    assert importance_of(engine.with_importance(s2, "client", {}), "client") == {}
    with pytest.raises(engine.ImportanceError, match="101 points"):
        engine.with_importance(s, "client", {"trust": 60, "feedback": 41})


def test_importance_missing_only_when_asked_and_listed_by_incomplete() -> None:
    plain = session()
    assert engine.importance_missing(plain) == ()
    asked = session(ask_importance=True)
    assert engine.importance_missing(asked) == ("agency", "client")
    half = engine.with_importance(asked, "client", {"trust": 100})
    assert engine.importance_missing(half) == ("agency",)
    # what the close and the blind reveal list: the agency side misses its allocation
    extra = [p for p in engine.incomplete(half, FW) if p.missing[-1].kind == "importance"]
    assert [(p.rater.side, p.rater.per_side, p.missing[-1].subject) for p in extra] == [
        ("agency", True, "agency")
    ]
    # a self-assessment asks only the agency (the client is not there)
    self_kind = replace(asked, kind="self")
    assert engine.importance_missing(self_kind) == ("agency",)


def test_per_side_rating_adds_the_allocation_to_the_sides_entry() -> None:
    s = session(ask_importance=True, rating_mode="side")
    entries = engine.incomplete(s, FW)
    assert len(entries) == 2  # one per side, not four
    for p in entries:
        assert p.missing[-1].kind == "importance" and p.total == len(p.missing)


def test_progress_and_first_unanswered_ignore_the_allocation() -> None:
    """The rating screens walk scores only; the allocation has a step of its own."""
    s = session(ask_importance=True)
    assert all(q.kind != "importance" for p in engine.progress(s, FW) for q in p.missing)
    assert engine.first_unanswered(s, FW)[1].kind == "rating"  # type: ignore[index]


def test_blind_hides_the_other_sides_allocation_until_the_reveal() -> None:
    s = session(blind=True, ask_importance=True)
    s = engine.with_importance(s, "client", {"trust": 100}, DEVICE)
    s = engine.with_importance(s, "agency", {"feedback": 100}, DEVICE)
    assert importance_of(engine.participant_view(s, "c2", FW), "client") == {"trust": 100}
    assert importance_of(engine.participant_view(s, "c2", FW), "agency") == {}
    assert engine.visible_session(s, FW, engine.FACILITATOR).importance == ()
    typed = engine.with_importance(s, "agency", {"feedback": 100})  # typed on the projector
    assert importance_of(engine.visible_session(typed, FW, None), "agency") == {"feedback": 100}
    shown = replace(s, revealed=True)
    assert engine.visible_session(shown, FW, engine.FACILITATOR).importance == s.importance


def test_live_answers_save_the_own_sides_allocation_from_a_device(workspace: Workspace) -> None:
    rel = workspace.create_relationship("C", "A").id
    workspace.add_session(rel, session(blind=True, ask_importance=True))
    live = engine.LiveAnswers(workspace, rel, "s1", "c1")
    live.load()
    seen = live.save_importance("client", {"trust": 70, "feedback": 30})
    assert importance_of(seen, "client") == {"trust": 70, "feedback": 30}
    stored = workspace.load(rel).session("s1")
    assert stored is not None and {w.origin for w in stored.importance} == {DEVICE}
    with pytest.raises(engine.ImportanceError):
        live.save_importance("agency", {"trust": 100})
    # the file round-trips (both readers)
    assert session_from_dict(session_to_dict(stored)) == stored
    assert Weight("client", "trust", 70, DEVICE) in stored.importance


# -- exports ---------------------------------------------------------------------------------


def _export(workspace: Workspace, s: Session, lang: str = "en", fmt: str = "md") -> str:
    from retro.export import export_session

    rel = workspace.create_relationship("Klant <b>", "Bureau")
    workspace.add_session(rel.id, replace(s, status="closed"))
    return export_session(workspace, s.id, audience="shared", lang=lang, fmt=fmt)


def test_export_without_an_allocation_has_no_importance_section(workspace: Workspace) -> None:
    s = scored(session(ask_importance=True), "c1", "agency", {"trust": 4})
    text = _export(workspace, s)
    assert "What matters" not in text


def test_export_with_one_sides_allocation_shows_its_grid_and_no_priority_gaps(
    workspace: Workspace,
) -> None:
    s = scored(session(), "c1", "agency", {"trust": 2, "feedback": 4})
    s = engine.with_importance(s, "client", {"trust": 60, "feedback": 30})
    text = _export(workspace, s, "nl")
    assert "## Wat telt voor elke kant" in text
    assert "### Wat telt voor de opdrachtgever, tegen zijn beeld van het bureau" in text
    assert "nog niet al zijn punten verdeeld" in text  # 90 of 100
    # 9 dimensions: equal share 11,1; trust 60 points and 2 < mean 3: concentrate here
    assert "11,1 punten (100 over 9 dimensies)" in text
    assert "| Vertrouwen & respect voor expertise | 60 | 2 (n=1) | hier op inzetten |" in text
    assert "Verschillen in prioriteit" not in text


def test_json_export_carries_the_grids_and_gaps(workspace: Workspace) -> None:
    import json

    data = json.loads(_export(workspace, hand_session(), fmt="json"))
    imp = data["importance"]
    assert [g["rater"] for g in imp["grids"]] == ["client", "agency"]
    assert imp["priority_gap_at"] == PRIORITY_GAP_AT
    assert {g["key"] for g in imp["priority_gaps"] if g["is_gap"]} == {
        "trust",
        "feedback",
        "expectations",
    }
