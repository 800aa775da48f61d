"""`retro trends` and `retro portfolio`: figures over time, for scripts and reports (no Textual)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from retro.cli import CommandError
from retro.cli.export_cmd import chart_options, write_export
from retro.cli.output import literal, print_json, print_table, rounded
from retro.model import SIDES
from retro.store import Workspace, resolve_workspace


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "trends",
        help="one relationship over time: views, gaps and commitments kept per session",
        description=(
            "Every dimension's self view, other view and perception gap for both sides, "
            "across the relationship's sessions in date order, with the change since the "
            "previous session; commitments kept per session; how well the agency's "
            "self-assessment predicted the client; the latest closed joint session against "
            "the closed one before it (a session in progress is left out of that until it "
            "is closed). Absent figures are '–' (null in JSON), never 0."
        ),
    )
    p.add_argument("relationship", help="relationship id (see 'retro relationships')")
    group = _format_options(p)
    group.add_argument(
        "--html",
        action="store_true",
        help="the --md report as one self-contained HTML page, charts inline (docs/pictures.md)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write --md or --html to FILE; --md comes with SVG charts in FILE-charts/",
    )
    chart_options(p)
    p.set_defaults(func=cmd_trends)

    p = sub.add_parser(
        "portfolio",
        help="all relationships, the one that needs attention most first",
        description=(
            "Latest scores, largest gap, trend, commitments kept and overdue actions for "
            "every relationship, ranked by how much it needs attention."
        ),
    )
    _format_options(p)
    p.add_argument(
        "--today",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="measure overdue actions and quiet relationships against this date (default: today)",
    )
    p.add_argument(
        "--weighted",
        action="store_true",
        help=(
            "weight each relationship's scores by what matters to the client: its 100 points "
            "from the latest closed joint retro where it divided them (unweighted where it "
            "never did; the output says which)"
        ),
    )
    p.set_defaults(func=cmd_portfolio)


def _format_options(p: argparse.ArgumentParser) -> argparse._MutuallyExclusiveGroup:
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="machine-readable output")
    fmt.add_argument(
        "--md",
        action="store_true",
        help="Markdown, for a report or a wiki (template: see docs/templates.md)",
    )
    p.add_argument(
        "--lang",
        dest="report_lang",
        choices=("nl", "en"),
        help="language of --md (default: that of the latest session)",
    )
    return fmt


def _iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def _round_tree(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _round_tree(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_round_tree(v) for v in value]
    if isinstance(value, float):
        return rounded(value)
    return value


def _num(v: float | None, fmt: str = "{:.2f}") -> str:
    return "–" if v is None else fmt.format(v)


def _delta(change: Any) -> str:
    """A change with its verdict (retro.figures.describe_change): → is no clear change."""
    from retro.figures import describe_change

    return describe_change(change)


def _pct(v: float | None) -> str:
    return "–" if v is None else f"{v:.0%}"


# ---------------------------------------------------------------------------
# retro trends


def cmd_trends(args: argparse.Namespace) -> int:
    from retro.frameworks import load_frameworks
    from retro.trends import relationship_trends

    ws = Workspace(resolve_workspace(args.data))
    if args.md or args.html:
        from retro.export import export_over_time

        fmt = "html" if args.html else "md"
        write_export(
            args,
            lambda charts: export_over_time(
                ws, args.relationship, lang=_lang(args), fmt=fmt, charts=charts
            ),
            markdown=fmt == "md",
        )
        return 0
    if args.output or args.charts or args.no_charts:
        raise CommandError("-o, --charts and --no-charts apply to --md and --html")
    history = ws.load(args.relationship)
    t = relationship_trends(history, load_frameworks(ws.root))
    if args.json:
        print_json(_round_tree({**t.as_json(), "importance": importance_json(history, t)}))
    else:
        _print_trends(t)
    return 0


def importance_json(history: Any, t: Any) -> dict[str, Any]:
    """What matters to each side over time, for `retro trends --json` (docs/figures.md):
    each session's points per side (None where that side divided none), and the full
    importance block of `retro figures --json` (grids, concentrate here, priority gaps) for
    the latest closed joint session in which a side divided its points, so a script sees
    the importance behind the latest figures without a second call."""
    from retro.cli.core import importance_payload
    from retro.figures import importance_of

    by_id = {s.id: s for s in history.sessions}

    def given(session: Any, side: str) -> dict[str, int] | None:
        points = importance_of(session, side)  # type: ignore[arg-type]
        return {d: points[d] for d in t.dimensions if d in points} or None

    latest = next(
        (
            by_id[t.sessions[i].id]
            for i in reversed(t.closed_joint)
            if by_id[t.sessions[i].id].importance
        ),
        None,
    )
    block = None
    if latest is not None:
        payload = importance_payload(latest, list(t.dimensions))
        block = {"session": latest.id, "date": latest.date, **(payload or {})}
    return {
        "points": [{side: given(by_id[i.id], side) for side in SIDES} for i in t.sessions],
        "latest": block,
    }


def _lang(args: argparse.Namespace) -> str | None:
    """--lang after the command; before it (the app's language) it counts as well."""
    return args.report_lang or getattr(args, "lang", None)


def _print_trends(t: Any) -> None:
    rel = t.relationship
    print(f"{literal(rel.client)} — {literal(rel.agency)} ({literal(rel.id)})")
    if not t.sessions:
        print("No sessions yet.")
        return
    first, last = t.sessions[0].date, t.sessions[-1].date
    print(literal(f"{len(t.sessions)} session(s), {first} to {last}"))
    kept = [
        f"{s.date} {_pct(k)}"
        for s, k in zip(t.sessions, t.commitments_kept, strict=True)
        if k is not None
    ]
    print(literal("Commitments kept: " + (", ".join(kept) if kept else "–")))
    misses = [
        f"{c.date} {_num(c.mean_abs_gap)} (bias {_num(c.bias, '{:+.2f}')})" for c in t.predictions
    ]
    print(
        literal(
            "Prediction miss (agency's guess vs client's view, mean |gap|): "
            + (", ".join(misses) if misses else "–")
        )
    )
    if t.predictions:
        print(prediction_line(t.prediction_accuracy()[0]))
    for line in latest_lines(t):
        print(literal(line))
    rows = [[dim, subject, *cells] for dim, subject, cells in latest_rows(t)]
    if rows:
        print_table(["DIMENSION", "SUBJECT", "SELF", "", "OTHER", "", "GAP", ""], rows)


def prediction_line(acc: Any) -> str:
    """Overall prediction accuracy in one sentence: how far off, and which way."""
    leaning = {
        "optimistic": "too optimistic",
        "pessimistic": "too pessimistic",
        "on_target": "neither too optimistic nor too pessimistic",
    }[acc.leaning]
    return (
        f"Prediction accuracy over {acc.n} prediction(s): off by {_num(acc.mae)} on average, "
        f"{leaning} ({_num(acc.bias, '{:+.2f}')})."
    )


def latest_lines(t: Any) -> list[str]:
    """What the latest figures compare, and the session in progress they leave out."""
    previous, latest = t.pair
    if latest is None:
        lines = ["No closed joint session yet: no latest figures."]
    elif previous is None:
        when = t.sessions[latest].date
        lines = [f"Latest closed joint session ({when}); no closed one before it to compare."]
    else:
        a, b = t.sessions[previous].date, t.sessions[latest].date
        lines = [
            f"Latest closed joint session ({b}) and the change since the one before ({a}):",
            "(n=…) raters behind a view; → no clear change; a gap under 1 is agreement "
            "(docs/figures.md).",
        ]
    open_dates = [s.date for s in t.in_progress]
    if len(open_dates) == 1:
        lines.append(f"A session in progress ({open_dates[0]}) is not included until it is closed.")
    elif open_dates:
        dates = ", ".join(open_dates)
        lines.append(f"Sessions in progress ({dates}) are not included until they are closed.")
    return lines


def latest_rows(t: Any) -> list[tuple[str, str, list[str]]]:
    """Per dimension and side: self, other and gap at the latest closed joint session, each
    followed by its change since the closed one before ('–' when either lacks it)."""
    if t.pair[1] is None:
        return []
    rows: list[tuple[str, str, list[str]]] = []
    for dim in t.dimensions:
        for subject in SIDES:
            if not t.rated.get((dim, subject)):
                continue
            cells: list[str] = []
            for figure in ("self", "other", "gap"):
                value, _ = t.latest(dim, subject, figure)
                cells += [_view_cell(t, dim, subject, figure, value)]
                cells += [_delta(t.latest_change(dim, subject, figure)) or "–"]
            rows.append((dim, subject, cells))
    return rows


def _view_cell(t: Any, dim: str, subject: str, figure: str, value: float | None) -> str:
    """A view as the core describes it (scores for one or two raters, else mean and n);
    a gap is its value, or "agreement" when under one point."""
    from retro.figures import describe_view, gap_kind

    latest = t.pair[1]
    if figure == "gap" or latest is None or value is None:
        if figure == "gap" and gap_kind(value) == "agreement":
            return f"{_num(value)} agree"
        return _num(value)
    view = t.view(dim, subject, figure, latest)
    if view is None:
        return _num(value)
    return describe_view(view, "en", t.sessions[latest].shows_distribution(view))


# ---------------------------------------------------------------------------
# retro portfolio


def cmd_portfolio(args: argparse.Namespace) -> int:
    from retro.frameworks import load_frameworks
    from retro.portfolio_index import portfolio_rows
    from retro.trends import RANKING_EXPLANATION

    weighted = getattr(args, "weighted", False)
    ws = Workspace(resolve_workspace(args.data))
    today = args.today or date.today()
    # From the cache next to the listing index: only files changed since are parsed.
    rows, problems, newest_lang = portfolio_rows(
        ws, today, load_frameworks(ws.root), weighted=weighted
    )
    if args.json:
        payload = {
            "today": today.isoformat(),
            "ranking": RANKING_EXPLANATION,
            "relationships": [_round_tree(r.as_json()) for r in rows],
        }
        if weighted:
            payload["weighting"] = WEIGHTING_EXPLANATION
        print_json(payload)
    elif args.md:
        from retro.export import export_portfolio

        lang = _lang(args) or newest_lang
        sys.stdout.write(export_portfolio(ws, rows, today, lang=lang))
    elif rows:
        print(RANKING_EXPLANATION)
        if weighted:
            print(WEIGHTING_EXPLANATION)
        print_table(
            [
                "#",
                "CLIENT",
                "AGENCY",
                "SCORES OF",
                "C→A",
                "A→C",
                "TREND",
                "GAP",
                "KEPT",
                "DUE",
                "SIGNS",
            ],
            [_portfolio_cells(i, r) for i, r in enumerate(rows, 1)],
            max_width=60,
        )
        if weighted and (plain := [r for r in rows if r.weights_from is None]):
            names = ", ".join(literal(r.relationship.client) for r in plain)
            print(f"Unweighted (the client never divided its points): {names}.")
        if note := _in_progress_note(rows):
            print(literal(note))
    else:
        print(literal(f"No relationships in {ws.root}. Try 'retro demo' or 'retro import FILE'."))
    for p in problems:
        print(literal(f"retro: warning: {p.message}"), file=sys.stderr)
    return 1 if problems else 0


WEIGHTING_EXPLANATION = (
    "Weighted: C→A and A→C (and the ranking's score) weigh each dimension by the client's "
    "points (100 divided over the dimensions) from its latest closed joint retro with an "
    "allocation, marked w (docs/figures.md); a relationship without one is unweighted."
)


def _portfolio_cells(rank: int, r: Any) -> list[str]:
    from retro.trends import describe

    gap = r.largest_gap
    c_a, a_c = r.shown_views
    mark = "w" if r.weighted and r.weights_from is not None else ""
    return [
        str(rank),
        r.relationship.client,
        r.relationship.agency,
        r.latest_date or "-",
        _num(c_a) + (mark if c_a is not None else ""),
        _num(a_c) + (mark if a_c is not None else ""),
        _delta(r.trend_change) or "-",
        f"{gap[2]:+.1f} {gap[0]}/{gap[1]}" if gap else "-",
        _pct(r.commitments_kept),
        str(len(r.overdue)),
        "; ".join(describe(s) for s in r.signs) or "-",
    ]


def _in_progress_note(rows: list[Any]) -> str:
    """Scores are of the latest closed joint session: say which retros are not in them yet."""
    open_ones = [
        f"{literal(r.relationship.client)} ({literal(r.in_progress)})"
        for r in rows
        if r.in_progress
    ]
    if not open_ones:
        return ""
    return "In progress, counted once closed: " + ", ".join(open_ones) + "."
