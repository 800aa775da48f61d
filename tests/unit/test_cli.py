"""Every core CLI command, the happy path and bad input: exit codes, one-line errors, JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from retro.cli import main

from .test_exchange import MINIMAL

TODAY = date(2026, 11, 23)


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:  # argparse usage errors and --help
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(workspace, capsys):
    from retro.demo import fill_demo

    fill_demo(workspace, today=TODAY)
    return workspace


def write(tmp_path: Path, data, name="in.json") -> str:
    p = tmp_path / name
    p.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return str(p)


@pytest.mark.parametrize(
    "command", ["demo", "relationships", "sessions", "figures", "import", "dump", "check"]
)
def test_every_command_has_help(capsys, command) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert "usage: retro" in out and command in out


def test_demo_fills_workspace_with_realistic_history(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("RETRO_DATA", str(tmp_path / "demo-ws"))  # the commands below read it
    code, out, _ = run(capsys, "--data", str(tmp_path / "demo-ws"), "demo", "--no-open")
    assert code == 0 and "3 relationships" in out
    code, out, _ = run(capsys, "relationships", "--json")
    rels = json.loads(out)
    assert len(rels) >= 3
    assert all(r["sessions"] >= 6 for r in rels)
    code, out, _ = run(capsys, "sessions", "--json")
    sessions = json.loads(out)
    kinds = {s["kind"] for s in sessions}
    assert {"joint", "self"} <= kinds
    for rel in rels:
        dates = sorted(s["date"] for s in sessions if s["relationship"] == rel["id"])
        assert (date.fromisoformat(dates[-1]) - date.fromisoformat(dates[0])).days >= 540
    # every review status occurs somewhere in the demo
    statuses = set()
    for rel in rels:
        _, dump, _ = run(capsys, "dump", rel["id"])
        for s in json.loads(dump)["sessions"]:
            statuses |= {r["status"] for r in s["review"]}
    assert statuses == {"done", "partly", "not_done", "dropped"}
    # running it again keeps what is there
    code, out, _ = run(capsys, "--data", str(tmp_path / "demo-ws"), "demo", "--no-open")
    assert "already filled" in out


def test_demo_without_workspace_never_uses_the_real_one(capsys, monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("RETRO_DATA")
    code, out, _ = run(capsys, "demo", "--no-open")
    assert code == 0
    assert str(Path(out.split(": ", 1)[1].split(" (")[0]).name) == "demo"


def test_figures_json_shape(capsys, demo) -> None:
    _, out, _ = run(capsys, "sessions", "northwind-foods", "--json")
    joint = [s for s in json.loads(out) if s["kind"] == "joint"]
    code, out, _ = run(capsys, "figures", joint[1]["id"], "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["session"] == joint[1]["id"]
    assert 0 <= payload["commitments_kept"] <= 1
    assert set(payload["dimensions"]) >= {"transparency", "added_value", "attention"}
    agency = payload["dimensions"]["trust"]["agency"]
    assert set(agency) == {
        "self",
        "other",
        "gap",
        "spread_self",
        "spread_other",
        "prediction",
        "prediction_gap",
        # issue 13: which kind of gap, and the scores behind each view
        "gap_kind",
        "self_scores",
        "other_scores",
    }
    assert set(agency["other_scores"]) == {"mean", "n", "na", "distribution"}
    assert (
        payload["dimensions"]["added_value"]["client"]["self"] is None
    )  # no statement about the client


def test_hand_written_relationship_imports_and_figures_match_hand_calculation(
    capsys, tmp_path
) -> None:
    data = {
        "format": "retro.relationship",
        "version": 1,
        "relationship": {"id": "acme", "client": "Acme BV", "agency": "Studio Zuid"},
        "sessions": [
            {
                "id": "q1",
                "date": "2026-01-10",
                "kind": "joint",
                "participants": [
                    {"id": "c1", "name": "Carla", "side": "client"},
                    {"id": "c2", "name": "Cees", "side": "client"},
                    {"id": "a1", "name": "Anna", "side": "agency"},
                ],
                "ratings": [
                    {"participant": "a1", "dimension": "trust", "subject": "agency", "score": 5},
                    {"participant": "c1", "dimension": "trust", "subject": "agency", "score": 3},
                    {"participant": "c2", "dimension": "trust", "subject": "agency", "score": 2},
                    {"participant": "c1", "dimension": "trust", "subject": "client", "score": None},
                    {"participant": "a1", "dimension": "trust", "subject": "client", "score": 4},
                ],
                "actions": [
                    {
                        "id": "x1",
                        "title": "A",
                        "owner": "a1",
                        "due": "2026-02-01",
                        "dimension": "trust",
                    },
                    {"id": "x2", "title": "B", "owner": "c1", "due": None, "dimension": None},
                    {"id": "x3", "title": "C", "owner": "client"},
                ],
            },
            {
                "id": "q2",
                "date": "2026-04-10",
                "kind": "joint",
                "participants": [{"id": "a1", "name": "Anna", "side": "agency"}],
                "review": [
                    {"action": "x1", "status": "done", "note": ""},
                    {"action": "x2", "status": "partly", "note": "half"},
                    {"action": "x3", "status": "dropped", "note": "moot"},
                ],
            },
        ],
    }
    code, out, err = run(capsys, "import", write(tmp_path, data))
    assert code == 0, err
    assert "2 session(s) added" in out
    _, out, _ = run(capsys, "figures", "q1", "--json")
    trust = json.loads(out)["dimensions"]["trust"]
    assert (
        trust["agency"]["self"] == 5
        and trust["agency"]["other"] == 2.5
        and trust["agency"]["gap"] == 2.5
    )
    assert trust["agency"]["spread_other"] == 1
    assert (
        trust["client"]["self"] is None
        and trust["client"]["other"] == 4
        and trust["client"]["gap"] is None
    )
    _, out, _ = run(capsys, "figures", "q2", "--json")
    assert json.loads(out)["commitments_kept"] == 0.75  # (1 + 0.5) / 2, dropped left out


def test_import_twice_changes_nothing_and_dump_gives_it_back(capsys, tmp_path, workspace) -> None:
    path = write(tmp_path, MINIMAL)
    assert run(capsys, "import", path)[0] == 0
    first = workspace.path_of("acme").read_bytes()
    code, out, _ = run(capsys, "import", path)
    assert code == 0 and "0 session(s) added, 0 updated, 1 unchanged" in out
    assert workspace.path_of("acme").read_bytes() == first
    code, out, _ = run(capsys, "dump", "acme")
    dumped = json.loads(out)
    assert dumped["relationship"] == MINIMAL["relationship"]
    assert dumped["sessions"][0]["ratings"][0]["score"] is None
    # and the dump imports into another workspace as the same data
    other = tmp_path / "other"
    assert run(capsys, "--data", str(other), "import", write(tmp_path, out, "dump.json"))[0] == 0
    assert json.loads(run(capsys, "--data", str(other), "dump", "acme")[1]) == dumped


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{broken", "invalid JSON"),
        ("[]", "must hold a JSON object"),
        (json.dumps({**MINIMAL, "sessions": [{"id": "s", "date": 5}]}), "expected text"),
        (json.dumps({**MINIMAL, "relationship": {"id": "x"}}), "missing field 'client'"),
    ],
    ids=["malformed", "wrong-type", "wrong-field-type", "missing-field"],
)
def test_invalid_import_is_rejected_and_nothing_written(
    capsys, tmp_path, workspace, content, message
) -> None:
    code, _out, err = run(capsys, "import", write(tmp_path, content))
    assert code == 1
    assert message in err and err.count("\n") == 1 and err.startswith("retro: error:")
    assert workspace.files() == []


def test_import_missing_file(capsys, tmp_path) -> None:
    code, _, err = run(capsys, "import", str(tmp_path / "nope.json"))
    assert code == 1 and "no such file" in err


def test_import_a_folder_or_non_utf8_says_what_is_wrong(capsys, tmp_path, workspace) -> None:
    code, _, err = run(capsys, "import", str(tmp_path))
    assert code == 1 and "is a folder" in err and err.count("\n") == 1
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes(
        json.dumps({**MINIMAL, "note": "caf\u00e9"}, ensure_ascii=False).encode("latin-1")
    )
    code, _, err = run(capsys, "import", str(latin1))
    assert code == 1 and "not UTF-8" in err and err.count("\n") == 1
    assert workspace.files() == []


@pytest.mark.parametrize(
    "argv",
    [["figures", "no-such-session"], ["dump", "no-such-rel"], ["sessions", "no-such-rel"]],
)
def test_unknown_ids_are_one_line_errors(capsys, demo, argv) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    assert err.startswith("retro: error: no ") and err.count("\n") == 1


def test_usage_errors_exit_2_with_one_line(capsys) -> None:
    for argv, reason in [
        (("figures",), "required: session"),
        (("no-such-command",), "invalid choice: 'no-such-command'"),
        (("export", "x", "--lang", "fr"), "invalid choice: 'fr'"),
    ]:
        code, out, err = run(capsys, *argv)
        assert code == 2 and out == ""
        assert err.count("\n") == 1 and reason in err and "--help" in err, err


def test_check_names_each_damaged_file(capsys, demo) -> None:
    code, out, _ = run(capsys, "check")
    assert code == 0 and "3 of 3 file(s) OK" in out
    bad = demo.path_of("gemeente-zwolle")
    bad.write_text("{oops")
    code, out, err = run(capsys, "check")
    assert code == 1
    assert str(bad) in err and "2 of 3 file(s) OK" in out
    # listings still show the healthy relationships and warn about the damaged one
    code, out, err = run(capsys, "relationships")
    assert code == 1 and "northwind-foods" in out and str(bad) in err
    assert bad.read_text() == "{oops"


def test_listing_shows_hostile_names_literally(capsys, tmp_path) -> None:
    data = json.loads(json.dumps(MINIMAL))
    data["relationship"]["client"] = "Evil\x1b[31m Corp"
    run(capsys, "import", write(tmp_path, data))
    _, out, _ = run(capsys, "relationships")
    assert "\x1b" not in out and "Evil␛[31m Corp" in out


def test_real_entry_point_runs(tmp_path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "retro", "--data", str(tmp_path), "sessions", "--json"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and json.loads(out.stdout) == []


def test_check_reports_a_broken_custom_framework(capsys, demo) -> None:
    folder = demo.root / "frameworks"
    folder.mkdir()
    (folder / "ours.json").write_text('{"key": "ours",\n "version": }')
    code, _, err = run(capsys, "check")
    assert code == 1 and "ours.json, line 2" in err


def test_figures_json_carries_what_matters_to_each_side(capsys, demo) -> None:
    _, out, _ = run(capsys, "sessions", "gemeente-zwolle", "--json")
    joint = [s["id"] for s in json.loads(out) if s["kind"] == "joint"]
    _, out, _ = run(capsys, "figures", joint[0], "--json")
    assert json.loads(out)["importance"] is None  # before the step existed
    code, out, _ = run(capsys, "figures", joint[-1], "--json")
    assert code == 0
    imp = json.loads(out)["importance"]
    assert imp["rules"] == {"importance_points": 100, "priority_gap_at": 15}
    client, agency = imp["grids"]
    assert (client["rater"], client["subject"], client["complete"]) == ("client", "agency", True)
    assert client["importance_cross"] == 11.111  # 100 points over 9 dimensions
    assert sum(p["importance"] for p in client["points"]) == 100
    assert set(client["points"][0]) == {"dimension", "importance", "performance", "n", "quadrant"}
    assert agency["rater"] == "agency"
    assert imp["concentrate"][0] == "commitments"  # 25 points, 3.0 below the mean 3.28
    gaps = [g for g in imp["priority_gaps"] if g["is_gap"]]
    assert {
        "dimension": "added_value",
        "client": 5,
        "agency": 25,
        "gap": -20,
        "is_gap": True,
    } in gaps
    # the table form says the same in words
    _, text, _ = run(capsys, "figures", joint[-1])
    assert "What matters to the client" in text and "Priority gaps" in text


def test_the_command_table_names_what_each_module_registers() -> None:
    """main() registers only the module of the command it runs: the table must be complete."""
    import importlib

    from retro.cli import COMMAND_MODULES, COMMANDS, Parser

    registered = {}
    for name in COMMAND_MODULES:
        sub = Parser(prog="retro").add_subparsers()
        importlib.import_module(name).register(sub)
        registered.update(dict.fromkeys(sub.choices, name))
    assert registered == COMMANDS


@pytest.mark.parametrize(
    "argv",
    [
        ["sessions", "--json"],
        ["--data", "sessions", "relationships"],
        ["--lang", "nl", "export", "S", "--lang", "en"],
        ["--data=x", "figures", "S"],
        ["--dat", "export"],
        ["--theme", "textual-light"],
        [],
    ],
)
def test_a_parser_with_only_the_command_run_reads_argv_as_the_full_one(argv) -> None:
    from retro.cli import build_parser, command_in

    assert build_parser(command_in(argv)).parse_args(argv) == build_parser().parse_args(argv)
