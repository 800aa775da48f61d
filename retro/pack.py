"""Offline fill-in packs: one participant's questions as a file, answered anywhere, merged back.

An agency team often fills in its self-assessment in the days before a retro, on
laptops that never see the workspace. A pack carries everything needed to answer
(the framework's texts, who you are, the check-in question) and is signed with a
secret that only the workspace knows, so an import can tell that the pack really
was issued for this session and this participant. The answers themselves are the
participant's to give and so are not signed; a sha256 over them catches a damaged
or hand-edited file. Importing goes through Workspace.update_session like every
other save, so packs mix safely with people answering live. Described in docs/packs.md.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from msgspec.structs import replace

from retro import json_codec
from retro.frameworks import Framework, FrameworkError, get_framework, parse_framework
from retro.model import (
    IMPORTANCE_POINTS,
    SIDES,
    Checkin,
    ModelError,
    Note,
    Participant,
    Prediction,
    Rating,
    Session,
    check_score,
    relationship_from_dict,
    relationship_to_dict,
)
from retro.session_engine import (
    DEVICE,
    ImportanceError,
    Question,
    commit,
    finished,
    questions,
    with_importance,
)
from retro.store import NotFoundError, StoreError, Workspace, atomic_write
from retro.words import DEFAULT_LANGUAGE

FORMAT = "retro.pack"
# 2: the pack asks the participant's side for its allocation of points (`importance`).
# Written only for such packs, so an older retro refuses them instead of dropping the
# allocation; a pack without it stays version 1 and fills in anywhere.
VERSION = 2
KEYS_FIELD = "pack_keys"  # in the relationship file's meta document: {session id: hex secret}


class PackError(ValueError):
    """A pack that cannot be read or imported; the message says why, nothing was written."""


# Who answers what, and when someone is finished, are the session engine's rules: a pack
# asks exactly what the facilitator's screen and `retro join` ask.
__all__ = ["Question", "finished", "questions"]


# -- the framework travels inside the pack ---------------------------------------------


def framework_to_dict(fw: Framework) -> dict[str, Any]:
    return {
        "key": fw.key,
        "version": fw.version,
        "name": dict(fw.name),
        "dimensions": [
            {"key": d.key, "name": dict(d.name), "about": {k: v for k, v in d.about.items() if v}}
            for d in fw.dimensions
        ],
    }


def pack_framework(pack: dict[str, Any]) -> Framework:
    try:
        return parse_framework(json_codec.dumps(pack["framework"]).decode(), "the pack's framework")
    except (FrameworkError, KeyError, TypeError) as e:
        raise PackError(f"the pack's framework is unreadable: {e}") from None


# -- answers as plain dicts ------------------------------------------------------------


def _asks_importance(session: Session, side: str) -> bool:
    """A pack carries its side's allocation when the session asks for it (or has one)."""
    return session.ask_importance or any(w.side == side for w in session.importance)


def _answers_of(session: Session, pid: str) -> dict[str, Any]:
    checkin = next((a.text for a in session.checkin.answers if a.participant == pid), "")
    side = session.side_of(pid)
    extra: dict[str, Any] = {}
    if side is not None and _asks_importance(session, side):
        # The side's allocation (one per side): what this participant may change for it.
        extra["importance"] = {w.dimension: w.points for w in session.importance if w.side == side}
    return {
        "ratings": [
            {
                "dimension": r.dimension,
                "subject": r.subject,
                "score": r.score,
                "works": r.works,
                "doesnt": r.doesnt,
                "why": r.why,
            }
            for r in session.ratings
            if r.participant == pid
        ],
        "predictions": [
            {"dimension": p.dimension, "score": p.score}
            for p in session.predictions
            if p.participant == pid
        ],
        "checkin": checkin,
        **extra,
    }


def _canonical(value: Any) -> bytes:
    return json_codec.dumps(value, sort_keys=True)


def answers_digest(answers: Any) -> str:
    return hashlib.sha256(_canonical(answers)).hexdigest()


def _signed_part(pack: dict[str, Any]) -> bytes:
    return _canonical({k: pack.get(k) for k in ("header", "framework", "base")})


