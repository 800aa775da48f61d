"""How many answers per second one session takes when many people save at the same time.

N writer processes (8 by default) each save their answers to one open session exactly
as the rating screen does (Workspace.update_session + Session.with_rating: lock, fresh
read, atomic write with fsync). Prints answers/second over the whole run and checks
that every answer is in the file afterwards, since a fast but lossy store is no use.

    python bench/concurrency.py [--writers 8] [--answers 40] [--history 10]
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from retro.demo import demo_histories
from retro.model import History, Participant, Rating
from retro.store import Workspace

DIMS = (
    "transparency",
    "expectations",
    "feedback",
    "trust",
    "partnership",
    "added_value",
    "proactivity",
    "commitments",
    "attention",
)


def build(ws: Workspace, writers: int, history: int) -> tuple[str, str]:
    """A relationship with some closed history (realistic file size) and one open session."""
    template = demo_histories(date(2026, 11, 23))[1]
    joint = next(s for s in template.sorted_sessions() if s.kind == "joint")
    start = date(2020, 1, 1)
    old = tuple(
        replace(joint, id=f"old{i:02d}", date=(start + timedelta(days=60 * i)).isoformat())
        for i in range(history)
    )
    people = tuple(Participant(f"w{i}", f"Writer {i}", "client") for i in range(writers))
    live = replace(
        joint,
        id="live",
        date="2026-11-23",
        participants=people,
        ratings=(),
        review=(),
        actions=(),
        status="open",
        phase="rate",
    )
    h = History(template.relationship, (*(replace(s, review=(), actions=()) for s in old), live))
    ws.merge_history(h)
    return h.relationship.id, "live"


def writer(root: str, rel: str, sid: str, pid: str, answers: int, go: str) -> None:
    while not Path(go).exists():
        time.sleep(0.001)
    ws = Workspace(root)
    for i in range(answers):
        dim, subject = DIMS[i % len(DIMS)], ("agency", "client")[(i // len(DIMS)) % 2]
        # A distinct remark per answer, so a lost update cannot hide behind an equal value.
        r = Rating(pid, dim, subject, 1 + i % 5, works=f"{pid}-{i}")
        ws.update_session(rel, sid, lambda s, r=r: s.with_rating(r))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--answers", type=int, default=40, help="saves per writer")
    ap.add_argument("--history", type=int, default=10, help="closed sessions in the same file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        rel, sid = build(ws, args.writers, args.history)
        size = ws.path_of(rel).stat().st_size
        go = Path(tmp) / "go"
        ctx = mp.get_context("spawn")
        procs = [
            ctx.Process(target=writer, args=(tmp, rel, sid, f"w{i}", args.answers, str(go)))
            for i in range(args.writers)
        ]
        for p in procs:
            p.start()
        time.sleep(1.0)  # every interpreter up before the clock starts
        t0 = time.perf_counter()
        go.touch()
        for p in procs:
            p.join()
        elapsed = time.perf_counter() - t0
        assert all(p.exitcode == 0 for p in procs), "a writer failed"
        s = ws.load(rel).session(sid)
        assert s is not None
        # Each writer's last save per question is what must be there.
        expected = {}
        for w in range(args.writers):
            for i in range(args.answers):
                dim, subject = DIMS[i % len(DIMS)], ("agency", "client")[(i // len(DIMS)) % 2]
                expected[(f"w{w}", dim, subject)] = f"w{w}-{i}"
        got = {(r.participant, r.dimension, r.subject): r.works for r in s.ratings}
        lost = sum(1 for k, v in expected.items() if got.get(k) != v)
        total = args.writers * args.answers
        print(
            f"{args.writers} writers x {args.answers} saves into one session "
            f"(file {size / 1024:.0f} KiB): {total} saves in {elapsed:.2f} s = "
            f"{total / elapsed:.0f} answers/s; {lost} lost"
        )
        if lost:
            raise SystemExit(1)


if __name__ == "__main__":
    main()
