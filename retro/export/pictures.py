"""Which charts go with which export, drawn from the context its template sees, and the
references to them that the template prints (``charts.ratings``, ``d.chart``).

Charts are drawn from the template's context, not from the session: what the audience
and anonymity rules kept out of the context (a withheld distribution, an internal
figure) cannot appear in a picture either.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from msgspec import Struct, field

from retro.export.markdown import Md
from retro.model import SIDES, Side

if TYPE_CHECKING:
    # Drawn only when an export writes charts: a Markdown export to standard output (and
    # its start-up time) never imports the drawing code.
    from retro.export.charts import Bar, BarGroup, Course, Grid

INLINE = "chart:"  # the HTML report's references: replaced by the SVG itself
VIEWS = (("agency", "self"), ("agency", "other"), ("client", "self"), ("client", "other"))
CHARTED = ("session", "self", "trends", "over-time")  # the built-in templates with chart references


class Charts(Struct):
    """The charts of one Markdown export.

    ``folder`` is how the Markdown refers to the folder the charts will be written to,
    relative to the Markdown file ("summary-charts"); ``inline`` marks the HTML report,
    whose references are replaced by the SVG itself. After the export, ``files`` holds
    each chart's file name and its SVG text, for the caller to write.
    """

    folder: str = ""
    inline: bool = False
    files: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, svg: str) -> Md:
        """Keep a chart and return the reference a template prints (URL-quoted, so a
        folder name with spaces or brackets cannot break the Markdown link)."""
        self.files[name] = svg
        if self.inline:
            return Md(INLINE + quote(name))
        folder = self.folder.rstrip("/")
        return Md(quote(f"{folder}/{name}" if folder else name, safe="/"))


def attach(kind: str, ctx: dict[str, Any], lang: str, charts: Charts | None) -> dict[str, Any]:
    """The context with the chart references its template reads: ``charts.ratings`` (a
    session) and each dimension's ``chart`` (trends, over-time); "" where there is no
    chart, as when printing to standard output. The charts are drawn into ``charts``."""
    refs: dict[str, Any] = {"ratings": ""}
    if charts is None:  # nothing to draw: the same empty references, without the drawing code
        if kind == "session":
            for g in (ctx.get("importance") or {}).get("grids", ()):
                g["chart"] = ""
        elif kind in ("trends", "over-time"):
            for d in ctx.get("dimensions", ()):
                d["chart"] = ""
        return {**ctx, "charts": refs}
    from retro.export.charts import course, diverging_bars, importance_grid

    if kind == "session":
        groups = session_bars(ctx)
        if groups:
            refs["ratings"] = charts.add("ratings.svg", diverging_bars(groups, lang))
        for g in (ctx.get("importance") or {}).get("grids", ()):
            g["chart"] = ""
            grid = _grid(ctx, g)
            if grid.points:
                g["chart"] = charts.add(
                    f"grid-{_slug(g['rater'])[1:]}.svg", importance_grid(grid, lang)
                )
    elif kind == "self":
        groups = self_bars(ctx)
        if charts is not None and groups:
            refs["ratings"] = charts.add("ratings.svg", diverging_bars(groups, lang))
    elif kind in ("trends", "over-time"):
        courses = trend_courses(ctx) if kind == "trends" else over_time_courses(ctx)
        for i, (d, c) in enumerate(zip(ctx.get("dimensions", ()), courses, strict=True), 1):
            d["chart"] = ""
            if c is not None:
                d["chart"] = charts.add(f"course-{i:02d}{_slug(c.key)}.svg", course(c, lang))
    return {**ctx, "charts": refs}


def _grid(ctx: Mapping[str, Any], g: Mapping[str, Any]) -> Grid:
    """One side's importance grid from the session context's ``importance.grids``."""
    from retro.export.charts import Grid, GridPoint

    labels = ctx.get("labels", {})
    return Grid(
        rater=str(g["rater"]),
        subject=str(g["subject"]),
        total=int(ctx["importance"]["points"]),
        importance_cross=float(g["importance_cross"]),
        performance_cross=float(g["performance_cross"]),
        points=[
            GridPoint(
                str(r["key"]),
                str(r["name"]),
                r.get("points"),
                r.get("mean"),
                str(r["quadrant"]) if r.get("quadrant") else None,
            )
            for r in g.get("rows", ())
        ],
        quadrant_labels={q: str(labels.get(q, q)) for q in QUADRANTS},
    )


QUADRANTS = ("concentrate", "keep_up", "low_priority", "overkill")


def _slug(key: str) -> str:
    """A file-name-safe rendering of a dimension key (a custom framework's key may hold
    anything, "../" included); the number before it keeps names unique."""
    slug = re.sub(r"[^a-z0-9]+", "-", str(key).lower()).strip("-")[:40]
    return f"-{slug}" if slug else ""


def _bar(view: str, row: Mapping[str, Any], scores: Mapping[str, Any] | None) -> Bar:
    from retro.export.charts import Bar

    if not row.get("rated", True):
        return Bar(view, 0, rated=False)
    if not scores:
        return Bar(view, 0)
    counts = None
    if scores.get("shown") and scores.get("scores"):
        counts = dict.fromkeys(range(1, 6), 0)
        for s in scores["scores"]:
            counts[int(s)] = counts.get(int(s), 0) + 1
    return Bar(
        view,
        int(scores.get("n") or 0),
        int(scores.get("na") or 0),
        scores.get("mean"),
        counts,
    )


def session_bars(ctx: Mapping[str, Any]) -> list[BarGroup]:
    """A group of four views per dimension of a joint session's context."""
    from retro.export.charts import BarGroup

    groups = []
    for d in ctx.get("dimensions", ()):
        bars = [
            _bar(f"{side}_{f}", d[side], d[side].get(f"{f}_scores"))
            for side, f in VIEWS
            if side in d
        ]
        if any(b.rated for b in bars):
            groups.append(BarGroup(str(d["key"]), str(d["name"]), bars))
    return groups


