"""retro export end to end: audiences, hostile text in every template, overrides, the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from retro.cli import main
from retro.export import ExportError, export_session, export_trends
from retro.export.markdown import normalize_text
from retro.model import (
    Action,
    Checkin,
    History,
    Note,
    Participant,
    Prediction,
    Rating,
    Relationship,
    Review,
    Session,
)
from tests.child_env import child_env

from .test_export_markdown import HOSTILE, MD, inline_text, tables

TODAY = date(2026, 11, 23)
NAMES = {
    "p-c1": "Zoë Secretname",
    "p-c2": "Karel | Pipe",
    "p-a1": "Agent <Hidden>",
    "p-a2": "Émile `Tick`",
}


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(workspace):
    from retro.demo import fill_demo

    fill_demo(workspace, today=TODAY)
    return workspace


def joint_ids(ws) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for h in ws.scan()[0]:
        out[h.relationship.id] = [s.id for s in h.sorted_sessions() if s.kind == "joint"]
    return out


def hostile_history(anonymous: bool, lang: str = "en", framework: str = "hostile") -> History:
    """Two joint sessions and a self-assessment whose every text field is hostile."""
    people = tuple(
        Participant(pid, name, "client" if pid.startswith("p-c") else "agency")
        for pid, name in NAMES.items()
    )
    dims = ("d1", "d2", "d3")
    texts = HOSTILE

    def ratings(offset: int) -> tuple[Rating, ...]:
        out = []
        i = offset
        for p in people:
            for d in dims:
                for subject in ("agency", "client"):
                    out.append(
                        Rating(
                            p.id,
                            d,
                            subject,
                            1 + (i % 5),
                            texts[i % len(texts)],
                            texts[(i + 1) % len(texts)],
                            texts[(i + 2) % len(texts)],
                        )
                    )
                    i += 3
        return tuple(out)

    first = Session(
        id="h-1",
        date="2026-01-10",
        framework=framework,
        language=lang,
        anonymous=anonymous,
        participants=people,
        ratings=ratings(0),
        actions=(
            Action("h-a1", HOSTILE[0], "p-c2", "2026-03-01", "d1"),
            Action("h-a2", HOSTILE[5], "Zoë Secretname", None, None),
            Action("h-a3", HOSTILE[16], "agency", "2026-03-01", "d2"),
        ),
        status="closed",
        phase="close",
    )
    own = Session(
        id="h-self",
        date="2026-03-01",
        kind="self",
        framework=framework,
        language=lang,
        participants=people[2:],
        ratings=tuple(r for r in ratings(5) if r.participant.startswith("p-a")),
        predictions=(Prediction("p-a1", "d1", 4), Prediction("p-a2", "d2", 2)),
        notes="SECRET-NOTE " + HOSTILE[1],
        status="closed",
        phase="close",
    )
    second = Session(
        id="h-2",
        date="2026-03-10",
        framework=framework,
        language=lang,
        anonymous=anonymous,
        participants=people,
        ratings=ratings(7),
        review=(
            Review("h-a1", "done", HOSTILE[17]),
            Review("h-a2", "partly", HOSTILE[18]),
            Review("h-a3", "dropped", ""),
        ),
        actions=(Action("h-a4", HOSTILE[19], "p-a1", "2026-05-01", "d2"),),
        checkin=Checkin(HOSTILE[2], (Note("p-c1", HOSTILE[3]), Note("p-a2", HOSTILE[23]))),
        proud=(Note("p-c2", HOSTILE[15]), Note("p-a1", HOSTILE[28])),
        notes="SECRET-NOTE " + HOSTILE[4],
        status="closed",
        phase="close",
    )
    return History(Relationship("hostile", "Client | <Co> #1", "Agency `*`"), (first, own, second))


LONG_NAME = "Samenwerking 協力 التعاون שיתוף " * 20 + "| end"
HOSTILE_FRAMEWORK = {
    "key": "hostile",
    "version": 1,
    "name": {"nl": "Raam|werk *x*", "en": "Frame|work *x*"},
    "dimensions": [
        {
            "key": "d1",
            "name": {"nl": "Feed|back <b>#1</b>", "en": "Feed|back <b>#1</b>"},
            "about": {"agency": {"en": "a", "nl": "a"}, "client": {"en": "c", "nl": "c"}},
        },
        {
            "key": "d2",
            "name": {"nl": "- {{ 7*7 }} `d2`", "en": "- {{ 7*7 }} `d2`"},
            "about": {"agency": {"en": "a", "nl": "a"}, "client": {"en": "c", "nl": "c"}},
        },
        {
            "key": "d3",
            "name": {"nl": LONG_NAME, "en": LONG_NAME},
            "about": {"agency": {"en": "a", "nl": "a"}, "client": {"en": "c", "nl": "c"}},
        },
    ],
}


@pytest.fixture(params=[False, True], ids=["named", "anonymous"])
def hostile(request, workspace):
    (workspace.root / "frameworks").mkdir(parents=True, exist_ok=True)
    (workspace.root / "frameworks" / "hostile.json").write_text(
        json.dumps(HOSTILE_FRAMEWORK), "utf-8"
    )
    history = hostile_history(anonymous=request.param)
    workspace.merge_history(history)
    return workspace, history


def assert_markup_free(markdown: str) -> list[str]:
    """Parse like a viewer; no user text may have become links, code, HTML or emphasis
    beyond the template's own; returns the plain text of every inline."""
    allowed = {
        "text",
        "text_special",
        "softbreak",
        "em_open",
        "em_close",
        "strong_open",
        "strong_close",
    }
    texts = []
    for tok in MD.parse(markdown):
        assert tok.type not in ("html_block", "fence", "code_block", "blockquote_open", "hr"), tok
        if tok.type == "inline":
            for c in tok.children or []:
                assert c.type in allowed or (c.type == "html_inline" and c.content == "<br>"), (
                    c.type,
                    c.content,
                    tok.content,
                )
            texts.append(
                "".join(c.content if c.type != "html_inline" else "\n" for c in tok.children or [])
            )
    return texts


