"""`retro` and `python -m retro`: parse the command line, then call the core or start the app."""

from __future__ import annotations

import sys

from retro.cli import main

if __name__ == "__main__":
    sys.exit(main())
