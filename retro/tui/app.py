"""The guided-session app and its one factory, used by the CLI and the tests alike."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import CommandPalette
from textual.screen import Screen

from retro.model import PHASES, Language
from retro.store import StoreError, Workspace
from retro.tui import state
from retro.tui.bindings import translate_bindings
from retro.tui.commands import RetroCommands, RetroPalette
from retro.tui.errors import PlainErrors
from retro.tui.keys import OrderedKeys
from retro.tui.screens.help import HelpScreen
from retro.tui.screens.home import HomeScreen
from retro.words import DEFAULT_LANGUAGE, tr

if TYPE_CHECKING:
    from retro.tui.context import SessionContext


class RetroApp(PlainErrors, OrderedKeys, App[None]):
    """Home (relationships) at the bottom of the stack; a session's phase screen above it."""

    # home.tcss too: the default screen is installed without loading its own CSS_PATH.
    CSS_PATH: ClassVar = ["app.tcss", "screens/home.tcss"]
    TITLE = "Retro"
    COMMANDS = App.COMMANDS | {RetroCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        # Our own palette binding (Textual adds one only when there is none), so the
        # Footer's palette word has an id and follows the language like every other key.
        Binding("ctrl+p", "command_palette", "Commands", id="palette", show=False, priority=True),
        Binding("f1", "help", "Help", id="help", key_display="F1"),
        Binding("question_mark", "help", "Help", id="help_q", show=False),
        Binding("ctrl+s", "retry_save", "Retry save", id="retry", show=False, priority=True),
    ]

    def __init__(
        self,
        workspace: Workspace,
        *,
        lang: str | None = None,
        theme: str | None = None,
        session_id: str | None = None,
        participant_id: str | None = None,
        watch_interval: float | None = 1.0,
        resume: bool = True,
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.lang_override = lang
        self.ui_lang = lang or DEFAULT_LANGUAGE
        self.start_theme = theme
        self.start_session = session_id
        self.participant_id = participant_id
        self.watch_interval = watch_interval
        self.resume = resume
        self.context: SessionContext | None = None
        translate_bindings(self, self.ui_lang)

    # -- start-up ---------------------------------------------------------------------

    def on_mount(self) -> None:
        if self.start_theme:
            if self.start_theme in self.available_themes:
                self.theme = self.start_theme
            else:
                self.notify(f"Unknown theme {self.start_theme!r}", severity="warning", markup=False)
        else:
            saved = state.theme(self.workspace.root)
            if saved in self.available_themes:
                self.theme = saved
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.start_session:
            self.open_session_id(self.start_session, participant_id=self.participant_id)
        elif self.resume:
            last = state.last_session(self.workspace.root)
            if last is not None:
                self.open_session(*last, quiet=True)
        if self.watch_interval:
            self.set_interval(self.watch_interval, self._poll)

    def get_default_screen(self) -> Screen:
        """Home is the bottom of the stack: made directly, without a blank screen first."""
        return HomeScreen()

    def _poll(self) -> None:
        if self.context is not None:
            self.context.poll()

    def current_lang(self) -> str:
        return self.context.lang if self.context is not None else self.ui_lang

    # -- sessions ---------------------------------------------------------------------

    def open_session_id(self, sid: str, *, participant_id: str | None = None) -> None:
        try:
            history, _ = self.workspace.find_session(sid)
        except StoreError as e:
            self.notify(
                str(e), title=tr(self.ui_lang, "error.load"), severity="error", markup=False
            )
            return
        self.open_session(history.relationship.id, sid, participant_id=participant_id)

    def open_session(
        self, rel_id: str, sid: str, *, participant_id: str | None = None, quiet: bool = False
    ) -> None:
        """Enter a session at the phase (and question) where it stood."""
        from retro.tui.context import SessionContext  # ~10 ms, paid when a session opens

        try:
            history = self.workspace.load(rel_id)
        except StoreError as e:
            if not quiet:
                self.notify(
                    str(e), title=tr(self.ui_lang, "error.load"), severity="error", markup=False
                )
            return
        session = history.session(sid)
        if session is None:
            if quiet:
                state.forget(self.workspace.root)
            return
        try:
            context = SessionContext(
                self, self.workspace, history, session, participant_id=participant_id
            )
        except ValueError as e:  # a broken custom framework: say so, stay on home
            if not quiet:
                self.notify(
                    str(e), title=tr(self.ui_lang, "error.load"), severity="error", markup=False
                )
            return
        self.context = context
        if participant_id is None:
            state.remember(self.workspace.root, rel_id, sid)
        phase = "rate" if participant_id else session.phase
        self.push_screen(self._phase_screen(phase))

    def _phase_screen(self, phase: str) -> Screen:
        """The screen of a phase, imported when first shown.

        Every screen but home is imported lazily (here and in the actions below): together
        they add ~105 ms to the ~215 ms that importing the app and home takes (measured with
        perf_counter around the imports, three runs), so start-up pays only for home.
        """
        ctx = self.context
        assert ctx is not None, "a phase screen needs an open session"
        if phase == "checkin":
            from retro.tui.screens.checkin import CheckinScreen

            return CheckinScreen(ctx)
        if phase == "lookback":
            from retro.tui.screens.lookback import LookbackScreen

            return LookbackScreen(ctx)
        if phase == "rate":
            from retro.tui.screens.rate import RateScreen

            return RateScreen(ctx)
        if phase == "weigh":
            from retro.tui.screens.weigh import WeighScreen

            return WeighScreen(ctx)
        if phase == "reveal":
            from retro.tui.screens.reveal import RevealScreen

            return RevealScreen(ctx)
        if phase == "agree":
            from retro.tui.screens.agree import AgreeScreen

            return AgreeScreen(ctx)
        if phase == "close":
            from retro.tui.screens.close import CloseScreen

            return CloseScreen(ctx)
        raise ValueError(f"no screen for phase {phase!r}")

    def flush(self) -> None:
        """Hand any text still waiting for a typing pause to the save queue."""
        for screen in self.screen_stack:
            hook = getattr(screen, "flush", None)
            if hook is not None:
                hook()

    async def action_quit(self) -> None:
        """Save what was typed but not yet saved, then leave; a screen holding words it
        cannot save yet asks first (PhaseScreen.confirm_leaving)."""
        screen = self.screen
        asked = False

        def on_yes() -> None:  # called at once when nothing needs asking: then quit below
            if asked:
                self.call_later(self._save_and_exit)

        confirm = getattr(screen, "confirm_leaving", None)  # a session's screen (PhaseScreen)
        if confirm is not None:
            asked = not confirm(on_yes)
        if not asked:  # at once, in key order: the answer typed before ctrl+q is queued
            await self._save_and_exit()

    async def _save_and_exit(self) -> None:
        self.flush()
        if self.context is not None:
            await self.context.drain_before_exit()
        self.exit()

    def jump_to(self, phase: str) -> None:
        """The palette's jump to a phase: out of the phase on screen the way ctrl+n and the
        stepper go (PhaseScreen.leave_for), with its questions: who still misses answers
        before the scores show, notes that wait for a status."""
        leave = next(
            (s.leave_for for s in reversed(self.screen_stack) if hasattr(s, "leave_for")),
            None,
        )
        if leave is not None:
            leave(phase)
        else:
            self.goto_phase(phase)

    def goto_phase(self, phase: str) -> None:
        if self.context is None or phase not in PHASES:
            return
        self.flush()
        self.context.set_phase(phase)
        self.switch_screen(self._phase_screen(phase))

    def action_home(self) -> None:
        """Back to the relationships; the session stays where it stood."""
        if self.context is None or self.context.participant_id:
            return
        confirm = getattr(self.screen, "confirm_leaving", None)  # a session's screen
        if confirm is not None:
            confirm(self._go_home)
        else:
            self._go_home()

    def _go_home(self) -> None:
        if self.context is None:
            return
        self.flush()
        self.context = None
        state.forget(self.workspace.root)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self._reload_home(self.screen)

    def _reload_home(self, home: HomeScreen) -> None:
        """Home reads the store once the answers still on their way are in it: "d" then Esc
        typed together used to list the action as open on home (read before the save)."""
        saving = [w for w in self.workers if w.group == "save" and not w.is_finished]
        if not saving:
            home.reload()
            return

        async def after_saves() -> None:
            with suppress(Exception):  # a failed save is reported by the context itself
                await self.workers.wait_for_complete(saving)
            home.reload()

        self.run_worker(after_saves(), group="home-after-saves")

    # -- actions ----------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            keys = [
                (self.get_key_display(a.binding), a.binding.description)
                for a in self.screen.active_bindings.values()
                if a.binding.show and a.binding.description
            ]
            # A phase may say what its keys do together (PhaseScreen.help_text).
            about = getattr(self.screen, "help_text", None)
            text = about() if callable(about) else ""
            self.push_screen(HelpScreen(self.current_lang(), keys, about=text))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+s retries a failed save only when one failed: otherwise the key belongs to
        the screen (the export dialog saves with it)."""
        if action == "retry_save":
            return self.context is not None and self.context.unsaved_count > 0
        return True

    def action_blind(self) -> None:
        """Switch blind on for the open session (never off: what was hidden stays hidden)."""
        ctx = self.context
        if ctx is None or ctx.session.blind or ctx.read_only:
            return
        ctx.save(lambda s: replace(s, blind=True))
        self.notify(tr(ctx.lang, "rate.blind_on"), markup=False)
        show = getattr(self.screen, "show_question", None)
        if show is not None:
            show()

    def action_retry_save(self) -> None:
        if self.context is not None and self.context.unsaved_count:
            self.context.retry()

    # -- Textual's own words, in the app's language -----------------------------------

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(RetroPalette(self.current_lang(), id="--command-palette"))

    def search_themes(self) -> None:
        from textual.theme import ThemeProvider

        self.push_screen(
            RetroPalette(self.current_lang(), search="palette.themes", providers=[ThemeProvider])
        )

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, minus the ones retro has better (theme, keys), in our words."""
        lang = self.current_lang()
        yield SystemCommand(tr(lang, "sys.help"), tr(lang, "sys.help.help"), self.action_help)
        if screen.maximized is not None:
            yield SystemCommand(
                tr(lang, "sys.minimize"), tr(lang, "sys.minimize.help"), screen.action_minimize
            )
        elif screen.focused is not None and screen.focused.allow_maximize:
            yield SystemCommand(
                tr(lang, "sys.maximize"), tr(lang, "sys.maximize.help"), screen.action_maximize
            )
        yield SystemCommand(
            tr(lang, "sys.screenshot"),
            tr(lang, "sys.screenshot.help"),
            lambda: self.set_timer(0.1, self.deliver_screenshot),
        )
        yield SystemCommand(tr(lang, "sys.quit"), tr(lang, "sys.quit.help"), self.action_quit)

    def action_help_quit(self) -> None:
        """ctrl+c does not quit a Textual app: say which key does, in the app's language."""
        lang = self.current_lang()
        self.notify(tr(lang, "quit.how"), title=tr(lang, "quit.title"), markup=False)

    def action_new_session(self) -> None:
        if self.context is not None:
            self.action_home()
        if isinstance(self.screen, HomeScreen):
            self.screen.action_new_session()

    def action_new_relationship(self) -> None:
        if self.context is not None:
            self.action_home()
        if isinstance(self.screen, HomeScreen):
            self.screen.action_new_relationship()

    def set_theme(self, name: str) -> None:
        self.theme = name

    def _theme_changed(self, theme: object) -> None:
        """Remembered for the next start, whichever way it was chosen (palette, --theme)."""
        state.remember_theme(self.workspace.root, self.theme)

    def set_language(self, lang: Language) -> None:
        """Outside a session: the app's language. In a session the facilitator runs: the
        session's own language (its summaries follow it). A closed session, or a participant's
        own screen, is only shown in the other language."""
        if self.context is not None:
            ctx = self.context
            self.flush()  # the screen is rebuilt: what was typed must be saved first
            if ctx.read_only or ctx.participant_id:
                ctx.view_lang = lang
                if ctx.read_only and lang != ctx.session.language:
                    self.notify(tr(lang, "lang.view_only"), markup=False)
            else:
                ctx.view_lang = None
                ctx.save(lambda s: replace(s, language=lang))
            self.switch_screen(
                self._phase_screen("rate" if ctx.participant_id else ctx.session.phase)
            )
            return
        self.ui_lang = lang
        translate_bindings(self, lang)
        relabel = getattr(self.screen, "relabel", None)
        if relabel is not None:
            self.call_later(relabel)

    # -- the screens beside the session (imported lazily: see _phase_screen) -----------

    def selected_relationship(self) -> str | None:
        if self.context is not None:
            return self.context.rel_id
        return getattr(self.screen, "selected_rel_id", None)

    def action_history(self) -> None:
        from retro.tui.screens.history import HistoryScreen

        rel_id = self.selected_relationship()
        if rel_id is not None:
            self.push_screen(HistoryScreen(self.workspace, rel_id, lang=self.current_lang()))

    def action_portfolio(self) -> None:
        from retro.tui.screens.portfolio import PortfolioScreen

        self.push_screen(PortfolioScreen(self.workspace, lang=self.current_lang()))

    def action_export(self, session_id: str | None = None) -> None:
        from retro.tui.screens.export import ExportScreen

        sid = session_id or (self.context.sid if self.context is not None else None)
        if sid is None:
            sid = getattr(self.screen, "selected_session_id", None)
        if sid is not None:
            self.push_screen(ExportScreen(self.workspace, sid, lang=self.current_lang()))


def make_app(
    workspace: Workspace | Path | str,
    *,
    lang: str | None = None,
    theme: str | None = None,
    session_id: str | None = None,
    participant_id: str | None = None,
    watch_interval: float | None = 1.0,
    resume: bool = True,
) -> RetroApp:
    """The one way to build the app: the CLI and every test get the same thing.

    session_id (and participant_id) open a session directly, e.g. for a participant who
    joins on their own terminal; without them the app resumes the session that was open
    when it last quit, if any.
    """
    ws = workspace if isinstance(workspace, Workspace) else Workspace(Path(workspace))
    return RetroApp(
        ws,
        lang=lang,
        theme=theme,
        session_id=session_id,
        participant_id=participant_id,
        watch_interval=watch_interval,
        resume=resume,
    )