def remark_rows(history: History, sid: str) -> set[tuple[str, str, str]]:
    s = history.session(sid)
    assert s is not None
    return {
        (normalize_text(r.works), normalize_text(r.doesnt), normalize_text(r.why))
        for r in s.ratings
        if (r.works + r.doesnt + r.why).strip()
    }


@pytest.mark.parametrize("audience", ["internal", "shared"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_session_summary_keeps_every_table_intact(hostile, audience, lang) -> None:
    ws, history = hostile
    out = export_session(ws, "h-2", audience=audience, lang=lang)
    texts = assert_markup_free(out)
    found = tables(out)
    # Every table is rectangular: no cell was split by a pipe, no row cut by a newline.
    for t in found:
        assert len({len(row) for row in t}) == 1, t
    rows = {tuple(row[-3:]) for t in found for row in t[1:] if len(row) == 5}
    assert remark_rows(history, "h-2") <= rows
    # Dimension names and actions arrive verbatim in their cells.
    cells = {c for t in found for row in t for c in row}
    assert "Feed|back <b>#1</b>" in cells and "- {{ 7*7 }} `d2`" in cells
    assert LONG_NAME.strip() in cells
    assert normalize_text(HOSTILE[19]) in cells  # the new action
    assert normalize_text(HOSTILE[17]) in cells  # a review note
    assert any(normalize_text(HOSTILE[15]) in t for t in texts)  # proud, in a list
    assert any(normalize_text(HOSTILE[2]) in t for t in texts)  # the check-in question
    assert "49" not in out
    tokens = MD.parse(out)
    headings = [
        inline_text(t)
        for before, t in pairwise(tokens)
        if t.type == "inline" and before.type == "heading_open"
    ]
    assert headings[0].startswith("Retro Client | <Co> #1")


def test_anonymous_shared_export_shows_no_name(workspace) -> None:
    (workspace.root / "frameworks").mkdir(parents=True)
    (workspace.root / "frameworks" / "hostile.json").write_text(
        json.dumps(HOSTILE_FRAMEWORK), "utf-8"
    )
    workspace.merge_history(hostile_history(anonymous=True))
    for lang in ("nl", "en"):
        for fmt in ("md", "json", "csv"):
            out = export_session(workspace, "h-2", audience="shared", lang=lang, fmt=fmt)
            for name in NAMES.values():
                for part in name.split():
                    if len(part) > 3 and part.isalpha():
                        assert part not in out, (lang, fmt, part)
            assert "SECRET-NOTE" not in out
        trends = export_trends(workspace, "hostile", audience="shared", lang=lang)
        assert not any(n.split()[0] in trends for n in NAMES.values())
    # The internal version of the same session names people.
    assert "Secretname" in export_session(workspace, "h-2", audience="internal")


def test_shared_export_leaves_out_everything_internal(hostile) -> None:
    ws, _ = hostile
    for lang in ("nl", "en"):
        internal = export_session(ws, "h-2", audience="internal", lang=lang)
        shared = export_session(ws, "h-2", audience="shared", lang=lang)
        assert "SECRET" in internal and "SECRET" not in shared
        heading = "Intern" if lang == "nl" else "Internal"
        assert f"## {heading}" in internal and f"## {heading}" not in shared
        data = json.loads(export_session(ws, "h-2", audience="shared", lang=lang, fmt="json"))
        assert data["notes"] == "" and data["self_assessment"] is None
        assert "prediction" not in json.dumps(data)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_self_assessment(hostile, lang) -> None:
    ws, history = hostile
    out = export_session(ws, "h-self", lang=lang)
    assert_markup_free(out)
    found = tables(out)
    for t in found:
        assert len({len(row) for row in t}) == 1
    rows = {tuple(row[-3:]) for t in found for row in t[1:] if len(row) == 5}
    assert remark_rows(history, "h-self") <= rows
    assert normalize_text("SECRET-NOTE " + HOSTILE[1]) in "\n".join(assert_markup_free(out))


def test_self_assessment_is_never_shared(hostile) -> None:
    ws, _ = hostile
    with pytest.raises(ExportError, match="internal to one side"):
        export_session(ws, "h-self", audience="shared")


@pytest.mark.parametrize("audience", ["internal", "shared"])
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_hostile_trends_report(hostile, audience, lang) -> None:
    ws, _ = hostile
    out = export_trends(ws, "hostile", audience=audience, lang=lang)
    assert_markup_free(out)
    found = tables(out)
    assert found
    for t in found:
        assert len({len(row) for row in t}) == 1
    first_cells = {row[0] for t in found for row in t}
    assert {"Feed|back <b>#1</b>", "- {{ 7*7 }} `d2`", LONG_NAME.strip()} <= first_cells
    assert ("## Intern" in out) == (audience == "internal")


def test_demo_exports_in_every_combination(demo) -> None:
    ids = joint_ids(demo)
    for rel, sessions in ids.items():
        for audience in ("internal", "shared"):
            for lang in ("nl", "en"):
                out = export_session(demo, sessions[-2], audience=audience, lang=lang)
                assert_markup_free(out)
                assert all(len({len(r) for r in t}) == 1 for t in tables(out))
                assert_markup_free(export_trends(demo, rel, audience=audience, lang=lang))


def test_workspace_template_overrides_builtin(demo) -> None:
    sid = joint_ids(demo)["northwind-foods"][-1]
    folder = demo.root / "templates"
    folder.mkdir()
    (folder / "session.en.md").write_text(
        "Custom: {{ relationship.client }} | {{ session.id }}\n", "utf-8"
    )
    assert (
        export_session(demo, sid, lang="en")
        == f"Custom: Northwind Foods | {sid.replace('-', '-')}\n"
    )
    # Dutch still comes from the built-in template.
    assert export_session(demo, sid, lang="nl").startswith("# Retro Northwind Foods en")
    # A name of the user's own choosing.
    (folder / "mail.md").write_text("Dear {{ relationship.client }},\n", "utf-8")
    assert export_session(demo, sid, template="mail") == "Dear Northwind Foods,\n"


def test_template_path_can_include_builtin_parts(demo, tmp_path) -> None:
    sid = joint_ids(demo)["northwind-foods"][-1]
    path = tmp_path / "mine.md"
    path.write_text("Intro\n\n{% include 'session.en.md' %}", "utf-8")
    out = export_session(demo, sid, template=str(path))
    assert out.startswith("Intro\n\n# Retro Northwind Foods")


def test_unknown_template_name_is_a_clear_error(demo) -> None:
    sid = joint_ids(demo)["northwind-foods"][-1]
    with pytest.raises(ExportError, match="no template 'nope'"):
        export_session(demo, sid, template="nope")
    with pytest.raises(ExportError, match="template file not found"):
        export_session(demo, sid, template="./nope.md")


# ---------------------------------------------------------------------------
# The command line


def test_cli_writes_stdout_and_files(demo, capsys, tmp_path) -> None:
    sid = joint_ids(demo)["bakkerij-van-dijk"][-2]
    code, out, err = run(capsys, "export", sid)
    assert code == 0 and out.startswith("# Retro Bakkerij Van Dijk en Studio Noord") and not err
    assert "gedeelde versie" in out  # shared is the default for a joint session
    target = tmp_path / "sum.md"
    code, out, err = run(
        capsys, "export", sid, "--audience", "internal", "--lang", "en", "-o", str(target)
    )
    assert code == 0 and out == "" and str(target) in err
    assert "internal version" in target.read_text("utf-8")


def test_cli_formats(demo, capsys) -> None:
    sid = joint_ids(demo)["northwind-foods"][-2]
    code, out, _ = run(capsys, "export", sid, "--format", "json")
    assert code == 0 and json.loads(out)["session"]["id"] == sid
    code, out, _ = run(capsys, "export", sid, "--format", "csv")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("dimension,name,subject,self,other,gap")
    assert len(lines) > 10
    code, out, _ = run(capsys, "export", "--trends", "northwind-foods", "--format", "csv")
    assert code == 0 and out.startswith("dimension,name,subject,session,date,other_view")
    code, out, _ = run(capsys, "export", "--trends", "northwind-foods", "--lang", "nl")
    assert code == 0 and out.startswith("# Trends: Northwind Foods en Brightside Digital")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ((), "give either a SESSION or --trends"),
        (("s", "--trends", "r"), "give either a SESSION or --trends"),
        (("nope",), "no session 'nope'"),
        (("--trends", "nope"), "no relationship 'nope'"),
    ],
)
def test_cli_errors_are_one_line(demo, capsys, argv, message) -> None:
    code, out, err = run(capsys, "export", *argv)
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and message in err and err.startswith("retro: error:")


