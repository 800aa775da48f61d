"""The domain of a mutual client–agency evaluation, as plain values: no I/O, no Textual.

Everything here converts to and from the JSON exchange format (docs/exchange-format.md),
so the store, the CLI and the exporter all speak one shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date as _date
from typing import Annotated, Any, Literal, get_args

from msgspec import Meta, Struct, field, structs
from msgspec.structs import replace

from retro.words import DEFAULT_LANGUAGE

Side = Literal["client", "agency"]
Kind = Literal["joint", "self", "client"]
Language = Literal["nl", "en"]
ReviewStatus = Literal["done", "partly", "not_done", "dropped"]
Status = Literal["open", "closed"]
RatingMode = Literal["participant", "side"]
Origin = Literal["", "device"]

SIDES: tuple[Side, ...] = ("agency", "client")
# In an anonymous session, a view's distribution of scores is shown only with at least
# this many raters (a setting per session); below it only the mean, so nobody's score
# can be read off the counts.
DISTRIBUTION_MIN_RATERS = 3
# Each side divides this many points over the dimensions for how much each matters to the
# relationship now: a forced choice, because importance asked as a rating comes out
# uniformly high and cannot rank anything.
IMPORTANCE_POINTS = 100
KINDS: tuple[Kind, ...] = get_args(Kind)
LANGUAGES: tuple[Language, ...] = get_args(Language)


def newest_language(dated: Iterable[tuple[str, str, str]]) -> str:
    """The language of the newest of these (date, session id, language): the one a report
    over them is likely read in (DEFAULT_LANGUAGE without any). Two relationships may each
    have a session of the same date and id: the language then breaks the tie, so the
    answer does not depend on the order the files were read in."""
    return max(dated, default=(None, None, DEFAULT_LANGUAGE))[2]


REVIEW_STATUSES: tuple[ReviewStatus, ...] = get_args(ReviewStatus)
# "weigh" (what matters to each side) is a phase only in sessions that ask it: see phases_of.
PHASES: tuple[str, ...] = ("checkin", "lookback", "rate", "weigh", "reveal", "agree", "close")

SCORE_MIN, SCORE_MAX = 1, 5
# The ranges as types: the file reader (StoredSession) has msgspec check them while decoding.
Score = Annotated[int, Meta(ge=SCORE_MIN, le=SCORE_MAX)]
Points = Annotated[int, Meta(ge=0, le=IMPORTANCE_POINTS)]
AtLeastOne = Annotated[int, Meta(ge=1)]
# A score given on the participant's own device (retro join, the browser, a pack): it
# belongs to them, so the facilitator's screen marks it and asks before taking it over.
DEVICE: Origin = "device"
ORIGINS: tuple[Origin, ...] = get_args(Origin)


def phases_of(session: Session) -> tuple[str, ...]:
    """The phases this session walks through: the importance step only where it is asked,
    so older sessions (and those that switched it off) keep their six phases."""
    if session.ask_importance:
        return PHASES
    return tuple(p for p in PHASES if p != "weigh")


# Before store schema 2 and exchange format 2, a session without a `language` field was
# Dutch. Both migrations write that down, so the one DEFAULT_LANGUAGE (retro.words) only
# ever fills in for data written since.
LANGUAGE_BEFORE_V2: Language = "nl"


def with_stated_language(session: Any) -> Any:
    """A version-1 session dict with its language stated (see LANGUAGE_BEFORE_V2)."""
    if isinstance(session, dict) and "language" not in session:
        return {**session, "language": LANGUAGE_BEFORE_V2}
    return session


class ModelError(ValueError):
    """Raised when data does not fit the domain; the message says where and why."""


def other_side(side: Side) -> Side:
    return "agency" if side == "client" else "client"


class Relationship(Struct, frozen=True):
    """A client and its agency: the pair every session in one workspace file evaluates."""

    id: str
    client: str
    agency: str


class Participant(Struct, frozen=True):
    """Someone in a session, and the side they speak for (whose scores they give)."""

    id: str
    name: str
    side: Side


class Rating(Struct, frozen=True):
    """One participant's score of one side (itself or the other) on one dimension."""

    participant: str
    dimension: str
    subject: Side
    score: Score | None = None  # None is "n/a"
    works: str = ""
    doesnt: str = ""
    why: str = ""
    origin: Origin = ""  # "" typed on the facilitator's screen; "device" on the participant's


