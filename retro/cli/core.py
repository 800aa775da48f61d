"""Core commands: list, figures, import, dump, check, demo — none of them imports Textual."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from retro import json_codec
from retro.cli.output import literal, print_columns, print_json, print_table, rounded
from retro.store import Workspace, resolve_workspace
from retro.terminal import json_for_terminal
from retro.words import num, percent

if TYPE_CHECKING:
    from retro.model import Session


def workspace_of(args: argparse.Namespace) -> Workspace:
    return Workspace(resolve_workspace(args.data))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="fill a demo workspace with sample history and open the app",
        description=(
            "Fill a workspace with realistic, seeded sample history (three relationships, "
            "18 months of joint retros and self-assessments) and open the app on it. Without "
            "--data or $RETRO_DATA it uses a demo folder of its own, never your real workspace; "
            "with them, the folder must be new, empty or one retro demo made (it is marked with "
            "a .retro-demo file). A folder holding anything else is refused and left untouched."
        ),
    )
    p.add_argument(
        "--no-open", action="store_true", help="only fill the workspace; do not open the app"
    )
    p.add_argument(
        "--reset",
        action="store_true",
        help="throw away the demo folder and fill it anew (only ever a folder retro demo made)",
    )
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("relationships", help="list the relationships of the workspace")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_relationships)

    p = sub.add_parser("sessions", help="list sessions, of one relationship or of all")
    p.add_argument("relationship", nargs="?", help="relationship id (default: all)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_sessions)

    p = sub.add_parser(
        "figures",
        help="the figures of one session: views, gaps, spreads, predictions, commitments kept",
    )
    p.add_argument("session", help="session id (see 'retro sessions')")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_figures)

    p = sub.add_parser(
        "import",
        help="merge a relationship file (exchange format) or a filled-in pack into the workspace",
        description=(
            "Merge a file into the workspace. Sessions are matched by id and replaced whole, so "
            "importing the same file twice changes nothing. An invalid file is rejected with the "
            "reason and nothing is written. See docs/exchange-format.md."
        ),
    )
    p.add_argument("file", help="path to the JSON file, or - for standard input")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("dump", help="write one relationship in the exchange format to stdout")
    p.add_argument("relationship", help="relationship id")
    p.set_defaults(func=cmd_dump)

    p = sub.add_parser("check", help="verify every file of the workspace")
    p.set_defaults(func=cmd_check)


def cmd_relationships(args: argparse.Namespace) -> int:
    from retro.index import summaries

    ws = workspace_of(args)
    found, problems = summaries(ws)  # listings read the index, not every history
    rows = []
    for h in found:
        ordered = h.sessions
        rows.append(
            {
                "id": h.relationship.id,
                "client": h.relationship.client,
                "agency": h.relationship.agency,
                "sessions": len(ordered),
                "last_session": ordered[-1].date if ordered else None,
            }
        )
    if args.json:
        print_json(rows)
    elif rows:
        print_table(
            ["ID", "CLIENT", "AGENCY", "SESSIONS", "LAST"],
            [
                [r["id"], r["client"], r["agency"], r["sessions"], r["last_session"] or "-"]
                for r in rows
            ],
        )
    else:
        print(literal(f"No relationships in {ws.root}. Try 'retro demo' or 'retro import FILE'."))
    return _report_problems(problems)


def _report_problems(problems: list[Any]) -> int:
    for p in problems:
        print(literal(f"retro: warning: {p.message}"), file=sys.stderr)
    return 1 if problems else 0


def cmd_sessions(args: argparse.Namespace) -> int:
    from retro.index import summaries, summarise
    from retro.store import Problem

    ws = workspace_of(args)
    problems: list[Problem]
    if args.relationship:
        history = ws.load(args.relationship)
        found, problems = [summarise(ws.path_of(args.relationship), history)], []
    else:
        found, problems = summaries(ws)  # listings read the index, not every history
    if args.json:
        print_json(
            [
                {
                    "id": s.id,
                    "relationship": h.relationship.id,
                    "date": s.date,
                    "kind": s.kind,
                    "status": s.status,
                    "phase": s.phase,
                    "language": s.language,
                    "framework": s.framework,
                    "framework_version": s.framework_version,
                    "participants": s.participants,
                    "ratings": s.ratings,
                    "actions": s.actions,
                }
                for h in found
                for s in h.sessions
            ]
        )
    elif any(h.sessions for h in found):
        sessions = [s for h in found for s in h.sessions]
        print_columns(
            ["ID", "RELATIONSHIP", "DATE", "KIND", "STATUS", "PEOPLE", "RATINGS"],
            [
                [s.id for s in sessions],
                [h.relationship.id for h in found for _ in h.sessions],
                [s.date for s in sessions],
                [s.kind for s in sessions],
                [s.status for s in sessions],
                [s.participants for s in sessions],
                [s.ratings for s in sessions],
            ],
        )
    else:
        print("No sessions yet.")
    return _report_problems(problems)


def figures_payload(ws: Workspace, sid: str) -> dict[str, Any]:
    from retro.figures import (
        RULE_NUMBERS,
        gap_kind,
        session_figures,
        shows_distribution,
        withheld,
    )
    from retro.frameworks import get_framework

    _, session = ws.find_session(sid)
    fw = get_framework(session.framework, session.framework_version, ws.root)
    dims = list(fw.keys) if fw else None
    figs = session_figures(session, dims)
    return {
        "session": session.id,
        "commitments_kept": rounded(figs.commitments_kept),
        "anonymous": session.anonymous,
        "distribution_min_raters": session.distribution_min_raters,
        "dimensions": {
            d: {
                side: {
                    **{k: rounded(v) for k, v in withheld(session, sf).as_dict().items()},
                    "gap_kind": gap_kind(sf.gap),
                    **{
                        f"{which}_scores": {
                            k: rounded(v) if isinstance(v, float) else v
                            for k, v in view.as_json(shows_distribution(session, view)).items()
                        }
                        for which, view in (("self", sf.self_scores), ("other", sf.other_scores))
                    },
                }
                for side, sf in sides.items()
            }
            for d, sides in figs.dimensions.items()
        },
        "rules": RULE_NUMBERS,
        "importance": importance_payload(session, list(figs.dimensions)),
    }


def importance_payload(session: Session, dims: list[str]) -> dict[str, Any] | None:
    """What matters to each side for --json (docs/figures.md), or None when no side gave
    points: `grids` (the client's first), `concentrate`, `priority_gaps`, `rules`."""
    from retro.figures import (
        IMPORTANCE_RULES,
        concentrate_dimensions,
        has_importance,
        importance_complete,
        importance_grid,
        importance_of,
        priority_gaps,
    )

    if not has_importance(session):
        return None
    grids = []
    for rater in ("client", "agency"):
        if not importance_of(session, rater):
            continue
        grid = importance_grid(session, rater, dims).as_json()
        grid["complete"] = importance_complete(session, rater)
        grid["importance_cross"] = rounded(grid["importance_cross"])
        grid["performance_cross"] = rounded(grid["performance_cross"])
        for p in grid["points"]:
            p["performance"] = rounded(p["performance"])
        grids.append(grid)
    return {
        "ask_importance": session.ask_importance,
        "grids": grids,
        "concentrate": concentrate_dimensions(session, dims),
        "priority_gaps": [g.as_json() for g in priority_gaps(session, dims)],
        "rules": IMPORTANCE_RULES,
    }


def cmd_figures(args: argparse.Namespace) -> int:
    payload = figures_payload(workspace_of(args), args.session)
    if args.json:
        print_json(payload)
        return 0
    kept = payload["commitments_kept"]
    print(f"Session {literal(payload['session'])}")
    print(f"Commitments kept: {percent(kept, 'en', missing='-')}")
    rows = []
    for dim, sides in payload["dimensions"].items():
        for side, f in sides.items():
            rows.append(
                [dim, side]
                + [_fmt(f["self"]), str(f["self_scores"]["n"])]
                + [_fmt(f["other"]), str(f["other_scores"]["n"])]
                + [_fmt(f[k]) for k in ("gap", "spread_self", "spread_other", "prediction")]
            )
    print_table(
        [
            "DIMENSION",
            "SUBJECT",
            "SELF",
            "N",
            "OTHER",
            "N",
            "GAP",
            "SPREAD-S",
            "SPREAD-O",
            "PREDICTED",
        ],
        rows,
    )
    importance = payload["importance"]
    if importance:
        for grid in importance["grids"]:
            print()
            print(
                f"What matters to the {grid['rater']} (points) against its view of the "
                f"{grid['subject']}; crosshairs at {grid['importance_cross']:.1f} points and "
                f"a score of {grid['performance_cross']:.2f}"
            )
            print_table(
                ["DIMENSION", "POINTS", "SCORE", "N", "QUADRANT"],
                [
                    [
                        p["dimension"],
                        "-" if p["importance"] is None else str(p["importance"]),
                        _fmt(p["performance"]),
                        str(p["n"]),
                        p["quadrant"] or "-",
                    ]
                    for p in grid["points"]
                ],
            )
        gaps = [g for g in importance["priority_gaps"] if g["is_gap"]]
        if gaps:
            print()
            at = importance["rules"]["priority_gap_at"]
            print(f"Priority gaps (client - agency points, {at} or more):")
            print_table(
                ["DIMENSION", "CLIENT", "AGENCY", "GAP"],
                [
                    [g["dimension"], str(g["client"]), str(g["agency"]), f"{g['gap']:+d}"]
                    for g in gaps
                ],
            )
    return 0


def _fmt(v: float | None) -> str:
    return num(v, "en", places=2, missing="-")


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    p = Path(path)
    if p.is_dir():
        raise IsADirectoryError(f"{path} is a folder; give the file to import")
    if not p.is_file():
        raise FileNotFoundError(f"no such file: {path}")
    return p.read_bytes()


def cmd_import(args: argparse.Namespace) -> int:
    from retro import exchange

    ws = workspace_of(args)
    try:
        raw = read_input(args.file)
    except OSError as e:
        print(literal(f"retro: error: {e}"), file=sys.stderr)
        return 1
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as e:
        print(
            literal(
                f"retro: error: {args.file}: not UTF-8 text (byte {e.start}); save it as UTF-8 JSON"
            ),
            file=sys.stderr,
        )
        return 1
    try:
        data = json_codec.loads(raw)
    except json_codec.JSONError as e:
        print(literal(f"retro: error: {args.file}: invalid JSON: {e}"), file=sys.stderr)
        return 1
    fmt = data.get("format") if isinstance(data, dict) else None
    if fmt == "retro.pack":
        from retro.pack import import_pack

        result = import_pack(ws, data)
        print(literal(result))
        return 0
    try:
        history = exchange.from_exchange(data)
        exchange.check_dimensions(history, ws.root)
    except exchange.ExchangeError as e:
        print(literal(f"retro: error: {args.file}: {e}; nothing was imported"), file=sys.stderr)
        return 1
    counts = ws.merge_history(history)
    print(
        f"Imported {literal(history.relationship.id)}: {counts['added']} session(s) added, "
        f"{counts['updated']} updated, {counts['unchanged']} unchanged."
    )
    return 0


def cmd_dump(args: argparse.Namespace) -> int:
    from retro import exchange

    history = workspace_of(args).load(args.relationship)
    sys.stdout.buffer.write(json_for_terminal(exchange.dumps(history).decode()).encode())
    sys.stdout.flush()
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from retro.frameworks import FrameworkError, load_frameworks

    ws = workspace_of(args)
    files = ws.files()
    problems = ws.check()
    for p in problems:
        print(literal(f"DAMAGED {p.message}"), file=sys.stderr)
    print(literal(f"{len(files) - len(problems)} of {len(files)} file(s) OK in {ws.root}"))
    try:
        custom = [
            f for f in load_frameworks(ws.root).values() if not f.source.startswith("built-in")
        ]
    except FrameworkError as e:
        print(literal(f"DAMAGED framework {e}"), file=sys.stderr)
        return 1
    if custom:
        print(f"{len(custom)} custom framework(s) OK")
    return 1 if problems else 0


def demo_workspace(args: argparse.Namespace) -> Path:
    """`--data DIR` names the demo's folder outright; otherwise the demo lives in a folder of
    its own beside the default workspace. $RETRO_DATA names the user's real workspace, so it
    is never where a demo goes (the README suggests setting it)."""
    if args.data:
        return resolve_workspace(args.data)
    import platformdirs

    return Path(platformdirs.user_data_dir("retro", appauthor=False)) / "demo"


def cmd_demo(args: argparse.Namespace) -> int:
    from retro.demo import adopt_legacy_demo, fill_demo

    root = demo_workspace(args)
    if not args.data:
        adopt_legacy_demo(root)  # retro's own demo folder, filled before demos were marked
    ws = Workspace(root)
    created = fill_demo(ws, reset=args.reset)
    if created:
        print(literal(f"Demo workspace filled: {root} ({created} relationships)"))
    else:
        print(literal(f"Demo workspace: {root} (already filled; --reset to start over)"))
    if args.no_open:
        return 0
    args.data = str(root)
    return open_app(args)


@contextmanager
def loading_app() -> Iterator[None]:
    """Around importing and building the TUI: the cyclic garbage collector paused, then
    everything loaded so far frozen out of its sight (gc.freeze).

    Importing Textual and the app makes some 60k long-lived objects the collector tracks
    (functions, classes, module dicts) and almost no garbage, yet its passes over them
    took 33-47 ms of a 300-370 ms start (a full one alone 12-27 ms) and freed nearly
    nothing (measured with gc.callbacks, demo and 30 x 60 alike; 8 ms now). Frozen, they
    are never scanned again, in the meeting too; what the app makes later is collected as
    usual.
    """
    from retro import collector

    collector.for_the_app()
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def open_app(args: argparse.Namespace) -> int:
    with loading_app():
        from retro.tui.app import make_app  # Textual only for the commands that open the app

        app = make_app(workspace_of(args), lang=args.lang, theme=args.theme)
    app.run()
    return app.return_code or 0
