"""What the `over-time` and `portfolio` templates see (``retro trends --md``, ``retro
portfolio --md``): every figure of one relationship per session, and all relationships
ranked by the attention they need.

Same rules as retro.export.context: figures come from retro.trends, words come from the
templates, every string is Text. The shapes are documented in docs/templates.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retro.export.context import LABELS, wrap
from retro.export.trends import accuracy_context
from retro.model import SIDES, History

if TYPE_CHECKING:
    from retro.trends import Frameworks, PortfolioRow, Sign

FIGURES = ("self", "other", "gap")


def over_time_context(history: History, lang: str, workspace_root: Path | None) -> dict[str, Any]:
    """One relationship across all its sessions, self-assessments and open ones included:
    per dimension, side and figure a value per session with its change since the previous
    session that had one, and the latest closed joint session against the one before
    (RelationshipTrends.latest: the same pair every "latest" figure uses)."""
    from retro.frameworks import load_frameworks
    from retro.trends import dimension_titles, relationship_trends

    frameworks = load_frameworks(workspace_root)
    rt = relationship_trends(history, frameworks)
    titles = dimension_titles(rt, frameworks, lang)
    previous, latest = rt.pair
    dimensions = []
    for d in rt.dimensions:
        entry: dict[str, Any] = {"key": d, "name": titles[d]}
        for side in SIDES:
            entry[side] = {"rated": bool(rt.rated.get((d, side)))}
            for f in FIGURES:
                value, change = rt.latest(d, side, f)
                verdict = rt.latest_change(d, side, f)
                view = rt.view(d, side, f, latest) if latest is not None and f != "gap" else None
                entry[side][f] = {
                    "series": [
                        {
                            "value": v,
                            "change": c,
                            "direction": vc.direction if vc else None,
                            "asked": a,
                        }
                        for v, c, vc, a in zip(
                            rt.series(d, side, f),
                            rt.changes(d, side, f),
                            rt.change_verdicts(d, side, f),
                            rt.asked[d],
                            strict=True,
                        )
                    ],
                    "latest": value,
                    "change": change,
                    "direction": verdict.direction if verdict else None,
                    "scores": (
                        view.for_template(rt.sessions[latest].shows_distribution(view))  # type: ignore[index]
                        if view is not None
                        else None
                    ),
                }
        dimensions.append(entry)
    rel = history.relationship
    return wrap(
        {
            "audience": "internal",
            "lang": lang,
            "labels": LABELS[lang],
            "relationship": {"id": rel.id, "client": rel.client, "agency": rel.agency},
            "sessions": [
                {"id": s.id, "date": s.date, "kind": s.kind, "open": s.status == "open"}
                for s in rt.sessions
            ],
            "commitments_kept": list(rt.commitments_kept),
            "prediction_miss": list(rt.prediction_miss()),
            "prediction_bias": _per_session_bias(rt),
            "prediction_accuracy": accuracy_context(rt, titles),
            "latest_date": rt.sessions[latest].date if latest is not None else None,
            "previous_date": rt.sessions[previous].date if previous is not None else None,
            "in_progress": [{"id": s.id, "date": s.date} for s in rt.in_progress],
            "dimensions": dimensions,
            "importance": _importance_over_time(history, rt, titles),
        }
    )


def _importance_over_time(history: History, rt: Any, titles: dict[str, str]) -> Any:
    """What matters to each side, per session that divided points (issue 13.5), and the
    latest closed joint session's "concentrate here" and priority gaps: the same figures
    as `retro trends --json`'s ``importance``, from retro.figures. None without points."""
    from retro.figures import concentrate_dimensions, importance_of, priority_gaps

    by_id = {s.id: s for s in history.sessions}
    weighed = [by_id[i.id] for i in rt.sessions if by_id[i.id].importance]
    if not weighed:
        return None
    given = [{side: importance_of(s, side) for side in SIDES} for s in weighed]
    dims = list(rt.dimensions)
    latest = next(
        (
            by_id[rt.sessions[i].id]
            for i in reversed(rt.closed_joint)
            if by_id[rt.sessions[i].id].importance
        ),
        None,
    )
    return {
        "sessions": [{"id": s.id, "date": s.date, "kind": s.kind} for s in weighed],
        "dimensions": [
            {
                "key": d,
                "name": titles.get(d, d),
                # a side that divided its points gave a dimension it left out 0
                "points": [
                    {side: g[side].get(d, 0) if g[side] else None for side in SIDES} for g in given
                ],
            }
            for d in dims
        ],
        "latest": None
        if latest is None
        else {
            "date": latest.date,
            "concentrate": [titles.get(d, d) for d in concentrate_dimensions(latest, dims)],
            "priority_gaps": [
                {
                    "name": titles.get(g.dimension, g.dimension),
                    "client": g.client,
                    "agency": g.agency,
                    "gap": g.gap,
                }
                for g in priority_gaps(latest, dims)
                if g.is_gap
            ],
        },
    }


