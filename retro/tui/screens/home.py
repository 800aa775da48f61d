"""Home: the relationships of the workspace, their last session, a small trend, open actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from msgspec import Struct
from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static

from retro.index import RelationshipSummary, SessionSummary, cached_summaries, summaries
from retro.model import PHASES, Relationship
from retro.store import Problem, StoreError
from retro.tui.bindings import translate_bindings
from retro.tui.widgets.footer import Footer  # rebuilt only when its keys change
from retro.tui.widgets.literal import literal, literal_text
from retro.tui.widgets.sparkline import spark
from retro.tui.widgets.table import FitTable
from retro.words import tr

if TYPE_CHECKING:
    from retro.tui.app import RetroApp


class RelationshipRow(Struct, frozen=True):
    """One relationship as home lists it, computed from the index without its history."""

    relationship: Relationship
    sessions: tuple[SessionSummary, ...]  # date order
    last: SessionSummary | None
    trend: str
    open_actions: int  # agreed and not yet reviewed (retro.actions)


def summarise(summary: RelationshipSummary) -> RelationshipRow:
    """The row of one relationship from its index summary (retro.index): last session, trend,
    unreviewed actions. No history is parsed for it."""
    ordered = summary.sessions
    # The README's promise: how the client sees the agency, over closed joint sessions.
    levels = [s.level for s in ordered if s.kind == "joint" and s.status == "closed"]
    return RelationshipRow(
        summary.relationship,
        ordered,
        ordered[-1] if ordered else None,
        spark(levels[-8:]),
        summary.open_actions,
    )


def cell(text: str) -> Text:
    """A cell of retro's own words or figures: a Text, as DataTable parses a plain string as
    markup (and looks it up for emoji codes) on every row it measures and draws. Cut
    visibly (…) on a terminal too narrow for its column."""
    return Text(text, no_wrap=True, overflow="ellipsis")


NEW = Binding.Group("New", compact=True)


class HomeScreen(Screen):
    CSS_PATH = "home.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # n and s as one "ns New" item (as the reveal's "[] Tabs"): with each its own
        # words, F1 Help no longer fitted 80 columns (in Dutch not even Quit).
        Binding("n", "new_relationship", "New relationship", id="new_rel", group=NEW),
        Binding("s", "new_session", "New session", id="new_session", group=NEW),
        Binding("h", "app.history", "History", id="history"),
        Binding("p", "app.portfolio", "Portfolio", id="portfolio"),
        Binding("e", "app.export", "Export", id="export", show=False),
    ]

    class Loaded(Message):
        def __init__(self, rows: list[RelationshipRow], problems: list[Problem]) -> None:
            super().__init__()
            self.rows = rows
            self.problems = problems

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[RelationshipRow] = []
        self.problems: list[Problem] = []
        self.loaded = False
        self._select_after_load: str | None = None
        # The row whose sessions the lower table shows: highlighting the row already shown
        # (as the table does on every fill) does not rebuild its sessions a second time.
        self._sessions_of: RelationshipRow | None = None

    @property
    def retro(self) -> RetroApp:
        return cast("RetroApp", self.app)

    @property
    def lang(self) -> str:
        return self.retro.ui_lang

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(
            f"{tr(lang, 'app.title')} · {tr(lang, 'app.subtitle')}", id="title", markup=False
        )
        with Vertical(id="home-body"):
            yield Static(tr(lang, "home.title"), classes="section", markup=False)
            rel = FitTable(
                flex=("client", "agency"), id="relationships", cursor_type="row", zebra_stripes=True
            )
            yield rel
            yield Static("", id="sessions-title", classes="section", markup=False)
            yield FitTable(flex=("kind",), id="sessions", cursor_type="row")
            yield Static("", id="home-message", markup=False)
        yield Footer(at_once=True)

    def on_mount(self) -> None:
        translate_bindings(self, self.lang, groups={"New": "key.new_group"})
        self._columns()
        # The first paint shows what the listing index already knows (one lstat per file,
        # no history parsed). Files that are new or changed since, or unreadable, are read
        # in a worker; until it reports, `loaded` stays False.
        found, problems, complete = cached_summaries(self.retro.workspace)
        self.rows, self.problems = self._rows(found), problems
        self.loaded = complete
        self._fill()
        if not complete:
            self._load()

    def on_screen_resume(self) -> None:
        # Only on top: at a start straight into a session, home's first resume can come
        # after the session's screen was pushed, and put the app's keys (Quit, Help) back
        # into home's language under a Dutch session's Footer.
        if self.app.screen is self:
            translate_bindings(self.app, self.lang)

    def _columns(self) -> None:
        lang = self.lang
        rel = self.query_one("#relationships", DataTable)
        rel.add_column(tr(lang, "home.col.client"), key="client", width=16)
        rel.add_column(tr(lang, "home.col.agency"), key="agency", width=14)
        # Wide enough for a date and the longest phase name in this language ("Beoordelen").
        # Not "What matters": a session stands there for minutes, and at 80 columns the
        # names of client and agency need the room more; it is cut visibly (…) meanwhile.
        last = 11 + max(cell_len(tr(lang, f"phase.{p}")) for p in PHASES if p != "weigh")
        rel.add_column(tr(lang, "home.col.last"), key="last", width=last)
        rel.add_column(tr(lang, "home.col.trend"), key="trend", width=8)
        rel.add_column(tr(lang, "home.col.actions"), key="actions", width=7)
        ses = self.query_one("#sessions", DataTable)
        heads = {
            k: tr(lang, f"home.col.{k}") for k in ("date", "kind", "status", "phase", "people")
        }
        # Widths from every value a column can hold, not from the rows it holds now: the table
        # is laid out once, and moving between relationships never shifts its columns.
        widths = {
            "date": 10,  # ISO
            "status": max(cell_len(tr(lang, f"status.{s}")) for s in ("open", "closed")),
            "phase": max(cell_len(tr(lang, f"phase.{p}")) for p in PHASES),
            "people": 3,
        }
        for key, head in heads.items():
            width = widths.get(key)
            ses.add_column(
                head, key=key, width=None if width is None else max(width, cell_len(head))
            )

    async def relabel(self) -> None:
        await self.recompose()
        translate_bindings(self, self.lang, groups={"New": "key.new_group"})
        self._columns()
        self._fill()

    def reload(self) -> None:
        self._load()

    @staticmethod
    def _rows(found: list[RelationshipSummary]) -> list[RelationshipRow]:
        rows = [summarise(r) for r in found]
        rows.sort(key=lambda r: (r.relationship.client.casefold(), r.relationship.id))
        return rows

    def _read(self) -> tuple[list[RelationshipRow], list[Problem]]:
        found, problems = summaries(self.retro.workspace)
        return self._rows(found), problems

    @work(thread=True, exclusive=True, group="home")
    def _load(self) -> None:
        self.post_message(self.Loaded(*self._read()))

    def on_home_screen_loaded(self, message: Loaded) -> None:
        self.rows, self.problems = message.rows, message.problems
        self.loaded = True
        self._fill()

    def _fill(self) -> None:
        lang = self.lang
        table = self.query_one("#relationships", FitTable)
        keep = self._select_after_load or self.selected_rel_id
        self._select_after_load = None
        table.clear()
        for row in self.rows:
            r = row.relationship
            last = cell("—")
            if row.last is not None:
                state = tr(lang, f"phase.{row.last.phase}") if row.last.status == "open" else "✓"
                # Cut only on a terminal too narrow for the column, and then visibly.
                last = cell(f"{row.last.date} {state}")
            table.add_row(
                literal_text(r.client),
                literal_text(r.agency),
                last,
                cell(row.trend or "—"),
                cell(str(row.open_actions)),
                key=r.id,
            )
        message = self.query_one("#home-message", Static)
        if self.problems:
            names = ", ".join(p.path.name for p in self.problems)
            message.update(literal(tr(lang, "home.damaged", n=len(self.problems), names=names)))
            message.add_class("-error")
        elif not self.rows:  # not "empty" while the worker may still find relationships
            message.update(tr(lang, "home.empty") if self.loaded else "")
            message.remove_class("-error")
        else:
            message.update(tr(lang, "home.hint"))
            message.remove_class("-error")
        if keep is not None:
            for i, row in enumerate(self.rows):
                if row.relationship.id == keep:
                    table.move_cursor(row=i)
        table.fit()
        self._fill_sessions(force=True)

    def _row(self) -> RelationshipRow | None:
        table = self.query_one("#relationships", DataTable)
        if not self.rows or table.cursor_row is None or table.cursor_row >= len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @property
    def selected_rel_id(self) -> str | None:
        row = self._row()
        return row.relationship.id if row else None

    @property
    def selected_session_id(self) -> str | None:
        row = self._row()
        table = self.query_one("#sessions", DataTable)
        if row is None or table.row_count == 0:
            return None
        ordered = list(reversed(row.sessions))
        return ordered[table.cursor_row].id if table.cursor_row < len(ordered) else None

    def _fill_sessions(self, force: bool = False) -> None:
        lang = self.lang
        row = self._row()
        if row is self._sessions_of and not force:
            return  # rows are new objects after every load, so a reload always refills
        self._sessions_of = row
        table = self.query_one("#sessions", FitTable)
        table.clear()
        title = self.query_one("#sessions-title", Static)
        if row is None:
            title.update("")
            return
        rel = row.relationship
        title.update(literal(tr(lang, "home.sessions", name=f"{rel.client} & {rel.agency}")))
        for s in reversed(row.sessions):
            table.add_row(
                cell(s.date),
                cell(tr(lang, f"kind.{s.kind}")),
                cell(tr(lang, f"status.{s.status}")),
                cell(tr(lang, f"phase.{s.phase}")),
                cell(str(s.participants)),
                key=s.id,
            )
        table.fit()
        if not row.sessions:
            title.update(literal(f"{rel.client} & {rel.agency} — {tr(lang, 'home.no_sessions')}"))

    @on(DataTable.RowHighlighted, "#relationships")
    def _relationship_highlighted(self) -> None:
        self._fill_sessions()

    @on(DataTable.RowSelected, "#relationships")
    def _relationship_chosen(self) -> None:
        sessions = self.query_one("#sessions", DataTable)
        if sessions.row_count:
            sessions.focus()
        else:
            self.action_new_session()

    @on(DataTable.RowSelected, "#sessions")
    def _session_chosen(self, event: DataTable.RowSelected) -> None:
        rel_id = self.selected_rel_id
        if rel_id is not None and event.row_key.value is not None:
            self.retro.open_session(rel_id, event.row_key.value)

    def action_new_relationship(self) -> None:
        from retro.tui.screens.relationship import NewRelationshipScreen

        def created(rel_id: str | None) -> None:
            if rel_id:
                self._select_after_load = rel_id
                self.reload()

        self.app.push_screen(NewRelationshipScreen(self.lang), created)

    def action_new_session(self) -> None:
        row = self._row()
        if row is None:
            self.action_new_relationship()
            return
        from retro.tui.screens.setup import SetupScreen

        try:  # setup needs the whole history (earlier participants, last actions)
            history = self.retro.workspace.load(row.relationship.id)
        except StoreError as e:
            self.notify(str(e), title=tr(self.lang, "error.load"), severity="error", markup=False)
            return

        def started(sid: str | None) -> None:
            if sid:
                self.reload()
                self.retro.open_session(history.relationship.id, sid)

        self.app.push_screen(SetupScreen(history, self.lang), started)
