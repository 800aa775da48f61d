"""Commands for people who are not at the facilitator's keyboard: serve, join, pack, fill.

Only `join`, `fill` and `serve` pay for Textual / textual-serve, and only when they run.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from retro.cli import CommandError
from retro.cli.output import literal


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "serve",
        help="serve the app in the browser (textual-serve) for participants who join",
        description=(
            "Serve retro to browsers through textual-serve. Every tab gets its own app process "
            "that opens on the join screen: nothing of the workspace is shown until the join "
            "code of an open session is entered; wrong codes slow down every tab from the same "
            "address, and only the page itself may connect. Binds to 127.0.0.1 by default; a "
            "host other machines can reach is unencrypted and belongs behind a reverse proxy "
            "with TLS."
        ),
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, e.g. https://retro.example.com behind a TLS proxy",
    )
    p.add_argument(
        "--max-waiting",
        type=int,
        default=None,
        metavar="N",
        help=(
            "how many browsers may be at the join screen at once, before entering a valid "
            "code (default: 12); each is an app process, more are turned away"
        ),
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "join",
        help="join an open session with its join code and rate it (own terminal or browser)",
        description=(
            "Open the join screen: enter the join code the facilitator's screen shows, pick who "
            "you are, and rate. You see only your own scores until the facilitator reveals."
        ),
    )
    p.add_argument("code", nargs="?", help="the join code (else the join screen asks for it)")
    p.set_defaults(func=cmd_join)

    p = sub.add_parser(
        "pack",
        help="write a fill-in pack for one participant, to answer offline with 'retro fill'",
        description=(
            "Write a signed fill-in file for one participant of an open session. They answer it "
            "with 'retro fill FILE' on any machine, without a workspace; 'retro import FILE' "
            "merges the answers back. See docs/packs.md."
        ),
    )
    p.add_argument("session", help="session id (see 'retro sessions')")
    p.add_argument("--participant", "-p", required=True, metavar="ID", help="participant id")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="where to write the pack")
    p.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    p.set_defaults(func=cmd_pack)

    p = sub.add_parser(
        "fill",
        help="answer a fill-in pack in the app; answers are saved into the pack file",
        description=(
            "Open a fill-in pack made by 'retro pack' and answer it; every answer is saved into "
            "the file at once. Needs no workspace. Send the file back to be imported."
        ),
    )
    p.add_argument("file", help="the pack file")
    p.set_defaults(func=cmd_fill)


def cmd_pack(args: argparse.Namespace) -> int:
    from retro.cli.core import workspace_of
    from retro.pack import make_pack, write_pack

    out = Path(args.output)
    if out.exists() and not args.force:
        raise CommandError(f"{out} exists; use --force to overwrite it")
    if not out.parent.is_dir():
        raise CommandError(f"folder {out.parent} does not exist")
    pack = make_pack(workspace_of(args), args.session, args.participant)
    write_pack(out, pack)
    name = pack["header"]["participant"]["name"] or args.participant
    print(
        literal(f"Wrote a pack for {name} ({args.participant}) in session {args.session} to {out}.")
    )
    print(
        literal(
            f"They answer it with: retro fill {out.name}   and you merge it with: retro import FILE"
        )
    )
    return 0


def cmd_fill(args: argparse.Namespace) -> int:
    from retro.pack import read_pack

    path = Path(args.file)
    read_pack(path)  # refuse a bad file before the screen opens, with a one-line reason
    from retro.cli.core import loading_app

    with loading_app():
        from retro.tui.screens.join import make_fill_app

        app = make_fill_app(path, lang=args.lang, theme=args.theme)
    app.run()
    return app.return_code or 0


def cmd_join(args: argparse.Namespace) -> int:
    from retro.cli.core import loading_app, workspace_of

    code = getattr(args, "code", None)
    with loading_app():
        from retro.tui.screens.join import make_join_app

        app = make_join_app(workspace_of(args), lang=args.lang, theme=args.theme, code=code)
    app.run()
    return app.return_code or 0


def cmd_serve(args: argparse.Namespace) -> int:
    from retro.serve import (
        INSECURE_WARNING,
        format_code,
        is_loopback,
        make_server,
        open_session_codes,
    )
    from retro.store import Workspace, resolve_workspace

    if not 0 < args.port < 65536:
        raise CommandError(f"--port {args.port} is not a port (1-65535)")
    if args.max_waiting is not None and args.max_waiting < 1:
        raise CommandError(f"--max-waiting {args.max_waiting} must be 1 or more")
    root = resolve_workspace(args.data).resolve()
    public_url = args.public_url
    if not is_loopback(args.host):
        print(literal(INSECURE_WARNING.format(host=args.host)), file=sys.stderr)
        if public_url is None and args.host in ("0.0.0.0", "::"):
            # textual-serve puts the host into the page's websocket address; a wildcard
            # address is not one a browser on another machine can use.
            import socket  # only here: every other command would pay for it at start-up

            public_url = f"http://{socket.getfqdn()}:{args.port}"
    try:
        server = make_server(
            root,
            args.host,
            args.port,
            public_url=public_url,
            lang=args.lang,
            theme=args.theme,
            max_waiting=args.max_waiting,
            # Behind a TLS proxy every browser arrives from the proxy: its X-Forwarded-For
            # tells them apart for the back-off.
            behind_proxy=args.public_url is not None,
        )
    except ModuleNotFoundError as e:
        raise CommandError(f"textual-serve is not installed ({e.name})") from None
    print(
        literal(
            f"retro: workspace {root}; participants open {server.public_url} and enter the join code"
        )
    )
    for history, session, code in open_session_codes(Workspace(root)):
        rel = history.relationship
        print(
            literal(f"  join code {format_code(code)}: {rel.client} & {rel.agency}, {session.date}")
        )
    sys.stdout.flush()
    try:
        server.serve()
    except OSError as e:  # port taken, address not on this machine, no permission
        raise CommandError(f"cannot listen on {args.host}:{args.port}: {e.strerror or e}") from None
    return 0
