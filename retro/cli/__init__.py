"""The command line: a thin face on the core. Only commands that open the TUI import Textual."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import NoReturn

from retro import __version__

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """An error the user can act on: printed as one line on stderr, exit code 1."""


class Parser(argparse.ArgumentParser):
    """argparse with the one-line errors every other failure has: the usage block that
    argparse prints by default buries the reason; --help still shows it in full."""

    def error(self, message: str) -> NoReturn:
        from retro.cli.output import literal  # argparse quotes unknown arguments as typed

        line = literal(f"{self.prog}: error: {message} (see '{self.prog} --help')")
        self.exit(EXIT_USAGE, line + "\n")


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="retro",
        description=(
            "A client and its agency evaluate their working relationship together, both ways. "
            "Without a command, opens the app on the workspace."
        ),
        epilog="Workspace: --data DIR, else $RETRO_DATA, else your user data folder.",
    )
    parser.add_argument("--version", action="version", version=f"retro {__version__}")
    parser.add_argument(
        "--data", metavar="DIR", help="workspace folder (default: $RETRO_DATA or your data dir)"
    )
    parser.add_argument("--lang", choices=("nl", "en"), help="language of the app (default: en)")
    parser.add_argument(
        "--theme", help="Textual theme for the app, e.g. textual-light for projectors"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    # Each module adds its subcommands through register(subparsers) and imports what a
    # command needs (Jinja2, Textual, textual-serve) only when it runs. Imported here, not at
    # the top: they import CommandError from this module.
    from retro.cli import core, export_cmd, remote_cmd, trends_cmd

    for module in (core, export_cmd, trends_cmd, remote_cmd):
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from retro.store import StoreError, plain_reason

    func = getattr(args, "func", None)
    try:
        if func is None:
            from retro.cli.core import open_app

            return open_app(args)
        return int(func(args) or 0)
    except (CommandError, StoreError, ValueError) as e:
        from retro.cli.output import literal

        print(literal(f"retro: error: {e}"), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:  # a disk that refuses (full, read-only, size limit): one line, no trace
        where = f"{e.filename}: " if e.filename else ""
        from retro.cli.output import literal

        print(literal(f"retro: error: {where}{plain_reason(e)}"), file=sys.stderr)
        return EXIT_ERROR
