"""Frameworks are data: the built-in one is complete, custom ones load, broken ones name file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retro.frameworks import (
    FrameworkError,
    checkin_questions,
    default_framework,
    get_framework,
    load_frameworks,
)

DESIGN_KEYS = [
    "transparency",
    "expectations",
    "feedback",
    "trust",
    "partnership",
    "added_value",
    "proactivity",
    "commitments",
    "attention",
]


def test_builtin_partnership_has_every_dimension_in_both_languages() -> None:
    fw = default_framework()
    assert (fw.key, fw.version) == ("partnership", 1)
    assert list(fw.keys) == DESIGN_KEYS
    for d in fw.dimensions:
        for lang in ("nl", "en"):
            assert d.title(lang)
            assert d.statement("agency", lang)
    assert default_framework().dimension("added_value").rates("client") is False
    assert default_framework().dimension("feedback").statement("client", "en").count("why") == 1


def test_checkin_bank_has_at_least_twenty_questions_in_both_languages() -> None:
    qs = checkin_questions()
    assert len(qs) >= 20
    assert all(q["nl"] and q["en"] for q in qs)


CUSTOM = {
    "key": "retainer",
    "version": 2,
    "name": {"nl": "Retainer", "en": "Retainer"},
    "dimensions": [
        {
            "key": "speed",
            "name": {"en": "Speed"},
            "about": {"agency": {"en": "Fast turnaround."}, "client": None},
        }
    ],
}


def _write(tmp_path: Path, text: str, name: str = "mine.json") -> Path:
    folder = tmp_path / "frameworks"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def test_custom_framework_in_workspace_is_picked_up(tmp_path: Path) -> None:
    _write(tmp_path, json.dumps(CUSTOM, indent=2))
    fw = get_framework("retainer", 2, tmp_path)
    assert fw is not None and fw.keys == ("speed",)
    assert fw.dimension("speed").statement("agency", "nl") == "Fast turnaround."  # falls back
    assert ("partnership", 1) in load_frameworks(tmp_path)


def test_malformed_json_names_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, '{\n  "key": "x",\n  "version": 1,\n  "name": {"en": "X"}\n  "dimensions": []\n}'
    )
    with pytest.raises(FrameworkError) as e:
        load_frameworks(tmp_path)
    assert str(path) in str(e.value) and "line 5" in str(e.value)


def test_wrong_shape_names_file_and_line_of_the_dimension(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(CUSTOM))
    bad["dimensions"].append(
        {"key": "depth", "name": {"en": "Depth"}, "about": {"agency": {"fr": "Profond"}}}
    )
    text = json.dumps(bad, indent=2)
    path = _write(tmp_path, text)
    with pytest.raises(FrameworkError) as e:
        load_frameworks(tmp_path)
    line = next(i for i, ln in enumerate(text.splitlines(), 1) if '"depth"' in ln)
    assert f"{path}, line {line}" in str(e.value) and "'fr'" in str(e.value)


def test_custom_file_cannot_silently_replace_a_builtin_version(tmp_path: Path) -> None:
    clash = {**CUSTOM, "key": "partnership", "version": 1}
    _write(tmp_path, json.dumps(clash, indent=2))
    with pytest.raises(FrameworkError, match="is built in"):
        load_frameworks(tmp_path)
