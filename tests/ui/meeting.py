"""Waiting for the phase screens at meeting speed: until the app is done, never a fixed nap.

`tests.ui.keys.settle` sleeps 0.15 s or more per call and a `pilot.pause()` waits for the
process to look idle (up to a second when a thread or the machine is busy); the phase
tests call them 20-50 times a file, so most of those files' time was spent asleep. The
promise here is the same one `keys.settle` makes (every queued key handled, every
background save landed and reported back, the screen repainted), checked by looking at
the app instead of by sleeping: the key gate is empty, no worker is pending or running,
and every widget of the screen has handled what was queued to it.
"""

from __future__ import annotations

import asyncio

from textual.worker import WorkerState

from tests.ui.keys import burst

BUSY = (WorkerState.PENDING, WorkerState.RUNNING)


def _keys_waiting(app) -> bool:
    return bool(getattr(app, "_held_keys", None)) or bool(getattr(app, "_key_in_flight", 0))


def _queued(app) -> bool:
    """Whether any widget of the screen (or the app) still has messages waiting."""
    nodes = [app, *app.screen.walk_children(with_self=True)]
    return any(node.message_queue_size for node in nodes)


async def settle(pilot, timeout: float = 60) -> None:
    """Return once every key, save and repaint the app has in hand is done (bounded)."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while True:
        if loop.time() > end:
            raise AssertionError("the app did not settle")
        if not app._running or not app.screen_stack:  # quit (ctrl+q): nothing left to wait for
            return
        if _keys_waiting(app):
            # The gate releases on its own callbacks. Checked first: a screen wait posts a
            # callback to every widget of the screen (hundreds on a phase screen) and waits
            # for them all, which a pass every 2 ms while keys were still held did for
            # nothing (3-4% of the phase files' CPU).
            await asyncio.sleep(0.005)
            continue
        await pilot._wait_for_screen()
        if any(w.state in BUSY for w in app.workers):
            await app.workers.wait_for_complete()
            continue  # what the worker reported back is handled in the next pass
        if _keys_waiting(app):
            continue  # a key the screen wait let through: the gate again
        if not app.screen_stack:
            return
        app.screen._on_timer_update()  # paint now: call_after_refresh callbacks follow it
        await asyncio.sleep(0)
        if not _queued(app):
            return


async def type_keys(pilot, *keys: str) -> None:
    """Keys as a meeting types them: all handed to the driver at once (tests/ui/keys.py's
    burst), then `settle`. `pilot.press` waits for the app after every key, which costs a
    test its time and hides keys overtaking each other."""
    burst(pilot.app, keys)
    await settle(pilot)
