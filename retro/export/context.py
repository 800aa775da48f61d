"""What a template sees: plain dicts and lists built from a session, filtered by audience.

The audience is enforced here, not in the templates: a ``shared`` context never holds
internal notes, predictions, self-assessment figures or (in an anonymous session) a
name, so no template — built-in or a user's override — can leak them. Every string is
wrapped as :class:`Text` so it prints escaped. The shape is documented in docs/templates.md.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from retro.export.markdown import Text
from retro.figures import SPREAD_FLAG, SessionFigures, session_figures, withheld
from retro.frameworks import Framework, get_framework
from retro.model import LANGUAGES, SIDES, History, Session, Side, other_side
from retro.session_engine import later_joint, previous_comparable
from retro.words import section

AUDIENCES = ("internal", "shared")

# What a template sees as ``labels``: the "label." words of retro.words, per language.
LABELS: dict[str, dict[str, str]] = {lang: section(lang, "label.") for lang in LANGUAGES}


def wrap(value: Any) -> Any:
    """Strings become Text (escaped on output); containers are wrapped all the way down."""
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, dict):
        return {k: wrap(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [wrap(v) for v in value]
    return value


def framework_of(session: Session, workspace_root: Path | None) -> Framework | None:
    return get_framework(session.framework, session.framework_version, workspace_root)


def _dims(session: Session, fw: Framework | None) -> list[str]:
    if fw is not None:
        return list(fw.keys)
    from retro.figures import dimensions_of

    return dimensions_of(session)


def _dim_name(fw: Framework | None, key: str, lang: str) -> str:
    d = fw.dimension(key) if fw else None
    return d.title(lang) if d else key


# Name parts that are not a name on their own ("Anouk van Dijk" is not named by "van").
PARTICLES = frozenset({"van", "von", "der", "den", "het", "ter", "ten", "del", "dos", "das", "bin"})


class People:
    """Who is named how, for one audience: the one place that decides about names."""

    def __init__(self, history: History, session: Session, audience: str, lang: str) -> None:
        self.session = session
        self.lang = lang
        self.hide = audience == "shared" and session.anonymous
        self.rel = history.relationship
        # Action owners of earlier sessions may have left since; look them up everywhere.
        self.known = {p.id: p for s in history.sessions for p in s.participants}
        self.known.update({p.id: p for p in session.participants})
        self._names = self._name_pattern() if self.hide else None

    def _name_pattern(self) -> tuple[re.Pattern[str], dict[str, str]] | None:
        """Every way a remark may name a participant: the full name, the given name and the
        surname (not particles like "van", nor words of the client's or agency's own name,
        so "Bakkerij Van Dijk" stays whole). Longest first, so a full name goes as one."""
        labels = LABELS[self.lang]
        company = {w.casefold() for w in f"{self.rel.client} {self.rel.agency}".split()}
        forms: dict[str, str] = {}
        spelled: set[str] = set()  # as written too: "ß" casefolds to "ss", which no longer matches
        for p in self.known.values():
            words = p.name.split()
            candidates = [p.name.strip()]
            if len(words) > 1:
                candidates += [words[0], words[-1]]
            for c in candidates:
                key = c.casefold()
                if len(c) >= 3 and key not in PARTICLES and key not in company:
                    spelled.update((c, key))
                    label = f"({labels[p.side]})"
                    # A given name both sides share says nothing about which side: "(…)".
                    forms[key] = label if forms.get(key, label) == label else "(…)"
        if not forms:
            return None
        alternatives = sorted(spelled, key=len, reverse=True)
        pattern = r"(?<!\w)(" + "|".join(re.escape(f) for f in alternatives) + r")(?!\w)"
        return re.compile(pattern, re.IGNORECASE), forms

    def text(self, value: str) -> str:
        """User text for this audience: in a shared export of an anonymous session, a
        participant named inside a remark or note is replaced by their side."""
        if not self._names or not value:
            return value
        pattern, forms = self._names
        return pattern.sub(lambda m: forms.get(m.group(0).casefold(), "(…)"), value)

    def name(self, pid: str) -> str:
        """A participant's name, or "" when names must not be shown."""
        if self.hide:
            return ""
        p = self.known.get(pid)
        return p.name if p else ""

    def owner(self, owner: str) -> str:
        """An action owner: a participant id, a side, or free text."""
        labels = LABELS[self.lang]
        if owner in SIDES:
            return labels[owner]
        p = self.known.get(owner)
        if p is None:
            # Free text that names a participant still names them.
            p = next(
                (q for q in self.known.values() if q.name.strip().lower() == owner.strip().lower()),
                None,
            )
            if p is None or not p.name.strip():
                return owner
        return labels[p.side] if self.hide else p.name


