"""Plain-text and JSON output for the CLI, safe for user text."""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Sequence
from typing import Any

import orjson

from retro.terminal import for_terminal, json_for_terminal


def rounded(v: float | int | None, places: int = 3) -> float | int | None:
    """Round for display so 3.6666666 and float noise like 0.30000000000000004 read cleanly."""
    if v is None or isinstance(v, int):
        return v
    r = round(v, places)
    return int(r) if r == int(r) else r


def print_json(data: Any) -> None:
    text = json_for_terminal(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode())
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
    # Each cell shown literally and measured once, inline (a listing of 1800 sessions has
    # 12600 cells, where function calls per cell were most of the command's own time), and
    # the table written in one go.
    texts = [[c if type(c) is str else str(c) for c in row] for row in rows]
    flat = " ".join(" ".join(r) for r in texts)
    if flat.isascii() and flat.isprintable() and all(_width(h) == len(h) for h in headers):
        # Printable ASCII throughout (ids, dates, counts): a character is a column and
        # nothing needs showing; measured per column, not per cell (~2x faster at 1800).
        widths = [max(map(len, col)) for col in zip(headers, *texts, strict=True)]
        if max(widths, default=0) <= max_width:
            lines = ["  ".join(map(str.ljust, r, widths)).rstrip() for r in [headers, *texts]]
            sys.stdout.write("\n".join(lines) + "\n")
            sys.stdout.flush()
            return
    table: list[list[tuple[str, int]]] = [[(h, _width(h)) for h in headers]]
    for row in rows:
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
