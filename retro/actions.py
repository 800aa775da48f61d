"""Which agreed actions are still open, and which of those are overdue.

One definition for every face (home, portfolio, look back, CLI, exports), so a user never
sees "0 open" on one screen and "7 overdue" on the next.

An action lives until it is done or dropped: it is open from the session that agreed it
until a look back reviews it as "done" or "dropped", from whichever session it came. A
"not done" or "partly" review keeps it open, so it comes back at the next look back (and
counts in that session's commitments kept again). Nothing else settles an action:
forgetting to review it leaves it open rather than making it disappear.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from msgspec import Struct

from retro.model import Action, History, Review, Session

SETTLED: frozenset[str] = frozenset({"done", "dropped"})


class OpenAction(Struct, frozen=True):
    """An agreed action nobody has reviewed yet, with the session that agreed it."""

    action: Action
    session: str  # the session that agreed it
    date: str  # that session's date


class OverdueAction(Struct, frozen=True):
    """An open action past its due date, and by how many days."""

    action: Action
    session: str  # the session that agreed it
    days: int  # how many days past its due date


class LookbackProgress(Struct, frozen=True):
    """How far a look back is: how many of its open actions have a review in it."""

    reviewed: int
    total: int


def settles(review: Review) -> bool:
    """Whether this review closes the action for good (done or dropped)."""
    return review.status in SETTLED


def _settled_by(sessions: Iterable[Session]) -> set[str]:
    return {r.action for s in sessions for r in s.review if settles(r)}


def open_actions(history: History, *, before: str | None = None) -> list[OpenAction]:
    """Actions no look back has marked done or dropped, oldest session first.

    With `before` (a session id) the answer is what that session's look back lists: the
    actions agreed in earlier sessions that were still open when it started (no earlier
    session settled them), plus any the session reviewed itself, so its own reviews stay
    in its list and can be changed. A later session settling an action does not take it
    out of an earlier session's look back: that is how things stood then.
    """
    ordered = history.sorted_sessions()
    if before is None:
        settled = _settled_by(ordered)
        return [
            OpenAction(a, s.id, s.date) for s in ordered for a in s.actions if a.id not in settled
        ]
    current = history.session(before)
    if current is None:
        return []
    earlier = tuple(s for s in ordered if (s.date, s.id) < (current.date, current.id))
    settled = _settled_by(earlier)
    own = {r.action for r in current.review}
    return [
        OpenAction(a, s.id, s.date)
        for s in earlier
        for a in s.actions
        if a.id not in settled or a.id in own
    ]


def lookback_progress(history: History, session_id: str) -> LookbackProgress:
    """ "1 of 3 reviewed": the session's reviews against the open actions its look back lists."""
    listed = open_actions(history, before=session_id)
    current = history.session(session_id)
    reviewed = {r.action for r in current.review} if current is not None else set()
    return LookbackProgress(sum(o.action.id in reviewed for o in listed), len(listed))


def last_review(history: History, action_id: str, *, before: str | None = None) -> Review | None:
    """The latest review of an action (in sessions before `before`, when given): what the
    look back shows for a carried-over action that this session has not reviewed yet."""
    ordered = history.sorted_sessions()
    if before is not None:
        current = history.session(before)
        if current is None:
            return None
        ordered = tuple(s for s in ordered if (s.date, s.id) < (current.date, current.id))
    found = None
    for s in ordered:
        for r in s.review:
            if r.action == action_id:
                found = r
    return found


def due_date(action: Action) -> date | None:
    """The due date, or None when it is missing or not a date (hand-written files)."""
    try:
        return date.fromisoformat(action.due) if action.due else None
    except ValueError:
        return None


def overdue_actions(history: History, today: date) -> list[OverdueAction]:
    """Open actions whose due date has passed, longest overdue first.

    An action due today is not overdue yet; one without a due date never is.
    """
    return overdue_of(open_actions(history), today)


def overdue_of(opened: Iterable[OpenAction], today: date) -> list[OverdueAction]:
    """overdue_actions from a list of open actions (retro.portfolio_index keeps them)."""
    out = []
    for o in opened:
        due = due_date(o.action)
        if due is not None and due < today:
            out.append(OverdueAction(o.action, o.session, (today - due).days))
    return sorted(out, key=lambda o: (-o.days, o.action.id))
