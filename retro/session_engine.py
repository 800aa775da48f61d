"""The rules of a session, the same for every face: who answers what, what is missing,
who may see which score when, and the one way an answer reaches the store.

The facilitator's screen, `retro join`, the browser and packs all ask this module, so a
progress count, a blind promise or "the previous session" cannot differ between them.
Imports no Textual (the CLI and packs use it too).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING

from msgspec import Struct
from msgspec.structs import replace

from retro.model import (
    DEVICE,
    IMPORTANCE_POINTS,
    ORIGINS,
    SIDES,
    History,
    Note,
    Origin,
    Participant,
    Prediction,
    Rating,
    Session,
    Side,
    Weight,
)
from retro.store import LockTimeoutError, StoreError, Workspace

if TYPE_CHECKING:
    from retro.frameworks import Framework

Change = Callable[[Session], Session]

# -- who answers what ------------------------------------------------------------------


class Question(Struct, frozen=True):
    """One thing a participant answers: a score of a side, or a prediction."""

    dimension: str
    subject: str  # "agency" / "client", or "prediction" for the agency's guess of the client
    kind: str = "rating"  # "rating", "prediction", or "importance" (a side's allocation)


class Rater(Struct, frozen=True):
    """Who answers a question: a participant, or a whole side when rating per side.

    Per side, the side's first participant records the side's answers (their id is
    what the ratings carry), so the store's shape is the same in both modes.
    """

    pid: str
    side: Side
    name: str
    per_side: bool = False


def answering_sides(kind: str) -> tuple[Side, ...]:
    """The sides whose people answer in a session of this kind."""
    return {"joint": SIDES, "self": ("agency",), "client": ("client",)}.get(kind, SIDES)


def questions(framework: Framework, session_kind: str, side: str) -> list[Question]:
    """What a participant of this side answers in a session of this kind, in framework order.

    Joint and client survey: the own side, then the other side, where the framework has
    a statement. Self-assessment: the agency rates itself and predicts the client's score
    of the agency; it does not rate the client, who is not there to answer back.
    Nothing for a side that does not answer in this kind.
    """
    if side not in answering_sides(session_kind):
        return []
    out: list[Question] = []
    for dim in framework.dimensions:
        subjects = (side,) if session_kind == "self" else (side, *(s for s in SIDES if s != side))
        for subject in subjects:
            if dim.rates(subject):
                out.append(Question(dim.key, subject))
        if session_kind == "self" and side == "agency" and dim.rates("agency"):
            out.append(Question(dim.key, "prediction", "prediction"))
    return out


def answerers(session: Session) -> tuple[Participant, ...]:
    """The participants who answer in this session's kind (a self-assessment: agency only)."""
    sides = answering_sides(session.kind)
    return tuple(p for p in session.participants if p.side in sides)


def raters(session: Session, participant_id: str | None = None) -> list[Rater]:
    """Who rates, in order: each answering participant, or one recorder per side."""
    people = answerers(session)
    if participant_id is not None:
        people = tuple(p for p in people if p.id == participant_id)
    if session.rating_mode == "side":
        out, seen = [], set()
        for p in people:
            if p.side not in seen:
                seen.add(p.side)
                out.append(Rater(p.id, p.side, p.side, per_side=True))
        return out
    return [Rater(p.id, p.side, p.name or p.id) for p in people]


def rating_of(session: Session, pid: str, q: Question) -> Rating | Prediction | None:
    """The stored answer to a question, a Rating or a Prediction, or None."""
    if q.kind == "prediction":
        return next(
            (p for p in session.predictions if p.participant == pid and p.dimension == q.dimension),
            None,
        )
    return session.rating(pid, q.dimension, q.subject)  # type: ignore[arg-type]


def is_answered(session: Session, pid: str, q: Question) -> bool:
    """An n/a is an answer; a remark without a score is stored as n/a, so it counts too."""
    return rating_of(session, pid, q) is not None


