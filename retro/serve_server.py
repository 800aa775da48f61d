"""The web server of `retro serve`: textual-serve's `Server`, with retro's page and guards.

textual-serve starts an app process for every websocket and trusts whoever opens one.
This subclass adds what a session that strangers can reach needs:

- the websocket's `Origin` must be the served page's own (403 otherwise), so no other
  web page can drive a participant's browser into the app;
- at most `max_waiting` connections may sit at the join screen without having entered
  a valid code; more are refused with a message, before any process is started;
- join codes are checked here, with one back-off per client address shared by all its
  connections (see retro.serve_gate for why it lives in this process);
- the page is retro's own (retro/web): nothing is loaded from another host, and the
  terminal has the keyboard at once.

textual-serve internals this depends on, checked against 1.1.x (pinned in pyproject;
tests/unit/test_serve_server.py fails when another version is installed):
`Server.__init__` (statics_path, templates_path), the route table of `Server._make_app`
(it routes `/ws` to `self.handle_websocket` and `/` to `self.handle_index`, so overriding
them here takes effect), `Server._process_messages`, and `AppService` (constructor,
`start`, `stop`, `_build_environment`). Imported only when `retro serve` runs.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web
from msgspec import Struct
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from retro.serve import is_loopback, session_by_code
from retro.serve_gate import GATE_TOKEN_ENV, GATE_URL_ENV, BackOff
from retro.store import StoreError, Workspace

log = logging.getLogger("retro.serve")

WEB = Path(__file__).parent / "web"
MAX_WAITING = 12  # connections at the join screen at once; each is an app process (~40 MB)
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")

BUSY_TEXT = (
    "\x1b[2J\x1b[H\r\n"
    "  retro: er staan nu te veel mensen bij het invoeren van de code.\r\n"
    "  Probeer het over een minuut opnieuw.\r\n\r\n"
    "  retro: too many people are at the join screen right now.\r\n"
    "  Try again in a minute.\r\n"
)
BUSY_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>retro</title></head>
<body style="font-family: monospace; background: #0c181f; color: #eee; padding: 2em">
<p>Er staan nu te veel mensen bij het invoeren van de code. Probeer het over een minuut opnieuw.</p>
<p>Too many people are at the join screen right now. Try again in a minute.</p>
</body></html>
"""


def _origin(scheme: str, host: str, port: int | None) -> str:
    """scheme://host:port with the default port spelt out, so equal origins compare equal."""
    default = 443 if scheme in ("https", "wss") else 80
    return f"{scheme}://{host.lower()}:{port or default}"


def allowed_origins(public_url: str) -> frozenset[str]:
    """The origins whose pages may open the websocket: the served page's own.

    When that page is on a loopback name (the default, and SSH tunnels), the other
    loopback names on the same port are the same machine and equally allowed.
    """
    url = urlsplit(public_url)
    host = url.hostname or ""
    names = {host}
    if is_loopback(host.strip("[]")):
        names.update(n.strip("[]") for n in LOOPBACK_NAMES)
    out = set()
    for name in names:
        shown = f"[{name}]" if ":" in name else name
        out.add(_origin(url.scheme, shown, url.port))
    return frozenset(out)


def origin_of(header: str | None) -> str | None:
    if not header:
        return None
    try:
        url = urlsplit(header)
        port = url.port
    except ValueError:
        return None
    if url.scheme not in ("http", "https") or not url.hostname:
        return None
    host = f"[{url.hostname}]" if ":" in url.hostname else url.hostname
    return _origin(url.scheme, host, port)


def backoff_key(address: str) -> str:
    """Who a wrong code is counted against: the IPv4 address, or the IPv6 /64.

    One IPv6 subscriber gets a whole /64 and could use a fresh address for every
    guess; a /64 is what one household or office holds.
    """
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def client_key(peer: str | None, forwarded: str, *, behind_proxy: bool) -> str:
    """The key the back-off is kept for: the client's address (see `backoff_key`).

    Behind a reverse proxy (--public-url given) every connection comes from the proxy,
    so the last X-Forwarded-For entry (the one the proxy added) names the client; it is
    trusted only from a loopback peer and only if it is an IP address, so a client
    cannot pick a fresh address for every guess nor put text into the log.
    """
    peer = peer or "?"
    if behind_proxy and is_loopback(peer):
        try:
            return backoff_key(forwarded.split(",")[-1].strip())
        except ValueError:
            pass
    try:
        return backoff_key(peer)
    except ValueError:
        return peer


