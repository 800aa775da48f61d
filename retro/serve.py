"""Joining a session from elsewhere: join codes, and `retro serve` through textual-serve.

textual-serve starts one app process per browser tab and has no authentication of
its own, so what a browser user may see is decided here and in the join screen: a
served app starts on the join gate and shows nothing of the workspace until a code
matching an open session is entered. Imports no Textual, so the CLI stays quick.
"""

from __future__ import annotations

import ipaddress
import secrets
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from retro.model import History, Session
from retro.store import Workspace

if TYPE_CHECKING:
    from retro.serve_server import RetroServer

# No 0/O, 1/I/L: a code is read aloud in a meeting or copied off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_join_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """K7M-Q2P: easier to read aloud and copy off a projector than K7MQ2P."""
    return f"{code[:3]}-{code[3:]}" if len(code) == 6 else code


def open_session_codes(ws: Workspace) -> list[tuple[History, Session, str]]:
    """Every open session with its join code, made where it had none yet: what the person
    starting `retro serve` reads out, before anyone opens the facilitator's screen."""
    histories, _ = ws.scan()
    out = []
    for h in histories:
        for s in h.sorted_sessions():
            if s.status == "open":
                code = s.join_code or ensure_join_code(ws, h.relationship.id, s.id)
                out.append((h, s, code))
    return out


def normalise_code(text: str) -> str:
    """What people type: lower case, spaces or a dash in the middle all match."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def ensure_join_code(ws: Workspace, rel_id: str, sid: str) -> str:
    """The session's join code, made (under the store's lock) the first time it is asked for."""

    def give_code(s: Session) -> Session:
        return s if s.join_code else replace(s, join_code=new_join_code())

    return ws.update_session(rel_id, sid, give_code).join_code


def session_by_code(ws: Workspace, code: str) -> tuple[History, Session] | None:
    """The open session whose join code this is, or None (closed sessions cannot be joined)."""
    wanted = normalise_code(code)
    if len(wanted) != CODE_LENGTH:
        return None
    histories, _ = ws.scan()
    for h in histories:
        for s in h.sessions:
            if (
                s.status == "open"
                and s.join_code
                and secrets.compare_digest(normalise_code(s.join_code), wanted)
            ):
                return h, s
    return None


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


INSECURE_WARNING = (
    "warning: serving on {host}, which other machines can reach. The traffic (join codes "
    "and answers) is NOT encrypted: put retro behind a reverse proxy with TLS (e.g. Caddy or "
    "nginx) and give it --public-url https://..., or use 127.0.0.1 with an SSH tunnel."
)


def app_command(workspace: Path, *, lang: str | None = None, theme: str | None = None) -> str:
    """The shell command textual-serve runs for each browser tab: the join gate, nothing else."""
    argv = [sys.executable, "-m", "retro", "--data", str(workspace)]
    if lang:
        argv += ["--lang", lang]
    if theme:
        argv += ["--theme", theme]
    argv.append("join")
    return shlex.join(argv)


def make_server(
    workspace: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    *,
    public_url: str | None = None,
    lang: str | None = None,
    theme: str | None = None,
    max_waiting: int | None = None,
    behind_proxy: bool = False,
) -> RetroServer:
    """The web server: textual-serve with retro's page, an Origin check, a cap on
    connections at the join screen and a per-address back-off (retro.serve_server)."""
    from retro.serve_server import MAX_WAITING, RetroServer

    return RetroServer(
        app_command(workspace, lang=lang, theme=theme),
        workspace,
        host=host,
        port=port,
        public_url=public_url,
        max_waiting=MAX_WAITING if max_waiting is None else max_waiting,
        behind_proxy=behind_proxy,
    )