def _sign(key: bytes, pack: dict[str, Any]) -> str:
    return hmac.new(key, _signed_part(pack), hashlib.sha256).hexdigest()


# -- the per-session secret, kept in the relationship file (never in an export) ----------


def _session_key(ws: Workspace, rel_id: str, sid: str, *, create: bool) -> bytes | None:
    """The session's signing secret; made (under the store's lock) only when create is set."""
    if create:

        def add_key(keys: Any) -> dict[str, str]:
            keys = dict(keys or {})
            keys.setdefault(sid, secrets.token_hex(32))
            return keys

        return bytes.fromhex(ws.change_meta_field(rel_id, KEYS_FIELD, add_key)[sid])
    key = (ws.meta_field(rel_id, KEYS_FIELD) or {}).get(sid)
    return bytes.fromhex(key) if isinstance(key, str) else None


# -- making, reading and writing packs -------------------------------------------------


def make_pack(ws: Workspace, sid: str, pid: str) -> dict[str, Any]:
    """A fill-in pack for one participant of an open session, with their answers so far."""
    history, session = ws.find_session(sid)
    if session.status != "open":
        raise StoreError(f"session {sid} is closed; reopen it before handing out packs")
    participant = session.participant(pid)
    if participant is None:
        known = ", ".join(p.id for p in session.participants) or "none"
        raise StoreError(f"session {sid} has no participant {pid!r} (participants: {known})")
    fw = get_framework(session.framework, session.framework_version, ws.root)
    if fw is None:
        raise StoreError(
            f"session {sid} uses framework {session.framework} v{session.framework_version}, "
            "which this workspace does not have"
        )
    rel_id = history.relationship.id
    key = _session_key(ws, rel_id, sid, create=True)
    assert key is not None
    base = _answers_of(session, pid)
    pack: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION if "importance" in base else 1,
        "header": {
            "relationship": relationship_to_dict(history.relationship),
            "session": sid,
            "date": session.date,
            "kind": session.kind,
            "language": session.language,
            "participant": {"id": pid, "name": participant.name, "side": participant.side},
            "checkin_question": session.checkin.question,
            "issued": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "nonce": secrets.token_hex(8),
        },
        "framework": framework_to_dict(fw),
        "base": base,
    }
    pack["signature"] = _sign(key, pack)
    pack["answers"] = json_codec.loads(
        json_codec.dumps(base)
    )  # a copy: filling in never touches base
    pack["answers_sha256"] = answers_digest(base)
    return pack


def dumps(pack: dict[str, Any]) -> bytes:
    return json_codec.dumps(pack, indent=True) + b"\n"


def write_pack(path: Path, pack: dict[str, Any]) -> None:
    """Atomically, with a fresh checksum: a crash while filling in never leaves half a file."""
    pack = {**pack, "answers_sha256": answers_digest(pack.get("answers"))}
    atomic_write(Path(path), dumps(pack))


def read_pack(path: Path) -> dict[str, Any]:
    try:
        data = json_codec.loads(Path(path).read_bytes())
    except OSError as e:
        raise PackError(f"{path}: {e.strerror or e}") from None
    except json_codec.JSONError as e:
        raise PackError(f"{path}: invalid JSON: {e}") from None
    check_shape(data)
    return data