class Progress(Struct, frozen=True):
    """How far one rater is: what they answered and which questions they still miss."""

    rater: Rater
    total: int
    missing: tuple[Question, ...]

    @property
    def answered(self) -> int:
        return self.total - len(self.missing)

    @property
    def done(self) -> bool:
        return not self.missing


def progress(
    session: Session, framework: Framework, participant_id: str | None = None
) -> list[Progress]:
    """Per rater, in the session's order: the one count every face shows."""
    out = []
    for r in raters(session, participant_id):
        qs = questions(framework, session.kind, r.side)
        missing = tuple(q for q in qs if not is_answered(session, r.pid, q))
        out.append(Progress(r, len(qs), missing))
    return out


def finished(session: Session, framework: Framework, pid: str) -> bool:
    """Whether a participant has answered every question of theirs (n/a counts)."""
    side = session.side_of(pid)
    if side is None:
        return False
    return all(is_answered(session, pid, q) for q in questions(framework, session.kind, side))


def incomplete(session: Session, framework: Framework) -> list[Progress]:
    """The raters who still miss something: what the reveal and the close ask about.

    A side whose allocation of points is not complete (importance_missing) misses one
    question of kind "importance" (dimension "", subject the side): on that side's
    per-side entry when rating per side, else on an entry of its own for the side, so
    the allocation is listed once per side and never charged to one participant.
    """
    out = [p for p in progress(session, framework) if not p.done]
    for side in importance_missing(session):
        q = Question("", side, "importance")
        at = next((i for i, p in enumerate(out) if p.rater.per_side and p.rater.side == side), None)
        if at is not None:
            p = out[at]
            out[at] = Progress(p.rater, p.total + 1, (*p.missing, q))
            continue
        first = next(p for p in answerers(session) if p.side == side)
        out.append(Progress(Rater(first.id, side, side, per_side=True), 1, (q,)))
    return out


# -- what matters to each side ---------------------------------------------------------


def importance_sides(session: Session) -> tuple[Side, ...]:
    """The sides asked to divide their points: those answering in this kind with people
    present, and none when the session does not ask (ask_importance False)."""
    if not session.ask_importance:
        return ()
    present = {p.side for p in answerers(session)}
    return tuple(s for s in SIDES if s in present)


def importance_missing(session: Session) -> tuple[Side, ...]:
    """The sides whose allocation is not complete (points not summing to
    IMPORTANCE_POINTS); always () when the session does not ask for importance."""
    from retro.figures import importance_complete

    return tuple(s for s in importance_sides(session) if not importance_complete(session, s))


class ImportanceError(ValueError):
    """An allocation that cannot be stored: more points than a side has, or negative ones."""


def with_importance(
    session: Session, side: Side, points: Mapping[str, int], origin: Origin = ""
) -> Session:
    """The session with that side's allocation replaced by `points` (dimension -> points).

    The whole allocation at once, never one dimension: the total is checked against
    IMPORTANCE_POINTS here, so no face can store a side giving away more than it has.
    A dimension given 0 is kept (the side looked at it and gave it nothing). An empty
    mapping removes the side's allocation. The other side's allocation is untouched.
    """
    if side not in SIDES:
        raise ImportanceError(f"unknown side {side!r}")
    if origin not in ORIGINS:
        raise ImportanceError(f"unknown origin {origin!r}")
    for dim, value in points.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ImportanceError(f"{dim}: points must be a whole number from 0, got {value!r}")
    total = sum(points.values())
    if total > IMPORTANCE_POINTS:
        raise ImportanceError(f"{total} points given; a side has {IMPORTANCE_POINTS}")
    kept = tuple(w for w in session.importance if w.side != side)
    mine = tuple(Weight(side, d, v, origin) for d, v in points.items())
    return replace(session, importance=(*kept, *mine))


def first_unanswered(
    session: Session, framework: Framework, participant_id: str | None = None
) -> tuple[Rater, Question] | None:
    """The first open question in rating order (rater by rater, framework order)."""
    for p in progress(session, framework, participant_id):
        if p.missing:
            return p.rater, p.missing[0]
    return None


# -- who may see which score when ------------------------------------------------------

FACILITATOR: str | None = None  # the viewer of the facilitator's (projected) screen


