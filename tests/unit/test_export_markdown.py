"""Markdown escaping and the sandbox: user text comes out literally, templates stay caged.

Output is parsed with markdown-it-py (CommonMark + GFM tables) and compared with the
user's text, because "looks right in a string" is not "renders right in a viewer".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import DictLoader
from markdown_it import MarkdownIt

from retro.export import ExportError, Text, md_escape
from retro.export.context import wrap
from retro.export.markdown import normalize_text
from retro.export.render import MarkdownSandbox, render, resolve_template

MD = MarkdownIt("commonmark").enable("table")

HOSTILE = [
    "a | b | c",
    "line one\nline two\r\nline three\rfour",
    "# not a heading",
    "## also not ##",
    "- not a list",
    "+ nor this",
    "1. nor this",
    "3) nor this",
    "> not a quote",
    "---",
    "===",
    "***",
    "`code` and ``more``",
    "```\nfenced\n```",
    "~~~\nfenced\n~~~",
    "<script>alert(1)</script>",
    "<b>bold</b> &amp; &copy; &#35; & alone",
    "{{ 7*7 }}",
    "{% raw %}x{% endraw %}",
    "{# comment #}",
    "*em* _em_ **strong** __strong__ ~~strike~~",
    "[link](http://example.com) ![img](x.png) <http://example.com>",
    "[ref]: http://example.com",
    "back\\slash \\| \\\\ trailing\\",
    "| --- | --- |",
    "\ttabbed\tand    spaced",
    "trailing two spaces  \nhard break?",
    "x" * 5000,
    "Ünïcödé 日本語のテキスト مرحبا بالعالم עברית 👩‍👩‍👧‍👦",
    "\x1b[31mred\x1b[0m and a NUL\x00",
]


def inline_text(token) -> str:
    """The literal text of an inline token; any markup other than <br> is a failure."""
    out = []
    for c in token.children or []:
        if c.type in ("text", "text_special"):
            out.append(c.content)
        elif (c.type == "html_inline" and c.content == "<br>") or c.type == "softbreak":
            out.append("\n")
        else:
            raise AssertionError(f"markup {c.type} {c.content!r} in {token.content!r}")
    return "".join(out)


def tables(markdown: str) -> list[list[list[str]]]:
    """Every GFM table as rows of cell texts (header row first)."""
    out: list[list[list[str]]] = []
    row: list[str] | None = None
    for tok in MD.parse(markdown):
        if tok.type == "table_open":
            out.append([])
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "inline" and row is not None:
            row.append(inline_text(tok))
        elif tok.type == "tr_close":
            out[-1].append(row or [])
            row = None
    return out


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("place", ["cell", "list", "heading", "paragraph", "quote-line"])
def test_escaped_text_renders_literally_everywhere(text: str, place: str) -> None:
    e = md_escape(text)
    src = {
        "cell": f"| h | i |\n|---|---|\n| {e} | after |\n",
        "list": f"- {e}\n- after\n",
        "heading": f"## {e}\n",
        "paragraph": f"{e}\n",
        "quote-line": f"before\n{e}\n",
    }[place]
    tokens = MD.parse(src)
    inlines = [t for t in tokens if t.type == "inline"]
    texts = [inline_text(t) for t in inlines]
    want = normalize_text(text)
    if place == "cell":
        assert tables(src) == [[["h", "i"], [want, "after"]]]
    elif place == "list":
        assert texts == [want, "after"]
        assert [t.type for t in tokens].count("list_item_open") == 2
    elif place == "heading":
        assert texts == [want] and tokens[0].tag == "h2"
    elif place == "paragraph":
        assert texts == [want] and tokens[0].type == "paragraph_open"
    else:
        assert texts == ["before\n" + want]
        assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60))
def test_any_text_survives_a_table_cell(text: str) -> None:
    src = f"| h |\n|---|\n| {md_escape(text)} |\n"
    got = tables(src)
    assert got == [[["h"], [normalize_text(text)]]]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("|\\`*_#-+>=<&;[]()!~ \n1.)ab"), max_size=30))
def test_syntax_heavy_text_survives_a_list_item(text: str) -> None:
    tokens = MD.parse(f"- {md_escape(text)}\n")
    inlines = [t for t in tokens if t.type == "inline"]
    want = normalize_text(text)
    assert [inline_text(t) for t in inlines] == ([want] if want else [])
    assert [t.type for t in tokens].count("list_item_open") == 1


# ---------------------------------------------------------------------------
# The template discipline: no way to print user text unescaped by accident


def env_with(**templates: str) -> MarkdownSandbox:
    return MarkdownSandbox(DictLoader(templates))


EVIL = "a|b\n# h `c` <i>"


@pytest.mark.parametrize(
    "expr",
    [
        "{{ x }}",
        "{{ x|upper|lower }}",
        "{{ x|truncate(500) }}",
        "{{ x ~ '' }}",
        "{{ m() ~ x }}",
        "{{ x ~ m() }}",
        "{{ m() + x }}",
        "{{ x + m() }}",
        "{{ '%s'|format(x) }}",
        "{{ p() % x }}",
        "{{ [x, x]|join(m()) }}",
        "{{ [x]|join }}",
        "{{ x|e }}",
        "{{ x|cell }}",
        "{{ x.strip() }}",
        "{{ x[0:100] }}",
        "{{ wrap(x) }}",
        "{{ x|replace('zz', 'y') }}",
        "{{ x|default('') }}",
        "{{ x|string }}",
        "{% set y %}{{ x }}{% endset %}{{ y }}",
        "{% set y = x %}{{ y }}",
        "{% for c in [x] %}{{ c }}{% endfor %}",
    ],
)
@pytest.mark.parametrize("as_text", [True, False])
def test_every_way_of_printing_escapes(expr: str, as_text: bool) -> None:
    """Whatever a template author writes, the cell holds the text, not Markdown."""
    source = (
        "{% macro m() %}{% endmacro %}{% macro p() %}%s{% endmacro %}"
        "{% macro wrap(v) %}{{ v }}{% endmacro %}| h |\n|---|\n| " + expr + " |\n"
    )
    env = env_with(t=source)
    value = Text(EVIL) if as_text else EVIL
    out = render(env, "t", {"x": value, "lang": "en"})
    cells = tables(out)
    assert len(cells) == 1 and len(cells[0]) == 2, out
    text = cells[0][1][0]
    assert "# h `c` <i>" in text and "a|b" in text.replace("A|B", "a|b").lower(), out


def test_number_filters_are_markdown_not_escaped() -> None:
    env = env_with(
        t="{{ a|signed }} {{ b|signed }} {{ c|num }} {{ d|pct }} {{ n|num }} {{ e|date }}"
    )
    out = render(
        env,
        "t",
        {"a": -0.5, "b": 1.25, "c": 3.0, "d": 0.833, "n": None, "e": "2026-03-02", "lang": "nl"},
    )
    assert out == "−0,5 +1,2 3,0 83% – 2 maart 2026"


def test_template_literals_are_the_authors_markdown() -> None:
    env = env_with(t="**{{ x }}** | `{{ x }}`")
    assert render(env, "t", {"x": "*"}) == "**\\*** | `\\*`"


# ---------------------------------------------------------------------------
# The sandbox and template errors


@pytest.mark.parametrize(
    "source",
    [
        "{{ x.__class__ }}",
        "{{ x.__class__.__mro__[1].__subclasses__() }}",
        "{{ ''.__class__.__base__ }}",
        "{{ m.__globals__ }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ lipsum.__globals__['os'].popen('echo pwned').read() }}",
        "{{ x.format_map }}{{ x.format_map.__self__ }}",
    ],
)
def test_templates_cannot_reach_python_internals(source: str) -> None:
    env = env_with(t="{% macro m() %}{% endmacro %}\n" + source)
    with pytest.raises(ExportError) as e:
        render(env, "t", {"x": Text("hi"), "lang": "en"})
    msg = str(e.value)
    assert "\n" not in msg
    assert "line 2" in msg
    assert "refused: access to attribute '_" in msg and "sandbox" in msg


def test_sandbox_refusal_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "evil.md"
    path.write_text("# ok\n\nfine {{ session.id }}\n{{ session.id.__class__.__mro__ }}\n", "utf-8")
    env, name = resolve_template(str(path), "session", "en", None)
    with pytest.raises(ExportError) as e:
        render(env, name, wrap({"session": {"id": "s1"}, "lang": "en"}))
    msg = str(e.value)
    assert msg.startswith(f"{path}, line 4: refused: access to attribute '__class__'")
    assert "sandbox" in msg and "\n" not in msg


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.md"
    path.write_text("# title\n\n{% for x in items %}\n{{ x }\n", "utf-8")
    env, name = resolve_template(str(path), "session", "en", None)
    with pytest.raises(ExportError) as e:
        render(env, name, {})
    assert str(e.value).startswith(f"{path}, line 4: template syntax error:")


def test_syntax_error_in_an_included_template(tmp_path: Path) -> None:
    (tmp_path / "main.md").write_text("x\n{% include 'part.md' %}\n", "utf-8")
    (tmp_path / "part.md").write_text("ok\n{% if %}\n", "utf-8")
    env, name = resolve_template(str(tmp_path / "main.md"), "session", "en", None)
    with pytest.raises(ExportError) as e:
        render(env, name, {})
    assert str(e.value).startswith(f"{tmp_path / 'part.md'}, line 2: template syntax error")


def test_undefined_variable_is_an_error_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "typo.md"
    path.write_text("# t\n{{ sesion.date }}\n", "utf-8")
    env, name = resolve_template(str(path), "session", "en", None)
    with pytest.raises(ExportError) as e:
        render(env, name, {"session": {}})
    assert str(e.value) == f"{path}, line 2: 'sesion' is undefined"


def test_removed_filters_are_a_clear_error() -> None:
    env = env_with(t="{{ x|tojson }}")
    with pytest.raises(ExportError, match="No filter named 'tojson'"):
        render(env, "t", {"x": "a"})


def test_templates_cannot_mutate_the_context() -> None:
    env = env_with(t="{{ items.append(1) }}")
    with pytest.raises(ExportError, match=r"unsafe|sandbox"):
        render(env, "t", {"items": []})


def test_join_keeps_the_blanks_of_its_separator_and_escapes_the_rest() -> None:
    """The over-time report lists open sessions as "(2026-01-05, 2026-02-02)", not "(a,b)";
    a separator holding Markdown is still shown literally."""
    env = env_with(t='({{ d|join(", ") }}) {{ d|join(" | ") }} {{ d|join(" \x1c ") }}')
    out = render(env, "t", {"d": ["2026-01-05", "2026-02-02"], "lang": "en"})
    assert out.startswith("(2026-01-05, 2026-02-02) 2026-01-05 \\| 2026-02-02 ")
    assert "\x1c" not in out
