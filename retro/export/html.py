"""`--format html`: the Markdown export rendered as one self-contained HTML page.

markdown-it-py renders the Markdown (CommonMark and tables) with raw HTML switched off,
so nothing in a template or in user text becomes markup: the Markdown export escapes
user text already, and even a template's own ``<b>`` would come out as text. The one
tag the Markdown export writes on purpose, ``<br>`` (a line break inside a table cell),
is recognised exactly as it is. Charts are inlined as SVG; the page loads nothing
(a Content-Security-Policy that allows no scripts and no fetches says so to the
browser) and has a print stylesheet, so a browser's "print to PDF" gives a clean report.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from retro.export.pictures import INLINE

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict

CSS = """
:root { color-scheme: light; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue",
  "DejaVu Sans", sans-serif; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 62rem; margin: 0 auto; padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #d0d0d0; padding: .25rem .5rem; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td[style*="right"], th[style*="right"] { font-variant-numeric: tabular-nums; }
code { background: #f3f3f3; padding: 0 .2em; }
.chart { display: block; margin: .8rem 0 1.2rem; max-width: 100%; overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 16mm 14mm; }
  body { font-size: 10.5pt; }
  main { max-width: none; padding: 0; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  table, .chart { break-inside: avoid; page-break-inside: avoid; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  th { background: none; }
  .chart { overflow: visible; }
}
"""

# No scripts, no fetches of any kind; only the page's own style sheet and inline SVG.
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def _br(state: StateInline, silent: bool) -> bool:
    """``<br>`` exactly, as the Markdown export writes a line break inside a cell: a hard
    break. User text can never spell it (its ``<`` is written as ``&lt;``)."""
    if not state.src.startswith("<br>", state.pos):
        return False
    if not silent:
        state.push("hardbreak", "br", 0)
    state.pos += 4
    return True


def _inline_once(state: StateCore) -> None:
    """markdown-it's core "inline" rule, parsing each distinct inline source once per
    document: a report's tables repeat the same few cells ("–", "3,0 →") hundreds of
    times, and parsing them was most of the HTML report's cost. The renderer only reads
    tokens, so identical cells can share theirs."""
    seen: dict[str, list[Token]] = {}
    for token in state.tokens:
        if token.type != "inline":
            continue
        children = seen.get(token.content)
        if children is None:
            children = token.children if token.children is not None else []
            state.md.inline.parse(token.content, state.md, state.env, children)
            seen[token.content] = children
        token.children = children


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    # The text rule stops at "<" (autolinks start with it), so ours gets its turn there,
    # and only there, ahead of the (switched off) raw HTML rule.
    md.inline.ruler.before("autolink", "retro_br", _br)
    md.core.ruler.at("inline", _inline_once)
    md.add_render_rule("image", _image)
    return md


def _image(
    self: RendererHTML,
    tokens: Sequence[Token],
    idx: int,
    options: OptionsDict,
    env: EnvType,
) -> str:
    """A chart reference (``chart:NAME``) becomes the chart's SVG; any other image is
    shown as its alt text, since the page loads nothing from elsewhere."""
    token = tokens[idx]
    src = str(token.attrGet("src") or "")
    charts: Mapping[str, str] = env.get("charts", {})
    alt = self.renderInlineAsText(token.children or [], options, env)
    if src.startswith(INLINE):
        from urllib.parse import unquote

        svg = charts.get(unquote(src[len(INLINE) :]))
        if svg is not None:
            return f'<span class="chart" role="figure" aria-label="{html.escape(alt)}">{svg}</span>'
    return html.escape(alt)


def render_html(markdown: str, charts: Mapping[str, str], lang: str) -> str:
    """The whole HTML page for a Markdown export, its charts inline."""
    from markdown_it.renderer import RendererHTML  # loaded with the parser already

    md = _parser()
    renderer = md.renderer
    assert isinstance(renderer, RendererHTML)  # MarkdownIt's default, which _parser keeps
    env: dict[str, Any] = {"charts": charts}
    tokens = md.parse(markdown, env)
    title = next(
        (
            renderer.renderInlineAsText(tokens[i + 1].children or [], md.options, env)
            for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.tag == "h1" and i + 1 < len(tokens)
        ),
        "",
    )
    body = md.renderer.render(tokens, md.options, env)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="retro">\n'
        f"<title>{html.escape(title.strip() or 'Retro')}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
