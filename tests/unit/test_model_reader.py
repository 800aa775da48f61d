"""The fast session reader and the checked one agree: same sessions from valid data, and
the checked reader's exact message for everything wrong (issue 11: labels are built only
when a value is wrong, behaviour and messages unchanged)."""

from __future__ import annotations

import copy
from typing import Any

import msgspec
import msgspec.structs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from retro.model import (
    FAST_READER_FIELDS,
    History,
    ModelError,
    Session,
    _checked_session,
    _fast_session,
    session_from_dict,
    session_to_dict,
)

from .strategies import histories
from .test_exchange import MINIMAL


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_fast_and_checked_readers_build_equal_sessions(history: History) -> None:
    for s in history.sessions:
        d = session_to_dict(s)
        assert _fast_session(d) == _checked_session(d, "session") == s


def _objects(session: Session) -> list[Any]:
    return [
        session,
        session.checkin,
        *session.checkin.answers,
        *session.participants,
        *session.ratings,
        *session.predictions,
        *session.review,
        *session.actions,
        *session.proud,
    ]


@settings(max_examples=30, suppress_health_check=[HealthCheck.too_slow])
@given(histories())
def test_the_fast_reader_builds_true_frozen_model_objects(history: History) -> None:
    """What it returns is the real, frozen class: no value of a read file can change in
    place, so every change goes through the session engine and the store."""
    for s in history.sessions:
        fast, checked = _objects(_fast_session(session_to_dict(s))), _objects(s)
        for a, b in zip(fast, checked, strict=True):
            assert type(a) is type(b)
            assert hash(a) == hash(b)
            assert not hasattr(a, "__dict__")  # slots: the same memory as the checked reader's
            with pytest.raises(AttributeError, match="immutable"):
                setattr(a, a.__struct_fields__[0], "changed")


def _base() -> dict[str, Any]:
    return copy.deepcopy(MINIMAL["sessions"][0])


# Every kind of wrong value the checked reader words; each must reach it unchanged.
BAD: list[tuple[str, Any]] = [
    ("id", 5),
    ("date", "2026-13-01"),
    ("date", None),
    ("kind", "party"),
    ("kind", ["joint"]),
    ("framework", 3),
    ("framework_version", True),
    ("framework_version", "1"),
    ("language", "de"),
    ("anonymous", "no"),
    ("status", "half"),
    ("phase", "dance"),
    ("blind", 1),
    ("rating_mode", "team"),
    ("revealed", None),
    ("notes", 7),
    ("join_code", ["x"]),
    ("position", 1.5),
    ("participants", "everyone"),
    ("participants", [{"id": "c", "name": None, "side": "client"}]),
    ("participants", [{"id": "c", "side": "middle"}]),
    ("participants", [["c", "client"]]),
    ("ratings", [{"participant": "c", "dimension": "trust", "subject": "agency", "score": 9}]),
    ("ratings", [{"participant": "c", "dimension": "trust", "subject": "agency", "score": True}]),
    ("ratings", [{"participant": "c", "dimension": "trust", "subject": "agency", "score": 2.0}]),
    ("ratings", [{"participant": "c", "dimension": "trust", "subject": "x"}]),
    ("ratings", [{"participant": "c", "subject": "agency"}]),
    ("ratings", [{"participant": "c", "dimension": "t", "subject": "agency", "works": 1}]),
    ("ratings", ["not an object"]),
    ("predictions", [{"participant": "c", "dimension": 4, "score": 1}]),
    ("review", [{"action": "a", "status": "maybe"}]),
    ("review", [{"action": "a", "status": "done", "note": 3}]),
    ("actions", [{"id": "a", "title": "t", "due": "tomorrow"}]),
    ("actions", [{"id": "a", "title": "t", "due": 5}]),
    ("actions", [{"id": "a", "title": "t", "dimension": 5}]),
    ("actions", [{"id": "a"}]),
    ("checkin", "hello"),
    ("checkin", {"question": "q", "answers": [{"participant": "c"}]}),
    ("proud", [{"participant": "c", "text": None}]),
]


