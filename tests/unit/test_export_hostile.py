"""Control characters and escape sequences from data never reach an export.

Every export format (Markdown, JSON, CSV; session, trends, `trends --md`, `portfolio
--md`) gets text with C0 and C1 controls and OSC, CSI and DCS sequences, as a participant
can type or a fill-in pack can deliver. A summary is read with `cat`, in a spreadsheet or
in a viewer: none of them may obey it, and a spreadsheet must not run it as a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from msgspec.structs import replace

from retro.cli import main
from retro.export import export_over_time, export_session, export_trends
from retro.export.markdown import normalize_text
from retro.model import Action, History, Note, Participant, Rating, Relationship, Session
from retro.store import Workspace

# What a terminal, viewer or spreadsheet could obey: C0 but tab/CR/LF, DEL, C1.
OBEYED = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
CONTROLS = {
    "c0": "nul\x00 bel\x07 bs\x08 vt\x0b ff\x0c so\x0e del\x7f",
    "c1": "nel\x85 csi\x9b31m osc\x9d0;title\x9c dcs\x90q\x9c",
    "osc-title": "\x1b]2;PWNED\x07title",
    "osc8-link": "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "csi": "\x1b[2J\x1b[1;1H\x1b[31mred\x1b[0m",
    "dcs": "\x1bP+q544e\x1b\\dcs",
    "formula": "Q3\r=1+2\n@SUM(A1)\r\n-1",
}
# Markdown that the hand-written --md escaping let through: strikethrough and entities.
MARKDOWNISH = "~~struck~~ &amp; &#35; &copy;"
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])

hostile_text = st.one_of(
    st.sampled_from([*CONTROLS.values(), MARKDOWNISH]),
    st.text(
        alphabet=st.one_of(
            st.characters(max_codepoint=0x9F),
            st.sampled_from("~&#;|*_`[]<>=+-@ab"),
        ),
        min_size=1,
        max_size=30,
    ),
)


def history_with(text: str, sid_text: str = "") -> History:
    """Two closed joint sessions (so trends have a latest and a change) and an open one,
    with the text in every field a person fills in, and in a session id."""
    people = (Participant("a", "Ann " + text, "agency"), Participant("c", text, "client"))

    def session(sid: str, day: str, status: str = "closed") -> Session:
        return Session(
            sid,
            day,
            language="en",
            participants=people,
            ratings=(
                Rating("a", "trust", "client", 4, text, text, text),
                Rating("c", "trust", "agency", 2, text, "", text),
                Rating("a", "trust", "agency", 5),
                Rating("c", "trust", "client", 3),
            ),
            actions=(Action(f"{sid}-a", text, "a", "2020-01-01", "trust"),),
            proud=(Note("c", text),),
            notes=text,
            status=status,
        )

    return History(
        Relationship("rel", text, "Agency " + text),
        (
            session("s1", "2024-01-10"),
            session("s2" + sid_text, "2024-04-10"),
            session("s3", "2024-07-10", "open"),
        ),
    )


def every_export(ws: Workspace) -> dict[str, str]:
    """Every format of every export of relationship 'rel', as a user gets them."""
    sid = next(s.id for s in ws.load("rel").sessions if s.id.startswith("s2"))
    out = {
        f"session.{fmt}.{aud}": export_session(ws, sid, audience=aud, fmt=fmt)
        for fmt in ("md", "json", "csv")
        for aud in ("shared", "internal")
    }
    out |= {f"trends.{fmt}": export_trends(ws, "rel", fmt=fmt) for fmt in ("md", "json", "csv")}
    out["over-time.md"] = export_over_time(ws, "rel")
    return out


def assert_nothing_obeyed(name: str, text: str) -> None:
    found = OBEYED.findall(text)
    assert not found, f"{name} holds {found!r}"


def assert_csv_is_data(name: str, text: str) -> None:
    """Parses back to rows of the header's width; no line of a text cell starts a formula."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert all(len(r) == len(rows[0]) for r in rows), name
    for row in rows[1:]:
        for cell in row:
            try:
                float(cell)
                continue  # a number, "-0.5" included, is not a formula
            except ValueError:
                pass
            for line in re.split(r"\r\n|\r|\n", cell):
                assert line[:1] not in ("=", "+", "-", "@", "\t"), (name, cell)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile_text)
