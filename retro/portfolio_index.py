"""The portfolio without parsing every history: per relationship file, the part of its
portfolio row that does not depend on today, kept next to the listing index (retro.index).

Like the listing index it is only a cache: each entry is checked against its file's
identity (inode, size, mtime_ns) and against the frameworks it was computed with; a file
that is new or changed is read and its entry computed again, a missing or damaged cache
is rebuilt. Today's part (overdue actions, signs) is added on every run (trends.dated_row).
"""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct
from msgspec.structs import asdict

from retro import __version__, json_codec
from retro.actions import OpenAction, open_actions
from retro.figures import Accuracy, Change
from retro.index import index_path
from retro.model import Action, History, Relationship, newest_language
from retro.store import (
    SCHEMA_VERSION,
    MisplacedFileError,
    Problem,
    StoreError,
    Workspace,
    atomic_write,
    identity_of,
)
from retro.trends import Frameworks, PortfolioRow, PredictionCheck, dated_row, portfolio_basis

CACHE_VERSION = 3  # 3: the views weighted by the client's points (portfolio --weighted)


class Entry(Struct, frozen=True):
    """The cached part of one file's portfolio row, valid while the file is unchanged."""

    path: Path
    basis: PortfolioRow  # portfolio_basis: no overdue actions, no signs
    opened: tuple[OpenAction, ...]
    latest: tuple[str, str, str] | None  # (date, id, language) of the newest session


def cache_path(ws: Workspace) -> Path:
    where = index_path(ws)
    return where.with_name(where.stem + ".portfolio.json")


def _fingerprint(frameworks: Frameworks | None) -> str:
    """What of the frameworks a basis depends on: each version's dimension keys, in order."""
    if frameworks is None:
        return ""
    keys = sorted([k, v, list(fw.keys)] for (k, v), fw in frameworks.items())
    return hashlib.sha256(json_codec.dumps(keys)).hexdigest()


def _header(ws: Workspace, frameworks: Frameworks | None) -> dict[str, Any]:
    return {
        "cache": CACHE_VERSION,
        "retro": __version__,
        "schema": SCHEMA_VERSION,
        "root": str(ws.root.resolve()),
        "frameworks": _fingerprint(frameworks),
    }


def entry_of(path: Path, history: History, frameworks: Frameworks | None) -> Entry:
    newest = max(history.sessions, key=lambda s: (s.date, s.id), default=None)
    return Entry(
        path,
        portfolio_basis(history, frameworks),
        tuple(open_actions(history)),
        (newest.date, newest.id, newest.language) if newest is not None else None,
    )


def _item_of(entry: Entry | Problem, identity: tuple[int, int, int]) -> dict[str, Any]:
    if isinstance(entry, Problem):
        return {"identity": list(identity), "problem": entry.message}
    b = entry.basis
    r = b.relationship
    return {
        "identity": list(identity),
        "basis": [
            [r.id, r.client, r.agency],
            b.sessions,
            b.last_date,
            b.latest,
            b.latest_date,
            b.client_on_agency,
            b.agency_on_client,
            list(b.largest_gap) if b.largest_gap is not None else None,
            b.trend,
            b.commitments_kept,
            b.in_progress,
            # The figures' verdicts (retro.figures): plain dataclasses, kept field by field.
            asdict(b.trend_change) if b.trend_change is not None else None,
            b.raters,
            asdict(b.prediction) if b.prediction is not None else None,
            asdict(b.prediction_latest) if b.prediction_latest is not None else None,
            b.weighted_client_on_agency,
            b.weighted_agency_on_client,
            list(b.weights_from) if b.weights_from is not None else None,
        ],
        "opened": [
            [o.session, o.date, a.id, a.title, a.owner, a.due, a.dimension]
            for o in entry.opened
            for a in (o.action,)
        ],
        "latest": list(entry.latest) if entry.latest is not None else None,
    }


