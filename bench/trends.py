"""How long figures over time take: one long relationship, and a portfolio of many.

1. Trends for a relationship with 40 sessions (goal <= 100 ms): load the file, load the
   frameworks, compute every series; printed end to end and for the computation alone.
2. The portfolio for 100 relationships x 20 sessions against just parsing those files in
   the same run (goal <= 1.5x). "Parsing" is Workspace.scan(): read, JSON-decode and
   build the model for every file, which the portfolio cannot do without; the raw JSON
   decode alone is printed too, so a slow store shows up as such.

Data is generated into a temp dir from the seeded demo sessions, so it looks like real
use (4-5 people, 9 dimensions, remarks, actions and reviews, a self-assessment every few
sessions).

    python bench/trends.py [--sessions 40] [--relationships 100] [--per 20] [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from msgspec.structs import replace

from retro.demo import demo_histories
from retro.frameworks import load_frameworks
from retro.model import Action, History, Relationship, Review, Session
from retro.store import Workspace, parse_file
from retro.trends import portfolio, relationship_trends

TODAY = date(2026, 11, 23)
STATUSES = ("done", "partly", "not_done", "done", "dropped")


@cache
def templates() -> tuple[History, ...]:
    return tuple(demo_histories(TODAY))


def make_history(rel_id: str, client: str, sessions: int, variant: int = 0) -> History:
    """`sessions` sessions cycled from a demo relationship, ids and dates made unique."""
    templates_ = templates()
    template = templates_[variant % len(templates_)].sorted_sessions()
    start = TODAY - timedelta(days=30 * sessions)
    out: list[Session] = []
    previous: tuple[Action, ...] = ()
    for i in range(sessions):
        base = template[i % len(template)]
        actions = tuple(
            replace(
                a, id=f"{rel_id}-a{i}-{k}", due=(start + timedelta(days=30 * i + 45)).isoformat()
            )
            for k, a in enumerate(base.actions)
        )
        review = tuple(
            Review(a.id, STATUSES[(i + k) % len(STATUSES)]) for k, a in enumerate(previous)
        )
        out.append(
            replace(
                base,
                id=f"{rel_id}-s{i:03d}",
                date=(start + timedelta(days=30 * i)).isoformat(),
                actions=actions,
                review=review if base.kind == "joint" else (),
            )
        )
        if base.kind == "joint":
            previous = actions
    return History(Relationship(rel_id, client, "Bench Agency"), tuple(out))


def timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def ms(values: list[float]) -> str:
    return f"median {statistics.median(values) * 1000:7.1f} ms  (min {min(values) * 1000:.1f})"


def main() -> None:
    from workspaces import private_cache

    private_cache()
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sessions", type=int, default=40)
    ap.add_argument("--relationships", type=int, default=100)
    ap.add_argument("--per", type=int, default=20, help="sessions per portfolio relationship")
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        # -- 1. one long relationship ---------------------------------------------------
        ws = Workspace(Path(tmp) / "one")
        ws.merge_history(make_history("long", "Long Client", args.sessions))
        size = ws.path_of("long").stat().st_size
        history = ws.load("long")
        frameworks = load_frameworks(ws.root)

        def end_to_end() -> None:
            h = ws.load("long")
            relationship_trends(h, load_frameworks(ws.root)).as_json()

        timed(end_to_end, 3)  # warm up: imports, caches, the file in the page cache
        load_only = timed(lambda: ws.load("long"), args.runs)
        compute = timed(lambda: relationship_trends(history, frameworks).as_json(), args.runs)
        total = timed(end_to_end, args.runs)
        print(f"Trends, one relationship with {args.sessions} sessions ({size / 1024:.0f} KiB):")
        print(f"  load the file       {ms(load_only)}")
        print(f"  compute the trends  {ms(compute)}")
        print(f"  end to end          {ms(total)}   goal <= 100 ms")

        # -- 2. the portfolio -----------------------------------------------------------
        ws = Workspace(Path(tmp) / "many")
        for i in range(args.relationships):
            ws.merge_history(make_history(f"rel-{i:03d}", f"Client {i}", args.per, variant=i))
        files = ws.files()
        total_size = sum(p.stat().st_size for p in files)

        def raw_parse() -> None:
            for p in files:
                parse_file(p, p.read_bytes())

        def scan() -> None:
            ws.scan()

        def full() -> None:
            histories, _ = ws.scan()
            portfolio(histories, TODAY, load_frameworks(ws.root))

        full()  # warm up
        raw_t, scan_t, full_t = [], [], []
        for _ in range(max(3, args.runs // 3)):  # interleaved, so drift hits all alike
            raw_t += timed(raw_parse, 1)
            scan_t += timed(scan, 1)
            full_t += timed(full, 1)
        histories, _ = ws.scan()
        compute_t = timed(lambda: portfolio(histories, TODAY, load_frameworks(ws.root)), 3)
        ratio = statistics.median(full_t) / statistics.median(scan_t)
        best = min(full_t) / min(scan_t)  # least disturbed by other processes
        print(
            f"Portfolio, {args.relationships} relationships x {args.per} sessions "
            f"({total_size / 1024 / 1024:.1f} MiB):"
        )
        print(f"  JSON decode only    {ms(raw_t)}")
        print(f"  parse (scan)        {ms(scan_t)}")
        print(f"  ranking only        {ms(compute_t)}")
        print(f"  portfolio in all    {ms(full_t)}")
        print(f"  portfolio / parse   {ratio:.2f}x medians, {best:.2f}x best runs   goal <= 1.5x")


if __name__ == "__main__":
    main()
