"""Offline packs: pack → fill → import round trip, idempotence, and every refusal with its reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from msgspec.structs import replace

from retro import pack as packs
from retro.cli import main
from retro.model import Participant, Prediction, Rating, Session
from retro.store import Workspace

PEOPLE = (
    Participant("c1", "Anouk", "client"),
    Participant("a1", "Bram", "agency"),
    Participant("a2", "Chris", "agency"),
)


def _session(ws: Workspace, sid: str = "s1", kind: str = "joint", client: str = "Bakkerij") -> str:
    rel = ws.create_relationship(client, "Studio Noord")
    ws.add_session(
        rel.id, Session(id=sid, date="2026-11-01", kind=kind, participants=PEOPLE, status="open")
    )
    return rel.id


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def _fill(path: Path, *ratings: Rating, checkin: str = "") -> None:
    data = packs.read_pack(path)
    for r in ratings:
        data = packs.with_rating(data, r)
    if checkin:
        data = packs.with_checkin(data, checkin)
    packs.write_pack(path, data)


def test_round_trip_pack_fill_import(workspace, capsys, tmp_path) -> None:
    rel = _session(workspace)
    out = tmp_path / "anouk.json"
    code, stdout, _ = run(capsys, "pack", "s1", "--participant", "c1", "-o", str(out))
    assert code == 0 and "Anouk" in stdout
    data = packs.read_pack(out)
    assert data["header"]["participant"] == {"id": "c1", "name": "Anouk", "side": "client"}
    # The pack carries what is needed to answer without a workspace.
    qs = packs.questions(packs.pack_framework(data), "joint", "client")
    assert {q.subject for q in qs} == {"client", "agency"}
    _fill(
        out,
        Rating("c1", "trust", "agency", 4, "quick replies", "", "they care"),
        Rating("c1", "trust", "client", None),
        checkin="Fietsen",
    )
    code, stdout, err = run(capsys, "import", str(out))
    assert code == 0, err
    assert "3 answer(s) merged" in stdout
    s = workspace.load(rel).session("s1")
    # Given in the pack, on the participant's own device: marked as theirs.
    assert s.rating("c1", "trust", "agency") == Rating(
        "c1", "trust", "agency", 4, "quick replies", "", "they care", origin="device"
    )
    assert s.rating("c1", "trust", "client").score is None
    assert [(n.participant, n.text) for n in s.checkin.answers] == [("c1", "Fietsen")]


def test_importing_twice_changes_nothing(workspace, capsys, tmp_path) -> None:
    rel = _session(workspace)
    out = tmp_path / "p.json"
    run(capsys, "pack", "s1", "-p", "c1", "-o", str(out))
    _fill(out, Rating("c1", "trust", "agency", 4))
    assert run(capsys, "import", str(out))[0] == 0
    before = workspace.path_of(rel).read_bytes()
    code, stdout, _ = run(capsys, "import", str(out))
    assert code == 0 and "nothing new" in stdout
    assert json.loads(workspace.path_of(rel).read_bytes()) == json.loads(before)


def test_untouched_answers_do_not_overwrite_newer_live_answers(workspace, tmp_path) -> None:
    rel = _session(workspace)
    workspace.update_session(rel, "s1", lambda s: s.with_rating(Rating("c1", "trust", "agency", 2)))
    data = packs.make_pack(workspace, "s1", "c1")
    assert data["answers"]["ratings"][0]["score"] == 2  # prefilled with what they had
    # Meanwhile they change their mind live, in the meeting...
    workspace.update_session(rel, "s1", lambda s: s.with_rating(Rating("c1", "trust", "agency", 5)))
    # ...and the pack they only added a remark to comes back later.
    data = packs.with_rating(data, Rating("c1", "feedback", "agency", 3))
    data["answers_sha256"] = packs.answers_digest(data["answers"])
    packs.import_pack(workspace, data)
    s = workspace.load(rel).session("s1")
    assert s.rating("c1", "trust", "agency").score == 5
    assert s.rating("c1", "feedback", "agency").score == 3


def test_predictions_in_a_self_assessment(workspace, tmp_path) -> None:
    rel = _session(workspace, kind="self")
    data = packs.make_pack(workspace, "s1", "a1")
    fw = packs.pack_framework(data)
    assert any(q.kind == "prediction" for q in packs.questions(fw, "self", "agency"))
    data = packs.with_prediction(data, Prediction("a1", "trust", 4))
    path = tmp_path / "p.json"
    packs.write_pack(path, data)
    packs.import_pack(workspace, packs.read_pack(path))
    s = workspace.load(rel).session("s1")
    assert s.predictions == (Prediction("a1", "trust", 4, origin="device"),)


def test_refuses_a_closed_session(workspace, capsys, tmp_path) -> None:
    rel = _session(workspace)
    out = tmp_path / "p.json"
    run(capsys, "pack", "s1", "-p", "c1", "-o", str(out))
    _fill(out, Rating("c1", "trust", "agency", 4))
    workspace.update_session(rel, "s1", lambda s: replace(s, status="closed"))
    code, _, err = run(capsys, "import", str(out))
    assert code == 1 and "closed" in err
    assert workspace.load(rel).session("s1").ratings == ()


def test_refuses_to_pack_a_closed_session_or_unknown_participant(
    workspace, capsys, tmp_path
) -> None:
    rel = _session(workspace)
    code, _, err = run(capsys, "pack", "s1", "-p", "nobody", "-o", str(tmp_path / "x.json"))
    assert code == 1 and "no participant 'nobody'" in err and "c1" in err
    workspace.update_session(rel, "s1", lambda s: replace(s, status="closed"))
    code, _, err = run(capsys, "pack", "s1", "-p", "c1", "-o", str(tmp_path / "x.json"))
    assert code == 1 and "closed" in err
    assert not (tmp_path / "x.json").exists()


def test_refuses_a_participant_removed_since(workspace, capsys, tmp_path) -> None:
    rel = _session(workspace)
    out = tmp_path / "p.json"
    run(capsys, "pack", "s1", "-p", "c1", "-o", str(out))
    _fill(out, Rating("c1", "trust", "agency", 4))
    workspace.update_session(
        rel,
        "s1",
        lambda s: replace(s, participants=tuple(p for p in s.participants if p.id != "c1")),
    )
    code, _, err = run(capsys, "import", str(out))
    assert code == 1 and "no participant 'c1'" in err


def test_refuses_a_tampered_header(workspace, capsys, tmp_path) -> None:
    """Answering as someone else by editing the participant in the file is caught."""
    rel = _session(workspace)
    out = tmp_path / "p.json"
    run(capsys, "pack", "s1", "-p", "a1", "-o", str(out))
    data = json.loads(out.read_text())
    data["header"]["participant"] = {"id": "c1", "name": "Anouk", "side": "client"}
    data["answers"]["ratings"] = [
        {
            "dimension": "trust",
            "subject": "agency",
            "score": 5,
            "works": "",
            "doesnt": "",
            "why": "",
        }
    ]
    data["answers_sha256"] = packs.answers_digest(data["answers"])
    out.write_text(json.dumps(data))
    code, _, err = run(capsys, "import", str(out))
    assert code == 1 and "signature" in err
    assert workspace.load(rel).session("s1").ratings == ()


def test_refuses_answers_edited_outside_fill(workspace, capsys, tmp_path) -> None:
    rel = _session(workspace)
    out = tmp_path / "p.json"
    run(capsys, "pack", "s1", "-p", "c1", "-o", str(out))
    _fill(out, Rating("c1", "trust", "agency", 2))
    data = json.loads(out.read_text())
    data["answers"]["ratings"][0]["score"] = 5
    out.write_text(json.dumps(data))
    code, _, err = run(capsys, "import", str(out))
    assert code == 1 and "checksum" in err
    assert workspace.load(rel).session("s1").ratings == ()


def test_refuses_a_pack_for_another_session(workspace, capsys, tmp_path) -> None:
    """Relabelled for a sibling session, or made by another workspace: both refused."""
    rel = _session(workspace)
    workspace.add_session(
        rel, Session(id="s2", date="2026-12-01", participants=PEOPLE, status="open")
    )
    run(capsys, "pack", "s1", "-p", "c1", "-o", str(tmp_path / "p.json"))
    data = json.loads((tmp_path / "p.json").read_text())
    data["header"]["session"] = "s2"
    (tmp_path / "p2.json").write_text(json.dumps(data))
    code, _, err = run(capsys, "import", str(tmp_path / "p2.json"))
    assert code == 1 and "signature" in err

    other = Workspace(tmp_path / "other")
    _session(other)  # same ids, another workspace: its secret differs
    foreign = packs.make_pack(other, "s1", "c1")
    with pytest.raises(packs.PackError, match="signature"):
        packs.import_pack(workspace, foreign)
    del foreign["header"]["relationship"]["id"]
    with pytest.raises(packs.PackError):
        packs.import_pack(workspace, foreign)


def test_refuses_a_pack_whose_relationship_is_elsewhere(workspace, tmp_path) -> None:
    other = Workspace(tmp_path / "other")
    _session(other, client="Elders")
    with pytest.raises(packs.PackError, match="not in"):
        packs.import_pack(workspace, packs.make_pack(other, "s1", "c1"))


def test_refuses_answers_that_are_not_questions_of_the_session(workspace) -> None:
    _session(workspace)
    data = packs.make_pack(workspace, "s1", "c1")
    data["answers"]["ratings"] = [{"dimension": "vibes", "subject": "agency", "score": 3}]
    data["answers_sha256"] = packs.answers_digest(data["answers"])
    with pytest.raises(packs.PackError, match="not a question"):
        packs.import_pack(workspace, data)
    data["answers"]["ratings"] = [{"dimension": "trust", "subject": "agency", "score": 9}]
    data["answers_sha256"] = packs.answers_digest(data["answers"])
    with pytest.raises(packs.PackError, match="outside 1-5"):
        packs.import_pack(workspace, data)


@pytest.mark.parametrize(
    "mutate, reason",
    [
        (lambda d: d.update(format="retro.relationship"), "not a retro fill-in pack"),
        (lambda d: d.update(version=99), "newer"),
        (lambda d: d.pop("signature"), "not signed"),
        (lambda d: d.pop("header"), "header"),
    ],
)
def test_refuses_malformed_packs(workspace, mutate, reason) -> None:
    _session(workspace)
    data = packs.make_pack(workspace, "s1", "c1")
    mutate(data)
    with pytest.raises(packs.PackError, match=reason):
        packs.import_pack(workspace, data)


def test_pack_secret_never_leaves_in_an_export(workspace, capsys) -> None:
    rel = _session(workspace)
    packs.make_pack(workspace, "s1", "c1")
    code, out, _ = run(capsys, "dump", rel)
    assert code == 0 and packs.KEYS_FIELD not in out


def test_pack_refuses_to_overwrite(workspace, capsys, tmp_path) -> None:
    _session(workspace)
    out = tmp_path / "p.json"
    out.write_text("keep me")
    code, _, err = run(capsys, "pack", "s1", "-p", "c1", "-o", str(out))
    assert code == 1 and "--force" in err and out.read_text() == "keep me"


def test_finished_counts_every_question(workspace) -> None:
    _session(workspace)
    data = packs.make_pack(workspace, "s1", "c1")
    fw = packs.pack_framework(data)
    s = Session(id="s1", date="2026-11-01", participants=PEOPLE)
    for q in packs.questions(fw, "joint", "client")[:-1]:
        s = s.with_rating(Rating("c1", q.dimension, q.subject, 3))
    assert not packs.finished(s, fw, "c1")
    last = packs.questions(fw, "joint", "client")[-1]
    s = s.with_rating(Rating("c1", last.dimension, last.subject, None))
    assert packs.finished(s, fw, "c1")