def _figures_row(
    f: SessionFigures, prev: SessionFigures | None, dim: str, side: str
) -> dict[str, Any]:
    sf = f.dimensions[dim][side]  # type: ignore[index]
    before = prev.dimensions.get(dim, {}).get(side) if prev else None  # type: ignore[call-overload]

    def change(attr: str) -> float | None:
        now, then = getattr(sf, attr), getattr(before, attr) if before else None
        return None if now is None or then is None else now - then

    return {
        "self": sf.self,
        "other": sf.other,
        "gap": sf.gap,
        "spread_self": sf.spread_self,
        "spread_other": sf.spread_other,
        "change_self": change("self"),
        "change_other": change("other"),
        "change_gap": change("gap"),
    }


def _scores(session: Session, sf: Any) -> dict[str, Any]:
    """The raters behind the self and other views, for the template's ``scores`` filter
    (retro.figures.describe_view): their number, and their scores where anonymity allows."""
    from retro.figures import shows_distribution

    out: dict[str, Any] = {}
    for which, view in (("self", sf.self_scores), ("other", sf.other_scores)):
        shown = shows_distribution(session, view)
        out[f"{which}_scores"] = view.for_template(shown)
        if not shown:  # with the mean, a spread of two scores gives both away
            out[f"spread_{which}"] = None
    return out


FIGURES = ("self", "other", "gap")


def _change_directions(
    history: History, session: Session, prev: Session | None
) -> dict[tuple[str, str, str], str | None]:
    """The reliable-change verdict (retro.figures.change_between) on each change since
    the previous joint session: judged on the steps between the joint sessions before it."""
    if prev is None:
        return {}
    from retro.figures import change_between, figure_series

    # Only the joint sessions up to this one are judged on: the trends of those alone (a
    # session's figures do not depend on the others), not of the whole history.
    ordered = history.sorted_sessions()
    upto = next(i for i, s in enumerate(ordered) if s.id == session.id)
    steps = tuple(s for i, s in enumerate(ordered[: upto + 1]) if s.kind == "joint" or i == upto)
    ids = [s.id for s in steps]
    if prev.id not in ids:
        return {}
    a, b = ids.index(prev.id), ids.index(session.id)
    return {
        key: change_between(list(series), a, b).direction
        for key, series in figure_series(steps).items()
    }


def _previous_of_kind(history: History, session: Session, kinds: Sequence[str]) -> Session | None:
    before = None
    for s in history.sorted_sessions():
        if s.id == session.id:
            return before
        if s.kind in kinds:
            before = s
    return before


def _remarks(session: Session, dim: str, people: People, lang: str) -> list[dict[str, Any]]:
    order = {p.id: i for i, p in enumerate(session.participants)}
    out: list[dict[str, Any]] = []
    for r in session.ratings:
        if r.dimension != dim or not (r.works.strip() or r.doesnt.strip() or r.why.strip()):
            continue
        side = session.side_of(r.participant) or "agency"
        out.append(
            {
                "subject": r.subject,
                "subject_label": LABELS[lang][r.subject],
                "by_side": side,
                "by_side_label": LABELS[lang][side],
                "by": people.name(r.participant),
                "works": people.text(r.works),
                "doesnt": people.text(r.doesnt),
                "why": people.text(r.why),
                "_order": (SIDES.index(r.subject), SIDES.index(side), order.get(r.participant, 99)),
            }
        )
    out.sort(key=lambda x: x["_order"])
    for x in out:
        del x["_order"]
    return out


