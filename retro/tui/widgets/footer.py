"""Textual's Footer, rebuilt only when what it shows has changed.

Textual recomposes the Footer (every key a new widget, styled and laid out again) on each
bindings update, and a focus change sends two: three rebuilds before home is interactive,
about a hundred in a keyboard-driven rate phase, nearly all showing the same keys. This
Footer runs at most one rebuild per refresh, and none when the keys, their words, their
enabled state and the palette key are what it last showed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Footer as TextualFooter

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.screen import Screen


class Footer(TextualFooter):
    """Same look, keys and mouse as Textual's Footer (the CSS type stays "Footer")."""

    def __init__(self, *args: Any, at_once: bool = False, **kwargs: Any) -> None:
        """at_once: show the keys in the first paint, read as the screen is composed, instead
        of an empty Footer rebuilt once the screen has focus (Textual's way: a screen whose
        key checks query its widgets cannot answer before they are mounted). Only for a
        screen whose keys do not depend on its widgets or its focus, such as home: its
        start then needs no rebuild, and no layout pass after the first paint."""
        super().__init__(*args, **kwargs)
        self._rebuild_pending = False
        self._shown: tuple[Any, ...] | None = None
        if at_once:
            self.set_reactive(TextualFooter._bindings_ready, True)

    def _what_it_shows(self) -> tuple[Any, ...]:
        """Everything Textual's Footer.compose reads, so equal means an equal Footer: the
        shown keys and the palette's key. Keys it does not show (a focused table's arrows)
        come and go with the focus without changing it."""
        app = self.app
        active = self.screen.active_bindings
        palette = active.get(app.COMMAND_PALETTE_BINDING)
        return (
            self.show_command_palette,
            app.ENABLE_COMMAND_PALETTE,
            tuple(
                (
                    key,
                    b.key,
                    app.get_key_display(b),
                    b.description,
                    b.action,
                    b.tooltip,
                    None if b.group is None else (b.group.description, b.group.compact),
                    enabled,
                    tooltip,
                )
                for key, (_node, b, enabled, tooltip) in active.items()
                if b.show
            ),
            None
            if palette is None
            else (palette[1], app.get_key_display(palette[1]), *palette[2:]),
        )

    def compose(self) -> ComposeResult:
        if self._bindings_ready:  # read now, from the state the keys below are made of
            self._shown = self._what_it_shows()
        yield from super().compose()

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._rebuild_pending:
            self._rebuild_pending = True
            self.call_after_refresh(self._rebuild_if_changed)

    async def _rebuild_if_changed(self) -> None:
        self._rebuild_pending = False
        # Only the screen on top: one being left (its widgets going) would be asked for
        # bindings it can no longer answer, and it is rebuilt when it comes back anyway.
        if not self.is_attached or self.screen is not self.app.screen:
            return
        if self._what_it_shows() != self._shown:
            await self.recompose()