def _per_session_bias(rt: Any) -> list[float | None]:
    """The signed prediction gap per session, like prediction_miss: at the joint sessions
    whose client view checked a prediction."""
    out: list[float | None] = [None] * len(rt.sessions)
    for check in rt.predictions:
        out[rt.index(check.joint)] = check.bias
    return out


def portfolio_context(
    rows: Sequence[PortfolioRow], today: date, lang: str, frameworks: Frameworks | None
) -> dict[str, Any]:
    """All relationships in the order retro.trends.portfolio ranks them, with the
    thresholds of that ranking so a template can explain it in its own words."""
    from retro import trends as t
    from retro.figures import gap_kind

    titles = _dimension_titles(frameworks, lang)

    def sign(s: Sign) -> dict[str, Any]:
        return {
            "code": s.code,
            "value": s.value,
            "dimension": titles.get(s.dimension, s.dimension) if s.dimension else None,
            "subject": s.subject,
            "subject_label": LABELS[lang][s.subject] if s.subject else None,
        }

    out = []
    for rank, r in enumerate(rows, 1):
        gap = r.largest_gap
        out.append(
            {
                "rank": rank,
                "id": r.relationship.id,
                "client": r.relationship.client,
                "agency": r.relationship.agency,
                "latest_date": r.latest_date,
                "client_on_agency": r.client_on_agency,
                "agency_on_client": r.agency_on_client,
                # `retro portfolio --md --weighted`: the views as ranked (trends.PortfolioRow.
                # shown_views), weighted by the client's points where it divided them
                "weighted": r.weighted and r.weights_from is not None,
                "shown_client_on_agency": r.shown_views[0],
                "shown_agency_on_client": r.shown_views[1],
                "weights_from": (
                    {"session": r.weights_from[0], "date": r.weights_from[1]}
                    if r.weights_from
                    else None
                ),
                "trend": r.trend,
                "direction": r.direction,
                "raters": {side: r.raters.get(side, 0) for side in SIDES},
                "prediction": r.prediction.as_json() if r.prediction else None,
                "largest_gap": (
                    {
                        "dimension": titles.get(gap[0], gap[0]),
                        "subject": gap[1],
                        "subject_label": LABELS[lang][gap[1]],
                        "gap": gap[2],
                        "kind": gap_kind(gap[2]),
                    }
                    if gap
                    else None
                ),
                "commitments_kept": r.commitments_kept,
                "overdue": len(r.overdue),
                "signs": [sign(s) for s in r.signs],
                "in_progress": r.in_progress,
            }
        )
    return wrap(
        {
            "lang": lang,
            "labels": LABELS[lang],
            "today": today.isoformat(),
            "relationships": out,
            "weighting": any(r.weighted for r in rows),
            "thresholds": {
                "falling": -t.FALLING_AT,
                "gap": t.GAP_AT,
                "kept": t.KEPT_BELOW,
                "low": t.LOW_BELOW,
                "stale_days": t.STALE_AFTER_DAYS,
            },
        }
    )


def _dimension_titles(frameworks: Frameworks | None, lang: str) -> dict[str, str]:
    """A title per dimension key from the known frameworks (a newer version wins)."""
    titles: dict[str, str] = {}
    for _key, fw in sorted((frameworks or {}).items()):
        for d in fw.dimensions:
            titles[d.key] = d.title(lang)
    return titles
