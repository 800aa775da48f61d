"""`retro export`: a session summary or a relationship's trends report, without Textual."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from retro.cli import CommandError
from retro.cli.output import literal

if TYPE_CHECKING:
    from retro.export import Charts

# The file names the exports give their charts (retro.export.pictures): an older chart
# of that name in the folder is removed, so the folder holds this export's charts only.
CHART_FILES = ("ratings.svg", "course-")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export",
        help="a Markdown summary of a session, or a relationship's trends report",
        description=(
            "Write a summary of one session (or, with --trends, of a relationship over\n"
            "time) to standard output or a file. A template of the same name in the\n"
            "workspace's templates/ folder wins over the built-in one; --template PATH\n"
            "uses any file. See docs/templates.md.\n\n"
            "Markdown written to a file (-o NAME.md) comes with SVG charts in NAME-charts/\n"
            "beside it, referred to by relative path; --format html writes one page with\n"
            "the charts inside. See docs/pictures.md."
        ),
        epilog=(
            "examples:\n"
            "  retro export SESSION --audience shared --lang en   (ids: retro sessions)\n"
            "  retro export SESSION --audience internal -o summary.md   (+ summary-charts/)\n"
            "  retro export SESSION --format html -o summary.html       (one page, print to PDF)\n"
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
        "--format",
        dest="fmt",
        choices=("md", "json", "csv", "html"),
        default="md",
        help="default: md; html: one self-contained page, charts inline",
    )
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE instead of standard output"
    )
    chart_options(p)
    p.set_defaults(func=cmd_export)


def chart_options(p: argparse.ArgumentParser) -> None:
    """--charts DIR and --no-charts, for every command that writes Markdown."""
    group = p.add_mutually_exclusive_group()
    group.add_argument(
        "--charts",
        metavar="DIR",
        help=(
            "write the Markdown's SVG charts to DIR (default with -o FILE.md: FILE-charts "
            "beside it; printing to standard output writes none unless this is given)"
        ),
    )
    group.add_argument(
        "--no-charts", action="store_true", help="Markdown only, no charts and no references"
    )


def cmd_export(args: argparse.Namespace) -> int:
    from retro.cli.core import workspace_of
    from retro.export import export_session, export_trends

    if bool(args.session) == bool(args.trends):
        raise CommandError(
            "give either a SESSION or --trends RELATIONSHIP (see 'retro export --help')"
        )
    if args.template and args.fmt not in ("md", "html"):
        raise CommandError("--template applies to --format md and html only")
    if args.charts and args.fmt != "md":
        raise CommandError("--charts applies to --format md only (html has its charts inside)")
    ws = workspace_of(args)
    # --lang before the command is the app's language; after it, the export's.
    lang = args.export_lang or getattr(args, "lang", None)

    def produce(charts: Charts | None) -> str:
        if args.trends:
            return export_trends(
                ws,
                args.trends,
                audience=args.audience or "shared",
                lang=lang,
                template=args.template,
                fmt=args.fmt,
                charts=charts,
            )
        return export_session(
            ws,
            args.session,
            audience=args.audience,
            lang=lang,
            template=args.template,
            fmt=args.fmt,
            charts=charts,
        )

    write_export(args, produce, markdown=args.fmt == "md")
    return 0


def charts_folder(args: argparse.Namespace) -> Path | None:
    """Where a Markdown export's charts go: --charts DIR, else FILE-charts beside -o FILE;
    none on standard output (unless --charts asks) or with --no-charts."""
    if getattr(args, "no_charts", False):
        return None
    if getattr(args, "charts", None):
        return Path(args.charts)
    if args.output:
        out = Path(args.output)
        return out.with_name(f"{out.stem}-charts")
    return None


def write_export(
    args: argparse.Namespace, produce: Callable[[Charts | None], str], *, markdown: bool
) -> None:
    """Produce the export and write it to -o FILE or standard output, with its charts
    (Markdown only) in their folder, referred to relative to where the Markdown is."""
    folder = charts_folder(args) if markdown else None
    charts = None
    if folder is not None:
        # Here, not above: the chart drawing's import is for exports that write charts.
        from retro.export import Charts

        base = Path(args.output).parent if args.output else Path.cwd()
        ref = Path(os.path.relpath(folder.absolute(), base.absolute())).as_posix()
        charts = Charts(ref if args.output or not folder.is_absolute() else folder.as_posix())
    text = produce(charts)
    wrote: list[str] = []
    if args.output:
        out = Path(args.output)
        try:
            out.write_text(text, encoding="utf-8")
        except OSError as e:
            raise CommandError(f"cannot write {out}: {e.strerror or e}") from None
        wrote.append(str(out))
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    if charts is not None and folder is not None and charts.files:
        _write_charts(folder, charts.files)
        count = len(charts.files)
        wrote.append(f"{count} chart{'' if count == 1 else 's'} in {folder}{os.sep}")
    if wrote:
        print(literal("Wrote " + " and ".join(wrote)), file=sys.stderr)


def _write_charts(folder: Path, files: dict[str, str]) -> None:
    """The charts into their folder; a chart an earlier export left there under one of
    the exports' own names and this one did not draw is removed (nothing else is)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.svg"):
            if old.name not in files and old.name.startswith(CHART_FILES):
                old.unlink()
        for name, svg in files.items():
            (folder / name).write_text(svg, encoding="utf-8")
    except OSError as e:
        raise CommandError(f"cannot write the charts to {folder}: {e.strerror or e}") from None
