"""Which agreed actions are still open, and which of those are overdue.

One definition for every face (home, portfolio, look back, CLI, exports), so a user never
sees "0 open" on one screen and "7 overdue" on the next.

An action is open from the session that agreed it until a look back reviews it. The review
settles it whatever the status: done, partly, not done or dropped all go into that
session's "commitments kept", and what is still worth doing is agreed again as a new
action. Keeping partly-done actions open forever would pile up actions that no later look
back can reach.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from retro.model import Action, History


@dataclass(frozen=True)
class OpenAction:
    action: Action
    session: str  # the session that agreed it
    date: str  # that session's date


@dataclass(frozen=True)
class OverdueAction:
    action: Action
    session: str  # the session that agreed it
    days: int  # how many days past its due date


def open_actions(history: History, *, before: str | None = None) -> list[OpenAction]:
    """Actions no session has reviewed, oldest session first.

    With `before` (a session id) the answer is what that session's look back should show:
    actions agreed in earlier sessions that no *other* session reviewed, so the ones this
    session already reviewed stay in its list.
    """
    ordered = history.sorted_sessions()
    reviewed = {r.action for s in ordered if s.id != before for r in s.review}
    if before is not None:
        current = history.session(before)
        if current is None:
            return []
        ordered = tuple(s for s in ordered if (s.date, s.id) < (current.date, current.id))
    return [OpenAction(a, s.id, s.date) for s in ordered for a in s.actions if a.id not in reviewed]


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
