"""Building the model from a relationship file, against orjson.loads of that file (goal,
issue 11: at most 2x). Two ways: the dict readers from the parsed tables (what a save and
any file in another shape take), and a read as commands do it (retro.store.quick_history:
the file's bytes decoded straight into the model, parsing included). Best of N, all in the
same run.

    python bench/model.py [--sessions 60] [--runs 30]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workspaces import generate

from retro.store import history_from_tables, quick_history


def best(fn: Callable[[], object], runs: int) -> float:
    out = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t0)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=60)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = generate(Path(tmp), 1, args.sessions)
        raw = next((root / "relationships").iterdir()).read_bytes()
    data = orjson.loads(raw)
    loads = best(lambda: orjson.loads(raw), args.runs)
    model = best(lambda: history_from_tables(data), args.runs)
    assert quick_history(raw) == history_from_tables(data)
    read = best(lambda: quick_history(raw), args.runs)
    print(
        f"{args.sessions} sessions ({len(raw) / 1024:.0f} KiB): orjson.loads {loads * 1000:.2f} ms;"
        f" model from the parsed tables {model * 1000:.2f} ms, {model / loads:.2f}x (goal <= 2x);"
        f" bytes to model (parse included) {read * 1000:.2f} ms, {read / loads:.2f}x"
    )


if __name__ == "__main__":
    main()