def blind_for(session: Session, framework: Framework, viewer: str | None) -> bool:
    """Whether others' scores are hidden from this viewer right now.

    Blind hides every score given on a participant's own device until the reveal, from
    the facilitator's screen too. After the reveal a participant still sees only their
    own until they have answered everything: a late joiner is not steered by the room.
    """
    if not session.blind:
        return False
    if not session.revealed:
        return True
    return viewer is not FACILITATOR and not finished(session, framework, viewer)  # type: ignore[arg-type]


def may_see(
    session: Session,
    framework: Framework,
    viewer: str | None,
    answer: Rating | Prediction,
) -> bool:
    """The one visibility rule: may this viewer see this answer's score now?"""
    if not blind_for(session, framework, viewer):
        return True
    if viewer is FACILITATOR:
        # What the facilitator typed on this screen is already known to the room.
        return answer.origin != DEVICE
    return answer.participant == viewer


def visible_session(session: Session, framework: Framework, viewer: str | None) -> Session:
    """The session as this viewer may see it; a participant never sees the internal notes."""
    s = session if viewer is FACILITATOR else replace(session, notes="")
    if not blind_for(session, framework, viewer):
        return s
    return replace(
        s,
        ratings=tuple(r for r in s.ratings if may_see(session, framework, viewer, r)),
        predictions=tuple(p for p in s.predictions if may_see(session, framework, viewer, p)),
        importance=tuple(
            w for w in s.importance if may_see_importance(session, framework, viewer, w)
        ),
    )


def may_see_importance(
    session: Session, framework: Framework, viewer: str | None, weight: Weight
) -> bool:
    """The visibility rule for a side's points, the same as for scores: while blind a
    participant sees only their own side's allocation, the facilitator only what was
    typed on their own screen (not what came from a device)."""
    if not blind_for(session, framework, viewer):
        return True
    if viewer is FACILITATOR:
        return weight.origin != DEVICE
    return weight.side == session.side_of(viewer)  # type: ignore[arg-type]


def participant_view(session: Session, pid: str, framework: Framework | None = None) -> Session:
    """The session as one participant may see it, loading its framework when not given
    (a participant's own device holds only the session id)."""
    if framework is None:
        from retro.frameworks import default_framework, get_framework

        framework = (
            get_framework(session.framework, session.framework_version) or default_framework()
        )
    return visible_session(session, framework, pid)


def owned_by_device(session: Session, pid: str, q: Question) -> bool:
    """A score given on the participant's own device belongs to them (take-over asks first)."""
    a = rating_of(session, pid, q)
    return a is not None and a.origin == DEVICE


# -- the previous comparable session ---------------------------------------------------


def previous_comparable(history: History, session: Session) -> Session | None:
    """The latest *closed* session of the same kind before this one: every "since last time"."""
    before = [
        s
        for s in history.sessions
        if s.kind == session.kind
        and s.status == "closed"
        and s.id != session.id
        and (s.date, s.id) < (session.date, session.id)
    ]
    return max(before, key=lambda s: (s.date, s.id), default=None)


def closed_of_kind(history: History, kind: str) -> tuple[Session, ...]:
    """Closed sessions of one kind in date order: the home sparkline uses the joint ones."""
    return tuple(s for s in history.sorted_sessions() if s.kind == kind and s.status == "closed")


def later_joint(history: History, session: Session) -> Session | None:
    """The first closed joint session after a self-assessment: where its predictions meet reality."""
    after = [
        s for s in closed_of_kind(history, "joint") if (s.date, s.id) > (session.date, session.id)
    ]
    return after[0] if after else None


# -- one save path ---------------------------------------------------------------------

RETRIES = 3
RETRY_WAIT = 0.2  # seconds; a lock held this long is another writer mid-save
# Typed text (a remark, a check-in answer, a note) is saved at most this long after its
# first unsaved key, also while the typing goes on: a steady typist never pauses, and a
# quit, a killed terminal or a closed browser tab then costs at most this much of it.
# Every face that saves while typing (the facilitator's screens, a participant's device)
# keeps this one rule.
TYPING_SAVE_DELAY = 0.5


