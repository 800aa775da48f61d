"""Text that reaches a terminal shows its controls instead of obeying them: the rule itself,
and every CLI text output fed names, ids and remarks that carry escape sequences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from msgspec.structs import replace

from retro import json_codec
from retro.cli import main
from retro.model import Action, Note, Participant
from retro.store import Workspace
from retro.terminal import (
    CONTROL,
    for_terminal,
    has_controls,
    json_for_terminal,
    without_controls,
)
from tests.terminal_attacks import ATTACKS, HOSTILE, VISIBLE_TITLE, controls_in, leaked
from tests.ui.data import EARLIER, PEOPLE, REL, earlier_session, open_session

# -- the rule -----------------------------------------------------------------------------

printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")))
anything = st.text(st.characters(blacklist_categories=("Cs",)))
with_controls = st.lists(
    st.one_of(anything, st.sampled_from(list(ATTACKS.values())), st.characters(max_codepoint=0x9F))
).map("".join)


@given(with_controls)
def test_for_terminal_leaves_nothing_a_terminal_obeys(text: str) -> None:
    shown = for_terminal(text)
    assert not has_controls(shown)
    assert "\x1b" not in shown
    # One character for one: an Input's cursor stays on the same character.
    assert len(shown) == len(text)


@given(with_controls)
def test_multiline_keeps_only_newlines(text: str) -> None:
    shown = for_terminal(text, multiline=True)
    assert CONTROL.findall(shown.replace("\n", "")) == []
    assert shown.count("\n") == text.count("\n")


@given(printable)
def test_printable_text_passes_unchanged(text: str) -> None:
    assert for_terminal(text) == text
    assert for_terminal(text, multiline=True) == text
    assert without_controls(text) == text


@given(with_controls)
def test_without_controls_removes_only_controls(text: str) -> None:
    assert without_controls(text) == CONTROL.sub("", text)


def test_sequences_are_shown_whole() -> None:
    assert for_terminal(ATTACKS["osc-title"]) == VISIBLE_TITLE
    assert for_terminal(ATTACKS["dcs"]) == "␛Ptmux;␛␛]2;DCS␇␛\\"
    assert for_terminal("a\x9b2Jb\x85") == "a\ufffd2Jb\ufffd"
    assert for_terminal("two\nlines\r\n") == "two␊lines␍␊"
    assert for_terminal("two\r\nlines\r", multiline=True) == "two\nlines␍"
    assert for_terminal("[bold]Ünïcødé 🎉 عليكم[/]") == "[bold]Ünïcødé 🎉 عليكم[/]"


@given(
    st.recursive(
        st.one_of(st.none(), anything, st.integers(-(2**53), 2**53)),
        lambda c: st.lists(c, max_size=3),
    )
)
def test_json_output_escapes_c1_and_reads_back_the_same(value: object) -> None:
    raw = json_for_terminal(json_codec.dumps({"v": value}).decode())
    assert json_codec.loads(raw) == {"v": value}
    assert not has_controls(raw)


# -- every CLI text output ----------------------------------------------------------------

BAD_SID = "q3-" + ATTACKS["osc-title"] + ATTACKS["c1-csi"]
OPEN_SID = "open-" + ATTACKS["dcs"] + ATTACKS["csi-move"]


@pytest.fixture
def hostile_ws(workspace: Workspace) -> Workspace:
    """Names, ids, remarks and actions that each carry every attack."""
    workspace.create_relationship(HOSTILE, "Agency " + HOSTILE, rel_id=REL)
    people = tuple(Participant(p.id, f"{p.name} {HOSTILE}", p.side) for p in PEOPLE)
    closed = replace(earlier_session(), id=BAD_SID)
    workspace.add_session(REL, closed)
    workspace.add_session(REL, replace(earlier_session(), id=EARLIER, date="2026-02-15"))
    session = open_session("rate", people=people)
    workspace.add_session(
        REL,
        replace(
            session,
            id=OPEN_SID,
            actions=(Action("a-x", HOSTILE, "p-ada", "2026-06-01", "trust"),),
            proud=(Note("p-clara", HOSTILE),),
        ),
    )
    return workspace


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def assert_safe(out: str, err: str) -> None:
    for stream in (out, err):
        assert leaked(stream) == [], stream
        assert controls_in(stream) == [], stream


@pytest.mark.parametrize(
    "argv",
    [
        ["relationships"],
        ["sessions"],
        ["sessions", REL],
        ["figures", BAD_SID],
        ["trends", REL],
        ["portfolio", "--today", "2026-05-01"],
        ["check"],
    ],
    ids=lambda argv: argv[0] + ("" if len(argv) == 1 else "-" + str(len(argv))),
)
def test_cli_shows_hostile_data_without_obeying_it(
    hostile_ws: Workspace, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    assert_safe(out, err)


def test_figures_names_the_session_visibly(hostile_ws: Workspace, capsys) -> None:
    _, out, _ = run(capsys, "figures", BAD_SID)
    assert f"Session q3-{VISIBLE_TITLE}C1\ufffd2JC1" in out


def test_portfolio_in_progress_line_is_visible(hostile_ws: Workspace, capsys) -> None:
    _, out, _ = run(capsys, "portfolio", "--today", "2026-05-01")
    line = next(x for x in out.splitlines() if x.startswith("In progress"))
    assert VISIBLE_TITLE in line and "␛Ptmux;" in line


@pytest.mark.parametrize(
    "argv", [["relationships", "--json"], ["sessions", "--json"], ["dump", REL]]
)
def test_json_outputs_carry_no_c1(hostile_ws: Workspace, capsysbinary, argv: list[str]) -> None:
    main(argv)
    raw = capsysbinary.readouterr().out
    assert leaked(raw) == []
    # The same values, escaped: a script reading the JSON gets the data as stored.
    assert BAD_SID in strings(json_codec.loads(raw)) or HOSTILE in "".join(
        strings(json_codec.loads(raw))
    )


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for item in items for s in strings(item)]


def test_errors_quoting_data_are_shown_not_obeyed(tmp_path: Path, capsys) -> None:
    root = tmp_path / ("ws" + ATTACKS["osc-title"] + ATTACKS["csi-clear"])
    code, out, err = run(capsys, "--data", str(root), "figures", "nope")
    assert code == 1 and "no session" in err
    assert_safe(out, err)
    code, out, err = run(capsys, "--data", str(root), "relationships")
    assert VISIBLE_TITLE in out
    assert_safe(out, err)


def test_usage_errors_quote_arguments_visibly(capsys) -> None:
    code, out, err = run(capsys, "relationships", "extra" + ATTACKS["osc-title"])
    assert code == 2 and f"unrecognized arguments: extra{VISIBLE_TITLE}" in err
    assert_safe(out, err)


def test_check_names_a_hostile_file_visibly(hostile_ws: Workspace, capsys) -> None:
    (hostile_ws.root / "relationships" / f"x{ATTACKS['osc-title']}.json").write_text("{")
    code, out, err = run(capsys, "check")
    assert code == 1 and VISIBLE_TITLE in err
    assert_safe(out, err)


def test_import_messages_are_shown_not_obeyed(tmp_path: Path, capsys) -> None:
    bad = tmp_path / f"in{ATTACKS['osc-title']}{ATTACKS['c1-osc']}.json"
    bad.write_text("{not json")
    code, out, err = run(capsys, "import", str(bad))
    assert code == 1 and VISIBLE_TITLE in err
    assert_safe(out, err)
    code, out, err = run(capsys, "import", str(tmp_path / f"missing{ATTACKS['csi-clear']}.json"))
    assert code == 1
    assert_safe(out, err)


def test_pack_message_shows_the_name_visibly(hostile_ws: Workspace, tmp_path: Path, capsys) -> None:
    code, out, err = run(
        capsys,
        "pack",
        OPEN_SID,
        "-p",
        "p-clara",
        "-o",
        str(tmp_path / f"p{ATTACKS['c1-nel']}.json"),
    )
    assert code == 0, err
    assert "Clara Jansen " + VISIBLE_TITLE in out
    assert_safe(out, err)


def test_serve_lists_join_codes_visibly(
    hostile_ws: Workspace, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """serve prints each open session's names before it starts listening."""
    from retro import serve
    from retro.pack import make_pack  # noqa: F401  (the open session must be joinable)

    class Server:
        public_url = "http://127.0.0.1:8000"

        def serve(self) -> None:  # the listening itself is serve's own tests' business
            return None

    monkeypatch.setattr(serve, "make_server", lambda *a, **k: Server())
    code, out, err = run(capsys, "serve")
    assert code == 0, err
    assert any(VISIBLE_TITLE in line for line in out.splitlines() if "join code" in line), out
    assert_safe(out, err)
