"""Many people answering one session at once from separate processes: no answer is ever lost.

Each worker is a real process doing what the rating screen does on every answer,
Workspace.update_session(..., lambda s: s.with_rating(r)); one more imports a
filled-in pack and one hands out the join code at the same moment. The workers wait on
a start file so their saves really overlap.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from retro import pack as packs
from retro.frameworks import default_framework
from retro.model import Participant, Rating, Session
from retro.store import Workspace

WORKER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from retro.model import Rating
    from retro.store import Workspace

    root, rel, sid, pid, go, mode = sys.argv[1:7]
    questions = [q.split("/") for q in sys.argv[7:]]
    deadline = time.monotonic() + 30
    while not Path(go).exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    ws = Workspace(root)
    if mode == "join":
        from retro.serve import ensure_join_code
        print(ensure_join_code(ws, rel, sid))
    elif mode == "import":
        from retro import json_codec
        from retro.pack import import_pack
        print(import_pack(ws, json_codec.loads(Path(sys.argv[7]).read_bytes())))
    else:
        for i, (dim, subject) in enumerate(questions):
            r = Rating(pid, dim, subject, 1 + (i + len(pid)) % 5, works=f"{pid}:{dim}")
            ws.update_session(rel, sid, lambda s, r=r: s.with_rating(r))
    """
)


@pytest.mark.slow
def test_several_processes_answer_one_session_and_nothing_is_lost(
    workspace: Workspace, tmp_path: Path
) -> None:
    fw = default_framework()
    people = tuple(
        Participant(f"p{i}", f"Person {i}", "client" if i % 2 else "agency") for i in range(7)
    )
    rel = workspace.create_relationship("Bakkerij Van Dijk", "Studio Noord").id
    workspace.add_session(
        rel, Session(id="s1", date="2026-11-01", participants=people, status="open")
    )
    # The last person answers offline: their pack comes back while the others are typing.
    offline = people[-1]
    data = packs.make_pack(workspace, "s1", offline.id)
    expected: dict[tuple[str, str, str], int | None] = {}
    for q in packs.questions(fw, "joint", offline.side):
        r = Rating(offline.id, q.dimension, q.subject, 3)
        data = packs.with_rating(data, r)
        expected[(offline.id, q.dimension, q.subject)] = 3
    pack_file = tmp_path / "pack.json"
    packs.write_pack(pack_file, data)

    go = tmp_path / "go"
    procs = []
    for p in people[:-1]:
        qs = packs.questions(fw, "joint", p.side)
        for i, q in enumerate(qs):
            expected[(p.id, q.dimension, q.subject)] = 1 + (i + len(p.id)) % 5
        argv = [str(workspace.root), rel, "s1", p.id, str(go), "rate"]
        argv += [f"{q.dimension}/{q.subject}" for q in qs]
        procs.append(_spawn(argv))
    procs.append(_spawn([str(workspace.root), rel, "s1", "-", str(go), "join"]))
    procs.append(_spawn([str(workspace.root), rel, "s1", "-", str(go), "import", str(pack_file)]))
    time.sleep(0.3)  # let every interpreter start, so the saves overlap
    go.touch()
    try:
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()

    s = workspace.load(rel).session("s1")
    got = {(r.participant, r.dimension, r.subject): r.score for r in s.ratings}
    assert got == expected
    assert all(
        r.works == f"{r.participant}:{r.dimension}" for r in s.ratings if r.participant != "p6"
    )
    assert len(s.join_code) == 6
    assert all(packs.finished(s, fw, p.id) for p in people)


def _spawn(argv: list[str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