class Prediction(Struct, frozen=True):
    """An agency member's guess of how the client will score the agency."""

    participant: str
    dimension: str
    score: Score | None = None
    origin: Origin = ""


class Weight(Struct, frozen=True):
    """The points one side gives one dimension out of its IMPORTANCE_POINTS.

    One allocation per side, not per person: the side agrees it in the room (or one of
    its members enters it on their device), as the design's "each side divides 100".
    """

    side: Side
    dimension: str
    points: Points  # 0..IMPORTANCE_POINTS; a complete allocation sums to IMPORTANCE_POINTS
    origin: Origin = ""


class Review(Struct, frozen=True):
    """How an action agreed at an earlier session turned out."""

    action: str
    status: ReviewStatus
    note: str = ""


class Action(Struct, frozen=True):
    """A commitment agreed in a session; the next session reviews whether it was kept."""

    id: str
    title: str
    owner: str = ""  # a participant id, a side, or free text
    due: str | None = None  # ISO date
    dimension: str | None = None


class ActionDraft(Struct, frozen=True):
    """A half-typed action left in the agree form, so quitting loses no work.

    Never an action: it counts nowhere (figures, exports, look backs) until it has a
    title, an owner and a due date and is added. `due` is kept as typed ("vrijdag").
    """

    title: str = ""
    owner: str = ""
    due: str = ""
    dimension: str = ""
    editing: str = ""  # the id of the action being changed; "" for a new one


class Note(Struct, frozen=True):
    """A short text by a participant: a check-in answer or a "proud of" note."""

    participant: str
    text: str


class Checkin(Struct, frozen=True):
    """The opening question of a session and each participant's answer to it."""

    question: str = ""
    answers: tuple[Note, ...] = ()


class Session(Struct, frozen=True):
    """One evaluation: who took part, their scores both ways, and what they agreed.

    Frozen like the rest of the model: every change goes through retro.session_engine
    and the store, which write a new Session rather than edit one in place."""

    id: str
    date: str  # ISO date
    kind: Kind = "joint"
    framework: str = "partnership"
    framework_version: int = 1
    language: Language = DEFAULT_LANGUAGE
    anonymous: bool = False
    participants: tuple[Participant, ...] = ()
    ratings: tuple[Rating, ...] = ()
    predictions: tuple[Prediction, ...] = ()
    review: tuple[Review, ...] = ()
    actions: tuple[Action, ...] = ()
    checkin: Checkin = field(default_factory=Checkin)
    proud: tuple[Note, ...] = ()
    # Where the session stands, so quitting and coming back resumes it.
    status: Status = "open"
    phase: str = "checkin"
    blind: bool = False
    rating_mode: RatingMode = "participant"
    notes: str = ""  # internal facilitator notes: never in a "shared" export
    join_code: str = ""
    revealed: bool = False
    # The question the session stands at within its phase (e.g. "p-anouk/trust" while
    # rating), so quitting and coming back resumes at the same question.
    position: str = ""
    draft: ActionDraft | None = None  # a half-typed action in the agree form
    distribution_min_raters: AtLeastOne = DISTRIBUTION_MIN_RATERS  # anonymous sessions only
    # What matters to each side: the optional importance step (on by default in new joint
    # sessions; off in sessions written before it existed) and its allocations.
    ask_importance: bool = False
    importance: tuple[Weight, ...] = ()

    def participant(self, pid: str) -> Participant | None:
        return next((p for p in self.participants if p.id == pid), None)

    def side_of(self, pid: str) -> Side | None:
        p = self.participant(pid)
        return p.side if p else None

    def rating(self, pid: str, dimension: str, subject: Side) -> Rating | None:
        return next(
            (
                r
                for r in self.ratings
                if r.participant == pid and r.dimension == dimension and r.subject == subject
            ),
            None,
        )

    def with_rating(self, rating: Rating) -> Session:
        """Replace the participant's earlier answer on the same question, or add it."""
        key = (rating.participant, rating.dimension, rating.subject)
        kept = tuple(r for r in self.ratings if (r.participant, r.dimension, r.subject) != key)
        return replace(self, ratings=(*kept, rating))

    def with_prediction(self, prediction: Prediction) -> Session:
        key = (prediction.participant, prediction.dimension)
        kept = tuple(p for p in self.predictions if (p.participant, p.dimension) != key)
        return replace(self, predictions=(*kept, prediction))

    def with_review(self, review: Review) -> Session:
        kept = tuple(r for r in self.review if r.action != review.action)
        return replace(self, review=(*kept, review))

    def with_action(self, action: Action) -> Session:
        actions = list(self.actions)
        for i, a in enumerate(actions):
            if a.id == action.id:
                actions[i] = action
                break
        else:
            actions.append(action)
        return replace(self, actions=tuple(actions))

    def without_action(self, action_id: str) -> Session:
        return replace(self, actions=tuple(a for a in self.actions if a.id != action_id))

    def with_checkin_answer(self, answer: Note) -> Session:
        kept = tuple(a for a in self.checkin.answers if a.participant != answer.participant)
        answers = (*kept, answer) if answer.text else kept
        return replace(self, checkin=replace(self.checkin, answers=answers))


