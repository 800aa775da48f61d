"""One participant rating a session on their own device: a terminal, a browser tab, or a pack.

One question at a time so it fits 80x24 and a phone-sized browser window. Every answer
is saved the moment it is given, in order, by one saver thread (a save may wait for
the store's lock while others save). The screen polls for changes so it notices when
the facilitator reveals or closes the session. Blind: the answers object only ever
hands this screen the participant's own scores until the reveal.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from typing import Any, ClassVar, Protocol

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Button, Input, Static

from retro import session_engine as engine
from retro.figures import importance_complete, importance_of
from retro.frameworks import Framework
from retro.model import DEVICE, IMPORTANCE_POINTS, Prediction, Rating, Relationship, Session, Side
from retro.session_engine import Question, finished, questions
from retro.store import LockTimeoutError, StoreError, WriteError
from retro.tui.bindings import translate_bindings
from retro.tui.dialogs import YesNoDialog
from retro.tui.widgets.footer import Footer  # rebuilt only when its keys change
from retro.tui.widgets.literal import literal
from retro.tui.widgets.points import PointsTable
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.score import ScoreBar, to_score, to_value
from retro.words import num, tr

# How long a save the disk refused waits before it is tried again.
SAVE_RETRY_SECONDS = 3.0


class Answers(Protocol):
    """What the screen needs: session_engine.LiveAnswers (workspace) and pack.PackAnswers (file)."""

    pid: str
    relationship: Relationship

    def load(self) -> tuple[Session, Framework]: ...
    def stamp(self) -> float: ...
    def save_rating(self, rating: Rating) -> Session: ...
    def save_prediction(self, prediction: Prediction) -> Session: ...
    def save_checkin(self, text: str) -> Session: ...
    def save_importance(self, side: Side, points: dict[str, int]) -> Session: ...


class RateScreen(Screen[None]):
    """Every question of one participant, one at a time, saved as answered."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown,ctrl+right", "next", "Next", id="rate.next"),
        Binding("pageup,ctrl+left", "previous", "Previous", id="rate.previous"),
        Binding("ctrl+q", "app.quit", "Quit", id="rate.quit", priority=True),
    ]

    def __init__(self, answers: Answers, lang: str, *, offline: bool = False) -> None:
        super().__init__()
        self.answers, self.lang, self.offline = answers, lang, offline
        translate_bindings(self, lang)
        self.pages: list[Question | str] = []
        self.index = 0
        self.session: Session | None = None
        self.framework: Framework | None = None
        self.last_stamp: float = 0
        self.drafts: dict[tuple[str, str], tuple[str, str, str]] = {}
        self.side: Side = "client"  # this participant's side, for the what-matters page
        self.saves: queue.Queue[Callable[[], Session] | None] = queue.Queue()
        self.pending = 0
        self.stopping = threading.Event()
        self.save_error: str | None = None
        # Why the last points key was capped or refused: shown until the next key, so a
        # save's "Saved ✓" does not wipe it before it is read.
        self.reason: str | None = None
        self._typing: Timer | None = None  # a remark or check-in answer waiting for its save

    def t(self, key: str, **kw: Any) -> str:
        return tr(self.lang, f"join.{key}", **kw)

    def compose(self) -> ComposeResult:
        yield Static(id="rate-title")
        yield Static(id="rate-progress")
        with VerticalScroll(id="rate-body"):
            yield Static(id="rate-dimension")
            yield Static(id="rate-statement")
            # The facilitator's score widget: one look and one set of keys for both faces.
            yield ScoreBar(na_label=self.t("na"), id="rate-score", on_choose=self._chosen_now)
            yield Static(id="rate-everyone")
            for key in ("works", "doesnt", "why"):
                with Horizontal(classes="remark", id=f"row-{key}"):
                    yield Static(self.t(key), classes="remark-label")
                    yield SafeInput(id=f"rate-{key}", compact=True)
            # The facilitator's words for the same field: where to type, and that it may
            # stay empty (a compact field is otherwise an invisible row).
            yield SafeInput(
                id="rate-checkin", compact=True, placeholder=tr(self.lang, "checkin.answer")
            )
            # What matters (issue 13.5): the side's 100 points, after the scores.
            yield PointsTable(
                [], id="rate-points", on_change=self._weighed, on_refused=self._weigh_refused
            )
            yield Static(self.t("keys"), id="rate-keys")
        with Horizontal(id="rate-nav"):
            yield Button(self.t("previous"), id="rate-prev", compact=True)
            yield Static(id="rate-status")
            yield Button(self.t("next"), id="rate-next", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        try:
            self.session, self.framework = self.answers.load()
        except StoreError as e:  # damaged or unreadable since it was picked: say so, go back
            self.notify(str(e), severity="error", timeout=12, markup=False)
            self.app.pop_screen()
            return
        self.last_stamp = self.answers.stamp()
        me = self.session.participant(self.answers.pid)
        assert me is not None
        rel = self.answers.relationship
        self.query_one("#rate-title", Static).update(
            literal(
                f"{rel.client} × {rel.agency} · {self.session.date} · "
                f"{self.t('you')}: {me.name or me.id} ({self.t(me.side)})"
            )
        )
        if self.session.checkin.question:
            self.pages.append("checkin")
        self.pages += questions(self.framework, self.session.kind, me.side)
        if me.side in engine.importance_sides(self.session):
            self.side = me.side
            self.query_one(PointsTable).dimensions = [
                (d.key, d.title(self.lang)) for d in self.framework.dimensions
            ]
            self.pages.append("weigh")
        self.pages.append("done")
        self.index = self._first_open()
        self.saver()
        if not self.offline:
            self.set_interval(0.5, self.poll)
        self.show_page()

    def on_unmount(self) -> None:
        self.stopping.set()
        self.saves.put(None)

    # -- what is on screen ------------------------------------------------------------

    def _questions(self) -> list[Question]:
        return [p for p in self.pages if isinstance(p, Question)]

    def _answer(self, q: Question) -> tuple[bool, int | None, tuple[str, str, str]]:
        s = self.session
        assert s is not None
        if q.kind == "prediction":
            p = next(
                (
                    p
                    for p in s.predictions
                    if p.participant == self.answers.pid and p.dimension == q.dimension
                ),
                None,
            )
            return (p is not None, p.score if p else None, ("", "", ""))
        r = s.rating(self.answers.pid, q.dimension, q.subject)  # type: ignore[arg-type]
        if r is None:
            return False, None, self.drafts.get((q.dimension, q.subject), ("", "", ""))
        return True, r.score, (r.works, r.doesnt, r.why)

    def _answered(self) -> int:
        """The session engine's count for this participant (what the facilitator sees too)."""
        assert self.session is not None and self.framework is not None
        mine = engine.progress(self.session, self.framework, self.answers.pid)
        return mine[0].answered if mine else 0

    def _first_open(self) -> int:
        """Resume where this participant stands: the check-in, else the first open question."""
        assert self.session is not None
        answers = self.session.checkin.answers
        if self.pages[0] == "checkin" and all(a.participant != self.answers.pid for a in answers):
            return 0
        for i, p in enumerate(self.pages):
            if isinstance(p, Question) and not self._answer(p)[0]:
                return i
            if p == "weigh" and not importance_complete(self.session, self.side):
                return i
        return len(self.pages) - 1

    def show_page(self) -> None:
        page = self.pages[self.index]
        qs = self._questions()
        is_q = isinstance(page, Question)
        self.query_one("#rate-score").display = is_q
        for wid in ("#row-works", "#row-doesnt", "#row-why"):
            self.query_one(wid).display = isinstance(page, Question) and page.kind == "rating"
        self.query_one("#rate-keys").display = is_q
        self.query_one("#rate-checkin").display = page == "checkin"
        self.query_one(PointsTable).display = page == "weigh"
        dim_w = self.query_one("#rate-dimension", Static)
        stmt_w = self.query_one("#rate-statement", Static)
        if isinstance(page, Question):
            assert self.framework is not None
            self.query_one("#rate-keys", Static).update(self.t("keys"))
            dim = self.framework.dimension(page.dimension)
            assert dim is not None
            dim_w.update(dim.title(self.lang))
            if page.kind == "prediction":
                stmt = f"{self.t('predict')}\n{dim.statement('agency', self.lang) or ''}"
            else:
                about = self.t(f"about_{page.subject}")
                stmt = f"{about}: {dim.statement(page.subject, self.lang) or ''}"  # type: ignore[arg-type]
            stmt_w.update(stmt)
            answered, score, texts = self._answer(page)
            row = self.query_one(ScoreBar)
            row.value = to_value(score, answered)
            for wid, value in zip(("#rate-works", "#rate-doesnt", "#rate-why"), texts, strict=True):
                self.query_one(wid, Input).value = value
            self._show_everyone(page)
            self.set_focus(row)  # at once: the next key typed must already find it
            progress = self.t("question", i=qs.index(page) + 1, n=len(qs))
        elif page == "weigh":
            assert self.session is not None
            dim_w.update(self.t("weigh_title"))
            table = self.query_one(PointsTable)
            table.load(importance_of(self.session, self.side))
            self._show_weigh_left()
            self.query_one("#rate-keys", Static).update(self.t("weigh_keys"))
            self.query_one("#rate-keys").display = True
            self.set_focus(table)
            progress = self.t("weigh_title")
        elif page == "checkin":
            assert self.session is not None
            dim_w.update(self.t("checkin"))
            stmt_w.update(literal(self.session.checkin.question))
            mine = next(
                (a.text for a in self.session.checkin.answers if a.participant == self.answers.pid),
                "",
            )
            field = self.query_one("#rate-checkin", Input)
            field.value = mine
            field.focus()
            progress = self.t("checkin")
        else:
            a, n = self._answered(), len(qs)
            dim_w.update(self.t("done_title") if a == n else "")
            stmt_w.update(self.t("done_all" if a == n else "done_some", a=a, n=n))
            self.query_one("#rate-prev", Button).focus()
            progress = ""
        count = self.t("answered", a=self._answered(), n=len(qs))
        self.query_one("#rate-progress", Static).update(
            f"{progress}  ·  {count}" if progress else count
        )
        self.query_one("#rate-prev", Button).disabled = self.index == 0
        self.query_one("#rate-next", Button).disabled = self.index == len(self.pages) - 1
        self._show_status()

    def _show_everyone(self, q: Question) -> None:
        s = self.session
        assert s is not None
        widget = self.query_one("#rate-everyone", Static)
        assert self.framework is not None
        widget.display = (
            s.revealed
            and q.kind == "rating"
            and not engine.blind_for(s, self.framework, self.answers.pid)
        )
        if not widget.display:
            return
        scores = [
            r.score
            for r in s.ratings
            if r.dimension == q.dimension and r.subject == q.subject and r.score is not None
        ]
        mean = num(sum(scores) / len(scores), self.lang) if scores else "-"
        widget.update(self.t("everyone", mean=mean, k=len(scores)))

    def _show_status(self, override: str | None = None) -> None:
        s = self.session
        assert s is not None
        if override is not None:
            msg = override
        elif self.reason is not None and not self.save_error:
            msg = self.reason
        elif s.status != "open":
            msg = self.t("closed")
        elif self.pending:
            msg = self.t("save_retry" if self.save_error else "saving")
        elif self.offline:
            path = getattr(self.answers, "path", None)  # a pack's answers live in a file
            msg = self.t("offline", file=path.name if path is not None else "")
        elif s.revealed:
            msg = self.t("revealed" if not s.blind or self.is_finished else "revealed_later")
        else:
            # Only promise what is true: a session that is not blind shows scores as given.
            msg = self.t("blind" if s.blind else "open")
        self.query_one("#rate-status", Static).update(literal(msg))

    # -- moving ------------------------------------------------------------------------

    def action_next(self) -> None:
        self.keep_typed()
        if self.index < len(self.pages) - 1:
            self.index += 1
            self.show_page()

    def action_previous(self) -> None:
        self.keep_typed()
        if self.index > 0:
            self.index -= 1
            self.show_page()

    @on(Button.Pressed, "#rate-next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#rate-prev")
    def _prev_pressed(self) -> None:
        self.action_previous()

    # -- answering ---------------------------------------------------------------------

    def _chosen_now(self, bar: ScoreBar, value: int) -> None:
        """A score key: saved to the page on screen within the key's own handling."""
        page = self.pages[self.index]
        if not isinstance(page, Question) or not self._open():
            answered, score, _ = self._answer(page) if isinstance(page, Question) else (0, 0, 0)
            bar.value = to_value(score, bool(answered))
            return
        score = to_score(value)
        pid = self.answers.pid
        if page.kind == "prediction":
            p = Prediction(pid, page.dimension, score)
            self._apply(lambda s: s.with_prediction(p))
            self._enqueue(lambda: self.answers.save_prediction(p))
        else:
            r = Rating(pid, page.dimension, page.subject, score, *self._texts())  # type: ignore[arg-type]
            self._apply(lambda s: s.with_rating(r))
            self._enqueue(lambda: self.answers.save_rating(r))
        self._refresh_progress()

    @on(Input.Submitted, "#rate-works")
    def _works_done(self) -> None:
        self.keep_typed()
        self.query_one("#rate-doesnt", Input).focus()

    @on(Input.Submitted, "#rate-doesnt")
    def _doesnt_done(self) -> None:
        self.keep_typed()
        self.query_one("#rate-why", Input).focus()

    @on(Input.Submitted, "#rate-why")
    def _why_done(self) -> None:
        self.action_next()

    @on(Input.Submitted, "#rate-checkin")
    def _checkin_done(self) -> None:
        self.action_next()

    @on(Input.Changed, "#rate-works, #rate-doesnt, #rate-why, #rate-checkin")
    def _typed(self) -> None:
        """Saved while typing, as on the facilitator's screen: at most TYPING_SAVE_DELAY
        after the first unsaved key, so a quit, a killed terminal or a closed browser tab
        in the middle of a sentence keeps what was typed."""
        if self._typing is None:
            self._typing = self.set_timer(engine.TYPING_SAVE_DELAY, self.keep_typed)

    def keep_typed(self) -> None:
        """What was typed on this page, to the save queue now (if it changed)."""
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        self._keep_texts()

    def remarks_waiting(self) -> list[Question]:
        """The questions with remarks typed and no score yet: a rating needs one, so the
        remarks live only on this screen until it comes."""
        self.keep_typed()
        s = self.session
        if s is None or not self._open():
            return []
        return [
            q
            for q in self._questions()
            if q.kind == "rating"
            and any(self.drafts.get((q.dimension, q.subject), ()))
            and s.rating(self.answers.pid, q.dimension, q.subject) is None  # type: ignore[arg-type]
        ]

    def go_to(self, question: Question) -> None:
        self.keep_typed()
        self.index = self.pages.index(question)
        self.show_page()

    def waiting_dialog(self, waiting: list[Question]) -> YesNoDialog:
        assert self.framework is not None
        details = []
        for q in waiting:
            dim = self.framework.dimension(q.dimension)
            title = dim.title(self.lang) if dim is not None else q.dimension
            details.append(f"{title} · {self.t(f'about_{q.subject}')}")
        return YesNoDialog(
            self.t("waiting_question"),
            lang=self.lang,
            title=self.t("waiting_title"),
            intro=self.t("waiting_intro"),
            details=details,
            yes=self.t("waiting_leave"),
            no=self.t("waiting_stay"),
            danger=True,
            id="remarks-waiting",
        )

    async def settle_before_exit(self) -> None:
        """Queue what was typed, then wait (without blocking the loop, which the saver
        reports to) until the queue is on disk; a save the disk keeps refusing has been
        said on screen, and is not waited for."""
        self.keep_typed()
        while self.pending and self.save_error is None:
            await asyncio.sleep(0.01)

    def _texts(self) -> tuple[str, str, str]:
        return (
            self.query_one("#rate-works", Input).value.strip(),
            self.query_one("#rate-doesnt", Input).value.strip(),
            self.query_one("#rate-why", Input).value.strip(),
        )

    def _keep_texts(self) -> None:
        """Save the remarks (or check-in answer) of the page being left, if they changed."""
        page = self.pages[self.index]
        if page == "checkin":
            value = self.query_one("#rate-checkin", Input).value.strip()
            s = self.session
            assert s is not None
            mine = next(
                (a.text for a in s.checkin.answers if a.participant == self.answers.pid), ""
            )
            if value != mine and self._open():
                from retro.model import Note

                self._apply(lambda s: s.with_checkin_answer(Note(self.answers.pid, value)))
                self._enqueue(lambda: self.answers.save_checkin(value))
            return
        if not isinstance(page, Question) or page.kind != "rating":
            return
        answered, score, texts = self._answer(page)
        now = self._texts()
        if now == texts:
            return
        if not answered:
            self.drafts[(page.dimension, page.subject)] = now
            if any(now):
                self._show_status(self.t("need_score"))
            return
        if self._open():
            r = Rating(self.answers.pid, page.dimension, page.subject, score, *now)  # type: ignore[arg-type]
            self._apply(lambda s: s.with_rating(r))
            self._enqueue(lambda: self.answers.save_rating(r))

    def _weighed(self, points: dict[str, int]) -> None:
        """A change to the side's points: shown at once, saved in order as a device's."""
        if not self._open():
            assert self.session is not None
            self.query_one(PointsTable).load(importance_of(self.session, self.side))
            return
        self.reason = None  # a key that changed the points: the last reason is read
        side = self.side
        self._apply(lambda s: engine.with_importance(s, side, points, DEVICE))
        self._enqueue(lambda: self.answers.save_importance(side, points))
        self._show_weigh_left()

    def _weigh_refused(self, dim: str, most: int, elsewhere: int, capped: bool) -> None:
        key = "weigh_capped" if capped else "weigh_over"
        self.reason = self.t(key, total=IMPORTANCE_POINTS, most=most)
        self._show_status()
        self.app.bell()

    def on_key(self, event: events.Key) -> None:
        """Any next key (a move, a page) has let the reason be read: the status returns."""
        if self.reason is not None:
            self.reason = None
            self._show_status()

    def _show_weigh_left(self) -> None:
        given = self.query_one(PointsTable).total
        left = IMPORTANCE_POINTS - given
        side = self.t(self.side)
        intro = self.t("weigh_help", side=side, total=IMPORTANCE_POINTS)
        state = (
            self.t("weigh_done", total=IMPORTANCE_POINTS)
            if left <= 0
            else self.t("weigh_left", left=left, total=IMPORTANCE_POINTS)
        )
        self.query_one("#rate-statement", Static).update(f"{intro}\n{state}")

    def _open(self) -> bool:
        return self.session is not None and self.session.status == "open"

    def _apply(self, change: Callable[[Session], Session]) -> None:
        """Show the answer at once; the saver's result (fresh from disk) follows."""
        assert self.session is not None
        self.session = change(self.session)

    def _refresh_progress(self) -> None:
        qs = self._questions()
        page = self.pages[self.index]
        answered = self.t("answered", a=self._answered(), n=len(qs))
        if isinstance(page, Question):
            answered = f"{self.t('question', i=qs.index(page) + 1, n=len(qs))}  ·  {answered}"
        self.query_one("#rate-progress", Static).update(answered)

    # -- saving and watching, off the UI thread ---------------------------------------

    def _enqueue(self, save: Callable[[], Session]) -> None:
        self.pending += 1
        self._show_status()
        self.saves.put(save)

    @work(thread=True, group="saver")
    def saver(self) -> None:
        """One thread, one queue: answers reach the store in the order they were given.

        A save the disk refuses (full, read-only, size limit) or another writer's lock
        delays is kept and tried again until it lands: the answer is never dropped.
        """
        while (save := self.saves.get()) is not None:
            while True:
                try:
                    session = save()
                except (WriteError, LockTimeoutError) as e:
                    self.app.call_from_thread(self._save_waiting, str(e))
                    if self.stopping.wait(SAVE_RETRY_SECONDS):
                        return
                    continue
                except StoreError as e:
                    self.app.call_from_thread(self._save_failed, str(e))
                else:
                    self.app.call_from_thread(self._saved, session)
                break

    def _gone(self) -> bool:
        """The screen left the app (a tab closed, the app ending) while a save was on its
        way: the save lands all the same, and there is nothing left to show it on."""
        return not self.is_attached

    def _save_waiting(self, message: str) -> None:
        """Said once per kind of failure; the status line shows the answer is still pending."""
        if self._gone():
            return
        if message != self.save_error:
            self.save_error = message
            self.notify(
                f"{message}\n{self.t('save_retry')}", severity="error", timeout=12, markup=False
            )
        self._show_status(self.t("save_retry"))

    def _saved(self, session: Session) -> None:
        self.save_error = None
        self.pending -= 1
        if self.pending == 0:
            self.session = session
            self.last_stamp = self.answers.stamp()
        if self._gone():
            return
        saved = self.pending == 0 and self.reason is None
        self._show_status(self.t("saved") if saved else None)

    def _save_failed(self, message: str) -> None:
        self.pending -= 1
        if self._gone():
            return
        self.notify(message, severity="error", timeout=8)
        self.poll()

    def poll(self) -> None:
        """Pick up a reveal or a close by the facilitator (and answers saved elsewhere)."""
        if self.pending:
            return
        stamp = self.answers.stamp()
        if stamp == self.last_stamp:
            return
        self.last_stamp = stamp
        try:
            self.session, _ = self.answers.load()
        except StoreError as e:
            self._show_status(str(e))
            return
        page = self.pages[self.index]
        if page == "weigh":
            # Points changed elsewhere (a teammate, or the facilitator took them over).
            self.query_one(PointsTable).load(importance_of(self.session, self.side))
            self._show_weigh_left()
        if isinstance(page, Question):
            # A score changed elsewhere (the facilitator took it over) shows here too.
            answered, score, _ = self._answer(page)
            self.query_one(ScoreBar).value = to_value(score, answered)
            self._show_everyone(page)
        self._refresh_progress()
        self._show_status()

    @property
    def is_finished(self) -> bool:
        return (
            self.session is not None
            and self.framework is not None
            and finished(self.session, self.framework, self.answers.pid)
        )
