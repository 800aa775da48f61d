"""Phase 2, look back: how the open actions turned out, and the commitments kept.

The list is every open action of the relationship (retro.actions), from whichever session
it came: a "not done" or "partly" from last time comes back until it is done or dropped.
On the table the status keys (d p n x) mark the highlighted action and move on; any other
printable key starts that action's note, so words typed while the table still has focus
land in the note instead of setting a status for each d, p, n or x inside them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import DataTable, Input, Static

from retro import session_engine as engine
from retro.actions import last_review, lookback_progress, open_actions
from retro.figures import commitments_kept
from retro.model import Action, History, Review, ReviewStatus
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import clean, literal, literal_text
from retro.tui.widgets.safe_input import SafeInput, continue_in
from retro.tui.widgets.table import FitTable
from retro.words import percent

if TYPE_CHECKING:
    from retro.tui.context import SessionContext

STATUS = Binding.Group("Status", compact=True)


class LookbackScreen(PhaseScreen):
    PHASE = "lookback"
    CSS_PATH: ClassVar = ["phase.tcss", "lookback.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "status('done')", "Done", id="done", group=STATUS),
        Binding("p", "status('partly')", "Partly", id="partly", group=STATUS),
        Binding("n", "status('not_done')", "Not done", id="not_done", group=STATUS),
        Binding("x", "status('dropped')", "Dropped", id="dropped", group=STATUS),
    ]

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.actions: tuple[Action, ...] = tuple(
            o.action for o in open_actions(ctx.history, before=ctx.session.id)
        )
        self._note_action: str | None = None  # the action the note field belongs to
        # Notes typed on actions that have no status yet: a Review needs a status, so the
        # note is saved with the status given next; kept here so moving away loses nothing.
        self._unsaved_notes: dict[str, str] = {}
        self._typing: Timer | None = None  # the note waiting for its save while typed

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="body"):
            if not self.actions:
                yield Static(self.tr("lookback.none"), classes="big", markup=False)
                yield Static("", id="kept", classes="figure", markup=False)
                return
            yield Static(self.tr("lookback.open_intro"), classes="intro", markup=False)
            table = FitTable(flex=("action",), id="reviews", cursor_type="row")
            table.add_column(self.tr("lookback.col.action"), key="action")
            table.add_column(self.tr("lookback.col.owner"), key="owner", width=14)
            table.add_column(self.tr("lookback.col.due"), key="due", width=10)
            table.add_column(self.tr("lookback.col.status"), key="status", width=15)
            yield table
            yield Static("", id="note-label", classes="muted", markup=False)
            # No select-all on focus: typing on the table moves the focus here with the
            # first letter already in, and the next letters must add to it, not replace it.
            yield SafeInput(
                placeholder=self.tr("lookback.note"),
                id="note",
                compact=True,
                classes="compact-input",
                disabled=self.ctx.read_only,
                select_on_focus=False,
            )
            yield Static("", id="kept", classes="figure", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        if self.actions:
            table = self.query_one("#reviews", DataTable)
            table.focus()
            if self.session.position.startswith("action:"):
                aid = self.session.position.removeprefix("action:")
                for i, a in enumerate(self.actions):
                    if a.id == aid:
                        table.move_cursor(row=i)
            self._show_note()

    def help_text(self) -> str:
        return self.tr("help.lookback") if self.actions else ""

    def _owner(self, owner: str) -> str:
        if self.ctx.session.participant(owner) is not None:
            return self.ctx.display_name(owner)
        if owner in ("client", "agency"):
            return self.tr(f"side.{owner}.cap")  # stands alone, as a name would
        for s in self.ctx.history.sessions:  # an owner from the earlier session
            p = s.participant(owner)
            if p is not None:
                return p.name
        return owner

    def refresh_view(self) -> None:
        reviews = {r.action: r for r in self.session.review}
        kept = self.tr("lookback.kept", pct=percent(commitments_kept(self.session), self.lang))
        if not self.actions:
            self.query_one("#kept", Static).update(kept)
            return
        # The current session from the context: its reviews are saved in the background,
        # and the history copy catches up only when a save comes back.
        history = self._history()
        progress = lookback_progress(history, self.session.id)
        reviewed = self.tr("lookback.reviewed", k=progress.reviewed, n=progress.total)
        self.query_one("#kept", Static).update(f"{kept} · {reviewed}")
        table = self.query_one("#reviews", FitTable)
        row = table.cursor_row
        table.clear()
        for a in self.actions:
            r = reviews.get(a.id)
            if r is not None:
                status = self.tr(f"review.{r.status}")
                style = {"done": "bold", "dropped": "dim"}.get(r.status, "")
            elif (before := last_review(history, a.id, before=self.session.id)) is not None:
                # Carried over: say how it stood, so "not done" twice is noticed.
                status = self.tr("lookback.was", status=self.tr(f"review.{before.status}"))
                style = "dim italic"
            else:
                status, style = self.tr("review.none"), ""
            table.add_row(
                literal_text(a.title),
                literal_text(self._owner(a.owner)),
                a.due or "—",
                literal_text(status, style),
                key=a.id,
            )
        table.move_cursor(row=row)
        table.fit()

    def _history(self) -> History:
        """The relationship's history with this session as the screen knows it now."""
        others = tuple(s for s in self.ctx.history.sessions if s.id != self.session.id)
        return replace(self.ctx.history, sessions=(*others, self.session))

    def _current(self) -> Action | None:
        if not self.actions:
            return None
        table = self.query_one("#reviews", DataTable)
        return self.actions[min(table.cursor_row, len(self.actions) - 1)]

    def _show_note(self) -> None:
        action = self._current()
        if action is None or action.id == self._note_action:
            return
        self.flush()
        self._keep_unsaved_note()
        self._note_action = action.id
        review = next((r for r in self.session.review if r.action == action.id), None)
        self.query_one("#note-label", Static).update(literal(action.title))
        note = self.query_one("#note", Input)
        with note.prevent(Input.Changed):
            note.value = review.note if review else self._unsaved_notes.get(action.id, "")
            note.cursor_position = len(note.value)  # what is typed adds to the note

    def _keep_unsaved_note(self) -> None:
        """Leaving an action with no status: keep its note for when the status comes."""
        aid = self._note_action
        if aid is None or any(r.action == aid for r in self.session.review):
            return
        note = self.query_one("#note", Input).value
        if note:
            self._unsaved_notes[aid] = note
        else:
            self._unsaved_notes.pop(aid, None)

    def _notes_waiting(self) -> list[Action]:
        """The actions with a note typed and no status yet, the highlighted one included."""
        self._keep_unsaved_note()
        return [a for a in self.actions if self._unsaved_notes.get(a.id)]

    def confirm_leaving(self, go: Callable[[], object]) -> bool:
        """A note waiting for its status is lost when the look back is left (another
        phase, home, quit): ask first, and "no" goes back to the first such action."""
        waiting = [] if self.ctx.read_only else self._notes_waiting()
        if not waiting:
            go()
            return True

        def answered(leave: bool | None) -> None:
            if leave:
                go()
                return
            table = self.query_one("#reviews", DataTable)
            table.move_cursor(row=self.actions.index(waiting[0]))
            self.set_focus(table)

        dialog = YesNoDialog(
            self.tr("lookback.waiting_question"),
            lang=self.lang,
            title=self.tr("lookback.waiting_title"),
            intro=self.tr("lookback.waiting_intro"),
            details=[clean(a.title, limit=80) for a in waiting],
            yes=self.tr("lookback.waiting_leave"),
            no=self.tr("lookback.waiting_stay"),
            danger=True,
            id="notes-waiting",
        )
        self.app.push_screen(dialog, answered)
        return False

    @on(DataTable.RowHighlighted, "#reviews")
    def _highlighted(self) -> None:
        self._show_note()
        action = self._current()
        if action is not None:
            self.ctx.set_position(f"action:{action.id}")

    @on(DataTable.RowSelected, "#reviews")
    def _selected(self) -> None:
        # Screen.set_focus, not Widget.focus: the latter waits behind the keys queued after
        # Enter, and those are the note's first letters.
        self._show_note()
        self.set_focus(self.query_one("#note", Input))

    def on_key(self, event: events.Key) -> None:
        """A printable key on the table that no binding takes starts the highlighted
        action's note: the focus moves to the note at once with that character in it, and
        the keys behind it (the app hands keys on one at a time, retro.tui.keys) follow it
        there. Which keys are bound is read from the screen's bindings, not listed here."""
        table = self.query_one("#reviews", DataTable) if self.actions else None
        if (
            table is None
            or self.focused is not table
            or self.ctx.read_only
            or not event.is_printable
            or event.key in self.active_bindings
        ):
            return
        event.stop()
        event.prevent_default()
        self._show_note()  # the note of the highlighted row, whatever moved the cursor
        note = self.query_one("#note", Input)
        char = event.character or ""
        if note.value and not note.value[-1].isspace() and not char.isspace():
            char = " " + char  # added to a note already there: a word of its own
        continue_in(note, char)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "status":
            return bool(self.actions) and not self.ctx.read_only
        return super().check_action(action, parameters)

    def action_status(self, status: ReviewStatus) -> None:
        action = self._current()
        if action is None:
            return
        if self._note_action == action.id:
            note = self.query_one("#note", Input).value
        else:
            old = next((r for r in self.session.review if r.action == action.id), None)
            note = self._unsaved_notes.get(action.id, old.note if old else "")
        self._unsaved_notes.pop(action.id, None)
        self.ctx.save(lambda s: s.with_review(Review(action.id, status, note)))
        self.refresh_view()
        table = self.query_one("#reviews", DataTable)
        if table.cursor_row + 1 < len(self.actions):
            table.move_cursor(row=table.cursor_row + 1)

    @on(Input.Submitted, "#note")
    def _note_submitted(self) -> None:
        self._save_note(tell=True)  # Enter on a note that cannot be saved yet: say why
        self.query_one("#reviews", DataTable).focus()

    @on(Input.Changed, "#note")
    def _note_typed(self) -> None:
        """Saved while typing, as every text is (session_engine.TYPING_SAVE_DELAY): a
        killed terminal keeps the note of an action that has a status."""
        if self._typing is None and not self.ctx.read_only:
            self._typing = self.set_timer(engine.TYPING_SAVE_DELAY, self._save_note)

    def _save_note(self, *, tell: bool = False) -> None:
        if self._typing is not None:
            self._typing.stop()
            self._typing = None
        aid = self._note_action
        if aid is None or self.ctx.read_only:
            return
        note = self.query_one("#note", Input).value
        review = next((r for r in self.session.review if r.action == aid), None)
        if review is not None and review.note != note:
            self.ctx.save(lambda s: s.with_review(Review(aid, review.status, note)))
        elif review is None and note and tell:
            self.notify(self.tr("lookback.note_needs_status"), markup=False)

    def flush(self) -> None:
        self._save_note()
