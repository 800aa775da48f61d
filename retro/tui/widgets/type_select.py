"""A Select for typing in a meeting: a name typed on the closed list chooses it.

Used by the agree form's owner and dimension fields (retro/tui/screens/agree.py).
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic
from typing import Any, ClassVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Select
from textual.widgets._select import SelectOverlay


class TypeSelect(Select):
    """A Select that takes a typed name while closed: "Cees" chooses Cees de Boer.

    A closed Select drops printable keys, and opening its list on the first letter moves
    focus to the list while the next letters, typed at meeting speed, are still on their
    way to the Select itself. So the search happens here, on the closed Select, in key
    order: each letter narrows the choice shown (first an option starting with what was
    typed, else one containing it). Enter, space or ↓ still open the full list, and
    choosing there posts Picked (also for the option already chosen), so the form can
    move on.
    """

    SEARCH_PAUSE = 1.0  # seconds: a longer pause starts a new search

    class Picked(Message):
        def __init__(self, select: TypeSelect) -> None:
            super().__init__()
            self.select = select

        @property
        def control(self) -> TypeSelect:
            return self.select

    def __init__(
        self, *args: Any, hand_on: Callable[[str], bool] | None = None, **kwargs: Any
    ) -> None:
        """hand_on: called with a key that matches no option and is not part of a name (on
        the owner field, "+2w" typed right after a pick is the next field's); it returns
        whether it took the key, in the key's own handling, so the keys behind it follow."""
        super().__init__(*args, **kwargs)
        self.hand_on = hand_on
        self._query = ""
        self._last_key = 0.0
        self.typed_ahead = 0  # letters sent to this Select and not handled yet (key order)

    def _forward_event(self, event: events.Event) -> None:
        # Called by the app as a key arrives, before this Select has handled earlier keys:
        # the form asks this to know whether Enter follows a typed name.
        if isinstance(event, events.Key) and event.is_printable and event.character != " ":
            self.typed_ahead += 1
        super()._forward_event(event)

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character is not None and character.isprintable()

    def on_focus(self) -> None:
        self._query = ""  # coming back to the field starts a new search

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or event.character in (None, " "):
            return
        self.typed_ahead = max(0, self.typed_ahead - 1)
        if self.expanded:
            return  # the open list searches by itself
        event.stop()
        event.prevent_default()
        now = monotonic()
        if now - self._last_key > self.SEARCH_PAUSE:
            self._query = ""
        self._last_key = now
        char = event.character or ""
        self._query += char
        match = self.search(self._query)
        if match is not None:
            self.value = match
        elif self.hand_on is not None and self._starts_elsewhere(char) and self.hand_on(char):
            self._query = ""

    def _starts_elsewhere(self, character: str) -> bool:
        """A key that matched nothing and is no part of a name: the first of a new search,
        or a digit or "+" (no name has them; a due date typed behind the name does)."""
        return len(self._query) == 1 or character.isdigit() or character == "+"

    def search(self, query: str) -> Any:
        """The value of the first option starting with `query`, else one containing it."""
        q = query.casefold()
        found = None
        for prompt, value in self._options:
            if value is self.NULL:
                continue
            text = (prompt.plain if isinstance(prompt, Text) else str(prompt)).casefold()
            if text.startswith(q) or any(w.startswith(q) for w in text.split()):
                return value
            if found is None and q in text:
                found = value
        return found

    @on(SelectOverlay.UpdateSelection)
    def _picked(self) -> None:
        # Runs before Select's own handler sets the value; the message arrives after it.
        self.post_message(self.Picked(self))


class LastSelect(TypeSelect):
    """The last field of the form: Enter adds the action (type, space or ↓ open the list)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,space,up", "show_overlay", "Show menu", show=False),
    ]
