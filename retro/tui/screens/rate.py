"""Phase 3, rate: per rater and dimension, a score about us and about them, and the three prompts.

One question is on screen at a time (a rater and a dimension), so it fits 80x24 and a
projector. The question the session stands at is saved, so a restart lands on it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from msgspec import Struct
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, ProgressBar, Static

from retro import session_engine as engine
from retro.frameworks import Dimension
from retro.model import Prediction, Rating, Side, other_side
from retro.tui.context import Rater, SessionContext
from retro.tui.dialogs import take_over_dialog
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import clean, literal
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.score import NA, UNSET, ScoreBar, to_score, to_value

# A remark is saved at most this long after its first unsaved keystroke, typing or not:
# killing the terminal mid-sentence loses at most this much text.
SAVE_DELAY = engine.TYPING_SAVE_DELAY  # read here, so a test may shorten it
PROMPTS = ("works", "doesnt", "why")
SLOTS = ("own", "other")  # the rater's own side, then the other side


class Question(Struct, frozen=True):
    """One screenful: a rater and a dimension, with what the engine asks of them there."""

    rater: Rater
    dimension: Dimension
    subjects: tuple[Side, ...] = ()
    predicts: bool = False

    @property
    def position(self) -> str:
        return f"{self.rater.pid}/{self.dimension.key}"


class RemarkInput(SafeInput):
    """A remark field whose Enter moves on before the next key is handled (see ScoreBar);
    a SafeInput, so a saved remark's control characters are shown, not obeyed."""

    def __init__(
        self, *args: Any, on_enter: Callable[[RemarkInput], object] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.on_enter = on_enter

    async def action_submit(self) -> None:
        if self.on_enter is not None:
            self.on_enter(self)
        else:
            await super().action_submit()


class RateScreen(PhaseScreen):
    PHASE = "rate"
    CSS_PATH: ClassVar = ["phase.tcss", "rate.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next_question", "Next", id="next_q", priority=True),
        Binding("pageup", "previous_question", "Previous", id="prev_q", priority=True, show=False),
        Binding("ctrl+g", "first_open", "First open", id="first_open", priority=True, show=False),
        Binding("ctrl+l", "blind", "Blind", id="blind_on", priority=True, show=False),
    ]

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.questions = self._build_questions()
        self.index = self._resume_index()
        self._typing: dict[str, Timer] = {}
        # Questions whose device-given scores the facilitator explicitly took over.
        self._taken_over: set[str] = set()

    def _build_questions(self) -> list[Question]:
        """Per rater and dimension, what the session engine asks (kind, side, framework)."""
        out = []
        for rater in self.ctx.raters():
            asked = engine.questions(self.ctx.framework, self.session.kind, rater.side)
            for d in self.ctx.framework.dimensions:
                mine = [q for q in asked if q.dimension == d.key]
                if not mine:
                    continue
                subjects = tuple(q.subject for q in mine if q.kind == "rating")
                predicts = any(q.kind == "prediction" for q in mine)
                out.append(Question(rater, d, subjects, predicts))  # type: ignore[arg-type]
        return out

    def _resume_index(self) -> int:
        s = self.session
        for i, q in enumerate(self.questions):
            if q.position == s.position:
                return i
        return self._first_open_index() or 0

    def _first_open_index(self) -> int | None:
        """The engine's first unanswered question, as an index into this screen's list."""
        found = engine.first_unanswered(self.session, self.ctx.framework)
        if found is None:
            return None
        rater, q = found
        for i, x in enumerate(self.questions):
            if x.rater.pid == rater.pid and x.dimension.key == q.dimension:
                return i
        return None

    @property
    def question(self) -> Question | None:
        return self.questions[self.index] if self.questions else None

    def subjects(self, q: Question) -> list[Side]:
        return list(q.subjects)

    def predicts(self, q: Question) -> bool:
        return q.predicts

    # -- layout -------------------------------------------------------------------------
    # The widgets are made once and refilled per question: remounting a dozen widgets for
    # every question would make fast keyboard entry lag.

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="body"):
            from retro.tui.widgets.presence import presence_for  # join code, who is done

            yield from presence_for(self.ctx)
            if not self.questions:
                yield Static(self.tr("rate.no_raters"), classes="big", markup=False)
                return
            with Horizontal(id="progress-row"):
                yield Static("", id="progress-label", markup=False)
                yield ProgressBar(total=len(self.questions), show_eta=False, id="progress")
            with VerticalScroll(id="question"):
                yield Static("", id="dimension", classes="big", markup=False)
                for slot in SLOTS:
                    yield Static("", id=f"statement-{slot}", classes=f"statement slot-{slot}")
                    with Horizontal(classes=f"score-row slot-{slot}"):
                        yield self._bar(f"score-{slot}", f"slot-{slot}")
                        yield Static("", id=f"device-{slot}", classes="device muted")
                yield Static(
                    self.tr("rate.prediction"), classes="statement slot-prediction", markup=False
                )
                with Horizontal(classes="score-row slot-prediction"):
                    yield self._bar("score-prediction", "slot-prediction")
                    yield Static("", id="device-prediction", classes="device muted")
                yield Static("", id="others", classes="muted", markup=False)
                for slot in SLOTS:
                    yield Static(
                        "", id=f"remarks-{slot}", classes=f"remarks-title slot-{slot}", markup=False
                    )
                    with Horizontal(classes=f"remarks slot-{slot}"):
                        for prompt in PROMPTS:
                            yield RemarkInput(
                                placeholder=self.tr(f"rate.{prompt}"),
                                id=f"{prompt}-{slot}",
                                classes="remark compact-input",
                                compact=True,
                                on_enter=lambda _field: self.action_next_question(),
                            )
            yield Static(self.tr("rate.hint"), id="rate-hint", classes="muted", markup=False)

    def _bar(self, bar_id: str, classes: str) -> ScoreBar:
        return ScoreBar(
            na_label=self.tr("na"),
            id=bar_id,
            classes=classes,
            on_choose=self._scored,
            on_submit=lambda _bar: self.action_next_question(),
            on_locked=self._locked_choice,
        )

    def on_mount(self) -> None:
        super().on_mount()
        if self.questions:
            self.show_question()

    def subject_of(self, slot: str) -> Side:
        q = self.question
        assert q is not None
        return q.rater.side if slot == "own" else other_side(q.rater.side)

    def slot_of(self, sub: Side) -> str:
        q = self.question
        assert q is not None
        return "own" if sub == q.rater.side else "other"

    def _owner(self, q: Question, sub: str) -> bool:
        """Whether this answer was given on the rater's own device and is not taken over."""
        if q.position in self._taken_over:
            return False
        eq = engine.Question(
            q.dimension.key, sub, "prediction" if sub == "prediction" else "rating"
        )
        return engine.owned_by_device(self.session, q.rater.pid, eq)

    def show_question(self, *, refocus: bool = True) -> None:
        """Fill the widgets for the current question; refocus=False keeps the focus where
        it is (a repaint because someone else saved must not move the typist's bar)."""
        q = self.question
        if q is None:
            return
        s, lang, d = self.session, self.lang, q.dimension
        seen = self.ctx.visible()  # what this (projected) screen may show
        ro = self.ctx.read_only
        self.show("#dimension", literal(d.title(lang)))
        labels = {"own": self.tr("rate.about_us"), "other": self.tr("rate.about_them")}
        for slot in SLOTS:
            sub = self.subject_of(slot)
            shown = sub in q.subjects
            for w in self.query(f".slot-{slot}"):
                w.display = shown
            r = seen.rating(q.rater.pid, d.key, sub)
            answered = s.rating(q.rater.pid, d.key, sub) is not None
            owned = self._owner(q, sub)
            statement = d.statement(sub, lang) or ""
            self.show(f"#statement-{slot}", literal(f"{labels[slot]} · {statement}"))
            bar = self.query_one(f"#score-{slot}", ScoreBar)
            bar.value = to_value(r.score if r else None, r is not None)
            bar.disabled = ro
            bar.set_locked(owned)
            self._paint_device(f"#device-{slot}", owned, answered and r is None)
            self.show(f"#remarks-{slot}", self.tr("rate.remarks", subject=self.tr(f"side.{sub}")))
            for prompt in PROMPTS:
                field = self.query_one(f"#{prompt}-{slot}", Input)
                with field.prevent(Input.Changed):
                    field.value = getattr(r, prompt) if r else ""
                field.disabled = ro or owned
        predicts = self.predicts(q)
        for w in self.query(".slot-prediction"):
            w.display = predicts
        if predicts:
            p = next(
                (
                    p
                    for p in seen.predictions
                    if p.participant == q.rater.pid and p.dimension == d.key
                ),
                None,
            )
            hidden = p is None and any(
                x.participant == q.rater.pid and x.dimension == d.key for x in s.predictions
            )
            owned = self._owner(q, "prediction")
            bar = self.query_one("#score-prediction", ScoreBar)
            bar.value = to_value(p.score if p else None, p is not None)
            bar.disabled = ro
            bar.set_locked(owned)
            self._paint_device("#device-prediction", owned, hidden)
        self._paint_progress()
        self._paint_others()
        self.query_one("#question", VerticalScroll).scroll_home(animate=False)
        bars = [b for b in self.query(ScoreBar) if b.display]
        if bars and refocus:
            unanswered = [b for b in bars if b.value == UNSET and not b.locked]
            # Synchronously, not focus(): the next key typed must already find this bar.
            self.set_focus(unanswered[0] if unanswered else bars[0])
        self.ctx.set_position(q.position)

    def _paint_device(self, selector: str, owned: bool, hidden: bool) -> None:
        """Say whose score this is when it was given on the participant's own device."""
        if hidden:
            text = self.tr("rate.device_hidden")
        elif owned:
            text = self.tr("rate.device")
        else:
            text = ""
        self.show(selector, text)

    def _rater_name(self, rater: Rater) -> str:
        if rater.per_side:
            return self.tr("rate.side_rater", side=self.tr(f"side.{rater.side}.cap"))
        return self.ctx.display_name(rater.pid) if self.session.anonymous else rater.name

    def _paint_progress(self) -> None:
        q = self.question
        if q is None:
            return
        dims = self.ctx.framework.dimensions
        raters = list(dict.fromkeys(x.rater.pid for x in self.questions))
        # Which rater of how many, not "question 6 of 36": the presence line counts each
        # person's answers, and a second count of another unit only confused the room.
        label = self.tr(
            "rate.progress",
            who=self._rater_name(q.rater),
            r=raters.index(q.rater.pid) + 1,
            nr=len(raters),
            d=dims.index(q.dimension) + 1,
            nd=len(dims),
        )
        self.show("#progress-label", literal(label))
        # The engine's count, in questions of this screen: one where everything is answered.
        progress = {p.rater.pid: p for p in engine.progress(self.session, self.ctx.framework)}
        done = sum(
            1
            for x in self.questions
            if x.rater.pid in progress
            and not any(m.dimension == x.dimension.key for m in progress[x.rater.pid].missing)
        )
        self.query_one("#progress", ProgressBar).update(progress=done)

    def _paint_others(self) -> None:
        """Other raters on this dimension: their scores, or only how many when entry is blind."""
        q = self.question
        if q is None or not self.query("#others"):
            return
        s, seen = self.session, self.ctx.visible()
        answered = sorted(
            {
                r.participant
                for r in s.ratings
                if r.dimension == q.dimension.key and r.participant != q.rater.pid
            }
        )
        shown = [
            pid
            for pid in answered
            if any(r.participant == pid and r.dimension == q.dimension.key for r in seen.ratings)
        ]
        if not answered:
            self.show("#others", "")
        elif len(shown) < len(answered) or engine.blind_for(s, self.ctx.framework, None):
            # Blind: not even part of the scores, or the room could work out the rest; and
            # not the ones typed here either, or the next person in the room is steered.
            self.show("#others", self.tr("rate.others_blind", n=len(answered)))
        else:
            parts = []
            for pid in shown:
                scores = []
                for sub in ("agency", "client"):
                    r = seen.rating(pid, q.dimension.key, sub)
                    if r is not None:
                        mark = self.tr(f"side.{sub}.cap")[0]
                        scores.append(f"{mark}{r.score if r.score is not None else '–'}")
                parts.append(f"{clean(self.ctx.display_name(pid), limit=20)} {' '.join(scores)}")
            self.show("#others", literal(self.tr("rate.others", scores=" · ".join(parts))))

    def refresh_view(self) -> None:
        if self.questions and self.query("#progress"):
            self._paint_progress()
            self._paint_others()

    def session_changed(self, *, external: bool) -> None:
        """Another writer's change (a participant answering, a reveal) repaints the question."""
        super().session_changed(external=external)
        if external and self.ready and self.questions and not self._typing:
            self.show_question(refocus=False)

    # -- answers ------------------------------------------------------------------------

    def _texts(self, slot: str) -> tuple[str, str, str]:
        works, doesnt, why = (self.query_one(f"#{p}-{slot}", Input).value for p in PROMPTS)
        return works, doesnt, why

    def _save_rating(self, slot: str) -> None:
        q = self.question
        if q is None:
            return
        sub = self.subject_of(slot)
        bar = self.query_one(f"#score-{slot}", ScoreBar)
        if bar.locked:
            return  # the participant's own answer: never overwritten without a take-over
        texts = self._texts(slot)
        if bar.value == UNSET and not any(texts):
            return
        score = None if bar.value == UNSET else to_score(bar.value)
        rating = Rating(q.rater.pid, q.dimension.key, sub, score, *texts)
        current = self.session.rating(q.rater.pid, q.dimension.key, sub)
        if current != rating:
            if bar.value == UNSET:
                bar.value = NA  # a remark without a score is recorded as n/a, visibly
            self.ctx.save(lambda s: s.with_rating(rating))

    def _scored(self, bar: ScoreBar, value: int) -> None:
        """A score key on a bar: save it to the question on screen, then on to the next bar.

        Runs inside the key's own handling (a callback, not a message), so the next key
        typed, however fast, already finds the next bar focused.
        """
        q = self.question
        if q is None:
            return
        slot = (bar.id or "").removeprefix("score-")
        if slot == "prediction":
            pred = Prediction(q.rater.pid, q.dimension.key, to_score(value))
            self.ctx.save(lambda s: s.with_prediction(pred))
        else:
            self._save_rating(slot)
        self._paint_progress()
        bars = [b for b in self.query(ScoreBar) if b.display]
        i = bars.index(bar)
        if i + 1 < len(bars):
            self.set_focus(bars[i + 1])

    def _locked_choice(self, bar: ScoreBar, value: int) -> None:
        """A key on a participant's own score: ask before taking it over, then apply it."""
        q = self.question
        if q is None or self.ctx.read_only:
            return
        who = self._rater_name(q.rater)

        def answered(take: bool | None) -> None:
            if take and self.question == q:
                self._taken_over.add(q.position)
                for b in self.query(ScoreBar):
                    b.set_locked(False)
                for field in self.query(".remark"):
                    field.disabled = False
                self.set_focus(bar)
                bar.choose(value)

        self.app.push_screen(take_over_dialog(self.lang, who), answered)

    @on(events.DescendantFocus)
    def _widen_remark(self, event: events.DescendantFocus) -> None:
        """The focused remark gets the width of its row; the others step aside."""
        focused = event.widget
        for row in self.query(".remarks"):
            inside = focused.parent is row
            row.set_class(inside, "-typing")
            for field in row.children:
                field.set_class(field is focused, "-typing")

    @on(Input.Changed, ".remark")
    def _remark_changed(self, event: Input.Changed) -> None:
        """Saved while typing: at most SAVE_DELAY after the first unsaved key, not after a pause."""
        slot = (event.input.id or "").rpartition("-")[2]
        if slot not in self._typing:
            self._typing[slot] = self.set_timer(SAVE_DELAY, lambda: self._flush_slot(slot))

    def _flush_slot(self, slot: str) -> None:
        timer = self._typing.pop(slot, None)
        if timer is not None:
            timer.stop()
        self._save_rating(slot)

    def flush(self) -> None:
        for slot in list(self._typing):
            self._flush_slot(slot)

    def leave_for(self, phase: str) -> None:
        self.flush()  # a remark still being typed is saved before the scores show
        self.leave_for_scores(phase)

    # -- moving between questions -------------------------------------------------------

    def action_next_question(self) -> None:
        self.flush()
        if self.index + 1 >= len(self.questions):
            self.notify(self.tr("rate.done"), markup=False)
            return
        self.index += 1
        self.show_question()

    def action_previous_question(self) -> None:
        self.flush()
        if self.index > 0:
            self.index -= 1
            self.show_question()

    def action_first_open(self) -> None:
        """From the progress line: straight to the first question someone still misses."""
        self.flush()
        i = self._first_open_index()
        if i is None:
            self.notify(self.tr("rate.all_answered"), markup=False)
            return
        self.index = i
        self.show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("first_open", "blind"):
            return not self.ctx.read_only and not self.ctx.participant_id
        return super().check_action(action, parameters)

    def action_blind(self) -> None:
        self.retro.action_blind()
