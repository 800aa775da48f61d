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


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.inline.ruler.before("text", "retro_br", _br)
    # The text rule stops only at characters some rule may start with; "<" is one
    # (autolinks), so ours gets its turn.
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
    md = _parser()
    env: dict[str, Any] = {"charts": charts}
    tokens = md.parse(markdown, env)
    title = next(
        (
            tokens[i + 1].content
            for i, t in enumerate(tokens)
            if t.type == "heading_open" and t.tag == "h1" and i + 1 < len(tokens)
        ),
        "Retro",
    )
    body = md.renderer.render(tokens, md.options, env)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="retro">\n'
        f"<title>{html.escape(_plain_title(title))}</title>\n"
        f"<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )


def _plain_title(source: str) -> str:
    """The h1's Markdown source as plain text: markdown-it's own text rendering of it."""
    md = _parser()
    tokens = md.parseInline(source, {})
    children = tokens[0].children if tokens else []
    return md.renderer.renderInlineAsText(children or [], md.options, {}).strip() or "Retro"
