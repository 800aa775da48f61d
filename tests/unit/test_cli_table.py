"""CLI tables line up the same whether every cell is plain ASCII (the fast path a listing
of thousands of sessions takes) or some cell is wide, long or holds a control character."""

from __future__ import annotations

import contextlib
import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retro.cli.output import print_table

ASCII = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=12)


def _printed(capsys: pytest.CaptureFixture[str], headers: list[str], rows: list[list[str]]) -> str:
    print_table(headers, rows)
    return capsys.readouterr().out


def test_plain_cells_are_padded_to_the_widest_in_their_column(capsys) -> None:
    out = _printed(capsys, ["ID", "KIND"], [["s-1", "joint"], ["session-22", "self"]])
    assert out == "ID          KIND\ns-1         joint\nsession-22  self\n"


@given(rows=st.lists(st.lists(ASCII, min_size=3, max_size=3), max_size=8))
def test_an_ascii_table_reads_as_the_same_table_with_one_wide_cell_added(rows) -> None:
    """Adding a row with a wide character (the careful path for every cell) leaves the
    ASCII rows laid out as before, apart from that row's own width."""
    headers = ["A", "B", "C"]
    wide = ["界", "", ""]  # two columns wide, as wide as "AB"
    fast, careful = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(fast):
        print_table(headers, [*rows, ["AB", "", ""]])
    with contextlib.redirect_stdout(careful):
        print_table(headers, [*rows, wide])
    assert fast.getvalue().splitlines()[:-1] == careful.getvalue().splitlines()[:-1]