def _base(
    history: History, session: Session, audience: str, lang: str, fw: Framework | None
) -> dict[str, Any]:
    people = People(history, session, audience, lang)
    counts = {side: sum(1 for p in session.participants if p.side == side) for side in SIDES}
    participants = (
        []
        if people.hide
        else [
            {"name": p.name, "side": p.side, "side_label": LABELS[lang][p.side]}
            for p in session.participants
        ]
    )
    return {
        "audience": audience,
        "lang": lang,
        "labels": LABELS[lang],
        "relationship": {
            "id": history.relationship.id,
            "client": history.relationship.client,
            "agency": history.relationship.agency,
        },
        "session": {
            "id": session.id,
            "date": session.date,
            "kind": session.kind,
            "status": session.status,
            "anonymous": session.anonymous,
            "distribution_min_raters": session.distribution_min_raters,
            "framework": fw.title(lang) if fw else session.framework,
            "framework_version": session.framework_version,
        },
        "participants": participants,
        "participant_counts": counts,
        "notes": session.notes if audience == "internal" else "",
    }


def session_context(
    history: History, session: Session, audience: str, lang: str, workspace_root: Path | None
) -> dict[str, Any]:
    """Everything the joint session summary shows, for one audience and language."""
    fw = framework_of(session, workspace_root)
    dims = _dims(session, fw)
    people = People(history, session, audience, lang)
    figs = session_figures(session, dims)
    prev = previous_comparable(history, session)  # the session engine's one rule
    prev_figs = session_figures(prev, dims) if prev else None
    verdicts = _change_directions(history, session, prev)
    labels = LABELS[lang]
    ctx = _base(history, session, audience, lang, fw)

    dimensions = []
    for d in dims:
        dim = fw.dimension(d) if fw else None
        entry: dict[str, Any] = {"key": d, "name": _dim_name(fw, d, lang)}
        for side in SIDES:
            entry[side] = _figures_row(figs, prev_figs, d, side)
            entry[side].update({f"direction_{f}": verdicts.get((d, side, f)) for f in FIGURES})
            entry[side].update(_scores(session, figs.dimensions[d][side]))
            entry[side]["rated"] = dim.rates(side) if dim else True
            entry[side]["statement"] = (dim.statement(side, lang) if dim else None) or ""
        entry["remarks"] = _remarks(session, d, people, lang)
        dimensions.append(entry)

    gaps = []
    for d, side, gap in figs.gaps_largest_first():
        row = _figures_row(figs, prev_figs, d, side)
        gaps.append(
            {
                "dimension": d,
                "name": _dim_name(fw, d, lang),
                "subject": side,
                "subject_label": labels[side],
                "self": row["self"],
                "other": row["other"],
                "gap": gap,
                "change_gap": row["change_gap"],
            }
        )

    spreads = []
    for d in dims:
        for side in SIDES:
            # withheld: in an anonymous session with too few raters a spread gives scores away
            sf = withheld(session, figs.dimensions[d][side])
            for raters, value in ((side, sf.spread_self), (other_side(side), sf.spread_other)):
                if value is not None and value >= SPREAD_FLAG:
                    spreads.append(
                        {
                            "name": _dim_name(fw, d, lang),
                            "subject_label": labels[side],
                            "raters_label": labels[raters],
                            "spread": value,
                        }
                    )

    review = []
    for r in session.review:
        action = history.action(r.action)
        review.append(
            {
                "title": people.text(action.title) if action else r.action,
                "owner": people.owner(action.owner) if action and action.owner else "",
                "status": r.status,
                "status_label": labels[r.status],
                "note": people.text(r.note),
            }
        )

    ctx.update(
        dimensions=dimensions,
        gaps=gaps,
        spreads=spreads,
        commitments_kept=figs.commitments_kept,
        review=review,
        actions=[_action(a, people, fw, lang) for a in session.actions],
        proud=[
            {"text": people.text(n.text), "by": people.name(n.participant)}
            for n in session.proud
            if n.text.strip()
        ],
        checkin={
            "question": session.checkin.question,
            "answers": [
                {"text": people.text(a.text), "by": people.name(a.participant)}
                for a in session.checkin.answers
                if a.text.strip()
            ],
        },
        previous={"id": prev.id, "date": prev.date} if prev else None,
        self_assessment=None,
        importance=importance_context(session, dims, fw, lang),
    )
    if audience == "internal":
        # Predictions made in the meeting itself win; else the agency's self-assessment
        # since the previous joint session (the same rule as retro.trends).
        own = session if session.predictions else _previous_of_kind(history, session, ("self",))
        if own is not None and (prev is None or own.date >= prev.date):
            ctx["self_assessment"] = _self_vs_joint(own, session, dims, fw, lang)
    return wrap(ctx)


