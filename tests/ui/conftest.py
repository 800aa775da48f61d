"""UI test fixtures: a steady cursor, and small workspaces with fixed dates for stable screens."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from tests.ui.data import build_workspace


@pytest.fixture(autouse=True)
def _steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from run to run."""
    monkeypatch.setattr(Input, "_toggle_cursor", lambda self: None)


@pytest.fixture
def acme(workspace):
    """A relationship with one closed earlier session (four people, three actions)."""
    build_workspace(workspace)
    return workspace
