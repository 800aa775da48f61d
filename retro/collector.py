"""How often Python's cyclic garbage collector runs: seldom for a command, as usual for
the app. Imported before anything else by `retro` (retro/__main__.py), so it holds no
imports of its own."""

from __future__ import annotations

import gc

# CPython's own thresholds: the app keeps them for a meeting's hours.
APP_THRESHOLD = (700, 10, 10)
# A command's objects are nearly all long-lived (modules, classes, the model it reads) and
# it makes little garbage, yet collecting the youngest generation every 700 new objects
# took 5-6 ms of a 100 ms `retro export` (gc.callbacks; demo and 30 x 60 alike). Every
# 50,000: a read or an export runs no pass at all, and a long command (a portfolio of
# 1000 relationships) still collects, in fewer passes.
COMMAND_THRESHOLD = (50_000, 10, 10)


def for_a_command() -> None:
    gc.set_threshold(*COMMAND_THRESHOLD)


def for_the_app() -> None:
    gc.set_threshold(*APP_THRESHOLD)