_QUADRANT_ORDER = {"concentrate": 0, "keep_up": 1, "low_priority": 2, "overkill": 3, None: 4}


def importance_context(
    session: Session, dims: list[str], fw: Framework | None, lang: str
) -> dict[str, Any] | None:
    """What matters to each side (retro.figures): a grid per side that gave points,
    "concentrate here" first, and the priority gaps. None without any allocation, so a
    session without the importance step exports exactly as before.

    Allocations are per side, never per person, so both audiences see them; the scores
    behind each point's performance obey the anonymity rule like every other view.
    """
    from retro.figures import (
        IMPORTANCE_POINTS,
        PRIORITY_GAP_AT,
        concentrate_order,
        has_importance,
        importance_complete,
        importance_grid,
        importance_of,
        priority_gaps,
        scores_by,
        shows_distribution,
        view_of,
    )

    if not has_importance(session):
        return None

    labels = LABELS[lang]
    grids: list[dict[str, Any]] = []
    for rater in ("client", "agency"):  # the client's grid first: its view of the agency
        if not importance_of(session, rater):
            continue
        grid = importance_grid(session, rater, dims)
        rows: list[dict[str, Any]] = []
        for p in grid.points:
            view = view_of(scores_by(session, p.dimension, grid.subject, rater))
            rows.append(
                {
                    "key": p.dimension,
                    "name": _dim_name(fw, p.dimension, lang),
                    "points": p.importance,
                    "mean": p.performance,
                    "n": p.n,
                    "scores": view.for_template(shows_distribution(session, view)),
                    "quadrant": p.quadrant,
                    "quadrant_label": labels[p.quadrant] if p.quadrant else "",
                }
            )
        # "Concentrate here" first, then by quadrant; the most points first within one.
        rows.sort(key=lambda r: (_QUADRANT_ORDER[r["quadrant"]], -(r["points"] or 0)))
        grids.append(
            {
                "rater": rater,
                "rater_label": labels[rater],
                "subject": grid.subject,
                "subject_label": labels[grid.subject],
                "complete": importance_complete(session, rater),
                "importance_cross": grid.importance_cross,
                "performance_cross": grid.performance_cross,
                "dimensions": len(grid.points),
                "rows": rows,
            }
        )
    marked = {r["key"] for g in grids for r in g["rows"] if r["quadrant"] == "concentrate"}
    gaps = [g for g in priority_gaps(session, dims) if g.gap is not None]
    return {
        "points": IMPORTANCE_POINTS,
        "priority_gap_at": PRIORITY_GAP_AT,
        "grids": grids,
        "concentrate": [
            _dim_name(fw, d, lang) for d in concentrate_order(session, dims) if d in marked
        ],
        "priority_gaps": [
            {
                "key": g.dimension,
                "name": _dim_name(fw, g.dimension, lang),
                "client": g.client,
                "agency": g.agency,
                "gap": g.gap,
                "is_gap": g.is_gap,
            }
            for g in gaps
        ],
    }


