"""Markdown (and JSON/CSV) summaries of sessions and relationships, from overridable templates.

The core of ``retro export`` and the TUI's export preview; imports nothing from Textual.
How templates are found, escaped and sandboxed: retro.export.render and .markdown; what
they see: retro.export.context and docs/templates.md.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retro import json_codec
from retro.export.context import AUDIENCES, self_context, session_context
from retro.export.markdown import Md, Text, md_escape, without_controls
from retro.export.render import ExportError, builtin_templates_dir, render, resolve_template
from retro.model import LANGUAGES, SIDES, History, newest_language
from retro.store import Workspace
from retro.terminal import json_for_terminal

if TYPE_CHECKING:
    from retro.export.pictures import Charts
    from retro.trends import PortfolioRow

FORMATS = ("md", "json", "csv", "html")

__all__ = [
    "AUDIENCES",
    "FORMATS",
    "Charts",
    "ExportError",
    "Md",
    "Text",
    "builtin_templates_dir",
    "default_audience",
    "export_over_time",
    "export_portfolio",
    "export_session",
    "export_trends",
    "latest_language",
    "md_escape",
]


def __getattr__(name: str) -> Any:
    """``Charts`` on first use: the pictures and the chart drawing behind them are only
    imported by an export that writes charts (a session to standard output never does)."""
    if name == "Charts":
        from retro.export.pictures import Charts

        return Charts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def default_audience(kind: str) -> str:
    """Shared for what both sides saw; a side's own round is internal by nature."""
    return "shared" if kind == "joint" else "internal"


def _check(audience: str, lang: str, fmt: str) -> None:
    if audience not in AUDIENCES:
        raise ExportError(f"audience must be one of {', '.join(AUDIENCES)}, not {audience!r}")
    if lang not in LANGUAGES:
        raise ExportError(f"language must be one of {', '.join(LANGUAGES)}, not {lang!r}")
    if fmt not in FORMATS:
        raise ExportError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")


def export_session(
    workspace: Workspace,
    session_id: str,
    *,
    audience: str | None = None,
    lang: str | None = None,
    template: str | None = None,
    fmt: str = "md",
    charts: Charts | None = None,
) -> str:
    """One session's summary as text: Markdown from a template, its context as JSON/CSV,
    or the Markdown as one HTML page. With ``charts``, a Markdown export refers to its
    charts in that folder and ``charts.files`` holds them afterwards, for the caller to
    write; without, there are none (printing to standard output)."""
    history, session = workspace.find_session(session_id)
    audience = audience or default_audience(session.kind)
    lang = lang or session.language
    _check(audience, lang, fmt)
    if session.kind == "joint":
        ctx, default = session_context(history, session, audience, lang, workspace.root), "session"
    else:
        if audience == "shared":
            raise ExportError(
                f"session {session.id} is {'a self-assessment' if session.kind == 'self' else 'a client round'}, "
                "which is internal to one side; "
                "export it with --audience internal (the joint session is what both sides share)"
            )
        ctx, default = self_context(history, session, audience, lang, workspace.root), "self"
    if fmt == "json":
        return _json(ctx)
    if fmt == "csv":
        return _session_csv(ctx)
    return _markdown(template, default, lang, workspace.root, ctx, fmt, charts)


def export_trends(
    workspace: Workspace,
    relationship_id: str,
    *,
    audience: str = "shared",
    lang: str | None = None,
    template: str | None = None,
    fmt: str = "md",
    charts: Charts | None = None,
) -> str:
    """A relationship's trends report over its joint sessions (``charts``: as in
    export_session)."""
    from retro.export.trends import trends_context  # not for a single session's export

    history = workspace.load(relationship_id)
    lang = lang or latest_language([history])
    _check(audience, lang, fmt)
    ctx = trends_context(history, audience, lang, workspace.root)
    if fmt == "json":
        return _json(ctx)
    if fmt == "csv":
        return _trends_csv(ctx)
    return _markdown(template, "trends", lang, workspace.root, ctx, fmt, charts)


def export_over_time(
    workspace: Workspace,
    relationship_id: str,
    *,
    lang: str | None = None,
    template: str | None = None,
    fmt: str = "md",
    charts: Charts | None = None,
) -> str:
    """`retro trends --md`: every figure of a relationship per session, as Markdown from
    the ``over-time`` template (internal: self-assessments are in it); ``fmt`` "html"
    for the same as one HTML page, ``charts`` as in export_session."""
    from retro.export.overview import over_time_context  # not for a single session's export

    history = workspace.load(relationship_id)
    lang = lang or latest_language([history])
    if fmt not in ("md", "html"):
        raise ExportError(f"format must be md or html, not {fmt!r}")
    _check("internal", lang, fmt)
    ctx = over_time_context(history, lang, workspace.root)
    return _markdown(template, "over-time", lang, workspace.root, ctx, fmt, charts)


