"""Golden files: each built-in template, in each language and audience, on seeded data.

A diff here is a change a reader of the summaries will see. After checking it, refresh
with ``RETRO_UPDATE_GOLDEN=1 python -m pytest tests/golden`` and commit the new files.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from retro.export import export_session, export_trends

from ..unit.test_export import HOSTILE_FRAMEWORK, hostile_history

EXPECTED = Path(__file__).parent / "expected"
TODAY = date(2026, 11, 23)
UPDATE = os.environ.get("RETRO_UPDATE_GOLDEN") == "1"


@pytest.fixture
def demo(workspace):
    from retro.demo import fill_demo

    fill_demo(workspace, today=TODAY)
    return workspace


def joint(ws, rel: str, kind: str = "joint") -> list[str]:
    return [s.id for s in ws.load(rel).sorted_sessions() if s.kind == kind]


def check(name: str, text: str) -> None:
    path = EXPECTED / name
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"no golden file {path}; run with RETRO_UPDATE_GOLDEN=1 to create it")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    assert text == path.read_text("utf-8"), f"{name} differs from its golden file"


@pytest.mark.parametrize("audience", ["internal", "shared"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_session_summary(demo, lang, audience) -> None:
    sid = joint(demo, "northwind-foods")[-2]  # closed, with a review, actions and a self-assessment
    check(f"session.{lang}.{audience}.md", export_session(demo, sid, audience=audience, lang=lang))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_self_assessment_summary(demo, lang) -> None:
    sid = joint(demo, "gemeente-zwolle", "self")[-1]
    check(f"self.{lang}.internal.md", export_session(demo, sid, lang=lang))


@pytest.mark.parametrize("audience", ["internal", "shared"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_trends_report(demo, lang, audience) -> None:
    check(
        f"trends.{lang}.{audience}.md",
        export_trends(demo, "bakkerij-van-dijk", audience=audience, lang=lang),
    )


@pytest.mark.parametrize(
    ("lang", "audience", "anonymous"), [("en", "shared", True), ("nl", "internal", False)]
)
def test_hostile_session(workspace, lang, audience, anonymous) -> None:
    (workspace.root / "frameworks").mkdir(parents=True)
    (workspace.root / "frameworks" / "hostile.json").write_text(
        json.dumps(HOSTILE_FRAMEWORK), "utf-8"
    )
    workspace.merge_history(hostile_history(anonymous=anonymous, lang=lang))
    kind = "anonymous" if anonymous else "named"
    check(
        f"hostile.{kind}.{lang}.{audience}.md",
        export_session(workspace, "h-2", audience=audience, lang=lang),
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_session_with_what_matters_to_each_side(demo, lang) -> None:
    """Both sides divided their points: the grid per side, "concentrate here", priority gaps."""
    sid = joint(demo, "gemeente-zwolle")[-1]
    check(f"importance.{lang}.shared.md", export_session(demo, sid, audience="shared", lang=lang))
