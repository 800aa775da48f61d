"""`retro trends` and `retro portfolio`: output shapes, user text taken literally, clear errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from retro.cli import main
from retro.demo import fill_demo
from retro.model import History, Participant, Rating, Relationship, Session
from tests.child_env import child_env

from .test_export_markdown import MD, inline_text

TODAY = "2026-11-20"


@pytest.fixture
def demo(workspace):
    fill_demo(workspace, today=date.fromisoformat(TODAY))
    return workspace


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_trends_json_has_exactly_the_issue_shape(demo, capsys) -> None:
    code, out, _ = run(capsys, "trends", "bakkerij-van-dijk", "--json")
    assert code == 0
    data = json.loads(out)
    # issue 4's keys, plus issue 13's counts, verdicts on change and prediction accuracy
    assert set(data) == {
        "relationship",
        "sessions",
        "commitments_kept",
        "dimensions",
        "scores",
        "latest",
        "prediction_accuracy",
        "rules",
        "importance",
    }
    n = len(data["sessions"])
    assert n == 10
    assert data["sessions"] == sorted(data["sessions"], key=lambda s: s.split("-", 3)[3])
    assert len(data["commitments_kept"]) == n
    assert data["commitments_kept"][0] is None  # nothing to review at the first session
    assert "transparency" in data["dimensions"]
    for sides in data["dimensions"].values():
        for subject in ("agency", "client"):
            for fig in ("self", "other", "gap"):
                assert len(sides[subject][fig]) == n
    # added_value has no statement about the client: null throughout, never 0
    assert set(data["dimensions"]["added_value"]["client"]["self"]) == {None}


def test_trends_text_and_markdown(demo, capsys) -> None:
    code, out, _ = run(capsys, "trends", "northwind-foods")
    assert code == 0
    assert "Northwind Foods — Brightside Digital" in out
    assert "Commitments kept:" in out and "Prediction miss" in out
    code, out, _ = run(capsys, "trends", "northwind-foods", "--md")
    assert code == 0
    assert out.startswith("# Northwind Foods — Brightside Digital: over time")
    assert "## Transparency & openness" in out  # English relationship: English titles
    assert "(self)" in out


def test_markdown_shows_user_text_literally(workspace, capsys) -> None:
    rel = Relationship("odd", "Acme | *Bold* [x](y)", "<Agency> #1")
    ag, cl = Participant("a", "A", "agency"), Participant("c", "C", "client")
    s = Session(
        "odd-1",
        "2024-01-01",
        participants=(ag, cl),
        ratings=(Rating("a", "trust", "agency", 4), Rating("c", "trust", "agency", 2)),
    )
    workspace.merge_history(History(rel, (s,)))
    _, out, _ = run(capsys, "trends", "odd", "--md", "--lang", "en")
    heading = next(t for t in MD.parse(out) if t.type == "inline")
    assert inline_text(heading) == "Acme | *Bold* [x](y) — <Agency> #1: over time"
    _, out, _ = run(capsys, "portfolio", "--md", "--today", "2024-02-01")
    assert r"Acme \| \*Bold\*" in out


def test_portfolio_json_ranked_with_explanation(demo, capsys) -> None:
    code, out, _ = run(capsys, "portfolio", "--json", "--today", TODAY)
    assert code == 0
    data = json.loads(out)
    assert data["today"] == TODAY
    assert "Needs attention first" in data["ranking"]
    rows = data["relationships"]
    assert rows[0]["relationship"] == "northwind-foods"  # the falling one
    for r in rows:
        assert r["direction"] in {"up", "down", "flat"}
        assert 1 <= r["client_on_agency"] <= 5
        assert isinstance(r["overdue_actions"], int)


def test_portfolio_text_and_empty_workspace(demo, capsys, tmp_path) -> None:
    code, out, _ = run(capsys, "portfolio", "--today", TODAY)
    assert code == 0
    assert out.startswith("Needs attention first")
    assert "Northwind Foods" in out
    code, out, _ = run(capsys, "--data", str(tmp_path / "empty"), "portfolio")
    assert code == 0 and "No relationships" in out


def test_errors_are_one_line(workspace, capsys) -> None:
    code, out, err = run(capsys, "trends", "nobody")
    assert code == 1 and out == ""
    assert err.strip() == f"retro: error: no relationship 'nobody' in {workspace.root}"
    with pytest.raises(SystemExit) as e:
        main(["trends", "x", "--json", "--md"])
    assert e.value.code == 2
    with pytest.raises(SystemExit) as e:
        main(["portfolio", "--today", "soon"])
    assert e.value.code == 2
    assert "not a date" in capsys.readouterr().err


def test_portfolio_reports_a_damaged_file_but_shows_the_rest(demo, capsys) -> None:
    (demo.folder / "broken.json").write_text("{not json")
    code, out, err = run(capsys, "portfolio", "--json", "--today", TODAY)
    assert code == 1
    assert len(json.loads(out)["relationships"]) == 3
    assert "broken.json is damaged" in err


@pytest.mark.parametrize("argv", [["trends", "x", "--json"], ["portfolio", "--json"]])
def test_trend_commands_do_not_import_textual(argv, tmp_path) -> None:
    code = (
        "import sys\n"
        "from retro.cli import main\n"
        f"main({argv!r})\n"
        "print('TEXTUAL' if any(m.startswith('textual') for m in sys.modules) else 'CLEAN',"
        " file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=child_env(RETRO_DATA=str(tmp_path)),
    )
    assert out.stderr.strip().splitlines()[-1] == "CLEAN"


def test_latest_rows_come_from_the_last_two_closed_joint_sessions(workspace, capsys) -> None:
    """A joint session in progress (mid-rating) is named, not mixed into the latest rows."""
    from tests.unit.test_trends import open_session_history

    history = open_session_history()
    workspace.merge_history(history)
    code, out, _ = run(capsys, "trends", "open-rel")
    assert code == 0
    lines = out.splitlines()
    assert (
        "Latest closed joint session (2024-04-10) and the change since the one before "
        "(2024-01-10):" in lines
    )
    assert "A session in progress (2024-07-10) is not included until it is closed." in lines
    rows = {tuple(line.split()[:2]): line.split()[2:] for line in lines}
    # Before: 2.00 ↓-3.00 (the self-assessment) | 2.00 ↓-2.00 (j3) | 1.00 →0.00 (j2).
    # One rater per view: the score itself and its n, not a decimal mean (issue 13). With
    # no history yet the threshold is one point, so a move of exactly 1 is a clear change.
    one = "(n=1)"
    assert rows[("proactivity", "agency")] == [
        "5",
        one,
        "↑+1.00",
        "4",
        one,
        "↑+1.00",
        "1.00",
        "→0.00",  # a zero change carries no sign (words.formats.number)
    ]
    assert rows[("trust", "agency")] == ["3", one, "↓-1.00", "5", one, "↑+1.00", "-2.00", "↓-2.00"]
    assert rows[("feedback", "agency")] == ["4", one, "–", "2", one, "–", "2.00", "–"]  # new in j2
    assert rows[("attention", "agency")] == ["–"] * 6  # only in j1: not carried over
    assert rows[("proactivity", "client")] == ["–"] * 6  # only in j3, still open
    for dim, subject in (("proactivity", "agency"), ("trust", "agency"), ("feedback", "agency")):
        own, other, gap = (float(rows[(dim, subject)][i]) for i in (0, 3, 6))
        assert gap == own - other

    _, md, _ = run(capsys, "trends", "open-rel", "--md")
    assert "A session in progress (2024-07-10) is not included until it is closed." in md
    # one rater per view: the score and its n (issue 13), the same verdicts as the text
    assert "| Proactivity | Agency | 5 (n=1) | ↑+1.00 | 4 (n=1) | ↑+1.00 | 1.00 | →0.00 |" in md

    # The per-session series are unchanged: every session, the open one included.
    _, raw, _ = run(capsys, "trends", "open-rel", "--json")
    data = json.loads(raw)
    assert data["sessions"] == ["j1", "j2", "s1", "j3"]
    assert data["dimensions"]["proactivity"]["agency"] == {
        "self": [4.0, 5.0, 2.0, None],
        "other": [3.0, 4.0, None, 2.0],
        "gap": [1.0, 1.0, None, None],
    }


def test_portfolio_leaves_the_session_in_progress_out(workspace, capsys) -> None:
    from tests.unit.test_trends import open_session_history

    workspace.merge_history(open_session_history())
    _, out, _ = run(capsys, "portfolio", "--json", "--today", "2024-07-10")
    (row,) = json.loads(out)["relationships"]
    assert row["latest_joint_session"] == "j2"
    assert row["session_in_progress_date"] == "2024-07-10"
    assert row["trend"] == 1.0 and row["direction"] == "up"
    assert "closed" in json.loads(out)["ranking"]


def test_portfolio_text_and_markdown_say_which_retro_is_not_counted_yet(workspace, capsys) -> None:
    from tests.unit.test_trends import open_session_history

    history = open_session_history()
    workspace.merge_history(history)
    latest_closed = next(s.date for s in history.sessions if s.id == "j2")
    for extra in ([], ["--md"]):
        code, out, _ = run(capsys, "portfolio", *extra, "--today", "2024-07-10")
        assert code == 0
        assert latest_closed in out  # the scores' date, not the open session's
        client = history.relationship.client
        assert f"In progress, counted once closed: {client} (2024-07-10)." in out
