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
# A key's consequences (messages that post messages) are followed this many rounds along
# its path at most; a node that is never quiet (a running animation) cannot hold keys.
MAX_PASSES = 6


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
            # Behind the keys still waiting too: one that arrives as the gate opens, before
            # the first waiting key is sent, would overtake them ("K7MQ2P" typed into the
            # join field arrived as "K72MQP" in the browser).
            if self._key_in_flight or self._held_keys:
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

        # Passes along the path until it is quiet. Each node's queue is first in, first
        # out: in the first pass this callback runs at each node after the key did (and
        # after the key was passed on to the next node). What a node posts while handling
        # the key (a select's Picked, whose handler moves the focus on) is handled later,
        # possibly posting more; another pass runs behind it while any node on the path
        # still has messages waiting, so the next key goes where those handlers sent the
        # focus ("enter" on the owner, then "+2w" put the "+" in the owner).
        # The app's own queue is left out of "quiet": the rest of a burst waits there.
        n, widgets = len(path), path[:-1]

        def step(i: int) -> None:
            if i and i % n == 0:
                quiet = all(node.message_queue_size == 0 for node in widgets)
                if quiet or i >= MAX_PASSES * n:
                    self._release_key(token)
                    return
            if not path[i % n].call_later(step, i + 1):
                step(i + 1)  # that node is gone: on to the next

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
