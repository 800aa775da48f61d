"""Import refuses what would be stored wrong (issue 14, item 6): ids that only match up to a
trailing newline, scores on a dimension the framework does not have, and two files that
claim one relationship."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from retro.cli import main
from retro.store import NotFoundError, Workspace, is_valid_id

from .test_exchange import MINIMAL


def _file(tmp_path: Path, data: dict) -> str:
    p = tmp_path / "in.json"
    p.write_text(json.dumps(data))
    return str(p)


def _copy() -> dict:
    return json.loads(json.dumps(MINIMAL))


@pytest.mark.parametrize("rel_id", ["abc\n", "abc\r\n", "abc\nrm", "a/b", "\nabc"])
def test_a_relationship_id_must_match_in_full(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], rel_id: str
) -> None:
    data = _copy()
    data["relationship"]["id"] = rel_id
    assert main(["import", _file(tmp_path, data)]) == 1
    err = capsys.readouterr().err
    assert "relationship.id" in err and "nothing was imported" in err
    assert not workspace.folder.exists() or list(workspace.folder.iterdir()) == []
    assert not is_valid_id(rel_id)
    with pytest.raises(NotFoundError):
        workspace.path_of(rel_id)


def test_valid_ids_still_pass() -> None:
    assert all(is_valid_id(i) for i in ("a", "acme-2", "Q3.retro_1", "x" * 80))
    assert not any(is_valid_id(i) for i in ("", "-a", "x" * 81, "caf\u00e9", None))


@pytest.mark.parametrize("where", ["ratings", "predictions"])
def test_scores_on_a_dimension_the_framework_lacks_are_refused(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    data = _copy()
    session = data["sessions"][0]
    if where == "ratings":
        session["ratings"][0]["dimension"] = "telepathy"
    else:
        session["predictions"] = [{"participant": "c", "dimension": "telepathy", "score": 3}]
    assert main(["import", _file(tmp_path, data)]) == 1
    err = capsys.readouterr().err
    assert f"{where}[0]: dimension 'telepathy' is not in framework 'partnership'" in err
    assert err.count("\n") == 1 and not workspace.folder.exists()


def test_a_session_on_a_framework_the_workspace_lacks_is_refused(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _copy()
    data["sessions"][0]["framework"] = "mindreading"
    assert main(["import", _file(tmp_path, data)]) == 1
    assert "framework 'mindreading' version 1" in capsys.readouterr().err
    assert not workspace.folder.exists()


def test_two_files_claiming_one_relationship_are_reported_by_check(
    workspace: Workspace, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import", _file(tmp_path, _copy())]) == 0
    original = workspace.path_of("acme")
    copy = workspace.folder / "acme-copy.json"
    shutil.copyfile(original, copy)
    capsys.readouterr()
    assert main(["check"]) == 1
    out, err = capsys.readouterr()
    assert "1 of 2 file(s) OK" in out
    assert f"DAMAGED {copy}" in err and "'acme', which acme.json already holds" in err
    assert main(["relationships", "--json"]) == 1
    out, err = capsys.readouterr()
    assert [r["id"] for r in json.loads(out)] == ["acme"] and str(copy) in err
    # The sessions are listed once, not twice.
    assert main(["sessions", "--json"]) == 1
    assert [s["id"] for s in json.loads(capsys.readouterr().out)] == ["s1"]