def test_cli_reports_template_errors_with_file_and_line(demo, capsys, tmp_path) -> None:
    sid = joint_ids(demo)["northwind-foods"][-1]
    bad = tmp_path / "bad.md"
    bad.write_text("ok\n{{ relationship.__class__.__init__.__globals__ }}\n", "utf-8")
    code, out, err = run(capsys, "export", sid, "--template", str(bad))
    assert code == 1 and out == ""
    assert err.startswith(f"retro: error: {bad}, line 2: refused:") and err.count("\n") == 1
    bad.write_text("{% if %}\n", "utf-8")
    code, _, err = run(capsys, "export", sid, "--template", str(bad))
    assert code == 1 and f"{bad}, line 1: template syntax error" in err


def test_cli_help(capsys) -> None:
    code, out, _ = run(capsys, "export", "--help")
    assert code == 0 and "--trends" in out and "--audience" in out and "docs/templates.md" in out


def test_export_does_not_import_textual(demo) -> None:
    sid = joint_ids(demo)["northwind-foods"][-1]
    code = (
        "import sys\n"
        "from retro.cli import main\n"
        f"rc = main(['export', {sid!r}, '--audience', 'internal'])\n"
        "rc2 = main(['export', '--trends', 'northwind-foods'])\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(rc, rc2, bad, file=sys.stderr)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=child_env(RETRO_DATA=str(demo.root)),
    )
    assert out.stderr.strip().splitlines()[-1] == "0 0 []"
    assert out.stdout.startswith("# Retro Northwind Foods")
    # The child's listing index went to this test's cache, not the user's.
    assert list((Path(os.environ["XDG_CACHE_HOME"]) / "retro" / "index").glob("*.json"))


