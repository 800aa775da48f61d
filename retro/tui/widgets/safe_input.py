"""An Input for text that comes from data (remarks, notes, action titles, answers).

Textual's Input draws its value as it is: a remark holding `ESC ] 2 ; PWNED BEL` reaches
the terminal as a title sequence the moment a screen fills the field. `SafeInput` draws the
value through retro.terminal's rule (`␛]2;PWNED␇`) and leaves the value itself alone: the
screen saves `value`, which is what the store holds until the user edits it — showing a
remark safely never rewrites it. The rule swaps one character for one, so the cursor,
selection and mouse clicks keep pointing at the same characters of the value.
"""

from __future__ import annotations

from rich.cells import cell_len, get_character_cell_size
from rich.text import Text
from textual.widgets import Input

from retro.terminal import for_terminal


class SafeInput(Input):
    """An Input that shows control characters in its value instead of sending them."""

    @property
    def _value(self) -> Text:
        """The value as drawn: controls made visible (Input.render_line draws this)."""
        if self.password:
            return super()._value
        text = Text(for_terminal(self.value), no_wrap=True, overflow="ignore", end="")
        if self.highlighter is not None:
            text = self.highlighter(text)
        return text

    def _position_to_cell(self, position: int) -> int:
        """Where a character index is drawn: measured on the drawn text, whose pictures are
        one cell wide where the raw controls were zero."""
        return cell_len(for_terminal(self.value[:position]))

    def _cell_offset_to_index(self, offset: int) -> int:
        """Which character a mouse click at `offset` hits, measured on the drawn text."""
        scroll_x, _ = self.scroll_offset
        offset += scroll_x
        cell_offset = 0
        shown = for_terminal(self.value)
        for index, char in enumerate(shown):
            width = get_character_cell_size(char)
            if cell_offset <= offset < cell_offset + width:
                return index
            cell_offset += width
        return max(0, min(offset, len(shown)))


def continue_in(field: Input, text: str) -> None:
    """A key typed on another widget that belongs in field ("+2w" on the owner, a note's
    first letter on the look-back table): the focus moves now, with Screen.set_focus (not
    Widget.focus, which waits behind the keys queued after this one), so the keys behind
    it follow; the text goes at the end of what the field holds."""
    field.screen.set_focus(field)
    field.cursor_position = len(field.value)
    field.insert_text_at_cursor(text)
