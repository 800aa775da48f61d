"""Visuals that lay out Markdown tables and lists as lines of Content, for one widget each.

A Textual widget per table cell or list item is what made the export preview slow to
re-render (issue 11); these draw the same things as lines, wrapped to the width the widget
is given, so one widget holds a whole table or list. The lines keep the cells' Content
spans (".strong", ".em", link actions), which the widget resolves like any Markdown block.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from rich.cells import cell_len
from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

from retro.terminal import for_terminal

Align = Literal["left", "center", "right"]

#: Columns are divided by a line with a space on each side (" │ "); where that would cut
#: words in two, by the line alone ("│"): a cramped table reads better than broken words.
ROOMY, TIGHT = " │ ", "│"
HEADER = ".markdown-table--header"
RULE = ".markdown-table--lines"
BULLET = ".markdown-list--bullet"


def column_widths(
    natural: Sequence[int],
    minimal: Sequence[int],
    available: int,
    least: Sequence[int] | None = None,
) -> list[int]:
    """How wide each column is drawn, given the room for their text.

    Every column gets its natural width when all fit. Otherwise each keeps at least its
    longest word (so words are not cut while there is room) and the rest of the room goes
    to the columns that want more, in proportion to what they miss; when even the longest
    words do not fit, every column shrinks in proportion and words are folded, but never
    below `least` (its widest character, else one cell). The sum never exceeds `available`
    unless the columns' `least` widths alone do, so a table never spills past its edge.
    """
    count = len(natural)
    if not count:
        return []
    least = list(least) if least is not None else [1] * count
    if sum(natural) <= available:
        return list(natural)
    floor = [max(low, min(n, m)) for n, m, low in zip(natural, minimal, least, strict=True)]
    if sum(floor) > available:
        total = sum(floor)
        widths = [max(low, f * available // total) for f, low in zip(floor, least, strict=True)]
        while sum(widths) > available:
            slack = [w - low for w, low in zip(widths, least, strict=True)]
            if max(slack) <= 0:
                break
            widths[slack.index(max(slack))] -= 1
        for i in sorted(range(count), key=lambda i: floor[i] - widths[i], reverse=True):
            if sum(widths) >= available:
                break
            widths[i] += 1
        return widths
    widths = list(floor)
    spare = available - sum(widths)
    wants = [n - w for n, w in zip(natural, widths, strict=True)]
    total_want = sum(wants)
    shares = [spare * want // total_want for want in wants]
    widths = [w + share for w, share in zip(widths, shares, strict=True)]
    # Hand out what rounding left, one cell at a time, to the columns that miss most.
    left = spare - sum(shares)
    for i in sorted(range(count), key=lambda i: natural[i] - widths[i], reverse=True):
        if left <= 0:
            break
        if widths[i] < natural[i]:
            widths[i] += 1
            left -= 1
    return widths


def literal(content: Content) -> Content:
    """Content with any control character shown, not obeyed (retro.terminal's rule), one
    character for one so its spans keep their places."""
    plain = content.plain
    shown = for_terminal(plain, multiline=True)
    return content if shown == plain else Content(shown, spans=list(content.spans))


def wrap(content: Content, width: int, align: Align = "left") -> list[Content]:
    """The content's lines, each exactly `width` cells: wrapped at spaces, a word longer
    than the width folded, then aligned."""
    width = max(width, 1)
    lines: list[Content] = []
    for paragraph in content.split("\n", allow_blank=True) or [Content("")]:
        lines.extend(paragraph.wrap(width, overflow="fold") or [Content("")])
    out = []
    for line in lines:
        line = line.rstrip()
        room = max(0, width - line.cell_length)
        if align == "right":
            line = line.pad_left(room)
        elif align == "center":
            line = line.pad(room // 2, room - room // 2)
        else:
            line = line.pad_right(room)
        out.append(line)
    return out


def _longest_word(content: Content) -> int:
    return max((Content(word).cell_length for word in content.plain.split()), default=0)


class LaidOut(Visual):
    """A Visual whose lines are laid out for a width, once per width: the height the
    layout asks for and the lines it paints come from the same layout."""

    def __init__(self) -> None:
        self._width = -1
        self._lines: list[Content] = []

    def draw(self, width: int) -> list[Content]:
        raise NotImplementedError

    def lay_out(self, width: int) -> list[Content]:
        if width != self._width:
            self._lines, self._width = self.draw(width), width
        return self._lines

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lay_out(width))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        lines = self.lay_out(width)
        if height is not None:
            lines = lines[:height]
        # Each line is laid out already: never wrap it again; crop, should a wide character
        # have made one a cell too long, so nothing spills past the edge. One Content for
        # all lines, so a mouse selection (line and column, as painted) is highlighted.
        flat = RenderOptions(
            options.get_style,
            {"text_wrap": "nowrap", "text_overflow": "clip"},
            options.selection,
            options.selection_style,
        )
        strips = Content("\n").join(lines).render_strips(width, None, style, flat)
        return [strip.crop(0, width) for strip in strips]

    def plain(self) -> str:
        """The lines as text, for a selection copied with the mouse."""
        return "\n".join(line.plain for line in self._lines)


class TableVisual(LaidOut):
    """A Markdown table: a header row, a rule, the body rows; columns divided by thin
    lines and aligned as the Markdown says (`---:` right); cells wrapped to fit."""

    def __init__(
        self, headers: Sequence[Content], rows: Sequence[Sequence[Content]], aligns: Sequence[Align]
    ) -> None:
        super().__init__()
        columns = max([len(headers), *(len(row) for row in rows)], default=0)

        def full(row: Sequence[Content]) -> list[Content]:
            cells = [literal(cell) for cell in row[:columns]]
            return cells + [Content("")] * (columns - len(cells))

        self.headers = [cell.stylize(HEADER) for cell in full(headers)]
        self.rows = [full(row) for row in rows]
        left: list[Align] = ["left"] * (columns - len(aligns))
        self.aligns: list[Align] = [*aligns[:columns], *left]
        everything = [self.headers, *self.rows]
        self.natural = [  # at least one cell: an empty column still has its place
            max(1, max(line.cell_length for row in everything for line in row[c].split("\n")))
            for c in range(columns)
        ]
        self.minimal = [max(_longest_word(row[c]) for row in everything) for c in range(columns)]
        # A column narrower than its widest character (2 cells for CJK or emoji) would drop
        # it; and never under one cell, even when its only characters take none (combining
        # marks): a cell is drawn at least one wide.
        self.least = [
            max(1, max((cell_len(ch) for row in everything for ch in row[c].plain), default=1))
            for c in range(columns)
        ]

    def _overhead(self, divider: str) -> int:
        return len(divider) * (len(self.natural) - 1)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return sum(self.natural) + self._overhead(ROOMY) if self.natural else 0

    def get_minimal_width(self, rules: RulesMap) -> int:
        return sum(self.least) + self._overhead(TIGHT) if self.natural else 0

    def draw(self, width: int) -> list[Content]:
        if not self.natural:
            return []
        floor = sum(
            max(least, min(n, m))
            for n, m, least in zip(self.natural, self.minimal, self.least, strict=True)
        )
        divider = ROOMY if floor <= width - self._overhead(ROOMY) else TIGHT
        room = max(0, width - self._overhead(divider))
        widths = column_widths(self.natural, self.minimal, room, self.least)
        bar = Content.styled(divider, RULE)
        crossing = divider.replace(" ", "─").replace("│", "┼")
        rule = Content.styled(crossing.join("─" * w for w in widths), RULE)
        rows = [
            [wrap(cell, w, align) for cell, w, align in zip(row, widths, self.aligns, strict=True)]
            for row in [self.headers, *self.rows]
        ]
        # A line between body rows only where a row wraps: one-line rows read as rows alone.
        between = any(len(cell) > 1 for row in rows[1:] for cell in row)
        lines: list[Content] = []
        for index, cells in enumerate(rows):
            if index == 1 or (index and between):
                lines.append(rule)
            for y in range(max(len(cell) for cell in cells)):
                parts: list[Content] = []
                for cell, w in zip(cells, widths, strict=True):
                    if parts:
                        parts.append(bar)
                    parts.append(cell[y] if y < len(cell) else Content(" " * w))
                lines.append(Content.assemble(*parts))
        return lines


class ListVisual(LaidOut):
    """A Markdown list of plain items: each item's symbol ("• ", " 2. "), then its text
    with a hanging indent; the paragraphs of a loose item divided by a blank line."""

    def __init__(self, items: Sequence[tuple[str, Sequence[Content]]]) -> None:
        super().__init__()
        self.items = [(symbol, [literal(p) for p in paragraphs]) for symbol, paragraphs in items]
        self.indent = max((Content(symbol).cell_length for symbol, _ in self.items), default=0)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        widest = max(
            (line.cell_length for _, ps in self.items for p in ps for line in p.split("\n")),
            default=0,
        )
        return self.indent + widest

    def draw(self, width: int) -> list[Content]:
        lines: list[Content] = []
        room = max(1, width - self.indent)
        for symbol, paragraphs in self.items:
            text: list[Content] = []
            for index, paragraph in enumerate(paragraphs or [Content("")]):
                if index:
                    text.append(Content(""))
                text.extend(line.rstrip() for line in wrap(paragraph, room))
            bullet = Content.styled(symbol, BULLET)
            bullet = bullet.pad_left(self.indent - bullet.cell_length)
            lines.append(bullet + text[0])
            lines.extend(Content(" " * self.indent) + line for line in text[1:])
        return lines
