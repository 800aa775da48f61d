"""Cold start of plain CLI commands, against just importing what they must import.

Each command runs as a fresh process (like a user typing it); the baseline is
`python -c "import tinydb, jinja2"` measured in the same run. Prints medians and ratios.

    python bench/cli_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "RETRO_DATA": tmp}
        subprocess.run(
            [sys.executable, "-m", "retro", "demo", "--no-open"],
            env=env,
            check=True,
            capture_output=True,
        )
        py = sys.executable
        cases = {
            'python -c "import tinydb, jinja2"': [py, "-c", "import tinydb, jinja2"],
            "retro sessions": [py, "-m", "retro", "sessions"],
            "retro relationships --json": [py, "-m", "retro", "relationships", "--json"],
        }
        timed(cases["retro sessions"], env, 2)  # warm the OS file cache, not Python's
        results = {name: timed(cmd, env, args.runs) for name, cmd in cases.items()}
    base = results['python -c "import tinydb, jinja2"']
    for name, t in results.items():
        print(f"{name:40s} median {t * 1000:7.1f} ms  ({t / base:.2f}x baseline)")


if __name__ == "__main__":
    main()