def _action(a: Any, people: People, fw: Framework | None, lang: str) -> dict[str, Any]:
    return {
        "title": people.text(a.title),
        "owner": people.owner(a.owner) if a.owner else "",
        "due": a.due or "",
        "dimension": _dim_name(fw, a.dimension, lang) if a.dimension else "",
    }


def _self_vs_joint(
    own: Session, joint: Session, dims: list[str], fw: Framework | None, lang: str
) -> dict[str, Any]:
    """The agency team's self-assessment and predictions against what the client said."""
    own_figs = session_figures(own, dims)
    joint_figs = session_figures(joint, dims)
    rows = []
    for d in dims:
        team = own_figs.dimensions[d]["agency"]
        client_view = joint_figs.dimensions[d]["agency"].other
        if team.self is None and team.prediction is None and client_view is None:
            continue
        rows.append(
            {
                "name": _dim_name(fw, d, lang),
                "team_self": team.self,
                "prediction": team.prediction,
                "client_view": client_view,
                "prediction_gap": None
                if team.prediction is None or client_view is None
                else team.prediction - client_view,
                "blind_spot": None
                if team.self is None or client_view is None
                else team.self - client_view,
            }
        )
    return {"id": own.id, "date": own.date, "rows": rows}


def self_context(
    history: History, session: Session, audience: str, lang: str, workspace_root: Path | None
) -> dict[str, Any]:
    """A side's own round (agency self-assessment or client round): internal by nature."""
    fw = framework_of(session, workspace_root)
    dims = _dims(session, fw)
    people = People(history, session, audience, lang)
    own_side: Side = "client" if session.kind == "client" else "agency"
    figs = session_figures(session, dims)
    joint = later_joint(history, session)  # the session engine's rule, as the reveal uses
    joint_figs = session_figures(joint, dims) if joint else None
    ctx = _base(history, session, audience, lang, fw)
    rows = []
    from retro.figures import shows_distribution, view_of, withheld

    for d in dims:
        mine = withheld(session, figs.dimensions[d][own_side])
        theirs = figs.dimensions[d][other_side(own_side)]
        actual_view = joint_figs.dimensions[d][own_side].other_scores if joint_figs else None
        actual = joint_figs.dimensions[d][own_side].other if joint_figs else None
        guesses = view_of(p.score for p in session.predictions if p.dimension == d)
        rows.append(
            {
                "key": d,
                "name": _dim_name(fw, d, lang),
                "self": mine.self,
                "spread_self": mine.spread_self,
                "other_side": theirs.other,  # how this side rates the other side
                # the raters behind each mean (issue 13: n and the scores with every mean),
                # for the ``scores`` filter and the ratings chart
                "self_scores": mine.self_scores.for_template(
                    shows_distribution(session, mine.self_scores)
                ),
                "other_side_scores": theirs.other_scores.for_template(
                    shows_distribution(session, theirs.other_scores)
                ),
                "prediction_scores": guesses.for_template(shows_distribution(session, guesses)),
                "actual_scores": (
                    actual_view.for_template(shows_distribution(joint, actual_view))  # type: ignore[arg-type]
                    if actual_view is not None
                    else None
                ),
                "prediction": mine.prediction,
                "actual": actual,  # what the other side said at the next joint retro
                "prediction_gap": None
                if mine.prediction is None or actual is None
                else mine.prediction - actual,
                "remarks": _remarks(session, d, people, lang),
            }
        )
    ctx.update(
        side=own_side,
        side_label=LABELS[lang][own_side],
        other_label=LABELS[lang][other_side(own_side)],
        rows=rows,
        joint={"id": joint.id, "date": joint.date} if joint else None,
    )
    return wrap(ctx)
