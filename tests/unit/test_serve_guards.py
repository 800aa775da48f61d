"""`retro serve` against a stranger: Origin check, cap on the join screen, back-off per address.

The server runs as the user runs it (`retro serve` in its own process group) and is
spoken to the way textual.js speaks to it: a websocket at /ws carrying ["stdin", keys]
and the app's screen as bytes. What each connection sees is read back from that
stream; how many codes the server compared is read from its log.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from importlib.metadata import version
from pathlib import Path

import aiohttp
import pytest

from retro.model import Participant, Session
from retro.serve_gate import MAX_DELAY, BackOff, delay_after
from retro.store import Workspace

CODE = "K7MQ2P"
ESCAPES = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
)


# -- the back-off itself, on a clock of our own --------------------------------------


def test_backoff_is_one_count_per_address_and_forgets_after_success() -> None:
    b = BackOff()
    assert b.wait("203.0.113.5", 0.0) == 0
    waits = [b.failed("203.0.113.5", float(t)) for t in range(8)]
    assert waits == [delay_after(n) for n in range(1, 9)]
    assert waits[:4] == [0.5, 0.5, 1.0, 2.0] and waits[-1] == MAX_DELAY
    # Another address is not held back by the first one's guesses.
    assert b.wait("198.51.100.7", 7.0) == 0
    assert b.wait("203.0.113.5", 7.0) == pytest.approx(MAX_DELAY)
    b.succeeded("203.0.113.5")
    assert b.wait("203.0.113.5", 7.0) == 0 and b.failures("203.0.113.5") == 0


def test_wrong_codes_count_against_an_ipv6_subscribers_whole_prefix() -> None:
    """An IPv6 client holds a /64: fresh addresses from it are the same guesser."""
    from retro.serve_server import backoff_key

    assert backoff_key("2001:db8:1:2::1") == backoff_key("2001:db8:1:2:ffff::9")
    assert backoff_key("2001:db8:1:2::1") != backoff_key("2001:db8:1:3::1")
    assert backoff_key("::ffff:203.0.113.5") == backoff_key("203.0.113.5") == "203.0.113.5"
    with pytest.raises(ValueError):
        backoff_key("not an address\x1b[2J")


def test_behind_a_proxy_the_client_is_the_address_the_proxy_added() -> None:
    """Behind Caddy/nginx everyone arrives from 127.0.0.1; the proxy's X-Forwarded-For
    entry tells them apart. Without a proxy the header is the client's own words: ignored."""
    from retro.serve_server import client_key

    xff = "198.51.100.1, 203.0.113.9"  # the first entry was sent by the client itself
    assert client_key("127.0.0.1", xff, behind_proxy=True) == "203.0.113.9"
    assert client_key("127.0.0.1", xff, behind_proxy=False) == "127.0.0.1"
    assert client_key("192.0.2.4", xff, behind_proxy=True) == "192.0.2.4"  # not our proxy
    assert client_key("127.0.0.1", "\x1b]2;x\x07", behind_proxy=True) == "127.0.0.1"


def test_only_the_served_pages_own_origin_may_open_the_websocket() -> None:
    """Behind a TLS proxy the page's origin is the public https address; on loopback any
    loopback name on the same port is the same machine. Anything else is another site."""
    from retro.serve_server import allowed_origins, origin_of

    behind = allowed_origins("https://retro.example.com")
    assert origin_of("https://retro.example.com") in behind
    assert origin_of("https://RETRO.example.com:443") in behind
    for other in ("http://retro.example.com", "https://evil.example", "null", "", None):
        assert origin_of(other) not in behind
    local = allowed_origins("http://127.0.0.1:8000")
    for same in ("http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"):
        assert origin_of(same) in local
    assert origin_of("http://localhost:8001") not in local


def test_textual_serve_is_the_version_whose_internals_retro_overrides() -> None:
    """retro.serve_server copies textual-serve 1.1's websocket handler and ships its
    textual.js: another version needs both looked at again (and this pin moved)."""
    assert version("textual-serve").startswith("1.1."), version("textual-serve")
    import textual_serve

    shipped = Path(textual_serve.__file__).parent / "static" / "js" / "textual.js"
    ours = Path(__file__).parents[2] / "retro" / "web" / "static" / "js" / "textual.js"
    assert ours.read_bytes() == shipped.read_bytes(), "re-copy textual.js and check its hosts"


