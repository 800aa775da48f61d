"""A half-typed action kept on the session: stored only while there is one, never an action."""

from __future__ import annotations

import pytest
from msgspec.structs import replace

from retro.model import (
    ActionDraft,
    ModelError,
    Session,
    session_from_dict,
    session_to_dict,
)

DRAFT = ActionDraft("Share the roadmap", "p-ada", "vrijdag", "", "")


def test_a_draft_round_trips_and_is_left_out_when_there_is_none() -> None:
    s = Session("s", "2026-01-01", draft=DRAFT)
    d = session_to_dict(s)
    assert d["draft"]["due"] == "vrijdag"  # as typed, not yet a date
    assert session_from_dict(d) == s
    assert "draft" not in session_to_dict(replace(s, draft=None))
    assert session_from_dict(session_to_dict(Session("s", "2026-01-01"))).draft is None


def test_a_draft_is_not_an_action() -> None:
    s = session_from_dict({"id": "s", "date": "2026-01-01", "draft": {"title": "Half"}})
    assert s.actions == () and s.draft == ActionDraft(title="Half")


def test_a_malformed_draft_is_refused_with_where() -> None:
    with pytest.raises(ModelError, match="draft"):
        session_from_dict({"id": "s", "date": "2026-01-01", "draft": "half"})
    with pytest.raises(ModelError, match=r"draft\.title"):
        session_from_dict({"id": "s", "date": "2026-01-01", "draft": {"title": 3}})


def test_the_store_forgets_a_draft_once_it_is_cleared(workspace) -> None:
    workspace.create_relationship("Acme", "Studio", rel_id="acme")
    workspace.add_session("acme", Session("s", "2026-01-01", status="open", draft=DRAFT))
    workspace.update_session("acme", "s", lambda s: replace(s, draft=None))
    assert workspace.load("acme").session("s").draft is None