def test_export_package_imports_without_textual() -> None:
    code = "import sys, retro.export; print(any(m.startswith('textual') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_builtin_templates_exist_for_every_kind_and_language() -> None:
    from retro.export import builtin_templates_dir

    names = {p.name for p in Path(builtin_templates_dir()).glob("*.md")}
    assert {
        f"{k}.{lang}.md" for k in ("session", "self", "trends") for lang in ("nl", "en")
    } <= names


def test_the_example_in_docs_templates_works(demo) -> None:
    """docs/templates.md's example, run as written, so the docs cannot rot."""
    doc = (Path(__file__).parents[2] / "docs" / "templates.md").read_text("utf-8")
    example = doc.split("`<workspace>/templates/mail.md`:\n\n```jinja\n", 1)[1].split("```", 1)[0]
    (demo.root / "templates").mkdir()
    (demo.root / "templates" / "mail.md").write_text(example, "utf-8")
    sid = joint_ids(demo)["northwind-foods"][-2]
    out = export_session(demo, sid, audience="shared", template="mail")
    assert out.startswith("Hello Northwind Foods,\n\nThank you for the retro of ")
    items = [line for line in out.splitlines() if line.startswith("- ")]
    assert len(items) == 3 and all("2026)" in i or "2026" in i for i in items)
    assert "Where we see things most differently:" in out