class SessionClosedError(StoreError):
    """The facilitator closed the session (or removed the participant) while they answered."""


def commit(
    ws: Workspace,
    rel_id: str,
    sid: str,
    change: Change,
    *,
    attempts: int = RETRIES,
    wait: float = RETRY_WAIT,
) -> Session:
    """Apply one change under the store's lock; a lock held by another writer is retried.

    Every answer of every face ends here (the facilitator's drainer, join, browser,
    packs), so all of them get the same locking, retrying and error texts.
    """
    for attempt in range(attempts):
        try:
            return ws.update_session(rel_id, sid, change)
        except LockTimeoutError:
            if attempt + 1 >= attempts:
                raise
            time.sleep(wait * (attempt + 1))
    raise AssertionError("unreachable")  # pragma: no cover


def from_device(answer: Rating) -> Rating:
    return replace(answer, origin=DEVICE)


class LiveAnswers:
    """One participant answering a session in the workspace; every save takes the store's lock.

    Used by the join screen in an own terminal and in every browser tab alike, so all
    of them (and pack imports) meet at `commit`. What it hands back is what this
    participant may see (`visible_session`), so a blind session stays blind on their screen.
    """

    def __init__(self, ws: Workspace, rel_id: str, sid: str, pid: str) -> None:
        self.ws, self.rel_id, self.sid, self.pid = ws, rel_id, sid, pid
        self.path = ws.path_of(rel_id)
        self.framework: Framework | None = None

    def load(self) -> tuple[Session, Framework]:
        from retro.frameworks import get_framework

        history = self.ws.load(self.rel_id)
        session = history.session(self.sid)
        if session is None:
            raise SessionClosedError(f"session {self.sid} is gone from the workspace")
        fw = get_framework(session.framework, session.framework_version, self.ws.root)
        if fw is None:
            raise StoreError(f"framework {session.framework} v{session.framework_version} missing")
        self.relationship = history.relationship
        self.framework = fw
        return visible_session(session, fw, self.pid), fw

    def stamp(self) -> float:
        """Cheap change detector for polling: the file's mtime (atomic replace bumps it)."""
        try:
            return self.path.stat().st_mtime_ns
        except OSError:
            return 0

    def _save(self, change: Change) -> Session:
        def guarded(s: Session) -> Session:
            if s.status != "open":
                raise SessionClosedError(f"session {self.sid} was closed by the facilitator")
            if s.participant(self.pid) is None:
                raise SessionClosedError(f"you are no longer a participant of session {self.sid}")
            return change(s)

        saved = commit(self.ws, self.rel_id, self.sid, guarded)
        if self.framework is None:
            return participant_view(saved, self.pid)
        return visible_session(saved, self.framework, self.pid)

    def save_rating(self, rating: Rating) -> Session:
        rating = replace(rating, origin=DEVICE)
        return self._save(lambda s: s.with_rating(rating))

    def save_prediction(self, prediction: Prediction) -> Session:
        prediction = replace(prediction, origin=DEVICE)
        return self._save(lambda s: s.with_prediction(prediction))

    def save_importance(self, side: Side, points: Mapping[str, int]) -> Session:
        """This participant's side's allocation from their device (origin "device").

        Only for their own side (checked under the lock, against the stored session): a
        participant cannot divide the other side's points.
        """

        def change(s: Session) -> Session:
            own = s.side_of(self.pid)
            if own != side:
                raise ImportanceError(f"a participant of the {own} side cannot weigh for {side}")
            return with_importance(s, side, points, DEVICE)

        return self._save(change)

    def save_checkin(self, text: str) -> Session:
        return self._save(lambda s: s.with_checkin_answer(Note(self.pid, text)))


def with_answers(session: Session, answers: Iterable[Rating | Prediction]) -> Session:
    """Merge answers into a session in order (what a pack import does)."""
    for a in answers:
        session = (
            session.with_prediction(a) if isinstance(a, Prediction) else session.with_rating(a)
        )
    return session