class History(Struct, frozen=True):
    """One relationship with all its sessions: what one workspace file holds."""

    relationship: Relationship
    sessions: tuple[Session, ...] = ()

    def sorted_sessions(self) -> tuple[Session, ...]:
        return tuple(sorted(self.sessions, key=lambda s: (s.date, s.id)))

    def session(self, sid: str) -> Session | None:
        return next((s for s in self.sessions if s.id == sid), None)

    def previous(self, sid: str) -> Session | None:
        """The session before this one in date order (the one whose actions it reviews)."""
        ordered = self.sorted_sessions()
        for i, s in enumerate(ordered):
            if s.id == sid:
                return ordered[i - 1] if i > 0 else None
        return None

    def action(self, action_id: str) -> Action | None:
        for s in self.sessions:
            for a in s.actions:
                if a.id == action_id:
                    return a
        return None


# ---------------------------------------------------------------------------
# Conversion to and from plain dicts (the exchange format); strict about types,
# lenient about extra fields, so hand-written and future files both load.


def _req(d: dict[str, Any], key: str, where: str) -> Any:
    if not isinstance(d, dict):
        raise ModelError(f"{where}: expected an object, got {type(d).__name__}")
    if key not in d:
        raise ModelError(f"{where}: missing field '{key}'")
    return d[key]


def _str(value: Any, where: str, *, allow_none: bool = False) -> Any:
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        raise ModelError(f"{where}: expected text, got {type(value).__name__}")
    return value


def _opt_str(d: dict[str, Any], key: str, where: str) -> str:
    value = d.get(key, "")
    if value is None:
        return ""
    return _str(value, f"{where}.{key}")


def _choice(value: Any, allowed: tuple[str, ...], where: str) -> Any:
    if value not in allowed:
        raise ModelError(f"{where}: {value!r} is not one of {', '.join(allowed)}")
    return value