# -- a real server -----------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Served:
    def __init__(self, proc: subprocess.Popen[bytes], port: int, log: Path, ws: Workspace):
        self.proc, self.port, self.log, self.workspace = proc, port, log, ws
        self.url = f"http://127.0.0.1:{port}"

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")

    def app_processes(self) -> list[int]:
        """The `retro ... join` processes started for browsers (descendants of the server)."""
        found, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            try:
                children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
            except OSError:
                continue
            for child in map(int, children):
                todo.append(child)
                try:
                    argv = Path(f"/proc/{child}/cmdline").read_bytes().split(b"\0")
                except OSError:
                    continue
                if b"retro" in argv and b"join" in argv:
                    found.append(child)
        return found


_WITH_FIRST_DELAY = (
    "import sys, retro.serve_gate as gate; gate.FIRST_DELAY = float(sys.argv.pop(1)); "
    "from retro.cli import main; sys.exit(main())"
)


@pytest.fixture
def serve(workspace: Workspace, tmp_path: Path) -> Iterator[Callable[..., Served]]:
    rel = workspace.create_relationship("Bakkerij Van Dijk", "Studio Noord").id
    workspace.add_session(
        rel,
        Session(
            id="s1",
            date="2026-11-01",
            language="en",
            participants=(Participant("c1", "Anouk", "client"),),
            status="open",
            join_code=CODE,
        ),
    )
    started: list[tuple[subprocess.Popen[bytes], object]] = []

    def start(*extra: str, first_delay: float | None = None) -> Served:
        port = _free_port()
        log_path = tmp_path / f"serve-{port}.log"
        log = log_path.open("w")
        argv = [sys.executable, "-m", "retro", "--data", str(workspace.root), "--lang", "en"]
        if first_delay is not None:
            # The same server with a shorter back-off unit (a constant of retro.serve_gate,
            # set before main() runs), so a test of its shape does not sleep through it.
            argv[1:3] = ["-c", _WITH_FIRST_DELAY, str(first_delay)]
        proc = subprocess.Popen(
            [*argv, "serve", "--port", str(port), *extra],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        started.append((proc, log))
        end = time.monotonic() + 30
        while True:
            assert proc.poll() is None, log_path.read_text()
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < end, "retro serve did not listen"
            time.sleep(0.1)
        return Served(proc, port, log_path, workspace)

    yield start
    for proc, log in started:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
                proc.wait(timeout=10)
                break
            except ProcessLookupError:
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()  # type: ignore[attr-defined]


class Tab:
    """One browser tab's websocket: what it was shown, and keys to type."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws, self.raw, self.closed = ws, "", False
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for msg in self.ws:
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.raw += msg.data.decode("utf-8", "replace")
        self.closed = True

    @property
    def shown(self) -> str:
        return ESCAPES.sub("", self.raw)

    async def type(self, keys: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def until(self, cond: Callable[[], bool], what: str, timeout: float = 40) -> None:
        end = time.monotonic() + timeout
        while not cond():
            assert time.monotonic() < end, f"timed out waiting for {what}: {self.shown[-300:]!r}"
            await asyncio.sleep(0.05)


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def _open(http: aiohttp.ClientSession, served: Served, origin: str | None = None) -> Tab:
    ws = await http.ws_connect(
        f"ws://127.0.0.1:{served.port}/ws?width=100&height=30",
        headers={"Origin": origin or served.url},
    )
    return Tab(ws)


async def test_a_websocket_from_another_origin_is_refused_before_any_process(
    serve: Callable[..., Served], http: aiohttp.ClientSession
) -> None:
    """Another web site open in a participant's browser cannot drive the app."""
    served = serve()
    for origin in ("http://evil.example", f"http://127.0.0.1:{served.port + 1}", "null"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await _open(http, served, origin=origin)
        assert refused.value.status == 403
    assert served.app_processes() == []
    # The page's own origin (and the same machine by another loopback name) still joins.
    for origin in (served.url, f"http://localhost:{served.port}"):
        tab = await _open(http, served, origin=origin)
        await tab.until(lambda tab=tab: "join code" in tab.shown, "the join screen")
        await tab.ws.close()


async def test_more_browsers_at_the_join_screen_than_the_cap_are_turned_away(
    serve: Callable[..., Served], http: aiohttp.ClientSession
) -> None:
    """Each waiting tab is a process; past the cap a tab gets a message, not a process.
    Whoever entered a valid code no longer counts, so the meeting is never locked out."""
    served = serve("--max-waiting", "2")
    first, second = await _open(http, served), await _open(http, served)
    for tab in (first, second):
        await tab.until(lambda tab=tab: "join code" in tab.shown, "the join screen")
    third = await _open(http, served)
    await third.until(lambda: third.closed, "the third tab to be turned away")
    assert "too many people are at the join screen" in third.shown
    assert len(served.app_processes()) == 2
    async with http.get(served.url) as page:
        assert page.status == 503
        assert "Try again in a minute" in await page.text()

    await first.type(CODE + "\r")
    await first.until(lambda: "Anouk" in first.shown, "the first tab to join")
    fourth = await _open(http, served)
    await fourth.until(lambda: "join code" in fourth.shown, "a place at the join screen")
    assert len(served.app_processes()) == 3


async def test_parallel_wrong_guesses_from_one_address_are_slowed_as_one(
    serve: Callable[..., Served], http: aiohttp.ClientSession
) -> None:
    """Three tabs guessing as fast as the page lets them get about as many codes compared
    as one tab would, and a fresh tab from the same address has to wait its turn as well.

    The back-off unit is 0.15 s instead of 0.5 and the window shrinks with it (2 s): the
    shape checked is the same, the test sleeps about a third as long. (The real unit is
    checked by test_backoff_is_one_count_per_address_and_forgets_after_success.) Three tabs
    (each an app process to start) already tell the two rules apart: about 5 codes
    compared against about 15."""
    served = serve(first_delay=0.15)
    tabs = [await _open(http, served) for _ in range(4)]
    tabs, fresh = tabs[:3], tabs[3]
    for tab in (*tabs, fresh):
        await tab.until(lambda tab=tab: "join code" in tab.shown, "the join screen")

    async def guess(tab: Tab, until: float) -> None:
        while time.monotonic() < until:
            assert not tab.closed, served.log_text() + tab.shown[-500:]
            await tab.type("WRONG9\r")
            await asyncio.sleep(0.2)

    # One address: waits of 0.15, 0.15, 0.3 and 0.6 s after the first four wrong codes put
    # the fifth at about 1.2 s and the sixth at 2.4, as for one tab alone; each tab with
    # its own back-off would get about five each in 2 s (a guess every 0.2 s), 15 in all.
    window = 2.0
    await asyncio.gather(*(guess(tab, time.monotonic() + window) for tab in tabs))
    compared = served.log_text().count("wrong join code from 127.0.0.1")
    assert 3 <= compared <= 8, served.log_text()

    # Right after the next wrong code, the seventh tab, which has not guessed at all, tries
    # the right code: it waits its turn like the others (at least 1.2 s by now).
    while served.log_text().count("wrong join code from 127.0.0.1") == compared:
        await tabs[0].type("WRONG9\r")
        await asyncio.sleep(0.2)
    await fresh.type(CODE + "\r")
    await fresh.until(lambda: "Too many wrong codes from your network" in fresh.shown, "a wait")
    await asyncio.sleep(0.5)
    assert "Anouk" not in fresh.shown and "Bakkerij" not in fresh.shown


@pytest.mark.slow
def test_the_wheel_carries_the_served_page(built_wheel: Path) -> None:
    """An installed retro serves its own page too, not only a source checkout."""
    import zipfile

    root = Path(__file__).resolve().parents[2]
    wheel = built_wheel
    names = set(zipfile.ZipFile(wheel).namelist())
    web = root / "retro" / "web"
    shipped = {f"retro/web/{p.relative_to(web).as_posix()}" for p in web.rglob("*") if p.is_file()}
    assert "retro/web/templates/app_index.html" in shipped
    assert "retro/web/static/js/textual.js" in shipped
    assert shipped <= names, shipped - names
