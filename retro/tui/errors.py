"""How an app shows an error nobody caught: a traceback without local variables.

Textual's default renders every frame's locals, which would print answers, names and
join codes on a participant's terminal or browser tab. Expected failures (a full disk,
a damaged file) never get here: the store turns them into messages first.
"""

from __future__ import annotations

from typing import Any


class PlainErrors:
    """Mixed into every App class of retro, before textual.app.App."""

    def _fatal_error(self: Any) -> None:
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(
            Segments(self.console.render(traceback, self.console.options))
        )
        self._close_messages_no_wait()