class _GatedAppService(AppService):
    """An app process that knows where to ask about join codes (and with which token)."""

    def __init__(self, *args: Any, gate_env: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._gate_env = gate_env

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        env = super()._build_environment(width=width, height=height)
        env.update(self._gate_env)
        return env


class _Connection(Struct):
    address: str
    joined: bool = False  # a valid code was entered: no longer counts as waiting


class RetroServer(Server):
    """textual-serve's Server with an Origin check, a cap on waiting connections, and a
    join gate with per-address back-off. See the module docstring."""

    def __init__(
        self,
        command: str,
        workspace: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8000,
        public_url: str | None = None,
        max_waiting: int = MAX_WAITING,
        behind_proxy: bool = False,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title="retro",
            public_url=public_url,
            statics_path=WEB / "static",
            templates_path=WEB / "templates",
        )
        self.workspace = workspace
        self.max_waiting = max_waiting
        self.behind_proxy = behind_proxy
        self.origins = allowed_origins(self.public_url)
        self.backoff = BackOff()
        self.gate_url = ""
        self._gate_runner: web.AppRunner | None = None
        self._gate_lock = asyncio.Lock()
        self._connections: dict[str, _Connection] = {}

    # -- who is there --------------------------------------------------------------

    @property
    def waiting(self) -> int:
        """Connections whose app has not accepted a code yet."""
        return sum(not c.joined for c in self._connections.values())

    def client_address(self, request: web.Request) -> str:
        return client_key(
            request.remote,
            request.headers.get("X-Forwarded-For", ""),
            behind_proxy=self.behind_proxy,
        )

    # -- startup: a plain log, and the gate on loopback --------------------------------

    def initialize_logging(self) -> None:
        """Plain one-line log records: no Rich tracebacks with locals on the operator's screen."""
        logging.basicConfig(level="INFO", format="retro serve: %(message)s")
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    async def on_startup(self, app: web.Application) -> None:
        """Start the gate: a loopback-only endpoint the app processes ask about codes.

        A listener of its own (not a route on the public site), so nothing new is reachable
        from the network; every request must carry a live connection's token.
        """
        gate = web.Application()
        gate.add_routes([web.post("/check", self.handle_gate)])
        self._gate_runner = web.AppRunner(gate, access_log=None)
        await self._gate_runner.setup()
        site = web.TCPSite(self._gate_runner, "127.0.0.1", 0)
        await site.start()
        port = self._gate_runner.addresses[0][1]
        self.gate_url = f"http://127.0.0.1:{port}/check"
        self.console.print("Press Ctrl+C to stop.")

    async def on_shutdown(self, app: web.Application) -> None:
        if self._gate_runner is not None:
            await self._gate_runner.cleanup()

    # -- the page -----------------------------------------------------------------------

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page, or a short refusal when the join screen is full (no process is started
        by the page itself, but telling people now beats a page that cannot connect)."""
        if self.waiting >= self.max_waiting:
            return web.Response(status=503, text=BUSY_PAGE, content_type="text/html")
        response = await super().handle_index(request)
        public = urlsplit(self.public_url)
        here = f"{public.scheme}://{public.netloc}"  # textual-serve links statics absolutely
        ws = f"{'wss' if public.scheme == 'https' else 'ws'}://{public.netloc}"
        # The browser enforces it too: nothing from another host, whatever the page says.
        response.headers["Content-Security-Policy"] = (
            f"default-src 'self' {here}; script-src 'self' {here} 'unsafe-inline'; "
            f"style-src 'self' {here} 'unsafe-inline'; img-src 'self' {here} data:; "
            f"font-src 'self' {here}; connect-src 'self' {here} {ws}; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    # -- the websocket --------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's handler, behind the Origin check and the waiting-room cap."""
        if origin_of(request.headers.get("Origin")) not in self.origins:
            log.warning(
                "refused a websocket from origin %r (only %s)",
                request.headers.get("Origin", "")[:200],
                self.public_url,
            )
            raise web.HTTPForbidden(text=f"retro: open {self.public_url} to join\n")
        if self.waiting >= self.max_waiting:
            log.warning(
                "refused a connection from %s: %d already at the join screen",
                self.client_address(request),
                self.waiting,
            )
            return await self._refuse_busy(request)

        token = secrets.token_urlsafe(32)
        self._connections[token] = _Connection(self.client_address(request))
        try:
            return await self._run_app(request, token)
        finally:
            del self._connections[token]

    async def _refuse_busy(self, request: web.Request) -> web.WebSocketResponse:
        websocket = web.WebSocketResponse()
        await websocket.prepare(request)
        await websocket.send_bytes(BUSY_TEXT.encode())
        await websocket.close(code=1013, message=b"too many at the join screen")
        return websocket

    async def _run_app(self, request: web.Request, token: str) -> web.WebSocketResponse:
        # As textual_serve.server.Server.handle_websocket (1.1.3), with the gate's token
        # in the app's environment.
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = _GatedAppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,
                download_manager=self.download_manager,
                debug=self.debug,
                gate_env={GATE_URL_ENV: self.gate_url, GATE_TOKEN_ENV: token},
            )
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.error("app connection failed: %s", error)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket

    # -- the gate -----------------------------------------------------------------------

    async def handle_gate(self, request: web.Request) -> web.Response:
        """Check one join code for one connection, under its address's back-off.

        One lock for all checks: parallel guesses from one address queue up, and each one
        after the first finds the address waiting and is refused without being compared.
        """
        try:
            data = await request.json()
            token, code = str(data["token"]), str(data["code"])[:32]
        except (ValueError, KeyError, TypeError):
            return web.json_response({"error": "bad request"}, status=400)
        conn = self._connections.get(token)
        if conn is None:
            return web.json_response({"session": None, "wait": 5.0, "checked": False}, status=403)
        loop = asyncio.get_running_loop()
        async with self._gate_lock:
            wait = self.backoff.wait(conn.address, loop.time())
            if wait > 0:
                return web.json_response({"session": None, "wait": wait, "checked": False})
            found = await loop.run_in_executor(None, self._session_of, code)
            if found is None:
                delay = self.backoff.failed(conn.address, loop.time())
                log.warning(
                    "wrong join code from %s (%d in a row); next code checked in %g s",
                    conn.address,
                    self.backoff.failures(conn.address),
                    delay,
                )
                return web.json_response({"session": None, "wait": delay, "checked": True})
            self.backoff.succeeded(conn.address)
            conn.joined = True
            log.info("%s joined a session", conn.address)
            return web.json_response({"session": list(found), "wait": 0.0, "checked": True})

    def _session_of(self, code: str) -> tuple[str, str] | None:
        try:
            found = session_by_code(Workspace(self.workspace), code)
        except StoreError:
            return None
        return (found[0].relationship.id, found[1].id) if found else None
