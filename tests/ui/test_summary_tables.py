"""The export preview's tables and lists, drawn as lines (retro.tui.widgets.text_lines).

Whatever the cells hold and however narrow the preview, a table never spills past its
edge and never loses a character of a cell; at a comfortable width it keeps words whole.
"""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from textual.content import Content

from retro.tui.widgets.text_lines import ListVisual, TableVisual, column_widths

# Words of any script, emoji and wide characters included, and markup-like text.
WORD = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zs", "Zl", "Zp")), max_size=14),
    st.sampled_from(
        ["[bold]x[/]", "$accent", "{{ 7*7 }}", "日本語", "👩‍👩‍👧‍👦", "مرحبا", "x" * 40]
    ),
)
CELL = st.lists(WORD, max_size=6).map(" ".join)


def _column_text(lines: list[str], column: int) -> str:
    rules = set("─┼")
    return "".join(line.split("│")[column] for line in lines if not set(line) <= rules)


@settings(max_examples=150, deadline=None)
@given(
    headers=st.lists(CELL, min_size=1, max_size=6),
    body=st.lists(st.lists(CELL, min_size=1, max_size=6), max_size=5),
    width=st.integers(min_value=1, max_value=160),
)
@example(headers=["\ufe20", "00"], body=[], width=1)  # a cell of a zero-width mark only
def test_a_table_never_spills_and_never_loses_a_character(headers, body, width) -> None:
    visual = TableVisual(
        [Content(h) for h in headers],
        [[Content(c) for c in row] for row in body],
        ["left", "right", "center"] * 2,
    )
    columns = len(visual.natural)
    lines = visual.lay_out(width)
    if width >= visual.get_minimal_width({}):
        assert all(line.cell_length <= width for line in lines)
    assert len({line.cell_length for line in lines}) <= 1  # every line the table's width
    rows = [headers, *body]
    if "│" in "".join(c for row in rows for c in row) or any(
        line.plain.count("│") != columns - 1 for line in lines if not set(line.plain) <= set("─┼")
    ):
        return  # a cell holding the divider itself: the split below would not hold
    for column in range(columns):
        drawn = "".join(_column_text([line.plain for line in lines], column).split())
        typed = "".join("".join(row[column].split()) if column < len(row) else "" for row in rows)
        assert drawn == typed


def test_words_stay_whole_when_the_room_allows_and_columns_share_what_is_left() -> None:
    assert column_widths([10, 30], [5, 8], 100) == [10, 30]  # all fit: natural widths
    widths = column_widths([10, 60], [6, 8], 40)
    assert sum(widths) == 40 and widths[0] >= 6 and widths[1] >= 8
    tight = column_widths([20, 20, 20], [15, 15, 15], 30)  # not even the words fit
    assert sum(tight) == 30 and min(tight) >= 1


def test_a_list_hangs_its_lines_under_the_text_not_the_bullet() -> None:
    visual = ListVisual([("• ", [Content("one two three four five six")]), ("• ", [Content("b")])])
    lines = [line.plain for line in visual.lay_out(12)]
    assert lines[0].startswith("• one") and lines[1].startswith("  ")
    assert lines[-1] == "• b"
    assert all(len(line) <= 12 for line in lines)