def _entry_from(item: Any, path: Path, identity: tuple[int, int, int]) -> Entry | Problem | None:
    if not isinstance(item, dict) or item.get("identity") != list(identity):
        return None
    try:
        if "problem" in item:
            return Problem(path, str(item["problem"]))
        (rel, n, last, latest, latest_date, c_a, a_c, gap, trend, kept, progress) = item["basis"][
            :11
        ]
        change, raters, accuracy, check, w_c_a, w_a_c, weights_from = item["basis"][11:]
        basis = PortfolioRow(
            relationship=Relationship(*rel),
            sessions=n,
            last_date=last,
            latest=latest,
            latest_date=latest_date,
            client_on_agency=c_a,
            agency_on_client=a_c,
            largest_gap=tuple(gap) if gap is not None else None,
            trend=trend,
            commitments_kept=kept,
            overdue=(),
            signs=(),
            in_progress=progress,
            trend_change=Change(**change) if change is not None else None,
            raters=dict(raters),
            prediction=Accuracy(**accuracy) if accuracy is not None else None,
            prediction_latest=PredictionCheck(**check) if check is not None else None,
            weighted_client_on_agency=w_c_a,
            weighted_agency_on_client=w_a_c,
            weights_from=tuple(weights_from) if weights_from is not None else None,
        )
        opened = tuple(
            OpenAction(Action(aid, title, owner, due, dim), sid, day)
            for sid, day, aid, title, owner, due, dim in item["opened"]
        )
        newest = item["latest"]
        return Entry(path, basis, opened, tuple(newest) if newest is not None else None)
    except (TypeError, KeyError, ValueError):
        return None


def _read(ws: Workspace, frameworks: Frameworks | None) -> dict[str, Any]:
    try:
        data = json_codec.loads(cache_path(ws).read_bytes())
    except (OSError, json_codec.JSONError):
        return {}
    if not isinstance(data, dict) or data.get("header") != _header(ws, frameworks):
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def _entries(ws: Workspace, frameworks: Frameworks | None) -> tuple[list[Entry], list[Problem]]:
    """Every file's entry and every damaged file, by the same rules as Workspace.scan()."""
    try:
        paths = ws.files()
    except StoreError as e:
        return [], [Problem(ws.folder, str(e))]
    cached = _read(ws, frameworks)
    fresh: dict[str, Any] = {}
    entries: list[Entry | Problem] = []
    for path in paths:
        identity = identity_of(path)
        entry = None if identity is None else _entry_from(cached.get(path.name), path, identity)
        if entry is None:
            try:
                entry = entry_of(path, ws._load_path(path), frameworks)
            except StoreError as e:
                entry = Problem(path, str(e))
        if identity is not None and identity_of(path) == identity:
            fresh[path.name] = _item_of(entry, identity)
        entries.append(entry)
    if fresh != cached:
        try:  # best effort, like the listing index: a cache that cannot be written is no error
            where = cache_path(ws)
            where.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(
                where, json_codec.dumps({"header": _header(ws, frameworks), "files": fresh})
            )
        except OSError:
            pass
    problems = [e for e in entries if isinstance(e, Problem)]
    loaded = [e for e in entries if isinstance(e, Entry)]
    out: list[Entry] = []
    for entry in loaded:
        rel_id = entry.basis.relationship.id
        if entry.path.stem == rel_id:
            out.append(entry)
        else:
            holders = [o.path for o in loaded if o.path.stem == o.basis.relationship.id == rel_id]
            problems.append(
                Problem(entry.path, str(MisplacedFileError(entry.path, rel_id, holders)))
            )
    problems.sort(key=lambda p: p.path)
    return out, problems


def portfolio_rows(
    ws: Workspace, today: date, frameworks: Frameworks | None = None, *, weighted: bool = False
) -> tuple[list[PortfolioRow], list[Problem], str]:
    """retro.trends.portfolio of the workspace's histories, the problems Workspace.scan()
    would report, and the language of the newest session (en without sessions).
    weighted: ranked and shown by what matters to the client (retro.trends.as_weighted)."""
    from retro.trends import as_weighted, attention_key

    entries, problems = _entries(ws, frameworks)
    rows = sorted(
        (
            dated_row(as_weighted(e.basis) if weighted else e.basis, e.opened, today)
            for e in entries
        ),
        key=attention_key,
    )
    return rows, problems, newest_language(e.latest for e in entries if e.latest is not None)
