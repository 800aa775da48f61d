"""Plain-text and JSON output for the CLI, safe for user text."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from itertools import islice
from typing import Any

from retro import json_codec
from retro.terminal import for_terminal, json_for_terminal


def rounded(v: float | int | None, places: int = 3) -> float | int | None:
    """Round for display so 3.6666666 and float noise like 0.30000000000000004 read cleanly."""
    if v is None or isinstance(v, int):
        return v
    r = round(v, places)
    return int(r) if r == int(r) else r


def print_json(data: Any) -> None:
    text = json_for_terminal(json_codec.dumps(data, indent=True).decode())
    sys.stdout.buffer.write(text.encode() + b"\n")
    sys.stdout.flush()


def literal(text: Any) -> str:
    """User text (a name, an id, a remark) for one line of CLI output: controls and escape
    sequences shown, not obeyed — retro.terminal's rule, the same the app uses."""
    text = str(text)
    # Printable ASCII holds no control character, so there is nothing to show: a listing of
    # thousands of ids and dates skips the per-character translation.
    if text.isascii() and text.isprintable():
        return text
    return for_terminal(text)


def _width(text: str) -> int:
    if text.isascii():  # every ASCII character is one column: skip the per-character lookup
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 40) -> None:
    columns = [list(col) for col in zip(*rows, strict=True)] if rows else [[] for _ in headers]
    print_columns(headers, columns, max_width)


def print_columns(
    headers: Sequence[str], columns: Sequence[Sequence[Any]], max_width: int = 40
) -> None:
    """A table given column by column: a listing of 1800 sessions has 12600 cells, where
    work per cell was most of the command's own time, so each check runs on a column."""
    cols = [[h, *map(str, col)] for h, col in zip(headers, columns, strict=True)]
    if all((j := "\0".join(c)).isascii() and j.replace("\0", "").isprintable() for c in cols):
        # Printable ASCII throughout (ids, dates, counts): a character is a column and
        # nothing needs showing.
        widths = [max(map(len, col)) for col in cols]
        if max(widths, default=0) <= max_width:
            line = "  ".join([*(f"%-{w}s" for w in widths[:-1]), "%s"])
            # Written a few hundred lines at a time, not as one string: the whole table
            # held twice more (its lines, then their join) was a third of the memory
            # `retro sessions` touches on 30 x 60, and each page of it costs a fault.
            by_row = zip(*cols, strict=True)
            while chunk := list(islice(by_row, 256)):
                sys.stdout.write("\n".join([(line % cells).rstrip() for cells in chunk]) + "\n")
            sys.stdout.flush()
            return
    table: list[list[tuple[str, int]]] = [[(h, _width(h)) for h in headers]]
    for row in zip(*columns, strict=True):
        cells = []
        for c in row:
            text = c if type(c) is str else str(c)
            if not (text.isascii() and text.isprintable()):
                text = for_terminal(text)
            w = len(text) if text.isascii() else _width(text)
            if w > max_width:
                text = text[: max_width - 1] + "…"
                w = _width(text)
            cells.append((text, w))
        table.append(cells)
    widths = [max(r[i][1] for r in table) for i in range(len(headers))]
    lines = [
        "  ".join(
            c.ljust(w) if cw == len(c) else c + " " * (w - cw)
            for (c, cw), w in zip(r, widths, strict=True)
        ).rstrip()
        for r in table
    ]
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
