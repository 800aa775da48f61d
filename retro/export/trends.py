"""What the trends template sees: one relationship over its joint sessions.

Same rules as retro.export.context: the audience is enforced here (predictions only
for ``internal``), every string is Text. The shape is documented in docs/templates.md.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from retro.export.context import LABELS, wrap
from retro.model import SIDES, History, Session


def trends_context(
    history: History, audience: str, lang: str, workspace_root: Path | None, last: int = 6
) -> dict[str, Any]:
    """A relationship over its joint sessions: how each side is seen, and commitments kept.

    Only the last ``last`` joint sessions get a column (a Markdown table has to fit a
    page); the change is against the joint session before the latest. Self-assessment
    sessions feed the internal prediction check only.
    """
    from retro.frameworks import load_frameworks

    frameworks = load_frameworks(workspace_root)
    series, titles, predictions = _trend_series(history, frameworks, lang)
    joint = [s for s in history.sorted_sessions() if s.kind == "joint"]
    shown = joint[-last:]
    offset = len(joint) - len(shown)
    dimensions = []
    for d, per_side in series.items():
        entry: dict[str, Any] = {"key": d, "name": titles.get(d, d)}
        for side in SIDES:
            other = per_side[side]["other"]
            gap = per_side[side]["gap"]
            present = [v for v in other if v is not None]
            entry[side] = {
                "rated": any(v is not None for v in other + per_side[side]["self"]),
                "other": other[offset:],
                "latest": present[-1] if present else None,
                "change": present[-1] - present[-2] if len(present) >= 2 else None,
                "first": present[0] if present else None,
                "gap": _last(gap),
            }
        dimensions.append(entry)
    kept = [_kept(s) for s in joint]
    latest_gaps = sorted(
        (
            {"name": d["name"], "subject": side, "subject_label": LABELS[lang][side], "gap": g}
            for d in dimensions
            for side in SIDES
            if (g := _last(series[d["key"]][side]["gap"])) is not None and abs(g) >= 1
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
            {"id": s.id, "date": s.date, "commitments_kept": k}
            for s, k in zip(shown, kept[offset:], strict=True)
        ],
        "session_count": len(joint),
        "first_date": joint[0].date if joint else "",
        "dimensions": dimensions,
        "commitments_kept": [k for k in kept if k is not None],
        "latest_gaps": latest_gaps,
        "predictions": predictions if audience == "internal" else [],
    }
    return wrap(base)


def _last(values: list[float | None]) -> float | None:
    """The value at the latest joint session (None if that session lacks it)."""
    return values[-1] if values else None


def _kept(s: Session) -> float | None:
    from retro.figures import commitments_kept

    return commitments_kept(s)


def _trend_series(
    history: History, frameworks: Any, lang: str
) -> tuple[
    dict[str, dict[str, dict[str, list[float | None]]]], dict[str, str], list[dict[str, Any]]
]:
    """Per dimension and side, the self/other/gap series over the joint sessions, the
    dimension titles, and the prediction checks: all from retro.trends (issue 4), so the
    report and the TUI's history screen show the same numbers."""
    from retro import trends as t

    joint_ids = [s.id for s in history.sorted_sessions() if s.kind == "joint"]
    rt = t.relationship_trends(history, frameworks)
    titles = t.dimension_titles(rt, frameworks, lang)
    idx = [rt.index(sid) for sid in joint_ids]
    out: dict[str, dict[str, dict[str, list[float | None]]]] = {}
    for d in rt.dimensions:
        out[d] = {
            side: {f: [rt.series(d, side, f)[i] for i in idx] for f in ("self", "other", "gap")}
            for side in SIDES
        }
    predictions = [{"date": c.date, "miss": c.mean_abs_gap, "bias": c.bias} for c in rt.predictions]
    return out, titles, predictions
