"""`retro export`: a session summary or a relationship's trends report, without Textual."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from retro.cli import CommandError
from retro.cli.output import literal


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="a Markdown summary of a session, or a relationship's trends report",
        description=(
            "Write a summary of one session (or, with --trends, of a relationship over\n"
            "time) to standard output or a file. A template of the same name in the\n"
            "workspace's templates/ folder wins over the built-in one; --template PATH\n"
            "uses any file. See docs/templates.md."
        ),
        epilog=(
            "examples:\n"
            "  retro export SESSION --audience shared --lang en   (ids: retro sessions)\n"
            "  retro export SESSION --audience internal -o summary.md\n"
            "  retro export --trends bakkerij-van-dijk --format csv"
        ),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "session", nargs="?", metavar="SESSION", help="session id (see 'retro sessions')"
    )
    p.add_argument(
        "--trends",
        metavar="RELATIONSHIP",
        help="the trends report of a relationship instead of one session",
    )
    p.add_argument(
        "--audience",
        choices=("internal", "shared"),
        help=(
            "shared: what both sides may see (no internal notes or predictions; no names in an "
            "anonymous session); internal: everything. Default: shared for a joint session and "
            "trends, internal for a self-assessment"
        ),
    )
    p.add_argument(
        "--lang", dest="export_lang", choices=("nl", "en"), help="default: the session's language"
    )
    p.add_argument(
        "--template", metavar="NAME|PATH", help="template name or file (default: built-in)"
    )
    p.add_argument(
        "--format", dest="fmt", choices=("md", "json", "csv"), default="md", help="default: md"
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    p.set_defaults(func=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from retro.cli.core import workspace_of
    from retro.export import export_session, export_trends

    if bool(args.session) == bool(args.trends):
        raise CommandError(
            "give either a SESSION or --trends RELATIONSHIP (see 'retro export --help')"
        )
    if args.template and args.fmt != "md":
        raise CommandError("--template applies to --format md only")
    ws = workspace_of(args)
    # --lang before the command is the app's language; after it, the export's.
    lang = args.export_lang or getattr(args, "lang", None)
    if args.trends:
        text = export_trends(
            ws,
            args.trends,
            audience=args.audience or "shared",
            lang=lang,
            template=args.template,
            fmt=args.fmt,
        )
    else:
        text = export_session(
            ws,
            args.session,
            audience=args.audience,
            lang=lang,
            template=args.template,
            fmt=args.fmt,
        )
    if args.output:
        out = Path(args.output)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            raise CommandError(f"cannot write {out}: {e.strerror or e}") from None
        print(literal(f"Wrote {out}"), file=sys.stderr)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    return 0