def self_bars(ctx: Mapping[str, Any]) -> list[BarGroup]:
    """A side's own round: per dimension the team on itself and on the other side, and
    (an agency self-assessment followed by a joint retro) what the client then said about
    the agency, so the team's view and the client's sit in one picture."""
    from retro.export.charts import BarGroup

    side = str(ctx.get("side", "agency"))
    other = "client" if side == "agency" else "agency"
    groups = []
    for r in ctx.get("rows", ()):
        views = [
            (f"{side}_self", r.get("self_scores")),
            (f"{other}_other", r.get("other_side_scores")),
        ]
        if side == "agency" and r.get("actual_scores") is not None:
            views.append(("agency_other", r.get("actual_scores")))
        bars = [_bar(view, {}, scores) for view, scores in views if scores and scores.get("n")]
        if bars:
            groups.append(BarGroup(str(r["key"]), str(r["name"]), bars))
    return groups


def trend_courses(ctx: Mapping[str, Any]) -> list[Course | None]:
    """Each dimension over the joint sessions of the trends context."""
    dates = [str(s["date"]) for s in ctx.get("sessions", ())]
    out: list[Course | None] = []
    for d in ctx.get("dimensions", ()):
        out.append(
            _course(
                d,
                dates,
                {side: d[side].get("self_series", []) for side in SIDES},
                {side: d[side]["other"] for side in SIDES},
            )
        )
    return out


def over_time_courses(ctx: Mapping[str, Any]) -> list[Course | None]:
    """Each dimension over every session of the over-time context."""
    dates = [str(s["date"]) for s in ctx.get("sessions", ())]
    out: list[Course | None] = []
    for d in ctx.get("dimensions", ()):
        values = {
            f: {side: [p["value"] for p in d[side][f]["series"]] for side in SIDES}
            for f in ("self", "other")
        }
        out.append(_course(d, dates, values["self"], values["other"]))
    return out


def _course(
    d: Mapping[str, Any],
    dates: Sequence[str],
    own: Mapping[Side, Sequence[float | None]],
    theirs: Mapping[Side, Sequence[float | None]],
) -> Course | None:
    from retro.export.charts import Course

    rated = {side: bool(d[side].get("rated")) for side in SIDES}
    if not dates or not any(rated.values()):
        return None
    return Course(str(d["key"]), str(d["name"]), dates, own, theirs, rated)