def check_shape(data: Any) -> None:
    """Structure and checksum, which need no workspace; raises PackError with the reason."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise PackError(f"not a retro fill-in pack ('format' must be {FORMAT!r})")
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise PackError("'version' must be a whole number")
    if version > VERSION:
        raise PackError(f"pack version {version} is newer than this retro reads; upgrade retro")
    for field in ("header", "framework", "base", "answers"):
        if not isinstance(data.get(field), dict):
            raise PackError(f"the pack has no valid {field!r}; it is damaged")
    header = data["header"]
    for field in ("session", "participant", "relationship"):
        if field not in header:
            raise PackError(f"the pack's header has no {field!r}; it is damaged")
    if not isinstance(data.get("signature"), str):
        raise PackError("the pack is not signed; only packs made by 'retro pack' can be imported")
    if data.get("answers_sha256") != answers_digest(data["answers"]):
        raise PackError(
            "the pack's answers do not match their checksum: the file was changed outside "
            "'retro fill' or damaged; nothing was imported"
        )


def ratings_of(pack: dict[str, Any], block: str = "answers") -> dict[tuple[str, str], Rating]:
    """The pack's answers as domain values, validated against its own framework."""
    pid = pack["header"]["participant"]["id"]
    fw = pack_framework(pack)
    out: dict[tuple[str, str], Rating] = {}
    for i, r in enumerate(pack[block].get("ratings") or []):
        where = f"{block}.ratings[{i}]"
        if not isinstance(r, dict):
            raise PackError(f"{where}: expected an object")
        dim = fw.dimension(str(r.get("dimension")))
        subject = r.get("subject")
        if dim is None or subject not in SIDES or not dim.rates(subject):
            raise PackError(
                f"{where}: {r.get('dimension')!r}/{subject!r} is not a question of this session"
            )
        try:
            score = check_score(r.get("score"), f"{where}.score")
        except ModelError as e:
            raise PackError(str(e)) from None
        texts = []
        for k in ("works", "doesnt", "why"):
            v = r.get(k) or ""
            if not isinstance(v, str):
                raise PackError(f"{where}.{k}: expected text")
            texts.append(v)
        works, doesnt, why = texts
        out[(dim.key, subject)] = Rating(pid, dim.key, subject, score, works, doesnt, why)
    return out


def predictions_of(pack: dict[str, Any], block: str = "answers") -> dict[str, Prediction]:
    pid = pack["header"]["participant"]["id"]
    fw = pack_framework(pack)
    out: dict[str, Prediction] = {}
    for i, p in enumerate(pack[block].get("predictions") or []):
        where = f"{block}.predictions[{i}]"
        if not isinstance(p, dict) or fw.dimension(str(p.get("dimension"))) is None:
            raise PackError(f"{where}: not a question of this session")
        try:
            score = check_score(p.get("score"), f"{where}.score")
        except ModelError as e:
            raise PackError(str(e)) from None
        out[p["dimension"]] = Prediction(pid, p["dimension"], score)
    return out


def importance_in(pack: dict[str, Any], block: str = "answers") -> dict[str, int] | None:
    """The side's allocation in the pack (dimension -> points), None when the pack does
    not ask for one; validated against the pack's framework and IMPORTANCE_POINTS."""
    given = pack[block].get("importance")
    if given is None:
        return None
    where = f"{block}.importance"
    if not isinstance(given, dict):
        raise PackError(f"{where}: expected an object of dimension: points")
    fw = pack_framework(pack)
    for dim, points in given.items():
        if fw.dimension(str(dim)) is None:
            raise PackError(f"{where}: {dim!r} is not a dimension of this session")
        if isinstance(points, bool) or not isinstance(points, int) or points < 0:
            raise PackError(f"{where}.{dim}: points must be a whole number from 0")
    if sum(given.values()) > IMPORTANCE_POINTS:
        raise PackError(f"{where}: {sum(given.values())} points given; a side has 100")
    return dict(given)


def checkin_of(pack: dict[str, Any], block: str = "answers") -> str:
    text = pack[block].get("checkin") or ""
    if not isinstance(text, str):
        raise PackError(f"{block}.checkin: expected text")
    return text


# -- answering inside a pack (retro fill) ----------------------------------------------


def with_rating(pack: dict[str, Any], rating: Rating) -> dict[str, Any]:
    """The pack with one answer replaced or added; pure, so the caller decides when to save."""
    ratings = [
        r
        for r in pack["answers"].get("ratings") or []
        if (r.get("dimension"), r.get("subject")) != (rating.dimension, rating.subject)
    ]
    ratings.append(
        {
            "dimension": rating.dimension,
            "subject": rating.subject,
            "score": rating.score,
            "works": rating.works,
            "doesnt": rating.doesnt,
            "why": rating.why,
        }
    )
    return {**pack, "answers": {**pack["answers"], "ratings": ratings}}


