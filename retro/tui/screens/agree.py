"""Phase 5, agree: actions with what, owner (a participant or a side), due date and dimension."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, DataTable, Input, Select, Static

from retro.model import Action
from retro.store import new_id
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import clean, literal, literal_text
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.stepper import Stepper
from retro.tui.widgets.table import FitTable


class TypeSelect(Select):
    """A Select that opens on the first typed letter and searches with it.

    A closed Select drops printable keys; after Enter on the title a facilitator often
    types the owner's name straight away, so those letters go to the list's own search.
    """

    def check_consume_key(self, key: str, character: str | None = None) -> bool:
        return character is not None and character.isprintable()

    def on_key(self, event: events.Key) -> None:
        if self.expanded or not event.is_printable or event.character in (None, " "):
            return
        event.stop()
        event.prevent_default()
        self.action_show_overlay()
        self.query_one("SelectOverlay").post_message(events.Key(event.key, event.character))


class AgreeScreen(PhaseScreen):
    PHASE = "agree"
    CSS_PATH: ClassVar = ["phase.tcss", "agree.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("delete", "delete_action", "Delete", id="delete"),
    ]

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.editing: str | None = None  # id of the action loaded into the form
        self._warned: tuple[object, ...] | None = None  # the draft a leave was refused for

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

    def compose_body(self) -> ComposeResult:
        ro = self.ctx.read_only
        fw = self.ctx.framework
        with Vertical(classes="body"):
            yield Static(self.tr("agree.intro"), classes="intro", markup=False)
            yield FitTable(flex=("what",), id="actions", cursor_type="row")
            yield Static("", id="editing", classes="muted", markup=False)
            yield SafeInput(
                placeholder=self.tr("agree.what"),
                id="what",
                compact=True,
                classes="compact-input",
                disabled=ro,
            )
            with Horizontal(id="action-form"):
                yield TypeSelect(
                    self._owners(),
                    prompt=self.tr("agree.owner"),
                    id="owner",
                    compact=True,
                    disabled=ro,
                )
                yield SafeInput(
                    placeholder=self.tr("agree.due"),
                    id="due",
                    compact=True,
                    classes="compact-input",
                    disabled=ro,
                )
                yield TypeSelect(
                    [(literal_text(d.title(self.lang)), d.key) for d in fw.dimensions],
                    prompt=self.tr("agree.dimension"),
                    id="dimension",
                    compact=True,
                    disabled=ro,
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
        self.query_one("#what", Input).focus()

    def _owner_name(self, owner: str) -> str:
        if owner in ("client", "agency"):
            return self.tr(f"side.{owner}.cap")
        return self.ctx.display_name(owner) if self.session.participant(owner) else owner

    def refresh_view(self) -> None:
        table = self.query_one("#actions", DataTable)
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

    @on(Input.Submitted, "#what")
    def _what_done(self) -> None:
        self.query_one("#owner", Select).focus()

    @on(Input.Submitted, "#due")
    @on(Button.Pressed, "#add")
    def _add(self) -> None:
        self._save_form()

    def _form_action(self) -> tuple[Action | None, str, str]:
        """The action the form holds, or None with the reason (an i18n key) and the field."""
        what = self.query_one("#what", Input).value.strip()
        due = self.query_one("#due", Input).value.strip()
        owner = self.query_one("#owner", Select).value
        dim = self.query_one("#dimension", Select).value
        if not what:
            return None, "agree.need_title", "#what"
        if due:
            try:
                date.fromisoformat(due)
            except ValueError:
                return None, "agree.bad_date", "#due"
        action = Action(
            id=self.editing or new_id(self.ctx.rel_id),
            title=what,
            owner=owner if isinstance(owner, str) else "",
            due=due or None,
            dimension=dim if isinstance(dim, str) else None,
        )
        return action, "", ""

    def _save_form(self) -> bool:
        """Save the form as an action; on a problem, say so and put the cursor there."""
        error = self.query_one("#agree-error", Static)
        action, reason, field = self._form_action()
        if action is None:
            error.update(self.tr(reason))
            self.query_one(field, Input).focus()
            return False
        error.update("")
        self.ctx.save(lambda s: s.with_action(action))
        self._clear_form()
        self.refresh_view()
        return True

    # -- a half-typed action when leaving ------------------------------------------------

    def _draft(self) -> tuple[object, ...] | None:
        """What the form holds, if it holds an action not yet saved; None when nothing is."""
        if self.ctx.read_only:
            return None
        what = self.query_one("#what", Input).value.strip()
        due = self.query_one("#due", Input).value.strip()
        owner = self.query_one("#owner", Select).value
        dim = self.query_one("#dimension", Select).value
        owner = owner if isinstance(owner, str) else ""
        dim = dim if isinstance(dim, str) else None
        if not (what or due or owner or dim):
            return None
        if self.editing is not None:
            saved = next((a for a in self.session.actions if a.id == self.editing), None)
            if saved is not None and (
                saved.title,
                saved.due or "",
                saved.owner,
                saved.dimension,
            ) == (
                what,
                due,
                owner,
                dim,
            ):
                return None  # loaded for editing and left as it was
        return (self.editing, what, due, owner, dim)

    def may_leave(self, again: str) -> bool:
        """Before going to another phase: save a valid action left in the form (people think
        of it as entered); an invalid one keeps the screen, with the reason, until the
        same key is pressed again with the form unchanged."""
        draft = self._draft()
        if draft is None or draft == self._warned:
            return True
        action, reason, field = self._form_action()
        if action is not None:
            self._save_form()
            self.notify(self.tr("agree.draft_saved", title=clean(action.title)), markup=False)
            return True
        self._warned = draft
        self.query_one("#agree-error", Static).update(self.tr(reason))
        self.query_one(field, Input).focus()
        self.notify(
            self.tr("agree.draft_kept", reason=self.tr(reason), again=again),
            severity="warning",
            markup=False,
        )
        return False

    def action_next_phase(self) -> None:
        if self.may_leave(self.tr("agree.again_key", keys="ctrl+n")):
            super().action_next_phase()

    def action_prev_phase(self) -> None:
        if self.may_leave(self.tr("agree.again_key", keys="ctrl+b")):
            super().action_prev_phase()

    @on(Stepper.Selected)
    def _stepper_leave(self, event: Stepper.Selected) -> None:
        if event.phase != self.PHASE and not self.may_leave(
            self.tr("agree.again_click", phase=self.tr(f"phase.{event.phase}"))
        ):
            event.prevent_default()  # PhaseScreen's own handler would switch screens

    def flush(self) -> None:
        """Leaving another way (home, quit, palette): a valid action in the form is saved;
        a half-typed invalid one is not an answer yet."""
        if self._draft() is not None and self._form_action()[0] is not None:
            self._save_form()

    def _clear_form(self) -> None:
        self.editing = None
        self.query_one("#what", Input).value = ""
        self.query_one("#due", Input).value = ""
        self.query_one("#owner", Select).clear()
        self.query_one("#dimension", Select).clear()
        self.query_one("#editing", Static).update("")
        self.query_one("#what", Input).focus()

    @on(DataTable.RowSelected, "#actions")
    def _edit(self, event: DataTable.RowSelected) -> None:
        """Enter on an action loads it into the form; Add then saves the change."""
        action = next((a for a in self.session.actions if a.id == event.row_key.value), None)
        if action is None or self.ctx.read_only:
            return
        self.editing = action.id
        self.query_one("#what", Input).value = action.title
        self.query_one("#due", Input).value = action.due or ""
        owner = self.query_one("#owner", Select)
        if action.owner in {v for _, v in self._owners()}:
            owner.value = action.owner
        dim = self.query_one("#dimension", Select)
        if action.dimension in self.ctx.framework.keys:
            dim.value = action.dimension
        self.query_one("#editing", Static).update(
            literal(self.tr("agree.editing", title=action.title))
        )
        self.query_one("#what", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete_action":
            return self.focused is self.query_one("#actions", DataTable) and not self.ctx.read_only
        return super().check_action(action, parameters)

    def action_delete_action(self) -> None:
        table = self.query_one("#actions", DataTable)
        if not self.session.actions:
            return
        aid = self.session.actions[min(table.cursor_row, len(self.session.actions) - 1)].id
        self.ctx.save(lambda s: s.without_action(aid))
        self.refresh_view()