def _score(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(f"{where}: score must be a whole number 1-5 or null, got {value!r}")
    if not SCORE_MIN <= value <= SCORE_MAX:
        raise ModelError(f"{where}: score {value} is outside 1-5")
    return value


def check_score(value: Any, where: str) -> int | None:
    """A score as a session file may hold it (1-5, or None for n/a), else ModelError naming
    where: the one rule, also for answers that arrive outside a file (fill-in packs)."""
    return _score(value, where)


def _list(d: dict[str, Any], key: str, where: str) -> list[Any]:
    value = d.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise ModelError(f"{where}.{key}: expected a list, got {type(value).__name__}")
    return value


def relationship_from_dict(d: Any, where: str = "relationship") -> Relationship:
    return Relationship(
        id=_str(_req(d, "id", where), f"{where}.id"),
        client=_str(_req(d, "client", where), f"{where}.client"),
        agency=_str(_req(d, "agency", where), f"{where}.agency"),
    )


def relationship_to_dict(r: Relationship) -> dict[str, Any]:
    return {"id": r.id, "client": r.client, "agency": r.agency}


class _Slow(Exception):
    """Internal: the fast reader met something it does not vouch for."""


_SIDESET = frozenset(SIDES)
_KINDSET = frozenset(KINDS)
_LANGSET = frozenset(LANGUAGES)
_REVIEWSET = frozenset(REVIEW_STATUSES)
_PHASESET = frozenset(PHASES)
_STATUSSET = frozenset(("open", "closed"))
_MODESET = frozenset(("participant", "side"))


def _ostr(value: Any) -> str:
    if type(value) is str:
        return value
    if value is None:
        return ""
    raise _Slow


def _items(d: dict[str, Any], key: str) -> list[Any]:
    value = d.get(key)
    if value is None:
        return []
    if type(value) is not list:
        raise _Slow
    return value


def _fast_score(value: Any) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not SCORE_MIN <= value <= SCORE_MAX:
        raise _Slow
    return value


def _fast_date(value: Any) -> str:
    if type(value) is not str:
        raise _Slow
    _date.fromisoformat(value)  # ValueError: the checked reader says why
    return value


def _fast_notes(items: list[Any]) -> tuple[Note, ...]:
    out = []
    for n in items:
        participant, text = n["participant"], n["text"]
        if type(participant) is not str or type(text) is not str:
            raise _Slow
        out.append(Note(participant=participant, text=text))
    return tuple(out)


# The session fields this reader builds; a test holds it equal to Session's fields, so a
# field added to the model cannot be silently dropped on the fast path.
FAST_READER_FIELDS = frozenset(
    [
        "id",
        "date",
        "kind",
        "framework",
        "framework_version",
        "language",
        "anonymous",
        "participants",
        "ratings",
        "predictions",
        "review",
        "actions",
        "checkin",
        "proud",
        "status",
        "phase",
        "blind",
        "rating_mode",
        "notes",
        "join_code",
        "revealed",
        "position",
        "draft",
        "distribution_min_raters",
        "ask_importance",
        "importance",
    ]
)


def _fast_origin(value: Any) -> Any:
    if value not in ORIGINS:
        raise _Slow
    return value


def _fast_session(d: Any) -> Session:
    """session_from_dict for values that are right, without building a label per value.

    Raises (_Slow, KeyError, TypeError, ValueError) at the first thing it does not vouch
    for; the checked reader then runs and words the error exactly as before. Anything it
    accepts, the checked reader accepts with an equal result (tests compare the two).
    """
    if type(d) is not dict:
        raise _Slow
    sid, date = d["id"], d["date"]
    if type(sid) is not str:
        raise _Slow
    _fast_date(date)
    participants = []
    for p in _items(d, "participants"):
        pid, name, side = p["id"], p.get("name", ""), p["side"]
        if type(pid) is not str or type(name) is not str or side not in _SIDESET:
            raise _Slow
        participants.append(Participant(id=pid, name=name, side=side))
    ratings: list[Rating] = []
    add = ratings.append
    for r in _items(d, "ratings"):
        get = r.get
        participant, dimension, subject, score = (
            r["participant"],
            r["dimension"],
            r["subject"],
            get("score"),
        )
        works, doesnt, why = get("works"), get("doesnt"), get("why")
        if type(participant) is not str or type(dimension) is not str:
            raise _Slow
        if subject not in _SIDESET:
            raise _Slow
        if score is not None and (type(score) is not int or not SCORE_MIN <= score <= SCORE_MAX):
            raise _Slow
        if type(works) is not str:
            works = _ostr(works)
        if type(doesnt) is not str:
            doesnt = _ostr(doesnt)
        if type(why) is not str:
            why = _ostr(why)
        origin = get("origin", "")
        if origin not in ORIGINS:
            raise _Slow
        add(Rating(participant, dimension, subject, score, works, doesnt, why, origin))
    predictions = []
    for p in _items(d, "predictions"):
        participant, dimension = p["participant"], p["dimension"]
        if type(participant) is not str or type(dimension) is not str:
            raise _Slow
        predictions.append(
            Prediction(
                participant=participant,
                dimension=dimension,
                score=_fast_score(p.get("score")),
                origin=_fast_origin(p.get("origin", "")),
            )
        )
    review = []
    for r in _items(d, "review"):
        action, status = r["action"], r["status"]
        if type(action) is not str or status not in _REVIEWSET:
            raise _Slow
        review.append(Review(action=action, status=status, note=_ostr(r.get("note"))))
    actions = []
    for a in _items(d, "actions"):
        aid, title, due, dimension = a["id"], a["title"], a.get("due"), a.get("dimension")
        if type(aid) is not str or type(title) is not str:
            raise _Slow
        if due is not None:
            if type(due) is not str:
                raise _Slow
            if due:
                _fast_date(due)
        if dimension is not None and type(dimension) is not str:
            raise _Slow
        actions.append(
            Action(
                id=aid,
                title=title,
                owner=_ostr(a.get("owner")),
                due=due or None,
                dimension=dimension or None,
            )
        )
    checkin_d = d.get("checkin") or {}
    if type(checkin_d) is not dict:
        raise _Slow
    checkin = Checkin(
        question=_ostr(checkin_d.get("question")),
        answers=_fast_notes(_items(checkin_d, "answers")),
    )
    kind = d.get("kind", "joint")
    framework = d.get("framework", "partnership")
    version = d.get("framework_version", 1)
    language = d.get("language", DEFAULT_LANGUAGE)
    anonymous = d.get("anonymous", False)
    status = d.get("status", "closed")
    phase = d.get("phase", "checkin")
    blind = d.get("blind", False)
    mode = d.get("rating_mode", "participant")
    revealed = d.get("revealed", False)
    if (
        kind not in _KINDSET
        or type(framework) is not str
        or type(version) is not int
        or language not in _LANGSET
        or type(anonymous) is not bool
        or status not in _STATUSSET
        or phase not in _PHASESET
        or type(blind) is not bool
        or mode not in _MODESET
        or type(revealed) is not bool
    ):
        raise _Slow
    return Session(
        id=sid,
        date=date,
        kind=kind,
        framework=framework,
        framework_version=version,
        language=language,
        anonymous=anonymous,
        participants=tuple(participants),
        ratings=tuple(ratings),
        predictions=tuple(predictions),
        review=tuple(review),
        actions=tuple(actions),
        checkin=checkin,
        proud=_fast_notes(_items(d, "proud")),
        status=status,
        phase=phase,
        blind=blind,
        rating_mode=mode,
        notes=_ostr(d.get("notes")),
        join_code=_ostr(d.get("join_code")),
        revealed=revealed,
        position=_ostr(d.get("position")),
        draft=_draft(d.get("draft"), "session.draft"),
        distribution_min_raters=_min_raters(d),
        ask_importance=_fast_bool(d.get("ask_importance", False)),
        importance=_fast_importance(_items(d, "importance")),
    )


def _fast_bool(value: Any) -> bool:
    if type(value) is not bool:
        raise _Slow
    return value


def _fast_importance(items: list[Any]) -> tuple[Weight, ...]:
    out = []
    for w in items:
        side, dimension, points = w["side"], w["dimension"], w["points"]
        if side not in _SIDESET or type(dimension) is not str:
            raise _Slow
        if type(points) is not int or not 0 <= points <= IMPORTANCE_POINTS:
            raise _Slow
        out.append(
            Weight(
                side=side,
                dimension=dimension,
                points=points,
                origin=_fast_origin(w.get("origin", "")),
            )
        )
    return tuple(out)


def _min_raters(d: dict[str, Any]) -> int:
    value = d.get("distribution_min_raters", DISTRIBUTION_MIN_RATERS)
    if type(value) is not int or value < 1:
        raise _Slow
    return value


def session_from_dict(d: Any, where: str = "session") -> Session:
    """A Session from its dict; a ModelError saying where and why when a value is wrong.

    Valid data (nearly all of it) takes the fast reader; labels like
    "session s1.ratings[3].score" are built only on the way to an error.
    """
    try:
        return _fast_session(d)
    except (_Slow, KeyError, TypeError, ValueError, AttributeError):
        return _checked_session(d, where)


class StoredSession(Struct):
    """A session in the shape retro writes it (session_to_dict), for msgspec to decode a
    file straight into the model, in C: 3-4x quicker than the dict readers on a 60-session
    file. Every key session_to_dict always writes is required here, so a file without one
    (older, or edited by hand) takes the dict readers, which know its defaults and say
    where a value is wrong; so does anything to_session() does not vouch for."""

    id: str
    date: str
    kind: Kind
    framework: str
    framework_version: int
    language: Language
    anonymous: bool
    status: Status
    phase: str
    blind: bool
    rating_mode: RatingMode
    revealed: bool
    join_code: str
    position: str
    notes: str
    participants: tuple[Participant, ...]
    ratings: tuple[Rating, ...]
    predictions: tuple[Prediction, ...]
    review: tuple[Review, ...]
    actions: tuple[Action, ...]
    checkin: Checkin
    proud: tuple[Note, ...]
    # Written only when set (see session_to_dict): absent means the model's default.
    draft: ActionDraft | None = None
    distribution_min_raters: AtLeastOne = DISTRIBUTION_MIN_RATERS
    ask_importance: bool = False
    importance: tuple[Weight, ...] = ()

    def to_session(self) -> Session | None:
        """The Session, or None where the dict readers must decide (and word the error):
        what the types cannot say, a date that is no date or a phase that is none."""
        if self.phase not in _PHASESET:
            return None
        try:
            _date.fromisoformat(self.date)
            for a in self.actions:
                if a.due:
                    _date.fromisoformat(a.due)
        except ValueError:
            return None
        actions = self.actions
        if any(a.due == "" or a.dimension == "" for a in actions):
            # The readers take "" for none: one shape in the model whatever the file says.
            actions = tuple(
                replace(a, due=a.due or None, dimension=a.dimension or None) for a in actions
            )
        return Session(**{**structs.asdict(self), "actions": actions})


def _checked_session(d: Any, where: str) -> Session:
    if not isinstance(d, dict):
        raise ModelError(f"{where}: expected an object, got {type(d).__name__}")
    sid = _str(_req(d, "id", where), f"{where}.id")
    where = f"{where} {sid}"
    date = _str(_req(d, "date", where), f"{where}.date")
    _check_date(date, f"{where}.date")
    participants = []
    for i, p in enumerate(_list(d, "participants", where)):
        w = f"{where}.participants[{i}]"
        participants.append(
            Participant(
                id=_str(_req(p, "id", w), f"{w}.id"),
                name=_str(p.get("name", ""), f"{w}.name"),
                side=_choice(_req(p, "side", w), SIDES, f"{w}.side"),
            )
        )
    ratings = []
    for i, r in enumerate(_list(d, "ratings", where)):
        w = f"{where}.ratings[{i}]"
        ratings.append(
            Rating(
                participant=_str(_req(r, "participant", w), f"{w}.participant"),
                dimension=_str(_req(r, "dimension", w), f"{w}.dimension"),
                subject=_choice(_req(r, "subject", w), SIDES, f"{w}.subject"),
                score=_score(r.get("score"), f"{w}.score"),
                works=_opt_str(r, "works", w),
                doesnt=_opt_str(r, "doesnt", w),
                why=_opt_str(r, "why", w),
                origin=_choice(r.get("origin", ""), ORIGINS, f"{w}.origin"),
            )
        )
    predictions = []
    for i, p in enumerate(_list(d, "predictions", where)):
        w = f"{where}.predictions[{i}]"
        predictions.append(
            Prediction(
                participant=_str(_req(p, "participant", w), f"{w}.participant"),
                dimension=_str(_req(p, "dimension", w), f"{w}.dimension"),
                score=_score(p.get("score"), f"{w}.score"),
                origin=_choice(p.get("origin", ""), ORIGINS, f"{w}.origin"),
            )
        )
    review = []
    for i, r in enumerate(_list(d, "review", where)):
        w = f"{where}.review[{i}]"
        review.append(
            Review(
                action=_str(_req(r, "action", w), f"{w}.action"),
                status=_choice(_req(r, "status", w), REVIEW_STATUSES, f"{w}.status"),
                note=_opt_str(r, "note", w),
            )
        )
    actions = []
    for i, a in enumerate(_list(d, "actions", where)):
        w = f"{where}.actions[{i}]"
        due = _str(a.get("due"), f"{w}.due", allow_none=True) or None
        if due:
            _check_date(due, f"{w}.due")
        actions.append(
            Action(
                id=_str(_req(a, "id", w), f"{w}.id"),
                title=_str(_req(a, "title", w), f"{w}.title"),
                owner=_opt_str(a, "owner", w),
                due=due,
                dimension=_str(a.get("dimension"), f"{w}.dimension", allow_none=True) or None,
            )
        )
    checkin_d = d.get("checkin") or {}
    if not isinstance(checkin_d, dict):
        raise ModelError(f"{where}.checkin: expected an object")
    checkin = Checkin(
        question=_opt_str(checkin_d, "question", f"{where}.checkin"),
        answers=tuple(_notes(checkin_d, "answers", f"{where}.checkin")),
    )
    phase = d.get("phase", "checkin")
    return Session(
        id=sid,
        date=date,
        kind=_choice(d.get("kind", "joint"), KINDS, f"{where}.kind"),
        framework=_str(d.get("framework", "partnership"), f"{where}.framework"),
        framework_version=_int(d.get("framework_version", 1), f"{where}.framework_version"),
        language=_choice(d.get("language", DEFAULT_LANGUAGE), LANGUAGES, f"{where}.language"),
        anonymous=_bool(d.get("anonymous", False), f"{where}.anonymous"),
        participants=tuple(participants),
        ratings=tuple(ratings),
        predictions=tuple(predictions),
        review=tuple(review),
        actions=tuple(actions),
        checkin=checkin,
        proud=tuple(_notes(d, "proud", where)),
        status=_choice(d.get("status", "closed"), ("open", "closed"), f"{where}.status"),
        phase=_choice(phase, PHASES, f"{where}.phase"),
        blind=_bool(d.get("blind", False), f"{where}.blind"),
        rating_mode=_choice(
            d.get("rating_mode", "participant"), ("participant", "side"), f"{where}.rating_mode"
        ),
        notes=_opt_str(d, "notes", where),
        join_code=_opt_str(d, "join_code", where),
        revealed=_bool(d.get("revealed", False), f"{where}.revealed"),
        position=_opt_str(d, "position", where),
        draft=_draft(d.get("draft"), f"{where}.draft"),
        distribution_min_raters=_positive(
            d.get("distribution_min_raters", DISTRIBUTION_MIN_RATERS),
            f"{where}.distribution_min_raters",
        ),
        ask_importance=_bool(d.get("ask_importance", False), f"{where}.ask_importance"),
        importance=tuple(_weights(d, where)),
    )


def _weights(d: dict[str, Any], where: str) -> list[Weight]:
    out = []
    for i, w in enumerate(_list(d, "importance", where)):
        at = f"{where}.importance[{i}]"
        points = _int(_req(w, "points", at), f"{at}.points")
        if not 0 <= points <= IMPORTANCE_POINTS:
            raise ModelError(f"{at}.points: expected 0 to {IMPORTANCE_POINTS}, got {points!r}")
        out.append(
            Weight(
                side=_choice(_req(w, "side", at), SIDES, f"{at}.side"),
                dimension=_str(_req(w, "dimension", at), f"{at}.dimension"),
                points=points,
                origin=_choice(w.get("origin", ""), ORIGINS, f"{at}.origin"),
            )
        )
    return out


def _draft(d: Any, where: str) -> ActionDraft | None:
    if d is None:
        return None
    if not isinstance(d, dict):
        raise ModelError(f"{where}: expected an object, got {type(d).__name__}")
    return ActionDraft(
        **{k: _opt_str(d, k, where) for k in ("title", "owner", "due", "dimension", "editing")}
    )


def _notes(d: dict[str, Any], key: str, where: str) -> list[Note]:
    out = []
    for i, n in enumerate(_list(d, key, where)):
        w = f"{where}.{key}[{i}]"
        out.append(
            Note(
                participant=_str(_req(n, "participant", w), f"{w}.participant"),
                text=_str(_req(n, "text", w), f"{w}.text"),
            )
        )
    return out


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ModelError(f"{where}: expected a whole number, got {value!r}")
    return value


def _positive(value: Any, where: str) -> int:
    if _int(value, where) < 1:
        raise ModelError(f"{where}: expected a whole number of at least 1, got {value!r}")
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise ModelError(f"{where}: expected true or false, got {value!r}")
    return value


def _check_date(value: str, where: str) -> None:
    from datetime import date

    try:
        date.fromisoformat(value)
    except ValueError:
        raise ModelError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def session_to_dict(s: Session) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.id,
        "date": s.date,
        "kind": s.kind,
        "framework": s.framework,
        "framework_version": s.framework_version,
        "language": s.language,
        "anonymous": s.anonymous,
        "status": s.status,
        "phase": s.phase,
        "blind": s.blind,
        "rating_mode": s.rating_mode,
        "revealed": s.revealed,
        "join_code": s.join_code,
        "position": s.position,
        "notes": s.notes,
        "participants": [{"id": p.id, "name": p.name, "side": p.side} for p in s.participants],
        "ratings": [
            {
                "participant": r.participant,
                "dimension": r.dimension,
                "subject": r.subject,
                "score": r.score,
                "works": r.works,
                "doesnt": r.doesnt,
                "why": r.why,
                # Only when set, so files without origins stay byte-for-byte the same.
                **({"origin": r.origin} if r.origin else {}),
            }
            for r in s.ratings
        ],
        "predictions": [
            {
                "participant": p.participant,
                "dimension": p.dimension,
                "score": p.score,
                **({"origin": p.origin} if p.origin else {}),
            }
            for p in s.predictions
        ],
        "review": [{"action": r.action, "status": r.status, "note": r.note} for r in s.review],
        "actions": [
            {"id": a.id, "title": a.title, "owner": a.owner, "due": a.due, "dimension": a.dimension}
            for a in s.actions
        ],
        "checkin": {
            "question": s.checkin.question,
            "answers": [{"participant": a.participant, "text": a.text} for a in s.checkin.answers],
        },
        "proud": [{"participant": n.participant, "text": n.text} for n in s.proud],
    }
    if s.draft is not None:
        # Only while there is one: most sessions never carry a draft.
        out["draft"] = _draft_to_dict(s.draft)
    if s.distribution_min_raters != DISTRIBUTION_MIN_RATERS:
        # Written only when set, so files of sessions that keep the default do not change.
        out["distribution_min_raters"] = s.distribution_min_raters
    # Both only when set, so files of sessions without the importance step stay the same.
    if s.ask_importance:
        out["ask_importance"] = True
    if s.importance:
        out["importance"] = [
            {
                "side": w.side,
                "dimension": w.dimension,
                "points": w.points,
                **({"origin": w.origin} if w.origin else {}),
            }
            for w in s.importance
        ]
    return out