def with_prediction(pack: dict[str, Any], prediction: Prediction) -> dict[str, Any]:
    preds = [
        p
        for p in pack["answers"].get("predictions") or []
        if p.get("dimension") != prediction.dimension
    ]
    preds.append({"dimension": prediction.dimension, "score": prediction.score})
    return {**pack, "answers": {**pack["answers"], "predictions": preds}}


def with_checkin(pack: dict[str, Any], text: str) -> dict[str, Any]:
    return {**pack, "answers": {**pack["answers"], "checkin": text}}


def with_pack_importance(pack: dict[str, Any], points: dict[str, int]) -> dict[str, Any]:
    """The pack with its side's allocation replaced (checked as an import checks it)."""
    out = {**pack, "answers": {**pack["answers"], "importance": dict(points)}}
    importance_in(out)
    return out


def as_session(pack: dict[str, Any]) -> Session:
    """The pack seen as a one-person session, so the TUI's rating widgets can show it."""
    h = pack["header"]
    p = h["participant"]
    answers = _as_answers(pack)
    points = importance_in(pack) or {}
    session = Session(
        id=h["session"],
        date=h.get("date") or "1970-01-01",
        kind=h.get("kind", "joint"),
        framework=pack["framework"]["key"],
        framework_version=pack["framework"]["version"],
        language=h.get("language", DEFAULT_LANGUAGE),
        participants=(Participant(p["id"], p.get("name", ""), p["side"]),),
        ratings=tuple(answers[0].values()),
        predictions=tuple(answers[1].values()),
        blind=True,
        ask_importance="importance" in pack["answers"],
    )
    return with_importance(session, p["side"], points, DEVICE) if points else session


def _as_answers(pack: dict[str, Any]) -> tuple[dict[Any, Rating], dict[str, Prediction], str]:
    return ratings_of(pack), predictions_of(pack), checkin_of(pack)


# -- importing ---------------------------------------------------------------------------


def import_pack(ws: Workspace, data: Any) -> str:
    """Merge a filled-in pack into its session; a one-line summary, or PackError/StoreError.

    Only answers the participant changed since the pack was made are applied, so an old,
    untouched pack never overwrites what the same person answered live in the meantime;
    importing the same pack twice therefore changes nothing the second time.
    """
    check_shape(data)
    header = data["header"]
    sid, pid = header["session"], header["participant"].get("id")
    rel_id = (header.get("relationship") or {}).get("id")
    if not isinstance(sid, str) or not isinstance(pid, str) or not isinstance(rel_id, str):
        raise PackError("the pack's header is damaged")
    try:
        history = ws.load(rel_id)
    except NotFoundError:
        raise PackError(
            f"this pack is for session {sid} of relationship {rel_id!r}, which is not in "
            f"{ws.root}; import it into the workspace that made it"
        ) from None
    if history.session(sid) is None:
        raise PackError(
            f"this pack is for session {sid}, which relationship {rel_id} does not have"
        )
    key = _session_key(ws, rel_id, sid, create=False)
    if key is None or not hmac.compare_digest(_sign(key, data), str(data["signature"])):
        raise PackError(
            f"the pack's signature does not match session {sid}: it was made for another "
            "session or workspace, or its header was changed; nothing was imported"
        )
    ratings, predictions, checkin = _as_answers(data)
    base_r, base_p, base_c = (
        ratings_of(data, "base"),
        predictions_of(data, "base"),
        checkin_of(data, "base"),
    )
    changed_r = [r for k, r in ratings.items() if base_r.get(k) != r]
    changed_p = [p for k, p in predictions.items() if base_p.get(k) != p]
    changed_c = checkin != base_c
    points = importance_in(data)
    changed_i = points is not None and points != importance_in(data, "base")
    side = header["participant"].get("side")
    counts = {"applied": 0, "unchanged": 0}

    def merge(session: Session) -> Session:
        # Re-checked on the fresh copy under the lock: the facilitator may have just closed it.
        if session.status != "open":
            raise PackError(f"session {sid} is closed; reopen it to import late answers")
        if session.participant(pid) is None:
            raise PackError(f"session {sid} has no participant {pid!r} (any more)")
        before = session
        # Answers from a pack were given on the participant's own device: theirs.
        for r in changed_r:
            session = session.with_rating(replace(r, origin=DEVICE))
        for p in changed_p:
            session = session.with_prediction(replace(p, origin=DEVICE))
        if changed_c:
            session = session.with_checkin_answer(Note(pid, checkin))
        if changed_i:
            assert points is not None
            if session.side_of(pid) != side:
                raise PackError(f"{pid} is no longer on the {side} side; nothing was imported")
            try:
                session = with_importance(session, side, points, DEVICE)
            except ImportanceError as e:
                raise PackError(str(e)) from None
        counts["applied"] = _differences(before, session, pid)
        return session

    commit(ws, rel_id, sid, merge)
    total = len(ratings) + len(predictions) + (1 if checkin else 0) + (1 if points else 0)
    name = header["participant"].get("name") or pid
    if counts["applied"] == 0:
        return f"Pack of {name} for session {sid}: nothing new ({total} answer(s) already in)."
    return (
        f"Imported pack of {name} into session {sid}: {counts['applied']} answer(s) merged, "
        f"{total - counts['applied']} unchanged."
    )