def test_an_empty_session_and_relationship_still_export(workspace) -> None:
    """A session just set up, and a relationship without joint sessions, in both languages."""
    from retro.model import Session as S

    workspace.create_relationship("Leeg BV", "Bureau X", "leeg")
    for lang in ("nl", "en"):
        trends = export_trends(workspace, "leeg", lang=lang)
        assert ("No joint retros yet" in trends) == (lang == "en")
        assert_markup_free(trends)
    workspace.add_session("leeg", S(id="s0", date="2026-01-01", language="en"))
    out = export_session(workspace, "s0", audience="internal")
    assert "No participants recorded yet." in out and "anonymous" not in out
    assert all(len({len(r) for r in t}) == 1 for t in tables(out))
    trends = export_trends(workspace, "leeg", lang="en")
    assert "No scores yet." in trends


def test_a_session_whose_framework_is_gone_uses_the_dimension_keys(workspace) -> None:
    from retro.model import Session as S

    workspace.create_relationship("A", "B", "gone")
    workspace.add_session(
        "gone",
        S(
            id="g1",
            date="2026-01-01",
            framework="removed",
            language="en",
            participants=(Participant("p", "P", "agency"),),
            ratings=(Rating("p", "custom_dim", "agency", 4, "works well"),),
        ),
    )
    out = export_session(workspace, "g1", audience="internal")
    assert "| custom\\_dim | 4 (n=1) |" in out  # one rater: the score and its n
    assert ["Agency", "Agency (P)", "works well", "", ""] in tables(out)[-1]


def test_csv_is_safe_for_spreadsheets_and_parses_back(hostile) -> None:
    """Dimension names come from framework files; one starting with '-' or '=' must not
    become a formula, and a '|' or newline must not break the CSV."""
    import csv
    import io

    ws, _ = hostile
    rows = list(csv.reader(io.StringIO(export_session(ws, "h-2", fmt="csv"))))
    assert rows[0][:3] == ["dimension", "name", "subject"]
    names = {r[1] for r in rows[1:]}
    assert names == {"Feed|back <b>#1</b>", "'- {{ 7*7 }} `d2`", LONG_NAME}
    assert all(len(r) == len(rows[0]) for r in rows)
    trends = list(csv.reader(io.StringIO(export_trends(ws, "hostile", fmt="csv"))))
    assert {r[1] for r in trends[1:]} == names