def test_no_export_format_lets_a_control_through(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ws = Workspace(Path(folder))
        ws.merge_history(history_with(text, sid_text=text))
        for name, out in every_export(ws).items():
            assert_nothing_obeyed(name, out)
            if name.endswith(".csv"):
                assert_csv_is_data(name, out)
            if name.endswith(".json"):
                data = json.loads(out)  # lossless: JSON keeps the data, escaped
                if "relationship" in data and isinstance(data["relationship"], dict):
                    assert data["relationship"]["client"] == text


@pytest.mark.parametrize("kind", list(CONTROLS))
def test_each_kind_of_sequence_is_gone_and_the_readable_text_stays(kind, workspace) -> None:
    text = CONTROLS[kind]
    workspace.merge_history(history_with(text))
    word = re.findall(r"[A-Za-z]{3,}", text)[-1]
    for name, out in every_export(workspace).items():
        assert_nothing_obeyed(name, out)
        if name.endswith(".md"):
            assert word in out, name


def test_a_line_break_in_a_session_id_cannot_start_a_row_or_a_formula(workspace) -> None:
    """A bare CR used to end the CSV row unquoted, so `=1+2` became a cell of its own."""
    workspace.merge_history(history_with("x", sid_text="Q3\r=1+2"))
    out = export_trends(workspace, "rel", fmt="csv")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert {r[3] for r in rows[1:]} == {"s1", "s2Q3\r'=1+2", "s3"}
    assert '"s2Q3\r\'=1+2"' in out


def test_json_escapes_c1_controls(workspace) -> None:
    workspace.merge_history(history_with(CONTROLS["c1"]))
    out = export_trends(workspace, "rel", fmt="json")
    assert "\\u009b" in out and "\x9b" not in out
    assert json.loads(out)["relationship"]["client"] == CONTROLS["c1"]


def md_texts(markdown: str) -> list[str]:
    """The plain text of every inline holding the user's text, as a viewer shows it
    (entities decoded); any markup in it (strikethrough, links, code, HTML) fails."""
    out = []
    for tok in MD.parse(markdown):
        if tok.type != "inline" or "struck" not in tok.content:
            continue
        for c in tok.children or []:
            ok = c.type in ("text", "text_special", "softbreak", "em_open", "em_close")
            assert ok or (c.type == "html_inline" and c.content == "<br>"), (c.type, tok.content)
        out.append("".join(c.content for c in tok.children or [] if c.type != "html_inline"))
    return out


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_trends_and_portfolio_md_show_user_text_literally(lang, workspace, capsys) -> None:
    """`~~` and entities came out as strikethrough and decoded characters; C1 passed."""
    text = MARKDOWNISH + " " + CONTROLS["c1"] + " " + CONTROLS["osc-title"]
    workspace.merge_history(history_with(text))
    for argv in (["trends", "rel", "--md"], ["portfolio", "--md", "--today", "2024-08-01"]):
        assert main([*argv, "--lang", lang]) == 0
        out = capsys.readouterr().out
        assert_nothing_obeyed(argv[0], out)
        assert any(normalize_text(text) in t for t in md_texts(out)), out


def test_trends_md_is_in_the_relationships_language(workspace, capsys) -> None:
    history = history_with("x")
    dutch = History(
        history.relationship, tuple(replace(s, language="nl") for s in history.sessions)
    )
    workspace.merge_history(dutch)
    assert main(["trends", "rel", "--md"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "# x — Agency x: in de loop van de tijd"
    assert "| Vertrouwen & respect voor expertise | Opdrachtgever | 3 (n=1) |" in out
    assert main(["portfolio", "--md", "--today", "2024-08-01"]) == 0
    assert "Loopt nog, telt mee zodra afgesloten: x (2024-07-10)." in capsys.readouterr().out


def test_portfolio_text_shows_names_in_progress_literally(workspace, capsys) -> None:
    """The "In progress, counted once closed:" line printed client names raw."""
    workspace.merge_history(history_with(CONTROLS["osc-title"]))
    assert main(["portfolio", "--today", "2024-08-01"]) == 0
    out = capsys.readouterr().out
    assert "In progress, counted once closed:" in out
    assert "\x1b" not in out and "\x07" not in out