def _differences(a: Session, b: Session, pid: str) -> int:
    ra = {(r.dimension, r.subject): r for r in a.ratings if r.participant == pid}
    rb = {(r.dimension, r.subject): r for r in b.ratings if r.participant == pid}
    pa = {p.dimension: p for p in a.predictions if p.participant == pid}
    pb = {p.dimension: p for p in b.predictions if p.participant == pid}
    ca = [n.text for n in a.checkin.answers if n.participant == pid]
    cb = [n.text for n in b.checkin.answers if n.participant == pid]
    side = b.side_of(pid)
    ia = {w.dimension: w.points for w in a.importance if w.side == side}
    ib = {w.dimension: w.points for w in b.importance if w.side == side}
    return (
        sum(1 for k in rb if ra.get(k) != rb[k])
        + sum(1 for k in pb if pa.get(k) != pb[k])
        + (1 if ca != cb else 0)
        + (1 if ia != ib else 0)  # the side's allocation counts as one answer
    )


class PackAnswers:
    """One participant answering a pack file: the same face as session_engine.LiveAnswers.

    Every answer rewrites the file atomically, so closing the laptop mid-way loses nothing.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.pack = read_pack(self.path)
        self.pid = self.pack["header"]["participant"]["id"]
        self.relationship = relationship_from_dict(self.pack["header"]["relationship"])

    def load(self) -> tuple[Session, Framework]:
        session = as_session(self.pack)
        question = self.pack["header"].get("checkin_question") or ""
        answer = checkin_of(self.pack)
        checkin = Checkin(question, (Note(self.pid, answer),) if answer else ())
        return replace(session, checkin=checkin), pack_framework(self.pack)

    def stamp(self) -> float:
        return 0  # only this process writes the pack

    def _save(self, pack: dict[str, Any]) -> Session:
        write_pack(self.path, pack)
        self.pack = {**pack, "answers_sha256": answers_digest(pack["answers"])}
        return self.load()[0]

    def save_rating(self, rating: Rating) -> Session:
        return self._save(with_rating(self.pack, rating))

    def save_prediction(self, prediction: Prediction) -> Session:
        return self._save(with_prediction(self.pack, prediction))

    def save_checkin(self, text: str) -> Session:
        return self._save(with_checkin(self.pack, text))

    def save_importance(self, side: str, points: dict[str, int]) -> Session:
        """The side's allocation, as LiveAnswers.save_importance: only the own side."""
        own = self.pack["header"]["participant"]["side"]
        if side != own:
            raise ImportanceError(f"a participant of the {own} side cannot weigh for {side}")
        if sum(points.values()) > IMPORTANCE_POINTS:
            raise ImportanceError(f"{sum(points.values())} points given; a side has 100")
        try:
            return self._save(with_pack_importance(self.pack, points))
        except PackError as e:
            raise ImportanceError(str(e)) from None
