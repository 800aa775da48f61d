"""A one-line trend in block characters, small enough for a table cell."""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"


def spark(values: Sequence[float | None], lo: float = 1.0, hi: float = 5.0) -> str:
    """Each value as a block between lo and hi; a gap (·) where nothing was measured."""
    out = []
    for v in values:
        if v is None:
            out.append("·")
            continue
        frac = (min(hi, max(lo, v)) - lo) / (hi - lo)
        out.append(BLOCKS[round(frac * (len(BLOCKS) - 1))])
    return "".join(out)
