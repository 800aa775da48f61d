"""The session engine's rules: who answers what, what is missing, who sees what, and when."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

from retro import session_engine as engine
from retro.frameworks import default_framework
from retro.model import (
    DEVICE,
    History,
    Participant,
    Prediction,
    Rating,
    Relationship,
    Session,
    session_from_dict,
    session_to_dict,
)
from retro.store import Workspace

FW = default_framework()
PEOPLE = (
    Participant("c1", "Clara", "client"),
    Participant("c2", "Cees", "client"),
    Participant("a1", "Ada", "agency"),
    Participant("a2", "Abel", "agency"),
)


def session(**kw) -> Session:
    return Session(id="s1", date="2026-05-01", participants=PEOPLE, status="open", **kw)


def answer_all(s: Session, pid: str, score: int = 3) -> Session:
    side = s.side_of(pid)
    assert side is not None
    for q in engine.questions(FW, s.kind, side):
        if q.kind == "prediction":
            s = s.with_prediction(Prediction(pid, q.dimension, score))
        else:
            s = s.with_rating(Rating(pid, q.dimension, q.subject, score))  # type: ignore[arg-type]
    return s


# -- who answers what --------------------------------------------------------------------


def test_joint_everyone_rates_own_side_and_the_other() -> None:
    qs = engine.questions(FW, "joint", "client")
    assert {q.subject for q in qs} == {"client", "agency"}
    assert all(q.kind == "rating" for q in qs)
    assert [p.id for p in engine.answerers(session())] == ["c1", "c2", "a1", "a2"]


def test_self_assessment_is_the_agency_about_itself_and_its_predictions() -> None:
    s = session(kind="self")
    assert [p.id for p in engine.answerers(s)] == ["a1", "a2"]
    qs = engine.questions(FW, "self", "agency")
    assert {q.subject for q in qs} == {"agency", "prediction"}
    assert engine.questions(FW, "self", "client") == []
    predicted = [q.dimension for q in qs if q.kind == "prediction"]
    assert predicted == [d.key for d in FW.dimensions if d.rates("agency")]


def test_client_survey_only_the_client_answers() -> None:
    s = session(kind="client")
    assert [p.id for p in engine.answerers(s)] == ["c1", "c2"]
    assert engine.questions(FW, "client", "agency") == []


def test_predictions_count_as_answers_to_close() -> None:
    s = session(kind="self")
    s = answer_all(s, "a1")
    s = replace(s, predictions=())  # every rating, no predictions
    (ada, abel) = engine.progress(s, FW)
    assert not ada.done and all(q.kind == "prediction" for q in ada.missing)
    assert abel.answered == 0
    assert engine.finished(answer_all(s, "a1"), FW, "a1")


@settings(max_examples=40, deadline=None)
@given(st.sets(st.integers(min_value=0, max_value=4 * 17 - 1)))
def test_progress_counts_exactly_what_was_answered(picked: set[int]) -> None:
    """Whatever subset is answered, every face's count (the engine's) adds up."""
    s = session()
    all_q = [(p.id, q) for p in PEOPLE for q in engine.questions(FW, "joint", p.side)]
    for i in sorted(picked):
        pid, q = all_q[i]
        s = s.with_rating(Rating(pid, q.dimension, q.subject, None))  # type: ignore[arg-type]
    progress = engine.progress(s, FW)
    assert sum(p.answered for p in progress) == len(picked)
    assert sum(p.total for p in progress) == len(all_q)
    first = engine.first_unanswered(s, FW)
    missing = [x for i, x in enumerate(all_q) if i not in picked]
    if missing:
        assert first is not None and (first[0].pid, first[1]) == missing[0]
    else:
        assert first is None


# -- who sees what -----------------------------------------------------------------------


def test_blind_hides_device_scores_from_the_facilitator_until_the_reveal() -> None:
    typed_here = Rating("c1", "trust", "agency", 4)
    from_device = Rating("c2", "trust", "agency", 2, origin=DEVICE)
    s = session(blind=True, ratings=(typed_here, from_device))
    seen = engine.visible_session(s, FW, engine.FACILITATOR)
    assert seen.ratings == (typed_here,)
    assert engine.visible_session(replace(s, revealed=True), FW, None).ratings == s.ratings


def test_not_blind_shows_everything_and_never_the_notes_to_a_participant() -> None:
    s = session(ratings=(Rating("c1", "trust", "agency", 4),), notes="internal")
    v = engine.visible_session(s, FW, "c2")
    assert v.ratings == s.ratings and v.notes == ""
    assert engine.visible_session(s, FW, None).notes == "internal"


@settings(max_examples=30, deadline=None)
@given(
    viewer=st.sampled_from([p.id for p in PEOPLE]),
    owners=st.lists(st.sampled_from([p.id for p in PEOPLE]), max_size=8),
    revealed=st.booleans(),
)
def test_a_blind_participant_never_sees_another_s_score_before_finishing(
    viewer: str, owners: list[str], revealed: bool
) -> None:
    ratings = tuple(
        Rating(o, FW.dimensions[i].key, "agency", 3, origin=DEVICE) for i, o in enumerate(owners)
    )
    s = session(blind=True, revealed=revealed, ratings=ratings)
    seen = engine.visible_session(s, FW, viewer)
    assert all(r.participant == viewer for r in seen.ratings)


def test_a_late_joiner_sees_the_room_once_their_own_are_in() -> None:
    s = answer_all(session(blind=True, revealed=True), "a1")
    assert {r.participant for r in engine.visible_session(s, FW, "c1").ratings} == set()
    s = answer_all(s, "c1")
    assert {r.participant for r in engine.visible_session(s, FW, "c1").ratings} == {"a1", "c1"}


# -- origin in the exchange format -------------------------------------------------------


def test_origin_is_written_only_when_set_and_read_back() -> None:
    s = session(
        ratings=(
            Rating("c1", "trust", "agency", 4),
            Rating("c2", "trust", "agency", 2, origin=DEVICE),
        ),
        predictions=(Prediction("a1", "trust", 3, origin=DEVICE),),
    )
    d = session_to_dict(s)
    assert "origin" not in d["ratings"][0] and d["ratings"][1]["origin"] == "device"
    assert d["predictions"][0]["origin"] == "device"
    assert session_from_dict(d) == s


# -- the previous comparable session -----------------------------------------------------


def test_previous_comparable_is_the_latest_closed_session_of_the_same_kind() -> None:
    def at(sid: str, day: str, kind: str = "joint", status: str = "closed") -> Session:
        return Session(id=sid, date=day, kind=kind, status=status)  # type: ignore[arg-type]

    now = at("now", "2026-06-01", status="open")
    h = History(
        Relationship("r", "C", "A"),
        (
            at("j1", "2026-01-01"),
            at("j2", "2026-03-01"),
            at("open", "2026-04-01", status="open"),
            at("self", "2026-05-01", kind="self"),
            now,
            at("later", "2026-07-01"),
        ),
    )
    assert engine.previous_comparable(h, now).id == "j2"  # type: ignore[union-attr]
    assert engine.previous_comparable(h, at("j1", "2026-01-01")) is None
    assert engine.later_joint(h, at("self", "2026-05-01", kind="self")).id == "later"  # type: ignore[union-attr]


# -- one save path -----------------------------------------------------------------------


def test_live_answers_mark_device_scores_and_refuse_a_closed_session(workspace: Workspace) -> None:
    rel = workspace.create_relationship("C", "A").id
    workspace.add_session(rel, session(blind=True))
    live = engine.LiveAnswers(workspace, rel, "s1", "c1")
    live.load()
    seen = live.save_rating(Rating("c1", "trust", "agency", 4))
    assert seen.rating("c1", "trust", "agency").origin == DEVICE  # type: ignore[union-attr]
    workspace.update_session(rel, "s1", lambda s: replace(s, status="closed"))
    try:
        live.save_rating(Rating("c1", "trust", "client", 4))
    except engine.SessionClosedError:
        pass
    else:
        raise AssertionError("a closed session took an answer")
