"""`retro portfolio` on 100 x 20 and 1000 x 20 workspaces, against a process that only
reads and orjson-decodes the same files (goal, issue 11: at most 1.5x the time and 1.2x
the peak memory). Fresh processes, interleaved, medians; peak RSS from wait4. retro's
listing and portfolio caches (XDG_CACHE_HOME, a temporary folder) are warmed by one run
first, as after any earlier command; a cold run parses every file once.

    python bench/portfolio.py [--sizes 100 1000] [--per 20] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from workspaces import generate, size_of

DECODE_ONLY = (
    "import os, sys, orjson\n"
    "d = os.path.join(sys.argv[1], 'relationships')\n"
    "data = [orjson.loads(open(os.path.join(d, n), 'rb').read()) for n in sorted(os.listdir(d))]\n"
)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Seconds and peak RSS (KiB) of one fresh process."""
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - t0
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    ap.add_argument("--per", type=int, default=20)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache")}
        for n in args.sizes:
            root = generate(Path(tmp) / f"ws{n}", n, args.per)
            retro = [py, "-m", "retro", "--data", str(root), "portfolio"]
            decode = [py, "-c", DECODE_ONLY, str(root)]
            run(retro, env)  # warm the page cache and retro's caches, as any earlier run would
            rt, rm, dt, dm = [], [], [], []
            for _ in range(args.runs):
                t, m = run(decode, env)
                dt.append(t)
                dm.append(m)
                t, m = run(retro, env)
                rt.append(t)
                rm.append(m)
            r, d = statistics.median(rt), statistics.median(dt)
            print(
                f"{n} x {args.per} ({size_of(root) / 1024 / 1024:.0f} MiB): portfolio "
                f"{r * 1000:.0f} ms, {max(rm) / 1024:.0f} MiB; decode only {d * 1000:.0f} ms, "
                f"{max(dm) / 1024:.0f} MiB; ratio time {r / d:.2f}x (goal <= 1.5x), "
                f"memory {max(rm) / max(dm):.2f}x (goal <= 1.2x)"
            )


if __name__ == "__main__":
    main()
