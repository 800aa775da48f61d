"""`retro portfolio` reads a per-file cache (retro.portfolio_index) and must give exactly the
rows, problems and ranking that computing the portfolio from every history gives: on any
day, after a file changes, with other frameworks, with damaged files or a damaged cache."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.demo import fill_demo
from retro.export import latest_language
from retro.frameworks import load_frameworks
from retro.model import History, Relationship
from retro.portfolio_index import cache_path, portfolio_rows
from retro.store import Workspace
from retro.trends import portfolio

from .strategies import histories

TODAY = date(2026, 11, 23)


@pytest.fixture
def demo(workspace: Workspace) -> Workspace:
    fill_demo(workspace, today=TODAY)
    return workspace


def _expected(ws: Workspace, today: date):
    found, problems = ws.scan()
    return portfolio(found, today, load_frameworks(ws.root)), problems, latest_language(found)


def _cached(ws: Workspace, today: date):
    return portfolio_rows(ws, today, load_frameworks(ws.root))


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    seen: list[Path] = []
    real = Workspace._load_path

    def counting(self: Workspace, path: Path):
        seen.append(path)
        return real(self, path)

    monkeypatch.setattr(Workspace, "_load_path", counting)
    return seen


def test_cold_and_warm_cache_give_the_computed_portfolio_on_any_day(
    demo: Workspace, loads: list[Path]
) -> None:
    for days in (0, 3, 40, 400):
        today = TODAY + timedelta(days=days)
        expected = _expected(demo, today)
        loads.clear()
        assert _cached(demo, today) == expected
        assert loads == [] or days == 0  # only the first run reads the files
    assert any(r.overdue for r in _cached(demo, TODAY + timedelta(days=400))[0])


def test_a_changed_file_is_read_again_and_only_that_one(demo: Workspace, loads: list[Path]) -> None:
    _cached(demo, TODAY)
    rel = _expected(demo, TODAY)[0][0].relationship
    demo.update_relationship(Relationship(rel.id, "Renamed client", rel.agency))
    loads.clear()
    got = _cached(demo, TODAY)
    assert [p.stem for p in loads] == [rel.id]
    assert got == _expected(demo, TODAY)
    assert got[0][[r.relationship.id for r in got[0]].index(rel.id)].relationship.client == (
        "Renamed client"
    )


def test_other_frameworks_make_the_cache_compute_again(demo: Workspace) -> None:
    _cached(demo, TODAY)
    rows, _, _ = portfolio_rows(demo, TODAY, None)
    assert rows == portfolio(demo.scan()[0], TODAY, None)


def test_damaged_files_and_a_damaged_cache_report_what_a_scan_reports(demo: Workspace) -> None:
    _cached(demo, TODAY)
    files = demo.files()
    files[0].write_text("{ broken")
    shutil.copy(files[1], demo.folder / "copy-of-another.json")  # misplaced: wrong name
    assert _cached(demo, TODAY) == _expected(demo, TODAY)
    cache_path(demo).write_text("[1, 2")
    assert _cached(demo, TODAY) == _expected(demo, TODAY)
    cache_path(demo).write_bytes(
        cache_path(demo).read_bytes().replace(b'"basis":[', b'"basis":[9,')
    )
    assert _cached(demo, TODAY) == _expected(demo, TODAY)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(histories(), max_size=4), st.integers(0, 800))
def test_any_workspace_gives_the_computed_portfolio(
    tmp_path_factory: pytest.TempPathFactory, found: list[History], offset: int
) -> None:
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    for h in found:
        if not ws.path_of(h.relationship.id).exists():
            ws.merge_history(h)
    today = date(2024, 1, 1) + timedelta(days=offset)
    expected = _expected(ws, today)
    assert _cached(ws, today) == expected  # cold
    assert _cached(ws, today) == expected  # warm


@pytest.mark.parametrize("languages", [("en", "nl"), ("nl", "en")])
def test_the_report_language_does_not_depend_on_which_file_is_read_first(
    workspace: Workspace, languages: tuple[str, str]
) -> None:
    """Two relationships whose newest sessions share a date and an id: the portfolio (from
    its cache) and the reports (from the histories) speak the same language, whatever the
    order of the files (found by hypothesis in CI: "nl" from the cache, "en" computed)."""
    from retro.model import Session

    for rel, lang in zip(("a", "b"), languages, strict=True):
        workspace.create_relationship(f"Client {rel}", "Agency", rel_id=rel)
        workspace.add_session(rel, Session(id="s1", date="2025-01-01", language=lang))  # type: ignore[arg-type]
    assert _cached(workspace, TODAY)[2] == _expected(workspace, TODAY)[2] == "nl"
