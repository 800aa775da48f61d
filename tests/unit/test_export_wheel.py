"""The built wheel carries its templates: export works from an install, not the source tree.

Builds the wheel, installs it (without dependencies) into a fresh venv that borrows the
test environment's third-party packages through a .pth file, and runs ``retro export``
from a folder far from the checkout. Marked slow (a few seconds); CI runs every test.
"""

from __future__ import annotations

import os
import site
import subprocess
import venv
import zipfile
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def install_by_unpacking(wheel: Path, purelib: Path) -> None:
    """Install a pure-Python wheel as pip does, minus the console script: every file of the
    archive, its .dist-info included, goes into site-packages as it is.

    pip itself took 0.7 s of the test to start and check what this checks by hand: the
    wheel says its root is purelib and holds no .data folder (whose files pip would put
    elsewhere), so unpacking puts every file where pip would.
    """
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        (wheel_file,) = [n for n in names if n.endswith(".dist-info/WHEEL")]
        assert "Root-Is-Purelib: true" in z.read(wheel_file).decode("utf-8")
        assert not [n for n in names if ".data/" in n], "a .data folder: unpacking is not enough"
        z.extractall(purelib)


@pytest.mark.slow
def test_wheel_installed_in_a_fresh_venv_exports(tmp_path: Path, built_wheel: Path) -> None:
    wheel = built_wheel
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
    for kind in ("session", "self", "trends"):
        for lang in ("nl", "en"):
            assert f"retro/templates/{kind}.{lang}.md" in names

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    install_by_unpacking(wheel, Path(purelib))
    # Third-party packages from the test environment; its .pth files (the editable
    # install of retro among them) are not processed for a path added this way.
    borrowed = [p for p in site.getsitepackages() if Path(p).is_dir()]
    (Path(purelib) / "borrowed_deps.pth").write_text("\n".join(borrowed) + "\n", "utf-8")

    workspace = tmp_path / "ws"
    from retro.demo import fill_demo
    from retro.store import Workspace

    fill_demo(Workspace(workspace), today=date(2026, 11, 23))
    sid = next(
        s.id
        for s in Workspace(workspace).load("northwind-foods").sorted_sessions()
        if s.kind == "joint"
    )
    away = tmp_path / "elsewhere"
    away.mkdir()
    env = {"RETRO_DATA": str(workspace), "PATH": os.environ.get("PATH", ""), "HOME": str(away)}
    probe = subprocess.run(
        [
            str(python),
            "-c",
            "import retro, retro.export as e; print(retro.__file__); print(e.builtin_templates_dir())",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=away,
        env=env,
    ).stdout.splitlines()
    assert all(line.startswith(str(env_dir)) for line in probe), probe
    for lang, title in (
        ("nl", "# Retro Northwind Foods en"),
        ("en", "# Retro Northwind Foods and"),
    ):
        for audience in ("internal", "shared"):
            out = subprocess.run(
                [str(python), "-m", "retro", "export", sid, "--lang", lang, "--audience", audience],
                capture_output=True,
                text=True,
                cwd=away,
                env=env,
                timeout=60,
            )
            assert out.returncode == 0, out.stderr
            assert out.stdout.startswith(title)
    out = subprocess.run(
        [str(python), "-m", "retro", "export", "--trends", "northwind-foods", "--lang", "en"],
        capture_output=True,
        text=True,
        cwd=away,
        env=env,
        timeout=60,
    )
    assert out.returncode == 0 and out.stdout.startswith("# Trends: Northwind Foods"), out.stderr
