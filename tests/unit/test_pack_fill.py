"""`retro fill`: answering a pack in the app with no workspace, saved into the file as you go."""

from __future__ import annotations

from pathlib import Path

import pytest

from retro import pack as packs
from retro.cli import main
from retro.store import Workspace
from retro.tui.screens.join import make_fill_app
from retro.tui.screens.join_rate import RateScreen
from tests.ui.data import bram_s_pack


@pytest.fixture
def pack_file(workspace: Workspace, tmp_path: Path) -> Path:
    return bram_s_pack(workspace, tmp_path / "bram.json")


async def test_fill_saves_each_answer_into_the_pack_then_imports(
    pack_file: Path, workspace: Workspace, monkeypatch, tmp_path
) -> None:
    # No workspace while filling in: point RETRO_DATA at a folder that must stay empty.
    monkeypatch.setenv("RETRO_DATA", str(tmp_path / "nowhere"))
    app = make_fill_app(pack_file)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if isinstance(app.screen, RateScreen):
                break
            await pilot.pause(0.05)
        rate = app.screen
        assert rate.lang == "nl"  # the session's language
        await pilot.press(*"Fietsen", "enter")  # check-in first
        await pilot.press("5")
        for _ in range(200):
            if rate.pending == 0 and packs.read_pack(pack_file)["answers"]["ratings"]:
                break
            await pilot.pause(0.05)
    data = packs.read_pack(pack_file)  # checksum still valid after the app's writes
    assert data["answers"]["checkin"] == "Fietsen"
    assert [(r["dimension"], r["subject"], r["score"]) for r in data["answers"]["ratings"]] == [
        ("transparency", "agency", 5)
    ]
    assert not (tmp_path / "nowhere").exists()
    summary = packs.import_pack(workspace, data)
    assert "2 answer(s) merged" in summary
    s = workspace.load("bakkerij-van-dijk").session("s1")
    assert s.rating("a1", "transparency", "agency").score == 5
    assert s.checkin.answers[0].text == "Fietsen"


async def test_fill_predictions_in_a_self_assessment(pack_file: Path) -> None:
    app = make_fill_app(pack_file, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.1)
        rate = app.screen
        # a self-assessment: the agency about itself, then the prediction, per dimension
        kinds = [p.kind for p in rate.pages[1:4]]
        assert kinds == ["rating", "prediction", "rating"]
        rate.index = 2
        rate.show_page()
        await pilot.press("2")
        for _ in range(200):
            if rate.pending == 0 and packs.read_pack(pack_file)["answers"]["predictions"]:
                break
            await pilot.pause(0.05)
    preds = packs.read_pack(pack_file)["answers"]["predictions"]
    assert preds == [{"dimension": "transparency", "score": 2}]


def test_fill_refuses_a_file_that_is_not_a_pack(tmp_path, capsys) -> None:
    bad = tmp_path / "x.json"
    bad.write_text('{"format": "retro.relationship"}')
    assert main(["fill", str(bad)]) == 1
    assert "not a retro fill-in pack" in capsys.readouterr().err
    assert main(["fill", str(tmp_path / "missing.json")]) == 1
