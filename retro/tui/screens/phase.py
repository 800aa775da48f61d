"""What every phase screen shares: the session header, the stepper, phase keys, live refresh."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult, CSSPathType
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from retro.model import PHASES, phases_of
from retro.tui.bindings import translate_bindings
from retro.tui.widgets.footer import Footer  # rebuilt only when its keys change
from retro.tui.widgets.literal import literal
from retro.tui.widgets.stepper import Stepper
from retro.words import tr

if TYPE_CHECKING:
    from retro.model import Session
    from retro.tui.app import RetroApp
    from retro.tui.context import SessionContext


class PhaseScreen(Screen):
    """Subclasses set PHASE, compose_body() and refresh_view(); answers go through self.ctx."""

    PHASE: ClassVar[str] = "checkin"
    CSS_PATH: ClassVar[CSSPathType | None] = "phase.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "next_phase", "Next phase", id="next_phase", priority=True),
        Binding("ctrl+b", "prev_phase", "Prev phase", id="prev_phase", priority=True, show=False),
        Binding("escape", "app.home", "Home", id="home"),
    ]

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(classes=f"phase-screen -{self.PHASE}")
        self.ctx = ctx
        self.ready = False  # set once mounted: saves may report back before that
        self._shown: dict[str, str] = {}
        translate_bindings(self, ctx.lang)

    @property
    def retro(self) -> RetroApp:
        return cast("RetroApp", self.app)

    @property
    def lang(self) -> str:
        return self.ctx.lang

    @property
    def session(self) -> Session:
        return self.ctx.session

    @property
    def phases(self) -> tuple[str, ...]:
        """This session's phases: the importance step is skipped where it is not asked."""
        return phases_of(self.ctx.session)

    def _step(self, step: int) -> str | None:
        """The phase before (-1) or after (+1) this one in this session, or None at an end."""
        order = self.phases
        if self.PHASE not in order:  # a phase this session skips, reached by a jump
            i = PHASES.index(self.PHASE)
            later = [p for p in order if PHASES.index(p) > i]
            earlier = [p for p in order if PHASES.index(p) < i]
            if step > 0:
                return later[0] if later else None
            return earlier[-1] if earlier else None
        i = order.index(self.PHASE) + step
        return order[i] if 0 <= i < len(order) else None

    def tr(self, key: str, /, **kw: object) -> str:
        return tr(self.lang, key, **kw)

    def compose(self) -> ComposeResult:
        s = self.ctx.session
        rel = self.ctx.history.relationship
        with Horizontal(id="session-head"):
            head = tr(
                self.lang,
                "session.head",
                client=rel.client,
                agency=rel.agency,
                date=s.date,
                kind=tr(self.lang, f"kind.{s.kind}"),
            )
            yield Static(literal(head), id="session-title")
            yield Static("", id="unsaved", markup=False)
        yield Stepper(self.PHASE, self.lang, id="stepper", phases=self.phases)
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        # Textual calls on_mount of every class in the MRO, and every phase screen's own
        # on_mount calls this one first: without the guard each open painted the whole
        # screen (tables, figures, bars) twice.
        if self.ready:
            return
        translate_bindings(self.app, self.lang)
        self._paint_status()
        self.refresh_view()
        self.ready = True

    def on_screen_resume(self) -> None:
        translate_bindings(self.app, self.lang)
        self._paint_status()

    # -- live updates -----------------------------------------------------------------

    def session_changed(self, *, external: bool) -> None:
        """Called by the context after a save or another writer's change."""
        if not self.ready or not self.is_attached:
            return
        self._paint_status()
        self.refresh_view()

    def refresh_view(self) -> None:
        """Repaint what shows the session (never the field the user is typing in)."""

    def help_text(self) -> str:
        """What this phase's keys do together, for the help screen ("" when the keys
        listed there say it all)."""
        return ""

    def flush(self) -> None:
        """Save any text still waiting for a typing pause; called before leaving the screen."""

    def show(self, selector: str, content: Content | str) -> None:
        """Update a Static only when its text changes: every update costs a screen layout,
        and saves report back several times a second during fast entry."""
        plain = content.plain if isinstance(content, Content) else content
        if self._shown.get(selector) != plain:
            self._shown[selector] = plain
            self.query_one(selector, Static).update(content)

    def _paint_status(self) -> None:
        n = self.ctx.unsaved_count
        if n:
            self.show("#unsaved", self.tr("error.unsaved", n=n))
        elif self.ctx.read_only:
            self.show("#unsaved", self.tr("session.closed"))
        else:
            self.show("#unsaved", "")
        self.query_one("#unsaved").set_class(bool(n), "-error")

    # -- moving between phases ----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next_phase", "prev_phase") and self.ctx.participant_id:
            return False
        if action == "next_phase" and self._step(1) is None:
            return None
        if action == "prev_phase" and self._step(-1) is None:
            return None
        return True

    def action_next_phase(self) -> None:
        phase = self._step(1)
        if phase is not None:
            self.leave_for(phase)

    def leave_for(self, phase: str) -> None:
        """Every way out of a phase (ctrl+n, ctrl+b, the stepper) comes here, so a phase
        that must ask before it is left (rate, before the scores are shown) asks once."""
        self.confirm_leaving(lambda: self.retro.goto_phase(phase))

    def confirm_leaving(self, go: Callable[[], object]) -> bool:
        """Leave by go() now, or (a screen holding words it cannot save yet, as the look
        back's notes that wait for a status) ask first and call go() on yes. Every way out
        of a session's screen passes here: another phase, home and quit. True when go()
        ran at once."""
        go()
        return True

    def leave_for_scores(self, phase: str) -> None:
        """Leave for `phase`; when that shows the scores of an open (not blind) session,
        first the same look at completeness as the blind reveal's, because once the
        scores are on the projector they are shown. Rating and what matters use it."""
        from retro.tui.screens.close import missing_answers, missing_answers_dialog

        onward = PHASES.index(phase) >= PHASES.index("reveal")
        missing = missing_answers(self.ctx) if onward and not self.session.blind else []
        if not missing:
            PhaseScreen.leave_for(self, phase)
            return
        self.app.push_screen(
            missing_answers_dialog(self.lang, missing, reveal=True),
            lambda go: PhaseScreen.leave_for(self, phase) if go else None,
        )

    def action_prev_phase(self) -> None:
        phase = self._step(-1)
        if phase is not None:
            self.leave_for(phase)

    @on(Stepper.Selected)
    def _stepper(self, event: Stepper.Selected) -> None:
        if event.phase != self.PHASE and not self.ctx.participant_id:
            self.leave_for(event.phase)
