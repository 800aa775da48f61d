"""The join gate: a participant enters the session's join code, then picks who they are.

Browsers reach the app through textual-serve, which has no authentication; this
screen is what stands between a stranger with the URL and the workspace. Until a
code matches an open session nothing of the workspace is shown (no names, no
relationships), and wrong guesses are slowed down. `retro fill` skips the gate and
goes straight to the rating screen on a pack file.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from retro.model import History, Session
from retro.serve import CODE_LENGTH, session_by_code
from retro.serve_gate import ask_gate, delay_after, served_gate
from retro.session_engine import LiveAnswers
from retro.store import StoreError, Workspace
from retro.tui.bindings import translate_bindings
from retro.tui.errors import PlainErrors
from retro.tui.keys import OrderedKeys
from retro.tui.screens.join_rate import RateScreen
from retro.tui.widgets.footer import Footer  # rebuilt only when its keys change
from retro.tui.widgets.literal import literal
from retro.tui.widgets.safe_input import SafeInput
from retro.words import DEFAULT_LANGUAGE, tr


class JoinScreen(Screen[None]):
    """Asks for the join code; reveals nothing until it matches an open session."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "app.quit", "Quit", id="join.quit", priority=True)
    ]

    def __init__(self, ws: Workspace, lang: str | None, code: str | None = None) -> None:
        super().__init__()
        self.ws, self.lang = ws, lang
        self.code = code  # given on the command line: tried at once
        self.failures = 0
        # After a wrong code the next try waits (serve_gate's back-off), but the field stays
        # open: a participant who types the code again at once loses no key, and an Enter
        # pressed meanwhile is tried the moment the wait is over.
        self.waiting = False
        self._queued = False
        self._checking: str | None = None  # the code being checked, while it is
        if lang:
            translate_bindings(self, lang)

    def t(self, key: str, **kw: object) -> str:
        # Before joining we do not know the session's language: show both unless --lang.
        if self.lang:
            return tr(self.lang, f"join.{key}", **kw)
        return f"{tr('nl', f'join.{key}', **kw)}  ·  {tr('en', f'join.{key}', **kw)}"

    def compose(self) -> ComposeResult:
        with Vertical(id="join-box"):
            yield Static(self.t("join_title"), id="join-title")
            yield Static(self.t("join_help"), id="join-help")
            yield SafeInput(
                placeholder="K7M-Q2P",
                max_length=CODE_LENGTH + 2,
                id="join-code",
                restrict=r"[A-Za-z0-9 -]*",
            )
            yield Button(self.t("join_button"), id="join-go", variant="primary")
            yield Static("", id="join-error")
        yield Footer()

    def on_mount(self) -> None:
        field = self.query_one("#join-code", Input)
        field.focus()
        if self.code:
            field.value = self.code
            self.try_code()

    @on(Input.Submitted, "#join-code")
    @on(Button.Pressed, "#join-go")
    def try_code(self) -> None:
        if self._checking is not None or self.waiting:
            self._queued = True  # tried as soon as the check or the wait is over
            return
        field = self.query_one("#join-code", Input)
        # Emptied as it goes off: what is typed while it is checked is the next try, not
        # the end of this one.
        self._checking, field.value = field.value, ""
        self.check_code(self._checking)

    @work(thread=True, exclusive=True)
    def check_code(self, code: str) -> None:
        gate = served_gate()
        if gate is not None:
            # Served: the server checks, with one back-off for every tab of this address.
            self.app.call_from_thread(self.code_checked, *self._ask_server(gate, code))
            return
        try:
            found = session_by_code(self.ws, code)
        except StoreError:
            found = None
        self.app.call_from_thread(self.code_checked, found)

    def _ask_server(
        self, gate: tuple[str, str], code: str
    ) -> tuple[tuple[History, Session] | None, float | None, bool]:
        verdict = ask_gate(*gate, code)
        if verdict.session is None:
            return None, verdict.wait, verdict.checked
        rel_id, sid = verdict.session
        try:
            history = self.ws.load(rel_id)
        except StoreError:
            return None, verdict.wait, True
        session = history.session(sid)
        return ((history, session) if session else None), verdict.wait, True

    def code_checked(
        self,
        found: tuple[History, Session] | None,
        wait: float | None = None,
        checked: bool = True,
    ) -> None:
        error = self.query_one("#join-error", Static)
        self._checking = None
        if found is None:
            self.failures += 1
            if wait is None:  # the same rule as the browser's gate: serve_gate.delay_after
                wait = delay_after(self.failures)
            message = self.t("join_wrong") if checked else self.t("join_wait")
            if wait >= 2:
                message += "\n" + self.t("join_next", s=round(wait))
            error.update(message)
            self.waiting = True
            self.set_timer(wait, self._wait_over)
            return
        history, session = found
        self._queued = False
        self.app.push_screen(WhoScreen(self.ws, history, session, self.lang or session.language))
        error.update("")

    def _wait_over(self) -> None:
        self.waiting = False
        if self._queued:
            self._queued = False
            self.try_code()


