"""Typing at full speed: keys delivered all at once, as a terminal delivers a fast burst.

`pilot.press` waits for the app to go idle after every key, which no typist and no
`tmux send-keys 3 4 Enter` does; a test that types that way cannot see keys overtaking
each other. `burst` hands every key to the driver before the app has handled the first.
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App
from textual.keys import _character_to_key

# The character each named key arrives with (a typed "+" is the key "plus" with "+").
CHARS = {
    "enter": "\r",
    "tab": "\t",
    "space": " ",
    "backspace": "\x7f",
    "escape": "\x1b",
    "plus": "+",
    "full_stop": ".",
    "comma": ",",
    "minus": "-",
    "slash": "/",
    "apostrophe": "'",
}


def burst(app: App, keys: list[str] | tuple[str, ...]) -> None:
    """Queue every key at the driver in one go, with no pause between them."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1:  # a typed character: every one arrives with its character
            char: str | None = key
            if not key.isalnum():
                key = _character_to_key(key)
        else:
            char = CHARS.get(key)
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)


async def settle(pilot, timeout: float = 60) -> None:
    """Let every queued key, background save and repaint finish."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    end = loop.time() + timeout
    while loop.time() < end:
        await pilot.pause(0.05)
        await app.workers.wait_for_complete()
        if not getattr(app, "_held_keys", None) and not getattr(app, "_key_in_flight", 0):
            break
    await pilot.pause(0.1)
    await app.workers.wait_for_complete()
    await pilot.pause()


def typed(text: str) -> list[str]:
    """The keys of a text, a space being the key called space."""
    return ["space" if ch == " " else ch for ch in text]
