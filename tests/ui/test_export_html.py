"""The export dialog saves the HTML report when the file name ends in .html."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from retro.export import export_session

from .test_export_screen import ExportHost, demo, session_of, settled, settled_or_closed

__all__ = ["demo"]  # the fixture, imported for pytest


async def test_a_html_name_saves_the_html_report(demo, tmp_path: Path) -> None:
    sid = session_of(demo, "gemeente-zwolle")
    app = ExportHost(demo, sid)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await settled(pilot)
        await pilot.press("f3")  # the other language, as previewed
        screen = await settled(pilot)
        screen.query_one("#export-folder", Input).value = str(tmp_path)
        screen.query_one("#export-path", Input).value = "summary.html"
        await pilot.press("ctrl+s")
        await settled_or_closed(pilot)
    saved = (tmp_path / "summary.html").read_text("utf-8")
    assert saved.startswith("<!DOCTYPE html>") and "<svg" in saved
    lang = screen.choice.lang
    assert f'<html lang="{lang}">' in saved
    assert saved == export_session(
        demo, sid, audience=screen.choice.audience, lang=lang, fmt="html"
    )
