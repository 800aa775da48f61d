"""The command palette (ctrl+p) in the app's language: its commands (new session, theme,
language, jump to phase, other screens) and the palette itself."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.widgets.option_list import Option

from retro.model import LANGUAGES, phases_of
from retro.words import tr

if TYPE_CHECKING:
    from retro.tui.app import RetroApp


class RetroCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("RetroApp", self.app)
        lang = app.current_lang()
        out: list[tuple[str, str, Callable[[], object]]] = []
        ctx = app.context
        if ctx is not None and not ctx.participant_id:
            for phase in phases_of(ctx.session):
                name = tr(lang, "cmd.jump", phase=tr(lang, f"phase.{phase}"))
                out.append((name, tr(lang, "cmd.jump.help"), partial(app.jump_to, phase)))
            if not ctx.session.blind and not ctx.read_only:
                # Blind can be switched on mid-session, e.g. when someone joins by code.
                out.append((tr(lang, "cmd.blind"), tr(lang, "rate.blind_on"), app.action_blind))
        if ctx is None or not ctx.participant_id:
            out.append(
                (
                    tr(lang, "cmd.new_session"),
                    tr(lang, "cmd.new_session.help"),
                    app.action_new_session,
                )
            )
            out.append(
                (tr(lang, "cmd.new_rel"), tr(lang, "cmd.new_rel.help"), app.action_new_relationship)
            )
            out.append((tr(lang, "cmd.home"), "", app.action_home))
        out.append(
            (
                tr(lang, "cmd.theme_light"),
                tr(lang, "cmd.theme.help"),
                partial(app.set_theme, "textual-light"),
            )
        )
        out.append(
            (
                tr(lang, "cmd.theme_dark"),
                tr(lang, "cmd.theme.help"),
                partial(app.set_theme, "textual-dark"),
            )
        )
        out.append(
            (tr(lang, "cmd.theme_pick"), tr(lang, "cmd.theme.help"), app.action_change_theme)
        )
        for code in LANGUAGES:
            name = tr(lang, "cmd.lang", name=tr(code, "lang.name"))
            out.append((name, tr(lang, "cmd.lang.help"), partial(app.set_language, code)))
        if ctx is None or not ctx.participant_id:
            out.append((tr(lang, "cmd.history"), "", app.action_history))
            out.append((tr(lang, "cmd.portfolio"), "", app.action_portfolio))
        if ctx is not None and not ctx.participant_id:
            out.append((tr(lang, "cmd.export"), "", app.action_export))
        return out

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text or None)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), callback, text=name, help=help_text or None
                )


class RetroPalette(CommandPalette):
    """Textual's palette with its own words (search prompt, "no matches") in `lang`."""

    def __init__(self, lang: str, *, search: str = "palette.search", **kwargs: Any) -> None:
        super().__init__(placeholder=tr(lang, search), **kwargs)
        self.no_matches = tr(lang, "palette.none")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual (8.x) writes "No matches found" inside this private method and offers no
        # public way to set it. This override is the one place retro touches the palette's
        # internals; tests/ui/test_dutch.py fails if a Textual upgrade changes them.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.no_matches, style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
