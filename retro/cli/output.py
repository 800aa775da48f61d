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
    return for_terminal(str(text))


def _width(text: str) -> int:
    if text.isascii():  # every ASCII character is one column: skip the per-character lookup
        return len(text)
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], max_width: int = 40) -> None:
    cells = [[literal(c) for c in row] for row in rows]
    cells = [
        [c if _width(c) <= max_width else c[: max_width - 1] + "…" for c in row] for row in cells
    ]
    widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(headers)]
    for row in [list(headers), *cells]:
        print(
            "  ".join(c + " " * (w - _width(c)) for c, w in zip(row, widths, strict=True)).rstrip()
        )
