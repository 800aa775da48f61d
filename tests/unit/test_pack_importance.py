"""A pack carries its side's allocation of points from a participant's device, like ratings."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from retro import pack as packs
from retro import session_engine as engine
from retro.figures import importance_of
from retro.model import DEVICE, Participant, Rating, Session
from retro.store import Workspace

PEOPLE = (
    Participant("c1", "Anouk", "client"),
    Participant("a1", "Bram", "agency"),
    Participant("a2", "Chris", "agency"),
)


def _session(ws: Workspace, **kw) -> str:
    rel = ws.create_relationship("Bakkerij", "Studio Noord")
    ws.add_session(
        rel.id,
        Session(id="s1", date="2026-11-01", participants=PEOPLE, status="open", **kw),
    )
    return rel.id


def _filled(data: dict, points: dict[str, int]) -> dict:
    data = packs.with_pack_importance(data, points)
    data["answers_sha256"] = packs.answers_digest(data["answers"])
    return data


def test_a_pack_asks_for_the_sides_allocation_and_brings_it_back(workspace) -> None:
    rel = _session(workspace, ask_importance=True)
    data = packs.make_pack(workspace, "s1", "a1")
    assert data["version"] == 2 and data["answers"]["importance"] == {}
    session = packs.as_session(data)
    assert session.ask_importance and session.importance == ()
    data = _filled(data, {"trust": 60, "feedback": 40})
    assert importance_of(packs.as_session(data), "agency") == {"trust": 60, "feedback": 40}
    message = packs.import_pack(workspace, data)
    assert "1 answer(s) merged" in message
    s = workspace.load(rel).session("s1")
    assert importance_of(s, "agency") == {"trust": 60, "feedback": 40}
    assert {w.origin for w in s.importance} == {DEVICE}  # from a device: the side's own
    assert engine.importance_missing(s) == ("client",)
    # importing it again changes nothing
    assert "nothing new" in packs.import_pack(workspace, data)


def test_an_untouched_allocation_does_not_overwrite_a_newer_one(workspace) -> None:
    rel = _session(workspace, ask_importance=True)
    data = packs.make_pack(workspace, "s1", "a1")
    workspace.update_session(
        rel, "s1", lambda s: engine.with_importance(s, "agency", {"trust": 100})
    )
    data = packs.with_rating(data, Rating("a1", "trust", "agency", 4))
    data["answers_sha256"] = packs.answers_digest(data["answers"])
    packs.import_pack(workspace, data)
    s = workspace.load(rel).session("s1")
    assert importance_of(s, "agency") == {"trust": 100}
    assert s.rating("a1", "trust", "agency").score == 4  # type: ignore[union-attr]


def test_a_session_without_the_step_makes_the_same_pack_as_before(workspace) -> None:
    _session(workspace)
    data = packs.make_pack(workspace, "s1", "c1")
    assert data["version"] == 1 and "importance" not in data["answers"]
    assert not packs.as_session(data).ask_importance


@pytest.mark.parametrize(
    ("points", "reason"),
    [
        ({"trust": 60, "feedback": 41}, "101 points"),
        ({"telepathy": 10}, "not a dimension"),
        ({"trust": -5}, "whole number"),
        ({"trust": "50"}, "whole number"),
    ],
)
def test_refuses_an_allocation_it_cannot_store(workspace, points, reason) -> None:
    rel = _session(workspace, ask_importance=True)
    data = packs.make_pack(workspace, "s1", "c1")
    data["answers"] = {**data["answers"], "importance": points}
    data["answers_sha256"] = packs.answers_digest(data["answers"])
    before = workspace.path_of(rel).read_bytes()
    with pytest.raises(packs.PackError, match=reason):
        packs.import_pack(workspace, data)
    assert workspace.path_of(rel).read_bytes() == before


def test_pack_answers_save_only_the_own_sides_allocation(workspace, tmp_path) -> None:
    _session(workspace, ask_importance=True)
    path = tmp_path / "p.json"
    packs.write_pack(path, packs.make_pack(workspace, "s1", "c1"))
    answers = packs.PackAnswers(path)
    seen = answers.save_importance("client", {"trust": 30, "attention": 70})
    assert importance_of(seen, "client") == {"trust": 30, "attention": 70}
    assert packs.read_pack(path)["answers"]["importance"] == {"trust": 30, "attention": 70}
    with pytest.raises(engine.ImportanceError):
        answers.save_importance("agency", {"trust": 100})
    with pytest.raises(engine.ImportanceError):
        answers.save_importance("client", {"trust": 101})


def test_refuses_when_the_participant_changed_side_since(workspace) -> None:
    rel = _session(workspace, ask_importance=True)
    data = _filled(packs.make_pack(workspace, "s1", "a1"), {"trust": 100})
    moved = tuple(replace(p, side="client") if p.id == "a1" else p for p in PEOPLE)
    workspace.update_session(rel, "s1", lambda s: replace(s, participants=moved))
    with pytest.raises(packs.PackError, match="no longer on the agency side"):
        packs.import_pack(workspace, data)
