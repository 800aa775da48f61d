"""How many answers per second one session takes when many people save at the same time.

N writer processes (8 by default) each save their answers to one open session exactly
as the rating screen does (Workspace.update_session + Session.with_rating: lock, fresh
read, atomic write with fsync). Prints answers/second over the whole run and checks
that every answer is in the file afterwards, since a fast but lossy store is no use.

    python bench/concurrency.py [--writers 8] [--answers 40] [--history 10]
    python bench/concurrency.py --latency 30 [--interval 0.5]

--latency measures the other figure the facilitator cares about: from an answer saved by
another process to the facilitator's presence widget (headless Textual) showing it.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from msgspec.structs import replace

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


SAVER = """
import sys, time
from retro.model import Rating
from retro.store import Workspace
ws = Workspace(sys.argv[1])
for line in sys.stdin:
    pid, dim, subject = line.split()
    r = Rating(pid, dim, subject, 3)
    ws.update_session(sys.argv[2], "live", lambda s, r=r: s.with_rating(r))
    print(time.monotonic(), flush=True)  # CLOCK_MONOTONIC: comparable across processes
"""


def latency(samples: int, interval: float) -> None:
    """Answer saved elsewhere -> facilitator's widget repainted, over `samples` answers."""
    import asyncio
    import random
    import statistics
    import subprocess
    import sys

    from textual.app import App, ComposeResult

    from retro.frameworks import default_framework
    from retro.pack import questions
    from retro.tui.widgets.presence import Presence, progress

    class Host(App[None]):
        def __init__(self, ws: Workspace, rel: str) -> None:
            super().__init__()
            self.ws, self.rel = ws, rel

        def compose(self) -> ComposeResult:
            yield Presence(self.ws, self.rel, "live", interval=interval)

    async def run(ws: Workspace, rel: str) -> list[float]:
        writers = (samples + 16) // 17
        qs = [
            (f"w{w}", q.dimension, q.subject)
            for w in range(writers)
            for q in questions(default_framework(), "joint", "client")
        ][:samples]
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(ws.root), rel],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        delays = []
        app = Host(ws, rel)
        try:
            async with app.run_test(size=(100, 20)) as pilot:
                presence = app.query_one(Presence)
                while presence.session is None:
                    await pilot.pause(0.01)
                rng = random.Random(1)
                for i, q in enumerate(qs, start=1):
                    await pilot.pause(rng.uniform(0.05, 0.6))  # land anywhere in the poll cycle
                    saver.stdin.write(" ".join(q) + "\n")
                    saver.stdin.flush()
                    saved_at = float(await asyncio.to_thread(saver.stdout.readline))

                    def shown(n: int = i) -> bool:
                        fw = presence.framework
                        s = presence.session
                        return bool(fw and s and sum(a for _, _, a, _ in progress(s, fw)) >= n)

                    while not shown():
                        await pilot.pause(0.005)
                    delays.append(presence.updated_at - saved_at)
        finally:
            saver.stdin.close()
            saver.wait(timeout=30)
        return delays

    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        rel, _ = build(ws, (samples + 16) // 17, 10)
        delays = asyncio.run(run(ws, rel))
    ms = sorted(d * 1000 for d in delays)
    print(
        f"answer saved -> facilitator's screen (poll every {interval:.2f} s), {len(ms)} answers: "
        f"median {statistics.median(ms):.0f} ms, p95 {ms[int(len(ms) * 0.95) - 1]:.0f} ms, "
        f"max {ms[-1]:.0f} ms"
    )


def main() -> None:
    from workspaces import private_cache

    private_cache()
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--latency", type=int, metavar="N", help="measure screen latency over N saves")
    ap.add_argument("--interval", type=float, default=0.5, help="presence poll interval (s)")
    ap.add_argument("--writers", type=int, default=8)
    ap.add_argument("--answers", type=int, default=40, help="saves per writer")
    ap.add_argument("--history", type=int, default=10, help="closed sessions in the same file")
    args = ap.parse_args()
    if args.latency:
        latency(args.latency, args.interval)
        return
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
