"""How long saving one answer takes in a relationship with 40 sessions of history.

Prints the median and p95 of Workspace.update_session (lock, fresh read, atomic write
with fsync) against a baseline measured in the same run: one atomic write of the same
bytes, so the ratio shows what the store adds on top of the disk.

    python bench/save.py [--sessions 40] [--saves 200]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from retro.demo import demo_histories
from retro.model import History, Rating
from retro.store import Workspace, atomic_write


def build(ws: Workspace, sessions: int) -> tuple[str, str]:
    template = demo_histories(date(2026, 11, 23))[1]
    joint = next(s for s in template.sorted_sessions() if s.kind == "joint")
    start = date(2016, 1, 1)
    many = tuple(
        replace(
            joint,
            id=f"s{i:03d}",
            date=(start + timedelta(days=30 * i)).isoformat(),
            review=(),
            actions=(),
        )
        for i in range(sessions)
    )
    h = History(template.relationship, many)
    ws.merge_history(h)
    return h.relationship.id, many[-1].id


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=40)
    ap.add_argument("--saves", type=int, default=200)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        rel, sid = build(ws, args.sessions)
        path = ws.path_of(rel)
        size = path.stat().st_size
        payload = path.read_bytes()
        save_times, base_times = [], []
        for i in range(args.saves):
            r = Rating(
                "p-ingrid", f"bench{i % 30}", "agency", (i % 5) + 1, "works", "doesn't", "why"
            )
            t0 = time.perf_counter()
            ws.update_session(rel, sid, lambda s, r=r: s.with_rating(r))
            save_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            atomic_write(path.with_name("baseline.json"), payload)
            base_times.append(time.perf_counter() - t0)
    med, base = statistics.median(save_times), statistics.median(base_times)
    p95 = statistics.quantiles(save_times, n=20)[18]
    print(f"relationship file: {args.sessions} sessions, {size / 1024:.0f} KiB")
    print(
        f"save one answer: median {med * 1000:.2f} ms, p95 {p95 * 1000:.2f} ms ({args.saves} saves)"
    )
    print(f"baseline (one atomic write of the same bytes): median {base * 1000:.2f} ms")
    print(f"ratio save/baseline: {med / base:.2f}x")


if __name__ == "__main__":
    main()
