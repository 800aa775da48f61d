"""retro.words: every word in one shape and one lookup, one formatter per kind, and the
core's own descriptions in Dutch as well as English."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retro.cli import main
from retro.figures import describe_view, view_of
from retro.model import Session, _fast_session, session_from_dict
from retro.trends import RANKING_EXPLANATION, Sign, describe, ranking_explanation
from retro.words import (
    DEFAULT_LANGUAGE,
    TABLES,
    WORDS,
    fill,
    long_date,
    month_year,
    num,
    number,
    percent,
    section,
    tr,
)

TODAY = date(2026, 11, 23)


def test_every_key_has_both_languages_filled() -> None:
    for name, table in TABLES.items():
        for key, texts in table.items():
            assert isinstance(texts, tuple) and len(texts) == 2, (name, key)
            en, nl = texts
            assert en.strip() and nl.strip(), (name, key)


def test_no_two_tables_define_the_same_key() -> None:
    where: dict[str, str] = {}
    clashes = []
    for name, table in TABLES.items():
        for key in table:
            if key in where:
                clashes.append((key, where[key], name))
            where[key] = name
    assert clashes == []
    assert len(WORDS) == sum(len(t) for t in TABLES.values())


def test_one_lookup_reads_every_table_and_falls_back_to_english() -> None:
    assert tr("nl", "side.agency") == "bureau"  # ui
    assert tr("nl", "history.kind.joint") == "samen"  # history
    assert tr("nl", "join.join_button") == "Meedoen"  # join
    assert tr("nl", "export.title") == "Samenvatting exporteren"  # export
    assert tr("de", "export.title") == "Export summary"
    with pytest.raises(KeyError):
        tr("en", "no.such.key")


def test_template_labels_are_the_label_words() -> None:
    from retro.export.context import LABELS

    assert LABELS["nl"]["not_done"] == "niet gedaan" == section("nl", "label.")["not_done"]
    assert LABELS["en"]["self"] == "agency self-assessment"


@pytest.mark.parametrize(
    ("got", "expected"),
    [
        (number(3.5, "nl"), "3,5"),
        (number(3.5, "en"), "3.5"),
        (number(0.25, "nl", 2, signed=True), "+0,25"),
        (num(None, "nl"), "—"),
        (num(-1.0, "nl", signed=True, places=2), "-1,00"),
        (percent(0.875, "nl"), "88%"),
        (percent(None, "en", missing="–"), "–"),
        (long_date(date(2025, 3, 12), "nl"), "12 maart 2025"),
        (long_date(date(2025, 3, 12), "en"), "12 March 2025"),
        (month_year(date(2025, 3, 12), "nl"), "mrt 2025"),
        (month_year(date(2025, 5, 1), "nl"), "mei 2025"),
        (month_year(date(2025, 7, 1), "en"), "Jul 2025"),
    ],
)
def test_one_formatter_per_kind(got: str, expected: str) -> None:
    assert got == expected


def test_figures_number_is_the_words_number() -> None:
    import retro.figures
    import retro.words.formats

    assert retro.figures.number is retro.words.formats.number


@given(st.floats(min_value=-10, max_value=10, allow_nan=False), st.integers(0, 3))
def test_the_reveal_and_the_export_sign_a_change_alike(v: float, places: int) -> None:
    from retro.export.render import _signed

    for lang in ("nl", "en"):
        shown = number(v, lang, places, signed=True)
        assert (shown[0] in "+-") == (round(v, places) != 0)
        # the export writes a real minus (never read as a list item), otherwise the same
        assert str(_signed({"lang": lang}, v, places)) == shown.replace("-", "−")


def test_a_table_text_signs_a_zero_as_number_does() -> None:
    assert fill("nl", "{value:+.1f}", value=-0.01) == "0,0"
    assert fill("en", "{value:+.2f}", value=0.5) == "+0.50"