@pytest.mark.parametrize(("field", "value"), BAD, ids=[f"{f}={v!r}" for f, v in BAD])
def test_wrong_values_get_the_checked_readers_message(field: str, value: Any) -> None:
    d = _base()
    d[field] = value
    with pytest.raises(ModelError) as expected:
        _checked_session(copy.deepcopy(d), "session")
    with pytest.raises(ModelError) as got:
        session_from_dict(d)
    assert str(got.value) == str(expected.value)


@pytest.mark.parametrize("value", [None, [], "s", 3])
def test_a_session_that_is_not_an_object_is_worded_as_before(value: Any) -> None:
    with pytest.raises(ModelError, match="session: expected an object"):
        session_from_dict(value)


@given(st.sampled_from(["works", "doesnt", "why"]), st.none() | st.text(max_size=3))
def test_optional_remarks_read_the_same(key: str, value: str | None) -> None:
    d = _base()
    d["ratings"][0][key] = value
    assert _fast_session(d) == _checked_session(d, "session")


def _everything_set() -> Session:
    """A session in which every field of every value differs from its default."""
    from retro.model import (
        Action,
        ActionDraft,
        Checkin,
        Note,
        Participant,
        Prediction,
        Rating,
        Review,
        Weight,
    )

    draft = ActionDraft("t", "p-a", "vrijdag", "trust", "a-1")
    return Session(
        id="s2",
        date="2026-02-01",
        kind="self",
        framework="custom",
        framework_version=3,
        language="nl",  # not DEFAULT_LANGUAGE, so the reader must keep it
        anonymous=True,
        participants=(Participant("p-a", "Ann", "agency"),),
        ratings=(Rating("p-a", "trust", "agency", 4, "w", "d", "y", "device"),),
        predictions=(Prediction("p-a", "trust", 2, "device"),),
        review=(Review("a-0", "partly", "n"),),
        actions=(Action("a-1", "t", "p-a", "2026-03-01", "trust"),),
        checkin=Checkin("q?", (Note("p-a", "fine"),)),
        proud=(Note("p-a", "proud"),),
        status="closed",
        phase="close",
        blind=True,
        rating_mode="side",
        notes="internal",
        join_code="ABC234",
        revealed=True,
        position="p-a/trust",
        draft=draft,
        distribution_min_raters=5,
        ask_importance=True,
        importance=(Weight("client", "trust", 40, "device"),),
    )


def _unset_fields(value: Any, where: str = "session") -> list[str]:
    out = []
    for f in msgspec.structs.fields(value):
        v = getattr(value, f.name)
        default = f.default_factory() if f.default_factory is not msgspec.NODEFAULT else f.default
        if v == default or v in ((), ""):
            out.append(f"{where}.{f.name}")
        items = v if isinstance(v, tuple) else (v,)
        for item in items:
            if isinstance(item, msgspec.Struct):
                out += _unset_fields(item, f"{where}.{f.name}")
    return out


def test_the_fast_reader_keeps_every_field_of_every_value() -> None:
    """A field added to the model but not to the fast reader would be dropped on every
    read of a valid file; this sample sets every field, so such a field shows here."""
    s = _everything_set()
    assert _unset_fields(s) == [], "set the new field in _everything_set()"
    assert set(Session.__struct_fields__) == FAST_READER_FIELDS
    assert _fast_session(session_to_dict(s)) == s


def test_importance_points_out_of_range_are_refused_with_where() -> None:
    """A side cannot give a dimension more than all its points, nor fewer than none."""
    import pytest

    from retro.model import ModelError, session_from_dict

    bad = {
        "id": "s9",
        "date": "2026-01-01",
        "importance": [{"side": "client", "dimension": "trust", "points": 101}],
    }
    with pytest.raises(ModelError, match=r"importance\[0\]\.points"):
        session_from_dict(bad)
    ok = dict(bad, importance=[{"side": "client", "dimension": "trust", "points": 100}])
    assert session_from_dict(ok).importance[0].points == 100
