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


@given(st.floats(min_value=-100, max_value=100, allow_nan=False), st.integers(0, 3))
def test_a_number_in_a_table_text_is_written_as_number_writes_it(v: float, places: int) -> None:
    for lang in ("nl", "en"):
        assert fill(lang, f"{{v:.{places}f}}", v=v) == number(v, lang, places)


def test_warning_signs_speak_the_readers_language() -> None:
    gap = Sign("gap", 1.2, "trust", "agency")
    assert describe(gap) == "gap +1.2 on trust (agency)"  # as the CLI and --json print it
    assert describe(gap, "nl", {"trust": "Vertrouwen"}) == "verschil +1,2 op Vertrouwen (bureau)"
    assert describe(Sign("overdue", 1), "nl") == "1 verlopen actie"
    assert describe(Sign("overdue", 2), "en") == "2 overdue actions"
    assert describe(Sign("falling", -0.41), "nl") == "dalende trend (-0,41)"
    assert describe(Sign("kept", 0.5), "en") == "commitments kept 50%"


def test_the_ranking_sentence_in_both_languages() -> None:
    assert RANKING_EXPLANATION == (
        "Needs attention first: most warning signs (a clear drop of 0.25 or more, a gap of 1+ "
        "point, under 60% of commitments kept, overdue actions, score under 3, no closed joint "
        "session yet, no session in 180 days), then the lowest score."
    )
    dutch = ranking_explanation("nl")
    assert dutch.startswith("Eerst wat aandacht vraagt")
    assert "duidelijke daling (0,25 of meer)" in dutch
    assert "180 dagen stil" in dutch


def test_two_scores_are_joined_in_the_readers_language() -> None:
    view = view_of([4, 2])
    assert describe_view(view, "nl") == "4 en 2 (n=2)"
    assert describe_view(view, "en") == "4 and 2 (n=2)"


def test_one_default_language_for_model_readers_and_packs() -> None:
    assert Session("s", "2025-01-02").language == DEFAULT_LANGUAGE
    assert session_from_dict({"id": "s", "date": "2025-01-02"}).language == DEFAULT_LANGUAGE
    assert _fast_session({"id": "s", "date": "2025-01-02"}).language == DEFAULT_LANGUAGE


# English of the moved tables that a Dutch reader must never see (whole words, case kept).
ENGLISH = (
    "joint retro",
    "agency self-assessment",
    "client's own round",
    "not done",
    "falling trend",
    "overdue action",
    "no closed joint session yet",
    "Needs attention",
    "January",
    "February",
    "March",
    "May",
    "June",
    "July",
    "August",
    "October",
    # the SVG charts beside an export
    "About the",
    "How the scores fall",
    "over time",
    "own view",
    "other side's view",
)
ENGLISH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in ENGLISH) + r")\b")


def run(capsys, *argv: str) -> str:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def test_a_dutch_relationships_cli_reports_are_dutch(
    capsys, workspace, monkeypatch, tmp_path
) -> None:
    from retro.demo import fill_demo

    fill_demo(workspace, today=TODAY)
    monkeypatch.setenv("RETRO_DATA", str(workspace.root))
    history = workspace.load("bakkerij-van-dijk")
    assert {s.language for s in history.sessions} == {"nl"}
    outputs = []
    for s in history.sessions:
        for audience in ("internal", "shared") if s.kind == "joint" else ("internal",):
            outputs.append(run(capsys, "export", s.id, "--audience", audience))
    outputs.append(run(capsys, "export", "--trends", "bakkerij-van-dijk"))
    outputs.append(run(capsys, "trends", "bakkerij-van-dijk", "--md"))
    outputs.append(run(capsys, "portfolio", "--md", "--lang", "nl"))
    # Written to a file, a summary gets its charts beside it (SVG, words in them too).
    run(capsys, "export", history.sessions[-1].id, "-o", str(tmp_path / "s.md"))
    run(capsys, "export", "--trends", "bakkerij-van-dijk", "-o", str(tmp_path / "t.md"))
    charts = sorted(tmp_path.glob("*-charts/*.svg"))
    assert len(charts) >= 2
    outputs += [p.read_text(encoding="utf-8") for p in charts]
    for text in outputs:
        assert text.strip()
        found = sorted(set(ENGLISH_RE.findall(text)))
        assert not found, f"English in a Dutch report: {found}\n{text}"
    everything = "".join(outputs)
    assert "gezamenlijke retro" in everything  # the labels are there, in Dutch
    assert "Over de opdrachtgever" in everything and "Over het bureau" in everything


@pytest.mark.parametrize(
    ("value", "places"), [(0.0, 1), (-0.0, 1), (0.04, 1), (-0.04, 1), (0.004, 2)]
)
def test_a_change_of_zero_carries_no_sign(value: float, places: int) -> None:
    # The reveal showed "+0,0" where the export showed "0,0": a zero is neither up nor down.
    zero = "0." + "0" * places
    assert number(value, "en", places, signed=True) == zero
    assert number(value, "nl", places, signed=True) == zero.replace(".", ",")
    assert num(value, "nl", signed=True, places=places) == zero.replace(".", ",")


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
