"""Every test gets its own workspace: no test ever touches a real user's data."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    ws = tmp_path / "workspace"
    monkeypatch.setenv("RETRO_DATA", str(ws))
    # platformdirs must never be reached either: point HOME and XDG at the test folder.
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home" / "cache"))  # retro.index
    return ws


@pytest.fixture
def workspace(_isolated_workspace: Path):
    from retro.store import Workspace

    return Workspace(_isolated_workspace)
