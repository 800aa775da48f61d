"""Export speed: warm render of a session summary, and cold `retro export` start-up.

Warm: in one process, after a first export, the median of many exports of the same
session (goal <= 30 ms), split into the whole call (find the session in the workspace,
build the context, render) and the template render alone. Cold: `retro export` as a
fresh process, against `python -c "import tinydb, jinja2"` measured in the same run.
Pictures: the same session as Markdown with its SVG chart, and as the HTML report
(Markdown rendered, charts inline), against the plain Markdown export of the same run
(goal: HTML at most 2x); likewise the over-time report (`retro trends --md/--html`).

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


def median_ms(fn, n: int) -> tuple[float, float, float]:
    """Median and minimum wall time, and median CPU time (steadier on a busy machine)."""
    wall, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall) * 1000, min(wall) * 1000, statistics.median(cpu) * 1000


def cold(cmd: list[str], env: dict[str, str], runs: int) -> tuple[float, float]:
    """Median wall time and median CPU time (user + system) of a fresh process."""
    import resource

    wall, cpu = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True
        )
        wall.append(time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return statistics.median(wall) * 1000, statistics.median(cpu) * 1000


def main() -> None:
    from workspaces import private_cache

    private_cache()
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=15, help="cold runs per command")
    ap.add_argument("--warm", type=int, default=200, help="warm renders")
    args = ap.parse_args()

    from retro.demo import fill_demo
    from retro.export import Charts, export_over_time, export_session
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
        whole_med, whole_min, whole_cpu = median_ms(whole, args.warm)
        tpl_med, tpl_min, tpl_cpu = median_ms(template_only, args.warm)
        size = len(export_session(ws, sid, audience="internal", lang="nl"))

        def md_charts() -> None:
            export_session(ws, sid, audience="internal", lang="nl", charts=Charts("c"))

        def html() -> None:
            export_session(ws, sid, audience="internal", lang="nl", fmt="html")

        def over_md() -> None:
            export_over_time(ws, "gemeente-zwolle", lang="nl")

        def over_html() -> None:
            export_over_time(ws, "gemeente-zwolle", lang="nl", fmt="html")

        html()  # import markdown-it, build the parser
        over_html()
        pictures = {}
        # interleaved rounds, so a burst of load on the machine hits every variant alike
        for _ in range(3):
            for name, fn in (
                ("md", whole),
                ("md+charts", md_charts),
                ("html", html),
                ("over md", over_md),
                ("over html", over_html),
            ):
                pictures.setdefault(name, []).append(median_ms(fn, max(args.warm // 6, 5)))
        pic = {k: min(v, key=lambda t: t[2]) for k, v in pictures.items()}
        html_size = len(export_session(ws, sid, audience="internal", lang="nl", fmt="html"))

        env_vars = {**os.environ, "RETRO_DATA": tmp}
        base, base_cpu = cold([sys.executable, "-c", "import tinydb, jinja2"], env_vars, args.runs)
        one, one_cpu = cold(
            [sys.executable, "-m", "retro", "export", sid, "--audience", "internal"],
            env_vars,
            args.runs,
        )
        tr, tr_cpu = cold(
            [sys.executable, "-m", "retro", "export", "--trends", "gemeente-zwolle"],
            env_vars,
            args.runs,
        )
        html_cmd = [sys.executable, "-m", "retro", "export", sid, "--audience", "internal"]
        one_html, one_html_cpu = cold(
            [*html_cmd, "--format", "html"],
            env_vars,
            args.runs,
        )

    print(f"session summary: {sid} ({size} characters of Markdown, internal, nl)")
    print(f"load average: {os.getloadavg()[0]:.1f} (wall times suffer on a busy machine; CPU less)")
    print("warm, in one process (goal <= 30 ms):")
    print(
        f"  export_session (load + context + render)  median {whole_med:6.2f} ms  min {whole_min:6.2f} ms  cpu {whole_cpu:6.2f} ms"
    )
    print(
        f"  template render only                      median {tpl_med:6.2f} ms  min {tpl_min:6.2f} ms  cpu {tpl_cpu:6.2f} ms"
    )
    print("cold, a fresh process each (median of runs):")
    print(
        f"  python -c 'import tinydb, jinja2'         wall {base:5.0f} ms  cpu {base_cpu:5.0f} ms"
    )
    print(
        f"  retro export SESSION                      wall {one:5.0f} ms  cpu {one_cpu:5.0f} ms  ({one_cpu / base_cpu:.1f}x the imports' cpu)"
    )
    print(
        f"  retro export --trends RELATIONSHIP        wall {tr:5.0f} ms  cpu {tr_cpu:5.0f} ms  ({tr_cpu / base_cpu:.1f}x the imports' cpu)"
    )
    print(
        f"  retro export SESSION --format html        wall {one_html:5.0f} ms  cpu {one_html_cpu:5.0f} ms  ({one_html_cpu / one_cpu:.2f}x the Markdown export's cpu)"
    )
    print(f"pictures, warm, in one process (HTML: {html_size} characters; goal: html <= 2x md):")
    md_cpu, over_cpu = pic["md"][2], pic["over md"][2]
    for name, (med, low, cpu) in pic.items():
        base_of = over_cpu if name.startswith("over") else md_cpu
        print(
            f"  {name:<40} median {med:6.2f} ms  min {low:6.2f} ms  cpu {cpu:6.2f} ms  ({cpu / base_of:.2f}x its md)"
        )


if __name__ == "__main__":
    main()
