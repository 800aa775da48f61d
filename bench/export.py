"""Export speed: warm render of a session summary, and cold `retro export` start-up.

Warm: in one process, after a first export, the median of many exports of the same
session (goal <= 30 ms), split into the whole call (find the session in the workspace,
build the context, render) and the template render alone. Cold: `retro export` as a
fresh process, against `python -c "import tinydb, jinja2"` measured in the same run.

    python bench/export.py [--runs 15] [--warm 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path


def median_ms(fn, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000, min(samples) * 1000


def cold(cmd: list[str], env: dict[str, str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=15, help="cold runs per command")
    ap.add_argument("--warm", type=int, default=200, help="warm renders")
    args = ap.parse_args()

    from retro.demo import fill_demo
    from retro.export import export_session
    from retro.export.context import session_context
    from retro.export.render import render, resolve_template
    from retro.store import Workspace

    with tempfile.TemporaryDirectory() as tmp:
        ws = Workspace(Path(tmp))
        fill_demo(ws, today=date(2026, 11, 23))
        history = ws.load("gemeente-zwolle")
        session = [s for s in history.sorted_sessions() if s.kind == "joint"][-2]
        sid = session.id

        def whole() -> None:
            export_session(ws, sid, audience="internal", lang="nl")

        ctx = session_context(history, session, "internal", "nl", ws.root)
        env, name = resolve_template(None, "session", "nl", ws.root)

        def template_only() -> None:
            render(env, name, ctx)

        whole()  # compile the template, warm the caches
        whole_med, whole_min = median_ms(whole, args.warm)
        tpl_med, tpl_min = median_ms(template_only, args.warm)
        size = len(export_session(ws, sid, audience="internal", lang="nl"))

        env_vars = {**os.environ, "RETRO_DATA": tmp}
        baseline = cold([sys.executable, "-c", "import tinydb, jinja2"], env_vars, args.runs)
        export_cold = cold(
            [sys.executable, "-m", "retro", "export", sid, "--audience", "internal"],
            env_vars,
            args.runs,
        )
        trends_cold = cold(
            [sys.executable, "-m", "retro", "export", "--trends", "gemeente-zwolle"],
            env_vars,
            args.runs,
        )

    print(f"session summary: {sid} ({size} characters of Markdown, internal, nl)")
    print(
        f"warm export_session (load + context + render): median {whole_med:.2f} ms, min {whole_min:.2f} ms (goal <= 30 ms)"
    )
    print(
        f"warm template render only:                       median {tpl_med:.2f} ms, min {tpl_min:.2f} ms"
    )
    print(f"cold python -c 'import tinydb, jinja2':          median {baseline:.0f} ms")
    print(
        f"cold retro export SESSION:                       median {export_cold:.0f} ms ({export_cold / baseline:.1f}x the imports)"
    )
    print(
        f"cold retro export --trends RELATIONSHIP:         median {trends_cold:.0f} ms ({trends_cold / baseline:.1f}x the imports)"
    )


if __name__ == "__main__":
    main()
