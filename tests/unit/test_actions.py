"""Open and overdue actions: one definition for home, look back, portfolio and CLI.

An action lives until a look back marks it done or dropped; "not done" and "partly" keep it
open, so it comes back at the next look back, whichever session it came from.
"""

from __future__ import annotations

from datetime import date

from retro.actions import (
    LookbackProgress,
    last_review,
    lookback_progress,
    open_actions,
    overdue_actions,
)
from retro.demo import demo_histories
from retro.figures import commitments_kept
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


def ids(found) -> list[str]:
    return [o.action.id for o in found]


def test_only_done_or_dropped_settles_an_action() -> None:
    history = History(REL, (S3, S1, S2))
    # a1 was only partly done: still open; a2 was never reviewed; a3 is done.
    assert ids(open_actions(history)) == ["a1", "a2"]
    dropped = History(REL, (S1, _s("s2", "2024-03-01", review=[Review("a1", "dropped")])))
    assert ids(open_actions(dropped)) == ["a2"]
    not_done = History(REL, (S1, _s("s2", "2024-03-01", review=[Review("a2", "not_done")])))
    assert ids(open_actions(not_done)) == ["a1", "a2"]


def test_look_back_lists_every_open_action_of_the_relationship() -> None:
    history = History(REL, (S1, S2, S3))
    assert ids(open_actions(history, before="s2")) == ["a1", "a2"]
    # s3 sees a1 (partly at s2) and a2 (forgotten at s2) from s1, not only s2's a3.
    assert ids(open_actions(history, before="s3")) == ["a1", "a2", "a3"]
    assert open_actions(history, before="s1") == []
    assert open_actions(history, before="unknown") == []


def test_a_session_keeps_its_own_reviews_in_its_list() -> None:
    # s2 marked a1 done: it is settled for later sessions, yet s2's own look back still
    # shows it, so the status can be changed back.
    s2 = _s("s2", "2024-03-01", review=[Review("a1", "done")])
    s3 = _s("s3", "2024-06-01")
    history = History(REL, (S1, s2, s3))
    assert ids(open_actions(history, before="s2")) == ["a1", "a2"]
    assert ids(open_actions(history, before="s3")) == ["a2"]
    # A later session settling an action does not rewrite an earlier look back.
    later = _s("s3", "2024-06-01", review=[Review("a2", "done")])
    assert ids(open_actions(History(REL, (S1, s2, later)), before="s2")) == ["a1", "a2"]


def test_an_action_across_three_sessions() -> None:
    """Agreed in 1, "not done" in 2, listed again in 3 and open until 3 marks it done."""
    one = _s("one", "2024-01-10", actions=[A1])
    two = _s("two", "2024-03-01", review=[Review("a1", "not_done")])
    three = _s("three", "2024-06-01")
    history = History(REL, (one, two, three))
    assert ids(open_actions(history, before="three")) == ["a1"]
    assert ids(open_actions(history)) == ["a1"]
    assert last_review(history, "a1", before="three") == Review("a1", "not_done")
    assert lookback_progress(history, "three") == LookbackProgress(0, 1)

    three = _s("three", "2024-06-01", review=[Review("a1", "done")])
    history = History(REL, (one, two, three))
    assert open_actions(history) == []
    assert ids(open_actions(history, before="three")) == ["a1"]  # still shown where reviewed
    assert lookback_progress(history, "three") == LookbackProgress(1, 1)
    # Each look back counts what it found: not done at two (0), done at three (1).
    assert (commitments_kept(two), commitments_kept(three)) == (0.0, 1.0)


def test_lookback_progress_counts_reviews_of_listed_actions() -> None:
    history = History(REL, (S1, S2, S3))
    assert lookback_progress(history, "s2") == LookbackProgress(1, 2)
    assert lookback_progress(history, "s3") == LookbackProgress(1, 3)
    assert lookback_progress(history, "s1") == LookbackProgress(0, 0)


def test_overdue_is_open_and_past_its_due_date() -> None:
    history = History(REL, (S1, S2, S3))
    assert [(o.action.id, o.days) for o in overdue_actions(history, date(2024, 2, 16))] == [
        ("a1", 15),
        ("a2", 1),
    ]
    assert [o.action.id for o in overdue_actions(history, date(2024, 2, 15))] == ["a1"]


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
        # Every look back of the demo reviews all the actions it lists, as a meeting would.
        for s in history.sessions:
            if s.kind != "joint":
                continue  # the team's self-assessments leave the look back to the joint retro
            progress = lookback_progress(history, s.id)
            assert progress.reviewed == progress.total
    # Mid-session today with one action still partly done; one with actions running; one
    # that let them slip.
    assert counts["bakkerij-van-dijk"] == (1, 1)
    assert counts["gemeente-zwolle"] == (4, 1)
    assert counts["northwind-foods"] == (4, 4)
