"""Opening the TUI pauses the cyclic collector while Textual and the app load, then freezes
what they loaded (retro.cli.core.loading_app): the collector is left as it was found."""

from __future__ import annotations

import gc

import pytest

from retro.cli.core import loading_app


@pytest.fixture(autouse=True)
def _collector_as_found():
    """These tests change the collector's thresholds and freeze: the rest of this test
    process keeps what tests/conftest.py chose (Python's own thresholds, or everything
    unfrozen, would slow every later app test of this worker)."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    if enabled:
        gc.enable()
    gc.freeze()  # as conftest left it: what was loaded stays out of the collector's sight


def test_loading_freezes_what_was_loaded_and_restores_the_collector() -> None:
    before = gc.get_freeze_count()
    try:
        with loading_app():
            assert not gc.isenabled()  # no collection while loading
            loaded = [[] for _ in range(1000)]  # long-lived objects, as imports make
        assert gc.isenabled()
        assert gc.get_freeze_count() >= before + len(loaded)  # out of the collector's sight

        gc.disable()  # a caller that had it off keeps it off
        with loading_app():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_command_collects_seldom_and_the_app_as_python_does(capsys) -> None:
    """A command (short, nearly all its objects long-lived) runs the collector every
    50,000 new objects, so a read or an export runs no pass over what it loaded; the app,
    open for a meeting's hours, goes back to Python's own rhythm."""
    from retro.cli import main
    from retro.collector import APP_THRESHOLD, COMMAND_THRESHOLD

    assert main(["sessions"]) == 0
    assert gc.get_threshold() == COMMAND_THRESHOLD
    with loading_app():
        assert gc.get_threshold() == APP_THRESHOLD
    assert gc.get_threshold() == APP_THRESHOLD
