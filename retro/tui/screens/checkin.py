"""Phase 1, check-in: one personal question, nothing to do with work; answers optional."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Input, Label, Static

from retro.frameworks import checkin_questions
from retro.model import Note
from retro.session_engine import TYPING_SAVE_DELAY
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import literal
from retro.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from retro.tui.context import SessionContext

SAVE_DELAY = TYPING_SAVE_DELAY  # read here, so a test may shorten it


class CheckinScreen(PhaseScreen):
    PHASE = "checkin"
    CSS_PATH: ClassVar = ["phase.tcss", "checkin.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+o", "other_question", "Other question", id="other_q"),
    ]

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self._typing: dict[str, Timer] = {}

    def compose_body(self) -> ComposeResult:
        s = self.session
        with VerticalScroll(classes="body"):
            yield Static(self.tr("checkin.intro"), classes="intro", markup=False)
            yield Static(literal(s.checkin.question), id="question", classes="big")
            answers = {a.participant: a.text for a in s.checkin.answers}
            for p in s.participants:
                if self.ctx.participant_id and p.id != self.ctx.participant_id:
                    continue
                with Horizontal(classes="answer-row"):
                    yield Label(literal(self.ctx.display_name(p.id), limit=28), classes="who")
                    yield SafeInput(
                        answers.get(p.id, ""),
                        placeholder=self.tr("checkin.answer"),
                        id=f"answer-{p.id}",
                        classes="compact-input",
                        compact=True,
                        disabled=self.ctx.read_only,
                    )

    def on_mount(self) -> None:
        super().on_mount()
        inputs = self.query(Input)
        if inputs:
            inputs.first().focus()

    def refresh_view(self) -> None:
        self.query_one("#question", Static).update(literal(self.session.checkin.question))

    def action_other_question(self) -> None:
        """Pick the next question of the bank (in the session's language) and save it."""
        if self.ctx.read_only:
            return
        bank = [q[self.lang] for q in checkin_questions()]
        current = self.session.checkin.question
        nxt = bank[(bank.index(current) + 1) % len(bank)] if current in bank else bank[0]
        self.ctx.save(lambda s: replace(s, checkin=replace(s.checkin, question=nxt)))
        self.refresh_view()

    def _pid(self, event: Input.Changed | Input.Submitted) -> str | None:
        wid = event.input.id or ""
        return wid.removeprefix("answer-") if wid.startswith("answer-") else None

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        """Saved while typing: at most SAVE_DELAY after the first unsaved key, not after a
        pause (a steady typist never makes one), with the text as it stands then."""
        pid = self._pid(event)
        if pid is None or self.ctx.read_only or pid in self._typing:
            return
        self._typing[pid] = self.set_timer(SAVE_DELAY, lambda: self._save_typed(pid))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        pid = self._pid(event)
        if pid is None:
            return
        self._save(pid, event.value)
        self.focus_next()

    def _save(self, pid: str, text: str) -> None:
        timer = self._typing.pop(pid, None)
        if timer is not None:
            timer.stop()
        current = {a.participant: a.text for a in self.session.checkin.answers}.get(pid, "")
        if current != text:
            self.ctx.save(lambda s: s.with_checkin_answer(Note(pid, text)))

    def _save_typed(self, pid: str) -> None:
        try:
            value = self.query_one(f"#answer-{pid}", Input).value
        except NoMatches:  # the screen is going: flush() saved it
            self._typing.pop(pid, None)
            return
        self._save(pid, value)

    def flush(self) -> None:
        """Save every text still waiting for its save (leaving the screen, quitting)."""
        for pid in list(self._typing):
            self._save_typed(pid)
