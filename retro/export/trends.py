"""What the trends template sees: one relationship over its joint sessions.

Same rules as retro.export.context: the audience is enforced here (predictions only
for ``internal``), every string is Text. The shape is documented in docs/templates.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from retro.export.context import LABELS, wrap
from retro.model import SIDES, History, Session

if TYPE_CHECKING:
    from retro.trends import RelationshipTrends


def trends_context(
    history: History, audience: str, lang: str, workspace_root: Path | None, last: int = 6
) -> dict[str, Any]:
    """A relationship over its joint sessions: how each side is seen, and commitments kept.

    Only the last ``last`` joint sessions get a column (a Markdown table has to fit a
    page). ``latest``, ``change``, ``gap`` and ``latest_gaps`` follow retro.trends'
    one rule (RelationshipTrends.latest): the latest closed joint session against the
    closed one before it, both figures from those two sessions, None where either lacks
    it; a session in progress keeps its column but is named in ``in_progress`` instead.
    Self-assessment sessions feed the internal prediction check only.
    """
    from retro import trends as t
    from retro.figures import GAP_AT, gap_kind
    from retro.frameworks import load_frameworks

    frameworks = load_frameworks(workspace_root)
    rt = t.relationship_trends(history, frameworks)
    series, titles, predictions = _trend_series(rt, history, frameworks, lang)
    joint = [s for s in history.sorted_sessions() if s.kind == "joint"]
    shown = joint[-last:]
    offset = len(joint) - len(shown)
    latest_index = rt.pair[1]
    dimensions = []
    for d, per_side in series.items():
        entry: dict[str, Any] = {"key": d, "name": titles.get(d, d)}
        for side in SIDES:
            other = per_side[side]["other"]
            present = [v for v in other if v is not None]
            latest, change = rt.latest(d, side, "other")
            verdict = rt.latest_change(d, side, "other")
            view = rt.view(d, side, "other", latest_index) if latest_index is not None else None
            visible = view is not None and rt.sessions[latest_index].shows_distribution(view)  # type: ignore[index]
            gap = rt.latest(d, side, "gap")[0]
            entry[side] = {
                "rated": any(v is not None for v in other + per_side[side]["self"]),
                "other": other[offset:],
                "self_series": per_side[side]["self"][offset:],  # for the course charts
                "latest": latest,
                "change": change,
                # the reliable-change verdict (retro.figures): up/down, or flat = no clear change
                "direction": verdict.direction if verdict else None,
                "clear": verdict.clear if verdict else False,
                "threshold": verdict.threshold if verdict else None,
                "n": view.n if view else 0,
                "scores": view.for_template(visible) if view else None,
                "first": present[0] if present else None,
                "gap": gap,
                "gap_kind": gap_kind(gap),
            }
        dimensions.append(entry)
    kept = [_kept(s) for s in joint]
    latest_gaps = sorted(
        (
            {"name": d["name"], "subject": side, "subject_label": LABELS[lang][side], "gap": g}
            for d in dimensions
            for side in SIDES
            if (g := d[side]["gap"]) is not None and abs(g) >= GAP_AT
        ),
        key=lambda x: -abs(x["gap"]),
    )
    base = {
        "audience": audience,
        "lang": lang,
        "labels": LABELS[lang],
        "relationship": {
            "id": history.relationship.id,
            "client": history.relationship.client,
            "agency": history.relationship.agency,
        },
        "sessions": [
            {"id": s.id, "date": s.date, "open": s.status == "open", "commitments_kept": k}
            for s, k in zip(shown, kept[offset:], strict=True)
        ],
        "session_count": len(joint),
        "first_date": joint[0].date if joint else "",
        "dimensions": dimensions,
        "commitments_kept": [k for k in kept if k is not None],
        "latest_gaps": latest_gaps,
        "latest_date": rt.sessions[latest_index].date if latest_index is not None else None,
        "in_progress": [{"id": s.id, "date": s.date} for s in rt.in_progress],
        "predictions": predictions if audience == "internal" else [],
        "prediction_accuracy": accuracy_context(rt, titles) if audience == "internal" else None,
        "gap_at": GAP_AT,
    }
    return wrap(base)


def accuracy_context(rt: RelationshipTrends, titles: dict[str, str]) -> dict[str, Any] | None:
    """Over every prediction check: overall and per dimension (retro.figures.accuracy); the
    trends and the over-time reports both show it."""
    if not rt.predictions:
        return None
    overall, per_dim = rt.prediction_accuracy()
    return {
        "overall": overall.as_json(),
        "dimensions": [
            {"key": d, "name": titles.get(d, d), **a.as_json()}
            for d in rt.dimensions
            if (a := per_dim.get(d)) is not None
        ],
    }


def _kept(s: Session) -> float | None:
    from retro.figures import commitments_kept

    return commitments_kept(s)


def _trend_series(
    rt: RelationshipTrends, history: History, frameworks: Any, lang: str
) -> tuple[
    dict[str, dict[str, dict[str, list[float | None]]]], dict[str, str], list[dict[str, Any]]
]:
    """Per dimension and side, the self/other/gap series over the joint sessions, the
    dimension titles, and the prediction checks: all from retro.trends, so the
    report and the TUI's history screen show the same numbers."""
    from retro.trends import dimension_titles

    joint_ids = [s.id for s in history.sorted_sessions() if s.kind == "joint"]
    titles = dimension_titles(rt, frameworks, lang)
    idx = [rt.index(sid) for sid in joint_ids]
    out: dict[str, dict[str, dict[str, list[float | None]]]] = {}
    for d in rt.dimensions:
        out[d] = {
            side: {f: [rt.series(d, side, f)[i] for i in idx] for f in ("self", "other", "gap")}
            for side in SIDES
        }
    predictions = [
        {"date": c.date, "miss": c.mean_abs_gap, "bias": c.bias, "leaning": c.accuracy.leaning}
        for c in rt.predictions
    ]
    return out, titles, predictions
