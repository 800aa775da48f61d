"""`retro serve` in a real browser: headless Chromium joins a session through textual-serve.

The page draws the terminal on a canvas, so what the app shows is read from the
websocket stream instead (a small hook installed before the page loads), and what it
saved is read from the store. Skipped only when Chromium or its driver is absent
(`.ci/run` installs the Debian packages).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from retro.model import Participant, Session
from retro.store import Workspace
from tests.browser.chromium import NEEDS_CHROMIUM, start_chromium

pytestmark = NEEDS_CHROMIUM

CODE = "K7MQ2P"

# Records everything the app sends to the page, decoded, for the test to read back.
HOOK = """
(() => {
  window.__retroText = "";
  const Orig = window.WebSocket;
  const dec = new TextDecoder();
  function Hooked(url, protocols) {
    const ws = protocols === undefined ? new Orig(url) : new Orig(url, protocols);
    ws.addEventListener("message", (e) => {
      if (typeof e.data === "string") { window.__retroText += e.data; }
      else if (e.data instanceof ArrayBuffer) {
        window.__retroText += dec.decode(new Uint8Array(e.data), {stream: true});
      } else if (e.data instanceof Blob) { e.data.text().then((t) => window.__retroText += t); }
    });
    return ws;
  }
  Hooked.prototype = Orig.prototype;
  Object.assign(Hooked, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  window.WebSocket = Hooked;
})();
"""
ESCAPES = re.compile(
    r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(condition: Callable[[], bool], what: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


@pytest.fixture
def served(workspace: Workspace, tmp_path: Path) -> Iterator[tuple[str, Workspace, str]]:
    rel = workspace.create_relationship("Bakkerij Van Dijk", "Studio Noord").id
    workspace.add_session(
        rel,
        Session(
            id="s1",
            date="2026-11-01",
            language="en",
            participants=(
                Participant("c1", "Anouk", "client"),
                Participant("a1", "Bram", "agency"),
            ),
            status="open",
            blind=True,
            join_code=CODE,
        ),
    )
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "retro",
            "--data",
            str(workspace.root),
            "serve",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: the app processes die with it
    )
    try:

        def listening() -> bool:
            assert proc.poll() is None, (tmp_path / "serve.log").read_text()
            with socket.socket() as s:
                return s.connect_ex(("127.0.0.1", port)) == 0

        _wait(listening, "retro serve to listen")
        yield f"http://127.0.0.1:{port}/", workspace, rel
    finally:
        for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=grace)
                break
            except subprocess.TimeoutExpired:
                continue
        log.close()


@pytest.fixture
def browser(tmp_path: Path):
    driver = start_chromium(tmp_path / "chromium-profile", "1100,720")
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": HOOK})
        yield driver
    finally:
        driver.quit()


def _requested_urls(browser) -> list[str]:
    """Every URL the page asked for (documents, scripts, styles, fonts, images, websockets)."""
    import json

    urls = []
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.append(message["params"]["url"])
    return urls


def test_page_is_retros_own_loads_nothing_from_elsewhere_and_takes_the_code_at_once(
    served, browser
) -> None:
    """No third party learns that someone joined (and offline the page still works): every
    request goes to the served host. And no splash or click: typing goes into the join field."""
    from urllib.parse import urlsplit

    from selenium.webdriver.common.action_chains import ActionChains

    url, _, _ = served

    def shown() -> str:
        return ESCAPES.sub("", browser.execute_script("return window.__retroText || '';"))

    _requested_urls(browser)  # drop what the browser's own start page loaded
    browser.get(url)
    _wait(lambda: "join code" in shown(), "the join screen")
    urls = _requested_urls(browser)
    served_at = urlsplit(url).netloc
    assert any(u.endswith("textual.js") for u in urls), urls  # the log did record the page
    elsewhere = [
        u
        for u in urls
        if not u.startswith(("data:", "blob:", "chrome:")) and urlsplit(u).netloc != served_at
    ]
    assert elsewhere == [], f"the page asked another host for {elsewhere}"
    assert any("/fonts/" in u for u in urls), "the terminal font is served locally"

    # Typed at whatever has the keyboard: no click on the page first.
    ActionChains(browser).send_keys(CODE).perform()
    ActionChains(browser).send_keys("\n").perform()
    _wait(lambda: "Anouk" in shown(), "the code typed without a click to open the session")


def test_join_in_the_browser_and_rate(served, browser, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    url, ws, rel = served

    def shown() -> str:
        raw = browser.execute_script("return window.__retroText || '';")
        return ESCAPES.sub("", raw)

    browser.get(url)
    _wait(
        lambda: (
            "-first-byte"
            in (browser.find_element(By.TAG_NAME, "body").get_attribute("class") or "")
        ),
        "the app to draw in the page",
    )
    _wait(lambda: "join code" in shown(), "the join screen")
    keys = browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")

    keys.send_keys("WRONG9", Keys.ENTER)
    _wait(lambda: "No open session has that code" in shown(), "the wrong code to be refused")
    for secret in ("Bakkerij", "Studio Noord", "Anouk", "Bram"):
        assert secret not in shown(), f"{secret!r} shown before a valid join code"

    # Typed again at once, as a participant does after a typo: the field stays open during
    # the back-off, and the Enter is tried when it is over.
    keys.send_keys(CODE.lower(), Keys.ENTER)
    _wait(lambda: "Anouk" in shown() and "Bakkerij" in shown(), "the session after the right code")

    keys.send_keys(Keys.ENTER)  # I am Anouk
    _wait(lambda: "Question 1 of" in shown(), "the rating screen")
    keys.send_keys("4")

    def stored() -> bool:
        r = ws.load(rel).session("s1").rating("c1", "transparency", "client")
        return r is not None and r.score == 4

    _wait(stored, "the score typed in the browser to land in the store")
    _wait(lambda: "Saved" in shown(), "the page to confirm the save")
    shot = tmp_path / "retro-serve.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    if os.environ.get("RETRO_SCREENSHOT_DIR"):
        shutil.copy(shot, Path(os.environ["RETRO_SCREENSHOT_DIR"]) / shot.name)


async def test_two_terminals_and_a_browser_rate_blind_then_one_reveal_shows_all(
    served, browser, tmp_path: Path
) -> None:
    """The issue's "done when": three people on three devices, blind, revealed at once."""
    import asyncio

    from msgspec.structs import replace
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    from retro.tui.screens.join import make_join_app
    from retro.tui.screens.join_rate import RateScreen

    url, ws, rel = served
    ws.update_session(
        rel,
        "s1",
        lambda s: replace(s, participants=(*s.participants, Participant("a2", "Chris", "agency"))),
    )

    def shown() -> str:
        return ESCAPES.sub("", browser.execute_script("return window.__retroText || '';"))

    async def wait(condition: Callable[[], bool], what: str) -> None:
        end = time.monotonic() + 30
        while not condition():
            if time.monotonic() > end:
                # What the page showed: tells a lost key from a slow machine.
                raise AssertionError(f"timed out waiting for {what}; the page shows:\n{shown()}")
            await asyncio.sleep(0.1)

    # The browser participant: Chris, third in the list.
    browser.get(url)
    await wait(lambda: "join code" in shown(), "the join screen")
    keys = browser.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")
    keys.send_keys(CODE, Keys.ENTER)
    await wait(lambda: "Chris" in shown(), "the participant list")
    keys.send_keys(Keys.DOWN, Keys.DOWN, Keys.ENTER)
    await wait(lambda: "Question 1 of" in shown(), "the rating screen")
    keys.send_keys("5")

    anouk, bram = make_join_app(ws, lang="en"), make_join_app(ws, lang="en")
    async with anouk.run_test(size=(80, 24)) as pa, bram.run_test(size=(80, 24)) as pb:
        for pilot, app, downs, score in ((pa, anouk, 0, "4"), (pb, bram, 1, "2")):
            await pilot.press(*CODE, "enter")
            await wait(lambda app=app: type(app.screen).__name__ == "WhoScreen", "who")
            await pilot.press(*(["down"] * downs), "enter")
            await wait(lambda app=app: isinstance(app.screen, RateScreen), "rate")
            await pilot.press(score)

        def everyone_saved() -> bool:
            s = ws.load(rel).session("s1")
            return {r.participant for r in s.ratings} == {"c1", "a1", "a2"}

        await wait(everyone_saved, "all three answers in the store")
        # Blind: each terminal holds only its own answer, though all three are saved.
        await pa.pause(0.6)
        assert {r.participant for r in anouk.screen.session.ratings} == {"c1"}
        assert {r.participant for r in bram.screen.session.ratings} == {"a1"}
        assert "Revealed" not in shown()

        # The facilitator reveals (what the reveal screen's action saves).
        ws.update_session(rel, "s1", lambda s: replace(s, revealed=True))
        await wait(
            lambda: anouk.screen.session.revealed and bram.screen.session.revealed,
            "both terminals to notice the reveal",
        )
        await wait(lambda: "Revealed" in shown(), "the browser to notice the reveal")
        # Revealed, but neither has answered everything: each still sees only their own
        # (the session engine's late-answerer rule), whatever the room already saw.
        assert {r.participant for r in anouk.screen.session.ratings} == {"c1"}
        assert {r.participant for r in bram.screen.session.ratings} == {"a1"}
    scores = {r.participant: r.score for r in ws.load(rel).session("s1").ratings}
    assert scores == {"c1": 4, "a1": 2, "a2": 5}
    browser.save_screenshot(str(tmp_path / "revealed.png"))
