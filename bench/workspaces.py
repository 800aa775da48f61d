"""Generate the agency-sized workspaces the benches measure: 30 x 60 and 1000 x 20.

Files are written straight in the store's on-disk format (one TinyDB file per
relationship), so generating is as fast as the disk and does not depend on the store
version being measured: the same generator serves "before" and "after" runs.

    python bench/workspaces.py DIR [--relationships 30] [--per 60]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from retro import json_codec

sys.path.insert(0, str(Path(__file__).resolve().parent))

from trends import make_history

from retro.model import relationship_to_dict, session_to_dict
from retro.store import SCHEMA_VERSION


def private_cache() -> None:
    """Point the user cache at a folder of this run, for this process and its children:
    the listing index and compiled templates of a bench's throwaway workspaces stay out
    of the real cache (and an earlier run's cache does not warm this one)."""
    import atexit
    import shutil

    folder = tempfile.mkdtemp(prefix="retro-bench-cache-")
    os.environ["XDG_CACHE_HOME"] = folder
    atexit.register(shutil.rmtree, folder, True)


def as_installed(env: dict[str, str], tmp: Path) -> dict[str, str]:
    """env for a child measured as a user runs retro: with compiled bytecode.

    pip compiles an installed package, and an editable install writes its bytecode on the
    first run, but a shell with PYTHONDONTWRITEBYTECODE=1 (as on the shared dev machine)
    makes every child compile retro's sources again at each start, while the baselines'
    packages (textual, tinydb, jinja2) load their shipped bytecode: that measured the
    compiler, about 60 ms of a TUI start. Bytecode goes to a private folder under tmp,
    written by the warm-up runs, for baselines and retro alike; the source tree is not
    touched.
    """
    env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    return env


def generate(root: Path, relationships: int, per: int) -> Path:
    """A workspace of `relationships` relationships with `per` sessions each, under root."""
    folder = root / "relationships"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(relationships):
        h = make_history(f"rel-{i:04d}", f"Client {i}", per, variant=i)
        data = {
            "meta": {
                "1": {
                    "schema": SCHEMA_VERSION,
                    "relationship": relationship_to_dict(h.relationship),
                }
            },
            "sessions": {str(n + 1): session_to_dict(s) for n, s in enumerate(h.sessions)},
        }
        path = folder / f"{h.relationship.id}.json"
        path.write_bytes(json_codec.dumps(data, indent=True))
    return root


def size_of(root: Path) -> int:
    return sum(e.stat().st_size for e in os.scandir(root / "relationships"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dir")
    ap.add_argument("--relationships", type=int, default=30)
    ap.add_argument("--per", type=int, default=60)
    args = ap.parse_args()
    root = generate(Path(args.dir), args.relationships, args.per)
    print(f"{root}: {args.relationships} x {args.per}, {size_of(root) / 1024 / 1024:.1f} MiB")


if __name__ == "__main__":
    main()
