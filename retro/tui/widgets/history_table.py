"""Fill a DataTable in one go with column widths measured up front.

Letting DataTable grow auto-width columns while rows arrive left stale, misaligned rows
on screen after a refill (a theme switch, a new filter): widths fixed before the first
render avoid that and make the layout independent of timing.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable


def text_width(text: Text) -> int:
    return max((cell_len(line) for line in text.plain.split("\n")), default=0)


def fill_table(
    table: DataTable,
    columns: Sequence[tuple[str, Text]],
    rows: Sequence[tuple[str | None, Sequence[Text]]],
    *,
    widths: dict[str, int] | None = None,
) -> None:
    """Replace the table's columns and rows; `widths` caps (or sets) chosen columns."""
    measured = [text_width(label) for _, label in columns]
    for _, cells in rows:
        for i, cell in enumerate(cells):
            measured[i] = max(measured[i], text_width(cell))
    table.clear(columns=True)
    for (key, label), width in zip(columns, measured, strict=True):
        if widths and key in widths:
            width = min(width, widths[key]) if widths[key] > 0 else -widths[key]
        table.add_column(label, key=key, width=max(1, width))
    for row_key, cells in rows:
        table.add_row(*cells, key=row_key)
