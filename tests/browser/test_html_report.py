"""The HTML report in a real browser: headless Chromium opens the file as a reader would.

The charts draw (each inline SVG has a size), the page asks for nothing beyond itself,
a hostile dimension name is visible text and runs nothing, and printing gives a PDF.
Skipped when Chromium or its driver is absent (`.ci/run` installs the Debian packages).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from retro.export import export_session
from tests.browser.chromium import NEEDS_CHROMIUM, start_chromium

from ..unit.test_export_pictures import HOSTILE_NAMES, make

pytestmark = NEEDS_CHROMIUM


@pytest.fixture
def browser(tmp_path: Path):
    driver = start_chromium(tmp_path / "chromium-profile", "1100,800")
    try:
        yield driver
    finally:
        driver.quit()


def test_the_report_opens_draws_its_charts_and_prints(workspace, tmp_path, browser) -> None:
    ws = make(workspace, HOSTILE_NAMES)
    page = tmp_path / "report.html"
    page.write_text(export_session(ws, "s-2", lang="en", fmt="html"), "utf-8")
    browser.get(page.as_uri())
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('svg')].map(s => {"
        " const r = s.getBoundingClientRect(); return [r.width, r.height]; })"
    )
    assert len(sizes) == 1 and all(w > 100 and h > 100 for w, h in sizes)
    assert browser.execute_script("return document.querySelectorAll('script').length") == 0
    text = browser.execute_script("return document.body.innerText")
    assert "</text><script>alert(1)</script><text>" in text and "{{ 7*7 }}" in text
    requested = [
        json.loads(e["message"])["message"]["params"].get("request", {}).get("url", "")
        for e in browser.get_log("performance")
        if '"Network.requestWillBeSent"' in e["message"]
    ]
    # Nothing from a network, no other file; (Chromium's own new-tab page asks for
    # chrome:// and data: resources before ours loads)
    assert not [u for u in requested if u.startswith(("http", "ws", "ftp"))], requested
    assert [u for u in requested if u.startswith("file:")] == [page.as_uri()]
    pdf = browser.execute_cdp_cmd("Page.printToPDF", {"printBackground": False})
    assert base64.b64decode(pdf["data"]).startswith(b"%PDF")
