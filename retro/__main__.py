"""`retro` and `python -m retro`: parse the command line, then call the core or start the app."""

from __future__ import annotations

import sys

from retro import collector

collector.for_a_command()  # before the imports: they make most of a command's objects

from retro.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
