"""New session: kind, participants with their side, framework, language, anonymity, blind entry."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Select, Static, Switch

from retro.frameworks import FrameworkError, load_frameworks, pick_checkin_question
from retro.model import DISTRIBUTION_MIN_RATERS, KINDS, Checkin, History, Participant, Session
from retro.session_engine import answering_sides
from retro.store import StoreError, slugify
from retro.tui.bindings import translate_bindings
from retro.tui.i18n import tr
from retro.tui.screens.relationship import same_name
from retro.tui.widgets.footer import Footer  # rebuilt only when its keys change
from retro.tui.widgets.literal import clean, literal
from retro.tui.widgets.safe_input import SafeInput

if TYPE_CHECKING:
    from retro.tui.app import RetroApp


class PersonRow(Horizontal):
    def __init__(self, person: Participant, lang: str) -> None:
        super().__init__(classes="person")
        self.person = person
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield Label(literal(self.person.name, limit=40), classes="person-name")
        yield Label(tr(self.lang, f"side.{self.person.side}"), classes="person-side", markup=False)
        yield Button(
            "×", classes="person-remove", compact=True, tooltip=tr(self.lang, "setup.remove")
        )

    @on(Button.Pressed, ".person-remove")
    def _remove(self) -> None:
        self.remove()


class DigitInput(Input):
    """One digit 1-9: a typed digit replaces the one there, wherever the cursor stands
    (a click puts it before the digit), and anything else is refused."""

    def __init__(self, value: str, **kw: Any) -> None:
        super().__init__(value, restrict=r"[1-9]?", max_length=1, **kw)

    def insert_text_at_cursor(self, text: str) -> None:
        if len(text) == 1 and text in "123456789":
            self.value = text
            self.cursor_position = 1


class SetupScreen(Screen[str | None]):
    """Dismisses with the new session's id, or None when cancelled."""

    CSS_PATH = "setup.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel"),
        # ctrl+enter never reaches the app in many terminals (tmux among them): ctrl+g does,
        # and is the one the footer shows; ctrl+s is the app's retry-save.
        Binding("ctrl+g", "start", "Start", id="start", priority=True),
        Binding("ctrl+enter", "start", "Start", id="start_alt", priority=True, show=False),
    ]

    def __init__(self, history: History, lang: str) -> None:
        super().__init__()
        self.history = history
        self.lang = lang
        translate_bindings(self, lang)
        latest = history.sorted_sessions()[-1] if history.sessions else None
        self.session_lang = lang  # the app's language: the room speaks it today
        self.people = list(latest.participants) if latest else []
        # The side Enter in the name field adds to: shown on its button and below the field;
        # it follows the kind, and the last side added with a button.
        self.enter_side = "client"

    @property
    def retro(self) -> RetroApp:
        return cast("RetroApp", self.app)

    def compose(self) -> ComposeResult:
        lang = self.lang
        rel = self.history.relationship
        try:
            frameworks = load_frameworks(self.retro.workspace.root)
        except FrameworkError:
            from retro.frameworks import builtin_frameworks

            frameworks = {(f.key, f.version): f for f in builtin_frameworks()}
        self.frameworks = frameworks
        yield Static(
            literal(tr(lang, "setup.title", client=rel.client, agency=rel.agency)), id="title"
        )
        with VerticalScroll(id="setup-body"):
            with Horizontal(classes="field-row"):
                with Vertical(classes="field"):
                    yield Label(tr(lang, "setup.kind"), markup=False)
                    yield Select(
                        [(tr(lang, f"kind.{k}"), k) for k in KINDS],
                        value="joint",
                        allow_blank=False,
                        id="kind",
                        compact=True,
                    )
                with Vertical(classes="field"):
                    yield Label(tr(lang, "setup.framework"), markup=False)
                    newest = max(
                        frameworks.values(), key=lambda f: (f.key == "partnership", f.version)
                    )
                    yield Select(
                        [
                            (f"{f.title(lang)} v{f.version}", f"{k}@{v}")
                            for (k, v), f in frameworks.items()
                        ],
                        value=f"{newest.key}@{newest.version}",
                        allow_blank=False,
                        id="framework",
                        compact=True,
                    )
                with Vertical(classes="field"):
                    yield Label(tr(lang, "setup.language"), markup=False)
                    yield Select(
                        [(tr(code, "lang.name"), code) for code in ("nl", "en")],
                        value=self.session_lang,
                        allow_blank=False,
                        id="language",
                        compact=True,
                    )
            with Horizontal(classes="switch-row"):
                yield Switch(id="anonymous")
                yield Label(tr(lang, "setup.anonymous"), markup=False)
                # Blind by default: participants may rate on their own devices, and a
                # projected screen must not show one person's score to the next.
                yield Switch(id="blind", value=True)
                yield Label(tr(lang, "setup.blind"), markup=False)
                yield Switch(id="per-side")
                yield Label(tr(lang, "setup.per_side"), markup=False)
            # What matters (issue 13.5): on by default in a joint retro, where both sides
            # are in the room to weigh the dimensions; it follows the kind until touched.
            with Horizontal(classes="switch-row", id="importance-row"):
                yield Switch(id="importance", value=True)
                yield Label(tr(lang, "setup.importance"), markup=False)
            for key in ("anonymous", "blind", "per_side", "importance"):
                yield Static(
                    tr(lang, f"setup.{key}_help"), classes="switch-help muted", markup=False
                )
            # Anonymity's threshold (Session.distribution_min_raters), shown only when
            # anonymous is on: below it a view shows only its mean (figures.shows_distribution).
            with Horizontal(id="threshold-row"):
                yield Label(tr(lang, "setup.threshold"), markup=False)
                yield DigitInput(str(DISTRIBUTION_MIN_RATERS), id="threshold", compact=True)
                yield Static(
                    tr(lang, "setup.threshold_help"),
                    id="threshold-help",
                    classes="muted",
                    markup=False,
                )
            yield Label(tr(lang, "setup.participants"), classes="section", markup=False)
            with Vertical(id="people"):
                for p in self.people:
                    yield PersonRow(p, lang)
            with Horizontal(id="add-person"):
                yield SafeInput(placeholder=tr(lang, "setup.name"), id="person-name")
                yield Button(f"+ {tr(lang, 'side.client.cap')}", id="add-client")
                yield Button(f"+ {tr(lang, 'side.agency.cap')}", id="add-agency")
            yield Static("", id="add-hint", markup=False)
            yield Static("", id="setup-error", markup=False)
            with Horizontal(id="setup-buttons"):
                yield Button(tr(lang, "key.start"), id="start", variant="primary")
                yield Button(tr(lang, "key.cancel"), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#threshold-row").display = False
        self._show_enter_side()
        self.query_one("#person-name", Input).focus()

    def _show_enter_side(self, added: str = "") -> None:
        """Mark the button Enter stands for (⏎) and say it in words under the field."""
        lang, side = self.lang, self.enter_side
        for s in ("client", "agency"):
            mark = " ⏎" if s == side else ""
            self.query_one(f"#add-{s}", Button).label = f"+ {tr(lang, f'side.{s}.cap')}{mark}"
        hint = tr(lang, "setup.enter_adds", side=tr(lang, f"side.{side}"))
        self.query_one("#add-hint", Static).update(f"{added} {hint}" if added else hint)

    @on(Switch.Changed, "#anonymous")
    def _anonymous_changed(self, event: Switch.Changed) -> None:
        self.query_one("#threshold-row").display = event.value

    def _threshold(self) -> int:
        """The anonymity threshold typed (1-9; empty keeps the default)."""
        typed = self.query_one("#threshold", Input).value
        return int(typed) if typed.isdigit() and 1 <= int(typed) <= 9 else DISTRIBUTION_MIN_RATERS

    @on(Select.Changed, "#kind")
    def _kind_changed(self, event: Select.Changed) -> None:
        """A one-sided kind offers only its side: the other side's people and button step aside."""
        sides = answering_sides(str(event.value))
        if event.value in ("self", "client"):
            self.enter_side = "agency" if event.value == "self" else "client"
            self._show_enter_side()
        for side in ("client", "agency"):
            self.query_one(f"#add-{side}", Button).display = side in sides
        for row in self.query(PersonRow):
            row.display = row.person.side in sides
        self.query_one("#importance", Switch).value = event.value == "joint"

    def _add(self, side: str) -> None:
        name_input = self.query_one("#person-name", Input)
        name = name_input.value.strip()
        if not name:
            self.query_one("#add-hint", Static).update(tr(self.lang, "setup.name_first"))
            name_input.focus()
            return
        if same_name(name, [row.person.name for row in self.query(PersonRow)]):
            # Two people of one name cannot be told apart in the reveal or the summary.
            hint = tr(self.lang, "setup.duplicate", name=clean(name, limit=40))
            self.query_one("#add-hint", Static).update(hint)
            name_input.focus()
            return
        taken = {row.person.id for row in self.query(PersonRow)}
        base = f"p-{slugify(name, 'person')[:24]}"
        pid, n = base, 2
        while pid in taken:
            pid, n = f"{base}-{n}", n + 1
        row = PersonRow(Participant(pid, name, side), self.lang)  # type: ignore[arg-type]
        self.query_one("#people").mount(row)
        name_input.value = ""
        name_input.focus()
        self.enter_side = side
        self._show_enter_side(
            tr(
                self.lang,
                "setup.added",
                name=clean(name, limit=40),
                side=tr(self.lang, f"side.{side}"),
            )
        )

    @on(Button.Pressed, "#add-client")
    def _add_client(self) -> None:
        self._add("client")

    @on(Button.Pressed, "#add-agency")
    def _add_agency(self) -> None:
        self._add("agency")

    @on(Input.Submitted, "#person-name")
    def _submitted(self) -> None:
        """Enter adds the name to the side marked ⏎; the cursor stays for the next name."""
        self._add(self.enter_side)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#start")
    def action_start(self) -> None:
        lang = self.lang
        error = self.query_one("#setup-error", Static)
        kind = cast(str, self.query_one("#kind", Select).value)
        people = tuple(
            row.person for row in self.query(PersonRow) if row.person.side in answering_sides(kind)
        )
        if not people:
            error.update(tr(lang, "setup.need_people"))
            return
        for i, p in enumerate(people):
            if same_name(p.name, [q.name for q in people[:i]]):
                error.update(tr(lang, "setup.duplicate", name=clean(p.name, limit=40)))
                return
        sides = {p.side for p in people}
        needed = {"joint": ("client", "agency"), "self": ("agency",), "client": ("client",)}[kind]
        for side in needed:
            if side not in sides:
                error.update(tr(lang, "setup.need_side", side=tr(lang, f"side.{side}")))
                return
        key, _, version = cast(str, self.query_one("#framework", Select).value).rpartition("@")
        language = cast(str, self.query_one("#language", Select).value)
        today = date.today().isoformat()
        rel_id = self.history.relationship.id
        sid, n = f"{rel_id}-{today}", 2
        existing = {s.id for s in self.history.sessions}
        while sid in existing:
            sid, n = f"{rel_id}-{today}-{n}", n + 1
        session = Session(
            id=sid,
            date=today,
            kind=kind,  # type: ignore[arg-type]
            framework=key,
            framework_version=int(version),
            language=language,  # type: ignore[arg-type]
            anonymous=self.query_one("#anonymous", Switch).value,
            distribution_min_raters=self._threshold(),
            blind=self.query_one("#blind", Switch).value,
            rating_mode="side" if self.query_one("#per-side", Switch).value else "participant",
            ask_importance=self.query_one("#importance", Switch).value,
            participants=people,
            checkin=Checkin(question=pick_checkin_question(language, seed=sid)),
            status="open",
            phase="checkin",
        )
        try:
            self.retro.workspace.add_session(rel_id, session)
        except StoreError as e:
            error.update(str(e))  # nothing typed is lost: the form stays as it is
            return
        self.dismiss(sid)
