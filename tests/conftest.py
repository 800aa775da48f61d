"""Every test gets its own workspace: no test ever touches a real user's data."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
import textual._wait
import textual.css.stylesheet
import textual.worker_manager

# Pilot decides "the app is idle" by sleeping in steps of SLEEP_GRANULARITY (20 ms) until
# a step passes with almost no CPU used; `pilot.press` does that twice per key, so a test
# that types a sentence spent most of its time asleep. Steps of 5 ms keep the same rule
# (a step counts as idle below 5% CPU) and the same message-queue wait before it; only
# the sleeping is shorter.
textual._wait.SLEEP_GRANULARITY = 1 / 200
textual._wait.SLEEP_IDLE = textual._wait.SLEEP_GRANULARITY / 20


async def _wait_for_complete(self, workers=None) -> None:  # type: ignore[no-untyped-def]
    """Textual's wait_for_complete, with a cancelled worker counted as done.

    retro's background reloads are exclusive workers: a newer reload cancels the one
    before, which is the app working as meant. Textual's version then raises
    WorkerCancelled out of every test helper that waits for the workers, so a test
    failed whenever a file watch fired a second reload at the wrong moment. Workers
    that fail still raise (WorkerFailed).
    """
    from textual.worker import WorkerCancelled

    while True:
        try:
            await _textual_wait_for_complete(self, workers)
            return
        except WorkerCancelled:
            continue  # the cancelled one is finished now; wait for the rest


_textual_wait_for_complete = textual.worker_manager.WorkerManager.wait_for_complete
textual.worker_manager.WorkerManager.wait_for_complete = _wait_for_complete  # type: ignore[method-assign]


def _parse_rules_once_per_process(  # type: ignore[no-untyped-def]
    self, css, read_from, is_default_rules=False, tie_breaker=0, scope=""
):
    """Textual's Stylesheet._parse_rules with its cache shared by every app of the process.

    Textual caches parsed CSS per stylesheet, and each app builds new stylesheets, so every
    one of the suite's ~600 app runs parsed retro's .tcss and every widget's DEFAULT_CSS
    again (about a tenth of an app's start). The key adds the theme's variables, the one
    input the parse reads besides its arguments; the rule sets are read-only after parsing
    (Textual itself reuses them across its re-parses).
    """
    key = (tuple(self._variables.items()), css, read_from, is_default_rules, tie_breaker, scope)
    try:
        return _PARSED_CSS[key]
    except KeyError:
        rules = _textual_parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _PARSED_CSS[key] = rules
        return rules


_PARSED_CSS: dict[tuple, list] = {}
_textual_parse_rules = textual.css.stylesheet.Stylesheet._parse_rules
textual.css.stylesheet.Stylesheet._parse_rules = _parse_rules_once_per_process  # type: ignore[method-assign]


def _fsync_without_the_disk(fd: int) -> None:
    """os.fsync for the tests: checks the descriptor as fsync does, then skips the flush.

    An fsync only matters when the power fails, which no test does; each one still costs
    3-4 ms of waiting for the disk here, and the suite saves about a thousand times. The
    call itself stays (store_files still calls os.fsync at the same points), so the tests
    that make fsync fail (a full disk) patch it as before and still see their error.
    Subprocesses (the kill and concurrency tests, `retro serve`) keep the real one.
    """
    os.fstat(fd)  # a closed or bad descriptor still raises OSError


os.fsync = _fsync_without_the_disk


# Python's collector, tuned for a process that runs hundreds of Textual apps one after
# another. Each app leaves many short-lived objects, so with the default thresholds
# (700, 10, 10) the collector ran a full pass over the whole heap (pytest, every test
# module, every parsed stylesheet) about every 30 tests: a quarter of a UI test file's CPU
# (measured with gc.callbacks: 9.1 s of 31.6 s for test_snapshots + test_hostile_text).
# A larger first threshold lets most of that garbage go in young passes, and what was
# imported and collected before the first test (never garbage) is frozen out of every
# full pass. The tests see the same objects; only when cycles are found changes. About
# 40 MB more per worker.
gc.set_threshold(10_000, 10, 10)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Everything alive after collection lives to the end: keep it out of full passes."""
    gc.collect()
    gc.freeze()


# During a test, a young pass only once a million new objects are alive (none of the
# suite's tests gets there: the longest, the keyboard session, ends with about 400,000);
# at its end, one pass over what it and its fixtures made. Young passes every 10,000 new
# objects walked a running app again and again while it was alive (each pass over the
# newest objects, every tenth over all that survived them); now what a test made and
# dropped (its app, widgets, messages) is walked once, when it is garbage. Measured back
# to back, test_history + test_hostile_text + test_weigh at -n0: passes 3.7 and 4.3 s of
# CPU (gc.callbacks) before, 2.4 and 3.0 s after; peak memory 154 MB before, 139 after.
# Passes over everything still come in Python's own rhythm, counted by the end-of-test
# passes. An exception raised in a __del__ during the end pass is reported on that test
# (pytest looks for those after the fixtures' teardown).
TEST_THRESHOLD = 1_000_000


@pytest.fixture(autouse=True)
def _collector_after_the_test() -> Iterator[None]:
    """Run first and finished last of the function fixtures: the collector waits for the
    test (see TEST_THRESHOLD), then collects once what it and its fixtures left.

    The thresholds are put back as they were before the test, so one that changed them
    (a command's `main()` sets a command's rhythm) leaves the later tests as they were.
    """
    before = gc.get_threshold()
    gc.set_threshold(TEST_THRESHOLD, *before[1:])
    yield
    gc.set_threshold(*before)
    gc.collect(1)


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


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """retro's wheel, built once per test run and shared by every worker (the tests that
    need one only read it).

    Built by calling hatchling's PEP 517 hook (`build_wheel`) in a fresh interpreter, the
    call pip makes: 0.15 s, against 0.6 s through `pip wheel --no-build-isolation` and
    about 2 s through pip's isolated build (a temporary venv with hatchling installed in
    it, each run). hatchling is a test dependency (pyproject's `test` extra); without it
    the isolated pip build still works. The same wheel either way (same files, same bytes).
    """
    import importlib.util
    import subprocess
    import sys

    from filelock import FileLock

    root = Path(__file__).resolve().parents[1]
    base = tmp_path_factory.getbasetemp()
    # The same folder for all xdist workers of this run (the run's, above each worker's);
    # without xdist the run's own: its parent is shared by every run, which reused a wheel
    # built from older code.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    dist = shared / "wheel"
    with FileLock(str(shared / "wheel.lock")):
        wheels = list(dist.glob("retro-*.whl"))
        if not wheels:
            if importlib.util.find_spec("hatchling") is not None:
                hook = (
                    "import sys; from hatchling.build import build_wheel; build_wheel(sys.argv[1])"
                )
                cmd = [sys.executable, "-c", hook, str(dist)]
            else:
                cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist)]
                cmd.append(str(root))
            subprocess.run(cmd, check=True, capture_output=True, timeout=180, cwd=root)
            wheels = list(dist.glob("retro-*.whl"))
    (wheel,) = wheels
    return wheel


# Workers per core for `-n auto`. About a tenth of the suite's time is spent waiting, not
# computing: `retro serve` and the app processes it starts, headless Chromium, the
# pseudo-terminal tests letting the screen settle, the join back-off, subprocesses that
# start Python. With one worker per core, a core idles through each of those waits.
# Measured on the 2-core development machine with nobody else running (2026-11-29, load
# below 1 at the start, whole suite, 1697 tests): -n 2 took 135 s wall and 183 s CPU,
# -n 3 took 124 s and 209 s (one more collection of ~3 s, and three processes sharing
# two cores). So half a worker more per core: the waits overlap.
WORKERS_PER_CORE = 1.5


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto` (the README's command) starts WORKERS_PER_CORE workers per core.

    An extra worker fills a core while another waits (see WORKERS_PER_CORE).
    PYTEST_XDIST_AUTO_NUM_WORKERS still decides when set, as in xdist itself.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return None  # xdist's own hook reads it
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, round(cores * WORKERS_PER_CORE))