def _draft_to_dict(d: ActionDraft) -> dict[str, str]:
    return {
        "title": d.title,
        "owner": d.owner,
        "due": d.due,
        "dimension": d.dimension,
        "editing": d.editing,
    }


def validate_references(history: History) -> None:
    """Check what a single session cannot: ids refer to things that exist."""
    seen_sessions: set[str] = set()
    action_ids: dict[str, str] = {}
    for s in history.sessions:
        if s.id in seen_sessions:
            raise ModelError(f"session {s.id}: id used twice")
        seen_sessions.add(s.id)
        pids = [p.id for p in s.participants]
        if len(set(pids)) != len(pids):
            raise ModelError(f"session {s.id}: a participant id is used twice")
        for coll, label in ((s.ratings, "rating"), (s.predictions, "prediction")):
            for item in coll:
                if item.participant not in pids:
                    raise ModelError(
                        f"session {s.id}: {label} by unknown participant {item.participant!r}"
                    )
        for a in s.actions:
            if a.id in action_ids:
                raise ModelError(f"session {s.id}: action id {a.id!r} is used twice")
            action_ids[a.id] = s.id
    ordered = history.sorted_sessions()
    earlier: set[str] = set()
    for s in ordered:
        for r in s.review:
            if r.action not in earlier:
                raise ModelError(
                    f"session {s.id}: review of action {r.action!r}, "
                    "which no earlier session of this relationship agreed"
                )
        earlier.update(a.id for a in s.actions)
