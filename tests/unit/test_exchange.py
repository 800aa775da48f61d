"""The exchange format: round trips, idempotent merges, and clear refusals."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings

from retro import exchange
from retro.exchange import ExchangeError
from retro.store import Workspace

from .strategies import histories


def _canonical(history):
    return json.loads(exchange.dumps(history))


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories())
def test_import_then_dump_gives_back_the_same_data(history, tmp_path_factory) -> None:
    ws = Workspace(tmp_path_factory.mktemp("ws"))
    counts = ws.merge_history(history)
    assert counts["added"] == len(history.sessions)
    assert _canonical(ws.load(history.relationship.id)) == _canonical(history)
    # importing the same data again changes nothing
    before = ws.path_of(history.relationship.id).read_bytes()
    again = ws.merge_history(exchange.loads(exchange.dumps(history)))
    assert again == {"added": 0, "updated": 0, "unchanged": len(history.sessions)}
    assert ws.path_of(history.relationship.id).read_bytes() == before


MINIMAL = {
    "format": "retro.relationship",
    "version": 1,
    "relationship": {"id": "acme", "client": "Acme", "agency": "Studio"},
    "sessions": [
        {
            "id": "s1",
            "date": "2026-01-15",
            "kind": "joint",
            "framework": "partnership",
            "framework_version": 1,
            "language": "en",
            "anonymous": False,
            "participants": [{"id": "c", "name": "C", "side": "client"}],
            "ratings": [
                {
                    "participant": "c",
                    "dimension": "trust",
                    "subject": "agency",
                    "score": None,
                    "works": "",
                    "doesnt": "",
                    "why": "",
                }
            ],
            "predictions": [],
            "review": [],
            "actions": [
                {
                    "id": "a1",
                    "title": "Do it",
                    "owner": "c",
                    "due": "2026-02-01",
                    "dimension": "trust",
                }
            ],
            "checkin": {"question": "Q?", "answers": [{"participant": "c", "text": "A"}]},
            "proud": [{"participant": "c", "text": "P"}],
            "extra_field": "allowed",
        }
    ],
}


def _variant(path: str, value) -> dict:
    data = json.loads(json.dumps(MINIMAL))
    target = data
    keys = path.split(".")
    for k in keys[:-1]:
        target = target[int(k)] if k.isdigit() else target[k]
    last = keys[-1]
    if value is KeyError:
        del target[last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return data


def test_minimal_file_from_the_issue_loads() -> None:
    h = exchange.from_exchange(MINIMAL)
    s = h.sessions[0]
    assert s.ratings[0].score is None
    assert s.status == "closed"  # a session without a status is history, not a meeting in progress


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("format", "other", "'format' must be"),
        ("version", 99, "newer than this retro"),
        ("relationship.id", KeyError, "missing field 'id'"),
        ("relationship.id", "../../x", "relationship.id"),
        ("sessions.0.date", "15-01-2026", "is not a date"),
        ("sessions.0.kind", "party", "'party' is not one of"),
        ("sessions.0.ratings.0.score", 7, "outside 1-5"),
        ("sessions.0.ratings.0.score", "4", "whole number"),
        ("sessions.0.ratings.0.score", True, "whole number"),
        ("sessions.0.ratings.0.participant", "ghost", "unknown participant 'ghost'"),
        ("sessions.0.ratings.0.subject", "both", "not one of"),
        ("sessions.0.participants.0.side", KeyError, "missing field 'side'"),
        ("sessions.0.review", [{"action": "a1", "status": "done"}], "which no earlier session"),
        ("sessions.0.review", [{"action": "zz", "status": "maybe"}], "not one of"),
        ("sessions.0.anonymous", "no", "true or false"),
        ("sessions.0.ratings", {"not": "a list"}, "expected a list"),
        ("sessions", "nope", "'sessions' must be a list"),
    ],
)
def test_invalid_files_are_rejected_with_the_reason(path, value, message) -> None:
    with pytest.raises(ExchangeError, match=message.replace("(", r"\(")):
        exchange.from_exchange(_variant(path, value))


def test_duplicate_session_ids_are_rejected() -> None:
    data = json.loads(json.dumps(MINIMAL))
    data["sessions"].append(data["sessions"][0])
    with pytest.raises(ExchangeError, match="id used twice"):
        exchange.from_exchange(data)