class WhoScreen(Screen[None]):
    """Pick who you are among the session's participants."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="who.back"),
        Binding("ctrl+q", "app.quit", "Quit", id="who.quit", priority=True),
    ]

    def __init__(self, ws: Workspace, history: History, session: Session, lang: str) -> None:
        super().__init__()
        self.ws, self.history, self.session, self.lang = ws, history, session, lang
        translate_bindings(self, lang)

    def compose(self) -> ComposeResult:
        rel = self.history.relationship
        with Vertical(id="who-box"):
            yield Static(
                literal(f"{rel.client} × {rel.agency} · {self.session.date}"), id="who-title"
            )
            yield Static(tr(self.lang, "join.who_help"), id="who-help")
            yield OptionList(
                *(
                    Option(
                        literal(f"{p.name or p.id}  ({tr(self.lang, 'join.' + p.side)})"), id=p.id
                    )
                    for p in self.session.participants
                ),
                id="who-list",
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#who-list", OptionList).focus()

    @on(OptionList.OptionSelected, "#who-list")
    def picked(self, event: OptionList.OptionSelected) -> None:
        pid = event.option.id
        assert pid is not None
        answers = LiveAnswers(self.ws, self.history.relationship.id, self.session.id, pid)
        self.app.push_screen(RateScreen(answers, self.lang))

    def action_back(self) -> None:
        self.app.pop_screen()


class SavesBeforeQuit:
    """Quit keeps every answer: a remark typed and ctrl+q at once, a score still in the
    save queue (the participant's device saves in a thread of its own)."""

    async def action_quit(self) -> None:
        """Remarks typed without a score cannot be saved: asked first (ctrl+q again over
        the question quits, as its yes does; no goes to the first such question)."""
        assert isinstance(self, App)
        rate = next((s for s in self.screen_stack if isinstance(s, RateScreen)), None)
        if rate is not None and self.screen is rate and (waiting := rate.remarks_waiting()):

            def answered(leave: bool | None) -> None:
                if leave:
                    self.call_later(self._save_and_exit)
                else:
                    rate.go_to(waiting[0])

            self.push_screen(rate.waiting_dialog(waiting), answered)
            return
        await self._save_and_exit()

    async def _save_and_exit(self) -> None:
        assert isinstance(self, App)
        for screen in self.screen_stack:
            if isinstance(screen, RateScreen):
                await screen.settle_before_exit()
        self.exit()


class JoinApp(SavesBeforeQuit, PlainErrors, OrderedKeys, App[None]):
    """`retro join`, and what every browser tab of `retro serve` runs."""

    CSS_PATH = "join.tcss"
    TITLE = "retro"
    # Served to browsers: no palette, so no way around the gate (screenshots, themes, ...).
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        ws: Workspace,
        lang: str | None = None,
        theme: str | None = None,
        code: str | None = None,
    ) -> None:
        super().__init__()
        self.ws, self.lang, self.code = ws, lang, code
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(JoinScreen(self.ws, self.lang, self.code))


class FillApp(SavesBeforeQuit, PlainErrors, OrderedKeys, App[None]):
    """`retro fill FILE`: the rating screen on a pack, no workspace anywhere."""

    CSS_PATH = "join.tcss"
    TITLE = "retro fill"

    def __init__(self, path: Path, lang: str | None = None, theme: str | None = None) -> None:
        super().__init__()
        from retro.pack import PackAnswers

        self.answers = PackAnswers(path)
        self.lang = lang or self.answers.pack["header"].get("language") or DEFAULT_LANGUAGE
        if theme:
            self.theme = theme

    def on_mount(self) -> None:
        self.push_screen(RateScreen(self.answers, self.lang, offline=True))


def make_join_app(
    ws: Workspace, *, lang: str | None = None, theme: str | None = None, code: str | None = None
) -> JoinApp:
    return JoinApp(ws, lang=lang, theme=theme, code=code)


def make_fill_app(path: Path, *, lang: str | None = None, theme: str | None = None) -> FillApp:
    return FillApp(Path(path), lang=lang, theme=theme)
