"""Keys in order: each key is handled completely before the next one is sent on.

Textual forwards every key to the widget focused *when the key arrives*, and a
binding runs only when the key has bubbled back up to the app. Keys that arrive
together (a fast typist, `tmux send-keys 3 4 Enter`, a paste of digits) would all be
queued at the first score bar before its first key moved the focus on: "3 4" would store
only the 4, on the first bar. The gate below holds each key until the previous one
has been through its whole path (focused widget, its ancestors, the app's bindings),
so every key lands where the user sees it land.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.message_pump import MessagePump

    _App = App[Any]  # what the mixin is mixed into, as the type checker should see it
else:
    _App = object

# If a key's path is cut (its widget removed mid-way), the gate opens by itself after
# this long, so a lost callback can never freeze the keyboard.
STUCK_AFTER = 3.0


class OrderedKeys(_App):
    """Mixin for an App: keys from the terminal are handed on one at a time, in order."""

    _held_keys: deque[events.Key]
    _key_in_flight: int  # a token for the key on its way, 0 when none

    def _gate_init(self) -> None:
        if not hasattr(self, "_held_keys"):
            self._held_keys = deque()
            self._key_in_flight = 0
            self._key_tokens = 0

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._gate_init()
            if self._key_in_flight:
                self._held_keys.append(event)
            else:
                await self._send_key(event)
            return
        await super().on_event(event)

    async def _send_key(self, event: events.Key) -> None:
        self._key_tokens += 1
        token = self._key_tokens
        self._key_in_flight = token
        target: DOMNode = self.focused or self.screen
        await super().on_event(event)
        if not event.is_forwarded:
            # Handled by a priority binding at the app itself: nothing travels further.
            self._release_key(token)
            return
        path: list[MessagePump] = [target, *target.ancestors]
        if path[-1] is not self:
            path.append(self)

        def step(i: int) -> None:
            # Each node's queue is first in, first out: this callback runs there after the
            # key did (and after the key was passed on to the next node).
            if i >= len(path):
                self._release_key(token)
                return
            path[i].call_later(step, i + 1)

        step(0)
        self.set_timer(STUCK_AFTER, lambda: self._release_key(token))

    def _release_key(self, token: int) -> None:
        if self._key_in_flight != token:
            return
        self._key_in_flight = 0
        if self._held_keys:
            self.call_later(self._send_held)

    async def _send_held(self) -> None:
        if self._key_in_flight or not self._held_keys:
            return
        await self._send_key(self._held_keys.popleft())
