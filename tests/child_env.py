"""The environment for a child process a test starts with a bare environment."""

from __future__ import annotations

import os

# What tests/conftest.py points at the test's own folder: the workspace, and the home and
# XDG folders behind the user's data dir and cache (the listing index, compiled templates).
ISOLATED = ("RETRO_DATA", "HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")


def child_env(**extra: str) -> dict[str, str]:
    """No PATH and nothing else of the caller's, except the test's own folders: a child
    with a bare environment would otherwise find the real user's home and cache."""
    return {k: os.environ[k] for k in ISOLATED if k in os.environ} | {"PATH": ""} | extra
