"""Open and overdue actions: one definition for home, look back and portfolio."""

from __future__ import annotations

from datetime import date

from retro.actions import open_actions, overdue_actions
from retro.demo import demo_histories
from retro.model import Action, History, Participant, Relationship, Review, Session

REL = Relationship("r", "Client", "Agency")
P = (Participant("a", "Ann", "agency"), Participant("c", "Cor", "client"))


def _s(sid: str, day: str, actions=(), review=()) -> Session:
    return Session(sid, day, participants=P, actions=tuple(actions), review=tuple(review))


A1 = Action("a1", "Share the roadmap", "a", "2024-02-01")
A2 = Action("a2", "Weekly call", "c", "2024-02-15")
A3 = Action("a3", "Quarterly review", "agency", "2024-05-01")
S1 = _s("s1", "2024-01-10", actions=[A1, A2])
S2 = _s("s2", "2024-03-01", actions=[A3], review=[Review("a1", "partly")])  # a2 forgotten
S3 = _s("s3", "2024-06-01", review=[Review("a3", "done")])


def test_any_review_settles_an_action_and_unreviewed_ones_stay_open() -> None:
    history = History(REL, (S3, S1, S2))
    assert [o.action.id for o in open_actions(history)] == ["a2"]
    assert [o.action.id for o in open_actions(History(REL, (S1, S2)))] == ["a2", "a3"]


def test_look_back_shows_what_no_other_session_reviewed() -> None:
    history = History(REL, (S1, S2, S3))
    # s2 reviewed a1 itself: it stays in s2's list so the status can be changed.
    assert [o.action.id for o in open_actions(history, before="s2")] == ["a1", "a2"]
    # s3 sees its own a3 and the a2 that s2 forgot, not the a1 that s2 settled.
    assert [o.action.id for o in open_actions(history, before="s3")] == ["a2", "a3"]
    assert open_actions(history, before="s1") == []
    assert open_actions(history, before="unknown") == []


def test_overdue_is_open_and_past_its_due_date() -> None:
    history = History(REL, (S1, S2, S3))
    assert [(o.action.id, o.days) for o in overdue_actions(history, date(2024, 2, 16))] == [
        ("a2", 1)
    ]
    assert overdue_actions(history, date(2024, 2, 15)) == []  # due today: not yet


def test_a_due_date_that_is_not_a_date_is_never_overdue() -> None:
    odd = History(REL, (_s("s", "2024-01-01", actions=[Action("x", "x", "a", "next week")]),))
    assert [o.action.id for o in open_actions(odd)] == ["x"]
    assert overdue_actions(odd, date(2030, 1, 1)) == []


def test_the_demo_has_open_and_overdue_actions_and_they_agree() -> None:
    today = date(2026, 11, 1)
    counts = {}
    for history in demo_histories(today):
        open_ids = {o.action.id for o in open_actions(history)}
        overdue_ids = {o.action.id for o in overdue_actions(history, today)}
        assert overdue_ids <= open_ids
        counts[history.relationship.id] = (len(open_ids), len(overdue_ids))
    # One relationship is mid-session today, one has actions running, one let them slip.
    assert counts["bakkerij-van-dijk"] == (0, 0)
    assert counts["gemeente-zwolle"] == (3, 0)
    assert counts["northwind-foods"] == (3, 3)
