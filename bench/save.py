"""Saving one answer, and importing a whole relationship, at an agency's real sizes.

For each size (default 60 and 640 sessions) prints the median and p95 of
Workspace.update_session (lock, read or reuse, atomic write with fsync) against a
baseline measured in the same run: one atomic write of the same bytes, so the ratio
shows what the store adds on top of the disk (goal: at most 2x). Then an import of a
relationship of the largest size into an empty workspace, against one save at that
size (goal: at most 3x).

    python bench/save.py [--sessions 60 640] [--saves 100] [--imports 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trends import make_history

from retro.model import History, Rating
from retro.store import Workspace, atomic_write


def build(ws: Workspace, sessions: int) -> tuple[History, str]:
    h = make_history("bench", "Bench Client", sessions)
    ws.merge_history(h)
    joint = [s for s in h.sorted_sessions() if s.kind == "joint"][-1]
    return h, joint.id


def saves(sessions: int, count: int) -> tuple[float, float, float, int]:
    """Median save, p95 save, median baseline write (seconds), file size (bytes)."""
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        h, sid = build(ws, sessions)
        rater = next(p.id for s in h.sessions if s.id == sid for p in s.participants)
        path = ws.path_of("bench")
        payload = path.read_bytes()
        save_times, base_times = [], []
        for i in range(count):
            r = Rating(rater, f"bench{i % 30}", "agency", (i % 5) + 1, "works", "doesn't", "why")
            t0 = time.perf_counter()
            ws.update_session("bench", sid, lambda s, r=r: s.with_rating(r))
            save_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            atomic_write(path.with_name("baseline.json"), payload)
            base_times.append(time.perf_counter() - t0)
        p95 = statistics.quantiles(save_times, n=20)[18]
        return statistics.median(save_times), p95, statistics.median(base_times), len(payload)


def imports(sessions: int, runs: int) -> float:
    h = make_history("bench", "Bench Client", sessions)
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            ws = Workspace(Path(tmp))
            t0 = time.perf_counter()
            ws.merge_history(h)
            times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    from workspaces import private_cache

    private_cache()
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, nargs="+", default=[60, 640])
    ap.add_argument("--saves", type=int, default=100)
    ap.add_argument("--imports", type=int, default=3)
    args = ap.parse_args()
    last = 0.0
    for n in args.sessions:
        med, p95, base, size = saves(n, args.saves)
        last = med
        print(
            f"{n:4d} sessions ({size / 1024:6.0f} KiB): save one answer median {med * 1000:7.2f} ms,"
            f" p95 {p95 * 1000:7.2f} ms; bare atomic write {base * 1000:6.2f} ms;"
            f" ratio {med / base:.2f}x (goal <= 2x)"
        )
    n = max(args.sessions)
    t = imports(n, args.imports)
    print(
        f"import of a {n}-session relationship: median {t * 1000:.0f} ms = {t / last:.2f}x "
        f"one save at that size (goal <= 3x)"
    )


if __name__ == "__main__":
    main()
