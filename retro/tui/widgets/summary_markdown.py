"""Textual's Markdown widget with a table, and a list of plain items, as one widget each.

Stock Markdown mounts a grid with a `Static` per table cell and three widgets per list
item; the demo summary came to about 400 widgets, and mounting, styling and laying them
out was most of the time the export preview took to re-render after F2 or F3 (issue 11).
Here a table or a list is one widget drawn by retro.tui.widgets.text_lines, and table
rows never become widgets at all: the parser's table tokens go straight to the table.
Cells and items keep the Content markdown-it made of the source (never parsed as markup),
so emphasis, code and links look as in a paragraph and user text stays text. Anything
else (headings, paragraphs, quotes, code, nested lists) is Textual's own block.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import ClassVar

from markdown_it.token import Token
from textual.app import ComposeResult, RenderResult
from textual.content import Content
from textual.selection import Selection
from textual.widgets import Markdown

# The list and table blocks are not re-exported by textual.widgets.markdown (8.2.8).
from textual.widgets._markdown import (
    MarkdownBulletList,
    MarkdownListItem,
    MarkdownOrderedList,
    MarkdownParagraph,
    MarkdownTable,
)
from textual.widgets.markdown import MarkdownBlock

from retro.tui.widgets.text_lines import Align, LaidOut, ListVisual, TableVisual

#: The token a whole table becomes before Markdown builds blocks (see SummaryMarkdown).
TABLE_TOKEN = "retro_table"


class Drawn(MarkdownBlock):
    """A block drawn as lines by a text_lines Visual, with no child widgets: a table or a
    list is one widget, whose height follows the width it is given."""

    DEFAULT_CSS = """
    Drawn > .markdown-table--header {
        color: $primary;
        text-style: bold;
    }
    Drawn > .markdown-table--lines {
        color: $foreground 30%;
    }
    Drawn > .markdown-list--bullet {
        color: $text-primary;
    }
    Drawn:light > .markdown-list--bullet {
        color: $text-secondary;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *MarkdownBlock.COMPONENT_CLASSES,
        "markdown-table--header",
        "markdown-table--lines",
        "markdown-list--bullet",
    }
    _drawn: LaidOut | None = None

    def draw(self) -> LaidOut | None:
        """The Visual for this block, or None to lay out its blocks as Textual does."""
        return None

    def compose(self) -> ComposeResult:
        self._drawn = self.draw()
        if self._drawn is None:
            yield from super().compose()
        self._blocks.clear()

    def render(self) -> RenderResult:
        return self._drawn if self._drawn is not None else super().render()

    def get_selection(self, selection: Selection) -> tuple[str, str] | None:
        """Text selected with the mouse, as drawn (Textual reads it only from Content)."""
        if self._drawn is None:
            return super().get_selection(selection)
        self._drawn.lay_out(self.content_size.width)
        return selection.extract(self._drawn.plain()), "\n"


def _align(token: Token) -> Align:
    style = str(token.attrGet("style") or "").replace(" ", "")
    for align in ("right", "center", "left"):
        if f"text-align:{align}" in style:
            return align
    return "left"


class OneWidgetTable(Drawn, MarkdownTable):
    """A Markdown table as one widget, built straight from the table's tokens."""

    def draw(self) -> LaidOut:
        headers: list[Content] = []
        rows: list[list[Content]] = []
        aligns: list[Align] = []
        tokens: list[Token] = (self._token.meta or {}).get("tokens", [])
        cell: Token | None = None
        for token in tokens:
            if token.type == "tr_open" and cell is not None:
                rows.append([])
            elif token.type in ("th_open", "td_open"):
                cell = token
            elif token.type == "inline" and cell is not None:
                content = self._token_to_content(token)
                if cell.type == "th_open":
                    headers.append(content)
                    aligns.append(_align(cell))
                else:
                    rows[-1].append(content)
        self._headers, self._rows = headers, rows
        return TableVisual(headers, rows, aligns)


def _simple_items(blocks: list[MarkdownBlock]) -> list[tuple[str, list]] | None:
    """The items' bullets and paragraphs, if every item holds only paragraphs."""
    items = []
    for block in blocks:
        if not isinstance(block, MarkdownListItem):
            return None
        if not all(type(b) is MarkdownParagraph for b in block._blocks):
            return None
        items.append((block.bullet, [b._content for b in block._blocks]))
    return items


class OneWidgetBulletList(Drawn, MarkdownBulletList):
    """A bullet list of plain items as one widget; nested lists and other blocks inside
    items stay Textual's own layout."""

    def draw(self) -> LaidOut | None:
        items = _simple_items(self._blocks)
        return None if items is None else ListVisual(items)


class OneWidgetOrderedList(Drawn, MarkdownOrderedList):
    """A numbered list of plain items as one widget, numbered as Textual numbers it."""

    def draw(self) -> LaidOut | None:
        items = _simple_items(self._blocks)
        if items is None:
            return None
        try:
            start = int(items[0][0]) if items else 1
        except ValueError:
            start = 1
        numbers = [f"{n}. " for n in range(start, start + len(items))]
        size = max((len(n) for n in numbers), default=0)
        return ListVisual(
            [(n.rjust(size + 1), ps) for n, (_, ps) in zip(numbers, items, strict=True)]
        )


def _grouped_tables(tokens: Iterable[Token]) -> Iterator[Token]:
    """The tokens with each table's run (table_open to its table_close) as one token."""
    stream = iter(tokens)
    for token in stream:
        if token.type != "table_open":
            yield token
            continue
        run, depth = [token], 1
        for inner in stream:
            run.append(inner)
            depth += {"table_open": 1, "table_close": -1}.get(inner.type, 0)
            if not depth:
                break
        yield Token(TABLE_TOKEN, "table", 0, map=token.map, level=token.level, meta={"tokens": run})


class SummaryMarkdown(Markdown):
    """Markdown as the summary's reader sees it, cheap enough to re-render on every switch
    of the export preview."""

    # Markdown annotates BLOCKS without ClassVar; mypy rejects overriding it with one.
    BLOCKS: dict[str, type[MarkdownBlock]] = {  # noqa: RUF012
        **Markdown.BLOCKS,
        "table_open": OneWidgetTable,
        "bullet_list_open": OneWidgetBulletList,
        "ordered_list_open": OneWidgetOrderedList,
    }

    def _parse_markdown(self, tokens: Iterable[Token]) -> Iterable[MarkdownBlock]:
        """Tables skip the stock block per row and per cell (widgets built, never mounted)."""
        return super()._parse_markdown(_grouped_tables(tokens))

    def unhandled_token(self, token: Token) -> MarkdownBlock | None:
        if token.type == TABLE_TOKEN:
            return self.get_block_class("table_open")(self, token)
        return super().unhandled_token(token)