def export_portfolio(
    workspace: Workspace,
    rows: Sequence[PortfolioRow],
    today: date,
    *,
    lang: str,
    template: str | None = None,
) -> str:
    """`retro portfolio --md`: the ranked relationships, from the ``portfolio`` template."""
    from retro.export.overview import portfolio_context
    from retro.frameworks import load_frameworks

    _check("internal", lang, "md")
    ctx = portfolio_context(rows, today, lang, load_frameworks(workspace.root))
    return _markdown(template, "portfolio", lang, workspace.root, ctx)


def latest_language(histories: Iterable[History]) -> str:
    """The language of the most recent session, the one a report is likely read in."""
    return newest_language((s.date, s.id, s.language) for h in histories for s in h.sessions)


def _markdown(
    template: str | None,
    default: str,
    lang: str,
    root: Path,
    ctx: dict[str, Any],
    fmt: str = "md",
    charts: Charts | None = None,
) -> str:
    """Every Markdown export: the template by override order, rendered in the sandbox,
    with its charts (retro.export.pictures); as one HTML page for ``fmt`` "html"."""
    from retro.export.pictures import Charts, attach

    env, name = resolve_template(template, default, lang, root)
    if fmt == "html":
        from retro.export.html import render_html

        inline = Charts(inline=True)
        text = render(env, name, attach(default, ctx, lang, inline))
        return render_html(text, inline.files, lang)
    return render(env, name, attach(default, ctx, lang, charts))


def _rounded(value: Any) -> Any:
    """Means like 3.6666666666666665 and noise like 0.30000000000000004, for people."""
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def _json(ctx: dict[str, Any]) -> str:
    """The context as JSON: lossless (the data as stored), with every control escaped."""
    text = json_codec.dumps(_rounded(ctx), indent=True).decode()
    return json_for_terminal(text) + "\n"


# Where a spreadsheet starts a formula: at the start of a cell and, for importers that
# split on line breaks, at the start of every line inside one ("Q3\r=1+2").
_FORMULA_START = re.compile(r"(?:^|(?<=[\r\n]))(?=[=+\-@\t\r])")


def _cell(value: Any) -> str:
    """A CSV cell: numbers rounded; text without controls, and text that a spreadsheet
    would run as a formula (=, +, -, @, tab or CR first, as in a custom dimension name,
    also after a line break inside the cell) kept as text with a leading '."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _FORMULA_START.sub("'", without_controls(value))
    return str(_rounded(value))


def _field(text: str) -> str:
    """RFC 4180 quoting for every field with a comma, quote, CR or LF. The csv module
    quotes only what is in its line terminator, so a bare CR ended a row unquoted."""
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    lines = [header, *([_cell(v) for v in row] for row in rows)]
    return "".join(",".join(_field(c) for c in line) + "\n" for line in lines)


def _session_csv(ctx: dict[str, Any]) -> str:
    """One row per dimension and subject; spreadsheets want numbers, not Markdown."""
    if "rows" in ctx:  # a self-assessment
        header = ["dimension", "name", "self", "spread_self", "other_side", "prediction", "actual"]
        return _csv(
            header, [[r["key"], r["name"], *(r[k] for k in header[2:])] for r in ctx["rows"]]
        )
    figures = ["self", "other", "gap", "spread_self", "spread_other", "change_other", "change_gap"]
    rows = [
        [d["key"], d["name"], side, *(d[side][f] for f in figures)]
        for d in ctx["dimensions"]
        for side in SIDES
        if d[side]["rated"]
    ]
    return _csv(["dimension", "name", "subject", *figures], rows)


def _trends_csv(ctx: dict[str, Any]) -> str:
    rows = []
    for d in ctx["dimensions"]:
        for side in SIDES:
            if not d[side]["rated"]:
                continue
            for s, v in zip(ctx["sessions"], d[side]["other"], strict=True):
                rows.append([d["key"], d["name"], side, s["id"], s["date"], v])
    return _csv(["dimension", "name", "subject", "session", "date", "other_view"], rows)
