"""Phase 5, agree: actions with what, owner (a participant or a side), due date and dimension.

The form is built for typing in a meeting: Enter moves to the next field and adds the
action in the last one; the due date takes what people say ("vrijdag", "+2w") and shows
the date it became. An action needs a title, an owner and a due date. Editing a saved
action is an explicit step (Enter or e on its row; Esc cancels and brings back what was
being typed), deleting one asks first, and a half-typed action is kept on the session as
a draft (never as an action) so quitting and coming back loses nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.css.query import NoMatches
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Button, DataTable, Input, Select, Static

from retro import session_engine as engine
from retro.figures import concentrate_dimensions, concentrate_order
from retro.model import Action, ActionDraft
from retro.store import new_id
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import clean, literal, literal_text
from retro.tui.widgets.safe_input import SafeInput, continue_in
from retro.tui.widgets.stepper import Stepper
from retro.tui.widgets.table import FitTable
from retro.tui.widgets.type_select import LastSelect, TypeSelect

if TYPE_CHECKING:
    from retro.tui.context import SessionContext


def parse_due(text: str, today: date | None = None) -> date | None:
    """The due date typed, against today (retro.dates; dateparser loads on first use)."""
    from retro.dates import parse_due as parse

    return parse(text, today or date.today())


class AgreeScreen(PhaseScreen):
    PHASE = "agree"
    CSS_PATH: ClassVar = ["phase.tcss", "agree.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter is handled as it arrives (priority), not after the keys before it: at
        # meeting speed the next field's letters are already on their way.
        Binding("enter", "enter_key", "Next field", show=False, priority=True),
        Binding("e", "edit_action", "Edit", id="edit_action"),
        Binding("delete", "delete_action", "Delete", id="delete_action"),
        Binding("backspace", "delete_action", "Delete", show=False),  # no Delete key on a Mac
        # Esc cancels an edit; otherwise it is the usual way home.
        Binding("escape", "cancel_edit", "Cancel edit", id="cancel_edit"),
        Binding("escape", "app.home", "Home", id="home"),
    ]

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        self.editing: str | None = None  # id of the action loaded into the form
        self._set_aside: ActionDraft | None = None  # the new action put aside while editing
        self._warned: ActionDraft | None = None  # the form a leave was refused for
        self._draft_timer: Timer | None = None

    def _owners(self) -> list[tuple[object, str]]:
        out: list[tuple[object, str]] = [
            (self.tr(f"side.{side}.cap"), side) for side in ("client", "agency")
        ]
        # rich Text, not Content: the Select's type-to-search only reads str and Text.
        out += [
            (literal_text(self.ctx.display_name(p.id), limit=24), p.id)
            for p in self.session.participants
        ]
        return out

    def _dimensions(self) -> list[tuple[object, str]]:
        """The dimension choices, "concentrate here" first and marked ◆ (issue 13.5): the
        ones that matter most to a side and score lowest are where actions pay off."""
        fw = self.ctx.framework
        seen = self.ctx.visible()
        marked = set(concentrate_dimensions(seen, list(fw.keys)))
        out: list[tuple[object, str]] = []
        for key in concentrate_order(seen, list(fw.keys)):
            d = fw.dimension(key)
            if d is not None:
                mark = f"{self.tr('agree.concentrate')} " if key in marked else ""
                out.append((literal_text(mark + d.title(self.lang)), key))
        return out

    def compose_body(self) -> ComposeResult:
        ro = self.ctx.read_only
        with Vertical(classes="body"):
            yield Static(self.tr("agree.intro"), classes="intro", markup=False)
            yield FitTable(flex=("what",), id="actions", cursor_type="row")
            yield Static("", id="editing", classes="muted", markup=False)
            # No select-all on focus: after Enter adds, the next title's first letters may
            # reach the field before its focus event and must not replace each other.
            yield SafeInput(
                placeholder=self.tr("agree.what"),
                id="what",
                compact=True,
                classes="compact-input field",
                disabled=ro,
                select_on_focus=False,
            )
            with Horizontal(id="action-form", classes="form-row"):
                yield TypeSelect(
                    self._owners(),
                    prompt=self.tr("agree.owner"),
                    id="owner",
                    compact=True,
                    disabled=ro,
                    classes="field",
                    hand_on=self._due_starts,
                )
                yield SafeInput(
                    placeholder=self.tr("agree.due_free"),
                    id="due",
                    compact=True,
                    classes="compact-input field",
                    disabled=ro,
                    select_on_focus=False,
                )
                yield Static("", id="due-shows", markup=False)
            with Horizontal(id="action-form2", classes="form-row"):
                yield LastSelect(
                    self._dimensions(),
                    prompt=self.tr("agree.dimension"),
                    id="dimension",
                    compact=True,
                    disabled=ro,
                    classes="field",
                )
                yield Button(
                    self.tr("key.add"), id="add", compact=True, variant="primary", disabled=ro
                )
            yield Static("", id="agree-error", classes="warning", markup=False)

    def on_mount(self) -> None:
        table = self.query_one("#actions", DataTable)
        for key, width in (("what", None), ("owner", 14), ("due", 10), ("dimension", 16)):
            table.add_column(self.tr(f"agree.{key}").split(" (")[0], key=key, width=width)
        super().on_mount()
        draft = self.session.draft
        if draft is not None and not self.ctx.read_only:
            self._fill(draft, editing=self._saved(draft.editing))
            self.notify(self.tr("agree.draft_restored"), markup=False)
        self._show_due()
        self.query_one("#what", Input).focus()
        if not self.ctx.read_only:
            self._warm_up()

    @work(thread=True, exclusive=True, group="dates")
    def _warm_up(self) -> None:
        """Load the date parser now, so the first due date typed answers at once."""
        from retro.dates import warm_up

        warm_up()

    def session_changed(self, *, external: bool) -> None:
        # A draft saved by the typing pause can land while the app is closing: with the
        # screen's widgets already gone there is nothing left to repaint.
        with suppress(NoMatches):
            super().session_changed(external=external)

    def on_unmount(self) -> None:
        self._cancel_draft_timer()

    def _owner_name(self, owner: str) -> str:
        if owner in ("client", "agency"):
            return self.tr(f"side.{owner}.cap")
        return self.ctx.display_name(owner) if self.session.participant(owner) else owner

    def _saved(self, action_id: str | None) -> Action | None:
        return next((a for a in self.session.actions if a.id == action_id), None)

    def refresh_view(self) -> None:
        table = self.query_one("#actions", FitTable)
        row = table.cursor_row
        table.clear()
        fw = self.ctx.framework
        for a in self.session.actions:
            d = fw.dimension(a.dimension) if a.dimension else None
            table.add_row(
                literal_text(a.title),
                literal_text(self._owner_name(a.owner)),
                a.due or "—",
                literal_text(d.title(self.lang) if d else (a.dimension or "—")),
                key=a.id,
            )
        if not self.session.actions:
            table.add_row(self.tr("agree.none"), "", "", "", key="-none")
        table.move_cursor(row=row)
        table.fit()

    # -- the form ------------------------------------------------------------------------

    def _form(self) -> ActionDraft:
        """What the form holds, as typed."""
        owner = self.query_one("#owner", Select).value
        dim = self.query_one("#dimension", Select).value
        return ActionDraft(
            title=self.query_one("#what", Input).value,
            owner=owner if isinstance(owner, str) else "",
            due=self.query_one("#due", Input).value,
            dimension=dim if isinstance(dim, str) else "",
            editing=self.editing or "",
        )

    def _fill(self, draft: ActionDraft | None, *, editing: Action | None = None) -> None:
        """Put a draft (or nothing) into the form; `editing` marks it as a saved action."""
        draft = draft or ActionDraft()
        self.editing = editing.id if editing is not None else None
        self.query_one("#what", Input).value = draft.title
        self.query_one("#due", Input).value = draft.due
        for sel_id, value, allowed in (
            ("#owner", draft.owner, {v for _, v in self._owners()}),
            ("#dimension", draft.dimension, set(self.ctx.framework.keys)),
        ):
            select = self.query_one(sel_id, Select)
            if value in allowed:
                select.value = value
            else:
                select.clear()
        marker = self.query_one("#editing", Static)
        if editing is not None:
            marker.update(literal(self.tr("agree.editing_hint", title=clean(editing.title))))
            marker.add_class("-editing")
        else:
            marker.update("")
            marker.remove_class("-editing")
        self.query_one("#agree-error", Static).update("")
        self._show_due()

    @staticmethod
    def _empty(d: ActionDraft) -> bool:
        return not (d.title.strip() or d.due.strip() or d.owner or d.dimension)

    def _unchanged_edit(self, d: ActionDraft) -> bool:
        """The form holds a saved action loaded for editing and left as it was."""
        saved = self._saved(self.editing)
        if saved is None:
            return False
        due = parse_due(d.due) if d.due.strip() else None
        return (saved.title, saved.owner, saved.due or "", saved.dimension or "") == (
            d.title.strip(),
            d.owner,
            due.isoformat() if due else d.due.strip(),
            d.dimension,
        )

    def _form_action(self, d: ActionDraft | None = None) -> tuple[Action | None, str, str]:
        """The action the form holds (or `d`), or None with the reason and the field."""
        d = d or self._form()
        if not d.title.strip():
            return None, self.tr("agree.need_title"), "#what"
        if not d.owner:
            return None, self.tr("agree.need_owner"), "#owner"
        if not d.due.strip():
            return None, self.tr("agree.need_due"), "#due"
        due = parse_due(d.due)
        if due is None:
            return None, self.tr("agree.not_a_date", text=clean(d.due.strip(), limit=30)), "#due"
        action = Action(
            id=self.editing or new_id(self.ctx.rel_id),
            title=d.title.strip(),
            owner=d.owner,
            due=due.isoformat(),
            dimension=d.dimension or None,
        )
        return action, "", ""

    def _save_form(self, captured: ActionDraft | None = None) -> bool:
        """Add (or change) the action the form holds; on a problem, say so and go there.

        `captured` is the form as it stood when Enter was pressed (see after_typing): a
        title for the next action may already be arriving in the title field; it stays.
        """
        error = self.query_one("#agree-error", Static)
        action, reason, field = self._form_action(captured)
        if action is None:
            error.update(reason)
            self.query_one(field).focus()
            return False
        error.update("")
        self._cancel_draft_timer()
        after = self._set_aside if self.editing else None
        if captured is not None:
            typed_on = self._typed_since(captured, self._form())
            if not self._empty(typed_on):
                after = typed_on
        self.ctx.save(lambda s: replace(s.with_action(action), draft=after))
        self._set_aside = None
        self._warned = None
        self._fill(after)
        self.query_one("#what", Input).focus()
        self.refresh_view()
        return True

    @staticmethod
    def _typed_since(then: ActionDraft, now: ActionDraft) -> ActionDraft:
        """What was typed into the form after `then` was taken: the next action's start."""

        def text(a: str, b: str) -> str:
            return b[len(a) :] if b.startswith(a) else b

        return ActionDraft(
            title=text(then.title, now.title),
            owner=now.owner if now.owner != then.owner else "",
            due=text(then.due, now.due),
            dimension=now.dimension if now.dimension != then.dimension else "",
        )

    def _show_due(self) -> None:
        """Under the due date: the date it became, so "vrijdag" is checked at a glance."""
        text = self.query_one("#due", Input).value.strip()
        shows = self.query_one("#due-shows", Static)
        if not text:
            shows.update(self.tr("agree.due_example"))  # what may be typed, while empty
            shows.remove_class("-unknown")
            shows.add_class("-example")
            return
        shows.remove_class("-example")
        due = parse_due(text)
        if due is None:
            shows.update(self.tr("agree.due_unknown"))
            shows.add_class("-unknown")
            return
        day = self.tr("agree.weekdays").split()[due.weekday()]
        shows.update(self.tr("agree.due_shows", day=day, date=due.isoformat()))
        shows.remove_class("-unknown")

    # -- Enter moves on; in the last field it adds ---------------------------------------
    #
    # Keys reach the widget that had focus when they arrived. Enter is a priority binding,
    # so it moves focus at once, in key order: the letters typed after it land in the next
    # field even when they arrive together with it (a fast typist, a paste, tmux).

    def _enter_target(self) -> str | None:
        """What Enter does now, from the focused field; None lets the widget have it."""
        focused = self.focused
        if focused is None or self.ctx.read_only:
            return None
        if isinstance(focused, TypeSelect):
            if focused.expanded:
                return None  # the open list takes Enter to choose
            if focused.id == "dimension":
                return "add"
            # A pick from the open list leaves the focus here, as Tab order expects (a
            # jump to the due date made "pick, Tab, +2w" skip it); Enter then moves on.
            if focused.id == "owner" and (focused.typed_ahead or not focused.is_blank()):
                return "due"
            return None  # an empty owner: Enter opens the list
        return {"what": "owner", "due": "dimension"}.get(focused.id or "")

    def action_enter_key(self) -> None:
        target = self._enter_target()
        if target == "add":
            self.after_typing(self._save_form)
            # The next action's title may follow this Enter at once: it goes to the title.
            self.set_focus(self.query_one("#what", Input))
        elif target is not None:
            # Screen.set_focus, not Widget.focus: the latter waits behind the queued keys.
            self.set_focus(self.query_one(f"#{target}"))

    def after_typing(self, callback: Callable[[ActionDraft], object]) -> None:
        """Call `callback` with the form as it stands after every key sent to its fields
        so far, and before any key sent later (those may be the next action's)."""
        names = ("what", "owner", "due", "dimension")
        seen: dict[str, object] = {}

        def capture(name: str) -> None:
            field = self.query_one(f"#{name}")
            seen[name] = field.value if isinstance(field, (Input, Select)) else None
            if len(seen) == len(names):
                owner, dim = seen["owner"], seen["dimension"]
                callback(
                    ActionDraft(
                        title=str(seen["what"]),
                        owner=owner if isinstance(owner, str) else "",
                        due=str(seen["due"]),
                        dimension=dim if isinstance(dim, str) else "",
                        editing=self.editing or "",
                    )
                )

        # Each field's own queue: the capture runs after the keys before it, in key order.
        for name in names:
            self.query_one(f"#{name}").call_later(capture, name)

    def _due_starts(self, character: str) -> bool:
        """A key no owner's name has, typed on an owner already chosen ("+2w" or "3 weeks"
        right after picking from the list): the start of the due date. It goes there, and
        the keys behind it follow, instead of being swallowed by the owner's search."""
        owner = self.query_one("#owner", TypeSelect)
        if self.ctx.read_only or owner.is_blank():
            return False
        continue_in(self.query_one("#due", Input), character)
        return True

    @on(TypeSelect.Picked, "#dimension")
    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        self._save_form()

    # -- the draft: saved while typing, restored on resume -------------------------------

    @on(Input.Changed, "#what, #due")
    @on(Select.Changed, "#owner, #dimension")
    def _typed(self, event: Message) -> None:
        if isinstance(event, Input.Changed) and event.input.id == "due":
            self._show_due()
        if self.ctx.read_only or not self.ready or self._draft_timer is not None:
            return
        # The half-typed action is kept as the session's draft as it is typed (the form as
        # it stands when the timer fires), not only after a pause a steady typist never makes.
        self._draft_timer = self.set_timer(engine.TYPING_SAVE_DELAY, self._store_draft)

    def _cancel_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def _draft_to_keep(self) -> ActionDraft | None:
        """What should survive a quit: the form, unless it is empty or an untouched edit
        (then the new action put aside for the edit, if any)."""
        d = self._form()
        if self._empty(d) or self._unchanged_edit(d):
            return self._set_aside
        return d

    def _store_draft(self) -> None:
        self._draft_timer = None
        if self.ctx.read_only:
            return
        draft = self._draft_to_keep()
        if draft != self.session.draft:
            self.ctx.save(lambda s: replace(s, draft=draft))

    def may_leave(self, again: str) -> bool:
        """Before going to another phase: an action the form holds complete is added (people
        think of it as entered); an incomplete one keeps the screen, with the reason, until
        the same key is pressed again with the form unchanged: then it stays as a draft."""
        if self.ctx.read_only:
            return True
        d = self._form()
        if self._empty(d) or self._unchanged_edit(d) or d == self._warned:
            return True
        action, reason, field = self._form_action()
        if action is not None:
            self._save_form()
            self.notify(self.tr("agree.draft_saved", title=clean(action.title)), markup=False)
            return True
        self._warned = d
        self.query_one("#agree-error", Static).update(reason)
        self.query_one(field).focus()
        self.notify(
            self.tr("agree.kept_draft", reason=reason, again=again),
            severity="warning",
            markup=False,
        )
        return False

    def action_next_phase(self) -> None:
        def leave(_: ActionDraft) -> None:
            if self.may_leave(self.tr("agree.again_key", keys="ctrl+n")):
                PhaseScreen.action_next_phase(self)

        self.after_typing(leave)  # ctrl+n is a priority key: the form may still be filling

    def action_prev_phase(self) -> None:
        def leave(_: ActionDraft) -> None:
            if self.may_leave(self.tr("agree.again_key", keys="ctrl+b")):
                PhaseScreen.action_prev_phase(self)

        self.after_typing(leave)

    @on(Stepper.Selected)
    def _stepper_leave(self, event: Stepper.Selected) -> None:
        if event.phase != self.PHASE and not self.may_leave(
            self.tr("agree.again_click", phase=self.tr(f"phase.{event.phase}"))
        ):
            event.prevent_default()  # PhaseScreen's own handler would switch screens

    def flush(self) -> None:
        """Leaving (home, quit, another phase, the palette): a complete action in the form is
        added; anything else typed is kept as the session's draft, never as an action."""
        if self.ctx.read_only:
            return
        self._cancel_draft_timer()
        d = self._form()
        complete = self._form_action()[0] is not None
        if not self._empty(d) and not self._unchanged_edit(d) and complete:
            self._save_form()
            return
        self._store_draft()

    # -- editing and deleting saved actions ----------------------------------------------

    def _row_action(self) -> Action | None:
        table = self.query_one("#actions", DataTable)
        if not self.session.actions:
            return None
        return self.session.actions[min(table.cursor_row, len(self.session.actions) - 1)]

    @on(DataTable.RowSelected, "#actions")
    def _row_selected(self) -> None:
        self.action_edit_action()

    def action_edit_action(self) -> None:
        """Load the highlighted action into the form, marked "editing"; what was being
        typed is put aside and comes back on Esc or once the edit is saved."""
        action = self._row_action()
        if action is None or self.ctx.read_only:
            return
        if self.editing is not None:
            if self.editing == action.id:
                self.query_one("#what", Input).focus()
                return
            if not self._unchanged_edit(self._form()):
                self.notify(self.tr("agree.finish_edit"), severity="warning", markup=False)
                self.query_one("#what", Input).focus()
                return
        else:
            d = self._form()
            self._set_aside = None if self._empty(d) else d
        self._cancel_draft_timer()
        self._fill(
            ActionDraft(
                action.title, action.owner, action.due or "", action.dimension or "", action.id
            ),
            editing=action,
        )
        self.query_one("#what", Input).focus()

    def action_cancel_edit(self) -> None:
        """Esc while editing: the saved action stays as it was, the put-aside draft returns."""
        self._fill(self._set_aside)
        self._set_aside = None
        self._warned = None
        self._store_draft()
        self.query_one("#what", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "enter_key":
            return self._enter_target() is not None
        if action in ("delete_action", "edit_action"):
            # From the focus, not a query: asked while the screen is being left too.
            focused = self.focused
            on_table = isinstance(focused, DataTable) and focused.id == "actions"
            return on_table and bool(self.session.actions) and not self.ctx.read_only
        if action == "cancel_edit":
            return self.editing is not None
        return super().check_action(action, parameters)

    def action_delete_action(self) -> None:
        action = self._row_action()
        if action is None:
            return

        def answered(delete: bool | None) -> None:
            if not delete:
                return
            if self.editing == action.id:
                self.action_cancel_edit()
            self.ctx.save(lambda s: s.without_action(action.id))
            self.refresh_view()
            self.query_one("#actions", DataTable).focus()

        dialog = YesNoDialog(
            "",
            lang=self.lang,
            title=self.tr("agree.delete_title"),
            details=[clean(action.title, limit=200)],
            yes=self.tr("key.yes_delete"),
            no=self.tr("key.no_keep"),
            danger=True,
            id="confirm-delete",
        )
        self.app.push_screen(dialog, answered)
