"""A DataTable whose text columns share the width that is left, so it fits 80 columns and fills 200."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import events
from textual.geometry import Size
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey


class FitTable(DataTable):
    """`flex` names the columns that stretch; the others keep their own width."""

    DEFAULT_CSS = """
    FitTable { scrollbar-size-horizontal: 0; }
    """

    def __init__(self, *, flex: Sequence[str], min_width: int = 8, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.flex = tuple(flex)
        self.min_width = min_width
        self._scrolled_for: tuple[object, ...] | None = None

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        """Textual's ScrollView compares the virtual size the compositor passes (the table's
        region) with its own (all its rows), which differ whenever the table has more rows
        than it shows: every layout pass of the screen (a Footer key greyed out, a toast)
        then repaints both scrollbars once more, a frame later. They change only when the
        table's size or its own virtual size does."""
        key = (size, container_size, self.virtual_size, self.styles.overflow_y)
        if key == self._scrolled_for:
            return False
        self._scrolled_for = key
        return super()._size_updated(size, virtual_size, container_size, layout)

    def on_resize(self, event: events.Resize) -> None:
        self.fit()

    def fit(self) -> None:
        width = self.scrollable_content_region.width
        if not width:
            # Not laid out yet: estimate from the terminal (screen padding and a scrollbar),
            # so the first paint is already right and a resize rarely changes anything.
            width = self.app.size.width - 4
        if width <= 0 or not self.flex:
            return
        flex_keys = {ColumnKey(k) for k in self.flex}
        fixed = sum(c.get_render_width(self) for k, c in self.columns.items() if k not in flex_keys)
        padding = 2 * self.cell_padding * len(self.flex)
        share = max(self.min_width, (width - fixed - padding - 1) // len(self.flex))
        changed = False
        for key in flex_keys:
            column = self.columns.get(key)
            if column is not None and (column.auto_width or column.width != share):
                column.auto_width = False
                column.width = share
                changed = True
        if changed:
            self._require_update_dimensions = True
            self._clear_caches()
            self.refresh(layout=True)
