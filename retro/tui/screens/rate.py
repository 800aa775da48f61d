"""Phase 3, rate: per rater and dimension, a score about us and about them, and the three prompts.

One question is on screen at a time (a rater and a dimension), so it fits 80x24 and a
projector. The question the session stands at is saved, so a restart lands on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, ProgressBar, Static

from retro.frameworks import Dimension
from retro.model import Prediction, Rating, Side, other_side
from retro.tui.context import Rater
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import clean, literal
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.score import NA, UNSET, ScoreBar, to_score, to_value

SAVE_DELAY = 0.5  # seconds of quiet typing before a remark is saved
PROMPTS = ("works", "doesnt", "why")
SLOTS = ("own", "other")  # the rater's own side, then the other side


@dataclass(frozen=True)
class Question:
    rater: Rater
    dimension: Dimension

    @property
    def position(self) -> str:
        return f"{self.rater.pid}/{self.dimension.key}"


class RateScreen(PhaseScreen):
    PHASE = "rate"
    CSS_PATH: ClassVar = ["phase.tcss", "rate.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "next_question", "Next", id="next_q", priority=True),
        Binding("pageup", "previous_question", "Previous", id="prev_q", priority=True, show=False),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.questions = [Question(r, d) for r in ctx.raters() for d in ctx.framework.dimensions]
        self.index = self._resume_index()
        self._typing: dict[str, Timer] = {}

    def _resume_index(self) -> int:
        s = self.session
        for i, q in enumerate(self.questions):
            if q.position == s.position:
                return i
        for i, q in enumerate(self.questions):  # else the first question not answered yet
            if any(s.rating(q.rater.pid, q.dimension.key, sub) is None for sub in self.subjects(q)):
                return i
        return 0

    @property
    def question(self) -> Question | None:
        return self.questions[self.index] if self.questions else None

    def subjects(self, q: Question) -> list[Side]:
        own = q.rater.side
        return [sub for sub in (own, other_side(own)) if q.dimension.rates(sub)]

    def predicts(self, q: Question) -> bool:
        return (
            self.session.kind == "self" and q.rater.side == "agency" and q.dimension.rates("agency")
        )

    # -- layout -------------------------------------------------------------------------
    # The widgets are made once and refilled per question: remounting a dozen widgets for
    # every question would make fast keyboard entry lag.

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="body"):
            from retro.tui.widgets.presence import presence_for  # issue 6: join code, who is done

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
                    yield ScoreBar(
                        na_label=self.tr("na"), id=f"score-{slot}", classes=f"slot-{slot}"
                    )
                yield Static(
                    self.tr("rate.prediction"), classes="statement slot-prediction", markup=False
                )
                yield ScoreBar(
                    na_label=self.tr("na"), id="score-prediction", classes="slot-prediction"
                )
                yield Static("", id="others", classes="muted", markup=False)
                for slot in SLOTS:
                    yield Static(
                        "", id=f"remarks-{slot}", classes=f"remarks-title slot-{slot}", markup=False
                    )
                    with Horizontal(classes=f"remarks slot-{slot}"):
                        for prompt in PROMPTS:
                            yield SafeInput(
                                placeholder=self.tr(f"rate.{prompt}"),
                                id=f"{prompt}-{slot}",
                                classes="remark compact-input",
                                compact=True,
                            )
            yield Static(self.tr("rate.hint"), id="rate-hint", classes="muted", markup=False)

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

    def show_question(self) -> None:
        q = self.question
        if q is None:
            return
        s, lang, d = self.session, self.lang, q.dimension
        ro = self.ctx.read_only
        self.show("#dimension", literal(d.title(lang)))
        labels = {"own": self.tr("rate.about_us"), "other": self.tr("rate.about_them")}
        for slot in SLOTS:
            sub = self.subject_of(slot)
            shown = d.rates(sub)
            for w in self.query(f".slot-{slot}"):
                w.display = shown
            r = s.rating(q.rater.pid, d.key, sub)
            statement = d.statement(sub, lang) or ""
            self.show(f"#statement-{slot}", literal(f"{labels[slot]} · {statement}"))
            bar = self.query_one(f"#score-{slot}", ScoreBar)
            bar.value = to_value(r.score if r else None, r is not None)
            bar.disabled = ro
            self.show(f"#remarks-{slot}", self.tr("rate.remarks", subject=self.tr(f"side.{sub}")))
            for prompt in PROMPTS:
                field = self.query_one(f"#{prompt}-{slot}", Input)
                with field.prevent(Input.Changed):
                    field.value = getattr(r, prompt) if r else ""
                field.disabled = ro
        predicts = self.predicts(q)
        for w in self.query(".slot-prediction"):
            w.display = predicts
        if predicts:
            p = next(
                (p for p in s.predictions if p.participant == q.rater.pid and p.dimension == d.key),
                None,
            )
            bar = self.query_one("#score-prediction", ScoreBar)
            bar.value = to_value(p.score if p else None, p is not None)
            bar.disabled = ro
        self._paint_progress()
        self._paint_others()
        self.query_one("#question", VerticalScroll).scroll_home(animate=False)
        bars = [b for b in self.query(ScoreBar) if b.display]
        if bars:
            unanswered = [b for b in bars if b.value == UNSET]
            (unanswered[0] if unanswered else bars[0]).focus()
        self.ctx.set_position(q.position)

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
        done = sum(
            1
            for x in self.questions
            if all(
                self.session.rating(x.rater.pid, x.dimension.key, sub) for sub in self.subjects(x)
            )
        )
        self.query_one("#progress", ProgressBar).update(progress=done)

    def _paint_others(self) -> None:
        """Other raters on this dimension: their scores, or only how many when entry is blind."""
        q = self.question
        if q is None or not self.query("#others"):
            return
        s = self.session
        others = [
            r for r in s.ratings if r.dimension == q.dimension.key and r.participant != q.rater.pid
        ]
        who = sorted({r.participant for r in others})
        if not who:
            self.show("#others", "")
        elif s.blind and not s.revealed:
            self.show("#others", self.tr("rate.others_blind", n=len(who)))
        else:
            parts = []
            for pid in who:
                scores = []
                for sub in ("agency", "client"):
                    r = s.rating(pid, q.dimension.key, sub)
                    if r is not None:
                        mark = self.tr(f"side.{sub}.cap")[0]
                        scores.append(f"{mark}{r.score if r.score is not None else '–'}")
                parts.append(f"{clean(self.ctx.display_name(pid), limit=20)} {' '.join(scores)}")
            self.show("#others", literal(self.tr("rate.others", scores=" · ".join(parts))))

    def refresh_view(self) -> None:
        if self.questions and self.query("#progress"):
            self._paint_progress()
            self._paint_others()

    # -- answers ------------------------------------------------------------------------

    def _texts(self, slot: str) -> tuple[str, str, str]:
        return tuple(self.query_one(f"#{p}-{slot}", Input).value for p in PROMPTS)  # type: ignore[return-value]

    def _save_rating(self, slot: str) -> None:
        q = self.question
        if q is None:
            return
        sub = self.subject_of(slot)
        bar = self.query_one(f"#score-{slot}", ScoreBar)
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

    @on(ScoreBar.Changed)
    def _scored(self, event: ScoreBar.Changed) -> None:
        q = self.question
        if q is None:
            return
        slot = (event.bar.id or "").removeprefix("score-")
        if slot == "prediction":
            pred = Prediction(q.rater.pid, q.dimension.key, to_score(event.value))
            self.ctx.save(lambda s: s.with_prediction(pred))
        else:
            self._save_rating(slot)
        self._paint_progress()
        bars = [b for b in self.query(ScoreBar) if b.display]
        i = bars.index(event.bar)
        if i + 1 < len(bars):
            bars[i + 1].focus()

    @on(ScoreBar.Submitted)
    def _bar_submitted(self) -> None:
        self.action_next_question()

    @on(Input.Changed, ".remark")
    def _remark_changed(self, event: Input.Changed) -> None:
        slot = (event.input.id or "").rpartition("-")[2]
        old = self._typing.pop(slot, None)
        if old is not None:
            old.stop()
        self._typing[slot] = self.set_timer(SAVE_DELAY, lambda: self._flush_slot(slot))

    @on(Input.Submitted, ".remark")
    def _remark_submitted(self) -> None:
        self.action_next_question()

    def _flush_slot(self, slot: str) -> None:
        timer = self._typing.pop(slot, None)
        if timer is not None:
            timer.stop()
        self._save_rating(slot)

    def flush(self) -> None:
        for slot in list(self._typing):
            self._flush_slot(slot)

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