def test_predictions_made_in_the_joint_session_are_internal(workspace) -> None:
    from retro.model import Session as S

    workspace.create_relationship("A", "B", "pred")
    people = (Participant("a", "Ann", "agency"), Participant("c", "Cor", "client"))
    workspace.add_session(
        "pred",
        S(
            id="j1",
            date="2026-01-01",
            language="en",
            participants=people,
            ratings=(Rating("a", "trust", "agency", 4), Rating("c", "trust", "agency", 2)),
            predictions=(Prediction("a", "trust", 3),),
        ),
    )
    internal = export_session(workspace, "j1", audience="internal")
    row = next(
        r
        for t in tables(internal)
        for r in t
        if r[0] == "Trust & respect for expertise" and len(r) == 5 and r[2] == "3.0"
    )
    assert row == ["Trust & respect for expertise", "4.0", "3.0", "2.0", "+1.0"]
    shared = export_session(workspace, "j1", audience="shared")
    assert "prediction" not in shared.lower()


def _naming_history(anonymous: bool) -> History:
    people = (
        Participant("c1", "Anouk van Dijk", "client"),
        Participant("a1", "Mehmet Yılmaz", "agency"),
    )
    session = Session(
        id="n-1",
        date="2026-05-01",
        language="en",
        anonymous=anonymous,
        participants=people,
        ratings=(
            Rating("c1", "transparency", "agency", 4, "MEHMET calls back the same day", "", ""),
            Rating("a1", "transparency", "client", 3, "", "anouk van dijk answers late", "Why"),
        ),
        actions=(Action("n-a1", "Anouk and Yılmaz plan the launch", "c1", None, None),),
        proud=(Note("a1", "Anouk's idea for Bakkerij Van Dijk's website"),),
        checkin=Checkin("Coffee or tea?", (Note("c1", "Tea, like Mehmet"),)),
        status="closed",
        phase="close",
    )
    return History(Relationship("n", "Bakkerij Van Dijk", "Studio Noord"), (session,))


def test_an_anonymous_shared_export_replaces_names_inside_remarks_by_their_side(
    workspace,
) -> None:
    workspace.merge_history(_naming_history(anonymous=True))
    for fmt in ("md", "json", "csv"):
        out = export_session(workspace, "n-1", audience="shared", lang="en", fmt=fmt)
        for part in ("Anouk", "anouk", "Mehmet", "MEHMET", "Yılmaz"):
            assert part not in out, (fmt, part)
        if fmt != "csv":  # the CSV holds figures only
            assert "(Agency) calls back the same day" in out
            assert "(Client) answers late" in out
            assert "(Client)'s idea for Bakkerij Van Dijk's website" in out
            assert "Tea, like (Agency)" in out
    md = export_session(workspace, "n-1", audience="shared", lang="nl")
    assert "(Opdrachtgever) and (Bureau) plan the launch" in md  # the side, in Dutch
    internal = export_session(workspace, "n-1", audience="internal", lang="en")
    assert "MEHMET calls back" in internal and "anouk van dijk answers late" in internal


def test_a_named_session_keeps_names_in_remarks(workspace) -> None:
    workspace.merge_history(_naming_history(anonymous=False))
    out = export_session(workspace, "n-1", audience="shared", lang="en")
    assert "MEHMET calls back" in out and "Anouk and Yılmaz plan the launch" in out


@given(
    name=st.text(alphabet=st.characters(categories=("L",)), min_size=3, max_size=12),
    before=st.text(max_size=20),
    after=st.text(max_size=20),
)
def test_no_participant_name_survives_as_a_word_in_an_anonymous_remark(name, before, after):
    import re

    from retro.export.context import PARTICLES, People

    assume(name.casefold() not in PARTICLES and name.casefold() not in {"co", "ag"})
    person = Participant("p", name, "client")
    session = Session("s", "2026-01-01", anonymous=True, participants=(person,))
    people = People(History(Relationship("r", "Co", "Ag"), (session,)), session, "shared", "en")
    text = f"{before} {name} {after}"
    out = people.text(text)
    word = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)
    assert not word.search(out.replace("(Client)", ""))
