"""The command line: a thin face on the core. Only commands that open the TUI import Textual."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from retro import __version__, collector

# Each module adds its subcommands through register(subparsers); kept separate so a
# command's imports (Jinja2, Textual, textual-serve) are paid only when it runs.
COMMAND_MODULES = (
    "retro.cli.core",
    "retro.cli.export_cmd",
    "retro.cli.trends_cmd",
    "retro.cli.remote_cmd",
)

# The module that registers each command: main() registers only the command it runs, since
# argparse (and its lookups of translations for every help text) costs about 4 ms of each
# start for all of them. A test checks this table against what the modules register.
COMMANDS = {
    **dict.fromkeys(
        ("demo", "relationships", "sessions", "figures", "import", "dump", "check"),
        "retro.cli.core",
    ),
    "export": "retro.cli.export_cmd",
    **dict.fromkeys(("trends", "portfolio"), "retro.cli.trends_cmd"),
    **dict.fromkeys(("serve", "join", "pack", "fill"), "retro.cli.remote_cmd"),
}
OPTIONS_WITH_VALUE = ("--data", "--lang", "--theme")
HELP = ("-h", "--help")

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


def command_in(argv: Sequence[str]) -> str | None:
    """The command argv runs ("" for none: the app), or None when only the full parser can
    tell (help, or a word that is no command: argparse then lists them all)."""
    words = iter(argv)
    for word in words:
        if word in HELP:
            return None
        if word in OPTIONS_WITH_VALUE:
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return ""


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with command set, one with only that command's module registered
    ("" for none): what argparse makes of argv is the same, at a fraction of the cost."""
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
    modules = COMMAND_MODULES if command is None else (COMMANDS[command],) if command else ()
    for name in modules:
        module = importlib.import_module(name)
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    collector.for_a_command()  # retro/__main__.py did already; not a test calling main()
    parser = build_parser(command_in(sys.argv[1:] if argv is None else argv))
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
