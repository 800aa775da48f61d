"""All relationships at once, the one that needs attention first, and why.

The ranking is retro.trends.portfolio's and is stated on screen (RANKING_EXPLANATION):
a list sorted by a rule nobody can see would not be trusted in a partners' meeting.
On a narrow screen (80 columns, a projector) the table gives up the columns that matter
least (NARROW_DROPS) rather than scroll sideways; the detail line shows them instead.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import ClassVar

from msgspec import Struct
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Header, Static

from retro.store import Problem, Workspace
from retro.trends import PortfolioRow, describe, ranking_explanation
from retro.tui.bindings import translate_bindings
from retro.tui.i18n import app_lang
from retro.tui.widgets.footer import Footer  # rebuilt only when its keys change
from retro.tui.widgets.history_table import fill_table, text_width
from retro.tui.widgets.literal import clean, literal, literal_text
from retro.words import DEFAULT_LANGUAGE, num, percent, tr

COLUMNS = (
    "rank",
    "client",
    "agency",
    "signs",
    "score_ca",
    "score_ac",
    "trend",
    "kept",
    "overdue",
    "gap",
    "last",
)

# What a narrow table gives up first, one at a time until the rest fits: trend, kept,
# overdue and the largest gap always stay on screen (the detail line shows what went).
NARROW_DROPS = ("last", "agency", "score_ac", "score_ca", "signs")
# A long name or dimension is cut (with an ellipsis) to these widths before any column is
# given up, and to MIN_WIDTHS at the most.
PREFERRED_WIDTHS = {"client": 20, "gap": 26}
MIN_WIDTHS = {"client": 12, "gap": 16}


class Loaded(Struct, frozen=True):
    rows: list[PortfolioRow]
    problems: list[Problem]
    titles: dict[str, str]  # dimension key -> readable name


def _num(v: float | None, lang: str, n: int | None = None) -> Text:
    """A mean with the number of raters behind it (n=, dim): a mean of two is not a mean
    of ten, and a reader cannot tell them apart without it."""
    if v is None:
        return Text("–", style="dim", justify="right")
    text = Text(num(v, lang, places=2), justify="right")
    if n:
        text.append(f" n={n}", style="dim")
    return text


def fit_columns(
    widths: dict[str, int], available: int, padding: int
) -> tuple[list[str], dict[str, int]]:
    """Which columns to show in `available` cells, and the caps on the ones to cut.

    widths: each column's natural width (header or widest cell); every column also takes
    `padding` cells. Columns in NARROW_DROPS go first; then client and gap are cut, down
    to MIN_WIDTHS, the gap before the name.
    """
    shown = list(widths)
    caps = {k: w for k, w in PREFERRED_WIDTHS.items() if widths.get(k, 0) > w}

    def needed() -> int:
        return sum(min(widths[k], caps.get(k, widths[k])) + padding for k in shown)

    for key in NARROW_DROPS:
        if needed() <= available:
            break
        shown.remove(key)
    for key in ("gap", "client"):
        over = needed() - available
        if over > 0 and key in shown:
            caps[key] = max(MIN_WIDTHS[key], min(widths[key], caps.get(key, widths[key])) - over)
    for key in ("gap", "client"):  # room left over: give back what was cut
        if key in caps:
            caps[key] = min(widths[key], caps[key] + max(0, available - needed()))
    return shown, caps


class PortfolioScreen(Screen[None]):
    """The portfolio; Enter opens the highlighted relationship's history."""

    CSS_PATH = "portfolio.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="portfolio.back"),
        Binding("enter", "open_history", "History", id="portfolio.history"),
        Binding("r", "reload", "Reload", id="portfolio.reload"),
    ]

    def __init__(
        self, workspace: Workspace, *, today: date | None = None, lang: str | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.today = today
        self.wanted_lang = lang
        self.lang = lang or DEFAULT_LANGUAGE
        self.loaded: Loaded | None = None
        self.hidden: list[str] = []  # columns the width left out, shown in the detail line
        self._filled_width = 0

    def w(self, key: str, **kw: object) -> str:
        return tr(self.lang, key, **kw)

    def compose(self) -> ComposeResult:
        self.lang = app_lang(self, self.wanted_lang)
        yield Header()
        yield Static(self.w("history.loading"), id="portfolio-heading")
        yield Static(ranking_explanation(self.lang), id="portfolio-ranking", markup=False)
        yield DataTable(
            id="portfolio-table", cursor_type="row", zebra_stripes=True, header_height=2
        )
        yield Static("", id="portfolio-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.w("portfolio.sub")
        translate_bindings(self, self.lang)
        self.query_one("#portfolio-table", DataTable).fixed_columns = 2
        self.watch(self.app, "theme", self._on_theme, init=False)
        self.load()

    @work(thread=True, exclusive=True, group="portfolio-load")
    def load(self) -> None:
        """Every relationship file is read and ranked off the UI thread."""
        from retro.frameworks import load_frameworks
        from retro.portfolio_index import portfolio_rows

        broken: list[Problem] = []
        try:
            frameworks = load_frameworks(Path(self.workspace.root))
        except ValueError as e:  # a broken custom framework: rank on the answers alone
            frameworks = None
            broken = [Problem(Path(self.workspace.root) / "frameworks", str(e))]
        today = self.today or date.today()
        # The cache next to the listing index: only files changed since are parsed.
        rows, problems, _ = portfolio_rows(self.workspace, today, frameworks)
        problems = [*problems, *broken]
        titles: dict[str, str] = {}
        if frameworks:
            for (_, _), fw in sorted(frameworks.items(), key=lambda kv: kv[0][1], reverse=True):
                for d in fw.dimensions:
                    titles.setdefault(d.key, d.title(self.lang))
        self.app.call_from_thread(self._show, Loaded(rows, problems, titles))

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        today = (self.today or date.today()).isoformat()
        n = len(loaded.rows)
        heading = self.w("portfolio.heading", n=n, today=today)
        if loaded.problems:
            heading += self.w("portfolio.problems", n=len(loaded.problems))
        self.query_one("#portfolio-heading", Static).update(literal(heading, "bold"))
        self._fill()

    def _on_theme(self) -> None:
        if self.loaded is not None:
            self._fill()

    def _color(self, name: str) -> str:
        return self.app.theme_variables.get(name, "")

    def on_resize(self) -> None:
        if self.loaded is not None and self.size.width != self._filled_width:
            self._fill()

    def _fill(self) -> None:
        assert self.loaded is not None
        table = self.query_one("#portfolio-table", DataTable)
        keep = table.cursor_row
        labels = {key: Text(self.w(f"col.{key}")) for key in COLUMNS}
        rows = [
            (row.relationship.id, dict(zip(COLUMNS, self._cells(rank, row), strict=True)))
            for rank, row in enumerate(self.loaded.rows, 1)
        ]
        widths = {
            key: max([text_width(labels[key])] + [text_width(r[key]) for _, r in rows])
            for key in COLUMNS
        }
        # The screen's width, less the table's scrollbar: known before the table's first layout.
        self._filled_width = self.size.width or self.app.size.width
        available = self._filled_width - table.styles.scrollbar_size_vertical
        shown, caps = fit_columns(widths, available, 2 * table.cell_padding)
        self.hidden = [key for key in COLUMNS if key not in shown]
        fill_table(
            table,
            [(key, labels[key]) for key in shown],
            [(rid, [cells[key] for key in shown]) for rid, cells in rows],
            widths=caps,
        )
        table.fixed_columns = min(2, len(shown))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        self._update_detail()

    def _cells(self, rank: int, row: PortfolioRow) -> list[Text]:
        signs = len(row.signs)
        sign_style = (
            (self._color("error") if signs >= 2 else self._color("warning")) if signs else ""
        )
        trend = Text("–", style="dim", justify="right")
        if row.trend is not None:
            arrow = {"up": "↑", "down": "↓", "flat": "→"}[row.direction or "flat"]
            style = {"up": self._color("success"), "down": self._color("error")}.get(
                row.direction or "", ""
            )
            change = num(row.trend, self.lang, signed=True, places=2)
            trend = Text(f"{arrow} {change}", style=style, justify="right")
        gap = Text("–", style="dim")
        if row.largest_gap is not None:
            dim, subject, value = row.largest_gap
            # Value and side first: when the column is cut, only the dimension's name is.
            name = clean(self.loaded.titles.get(dim, dim) if self.loaded else dim)
            gap = Text(
                f"{num(value, self.lang, signed=True)} {self.w('side.' + subject)} · {name}",
                no_wrap=True,
                overflow="ellipsis",
            )
        kept = (
            Text("–", style="dim", justify="right")
            if row.commitments_kept is None
            else Text(percent(row.commitments_kept, self.lang), justify="right")
        )
        overdue = Text(
            str(len(row.overdue)),
            justify="right",
            style=self._color("warning") if row.overdue else "dim",
        )
        return [
            Text(str(rank), justify="right"),
            literal_text(row.relationship.client, limit=24),
            literal_text(row.relationship.agency, limit=20),
            Text(str(signs), style=sign_style, justify="right"),
            # The client's view of the agency is the client's raters', and the other way.
            _num(row.client_on_agency, self.lang, row.raters.get("client")),
            _num(row.agency_on_client, self.lang, row.raters.get("agency")),
            trend,
            kept,
            overdue,
            gap,
            Text(row.last_date or "–", style="" if row.last_date else "dim"),
        ]

    def selected(self) -> PortfolioRow | None:
        if self.loaded is None or not self.loaded.rows:
            return None
        table = self.query_one("#portfolio-table", DataTable)
        if not table.row_count:
            return None
        return self.loaded.rows[min(table.cursor_row, len(self.loaded.rows) - 1)]

    def _update_detail(self) -> None:
        detail = self.query_one("#portfolio-detail", Static)
        assert self.loaded is not None
        w = self.w
        if not self.loaded.rows:
            detail.update(w("portfolio.empty"))
            return
        row = self.selected()
        if row is None:
            return
        rel = row.relationship
        text = Text()
        text.append(clean(rel.client), style="bold")
        text.append(" — ")
        text.append(clean(rel.agency))
        text.append(": ")
        if row.signs:
            signs = "; ".join(describe(s, self.lang, self.loaded.titles) for s in row.signs)
            text.append(signs, style=self._color("warning"))
        else:
            text.append(w("portfolio.no_signs"))
        if row.latest_date:
            text.append(w("portfolio.scores_from", date=row.latest_date), style="dim")
            text.append(w("portfolio.raters", **row.raters), style="dim")
        if row.trend_change is not None and row.direction == "flat":
            value = num(row.trend, self.lang, signed=True, places=2)
            limit = "±" + num(row.trend_change.threshold, self.lang, places=2)
            text.append(w("portfolio.no_clear_change", value=value, threshold=limit), style="dim")
        if row.prediction is not None and row.prediction.mae is not None:
            mae = num(row.prediction.mae, self.lang, places=2)
            bias = num(row.prediction.bias, self.lang, signed=True, places=2)
            text.append(w("portfolio.prediction", mae=mae, bias=bias), style="dim")
        if row.weights_from is not None:  # issue 13.5: the views weighted by the client's points
            ca, ac = (
                "–" if v is None else num(v, self.lang, places=2)
                for v in (row.weighted_client_on_agency, row.weighted_agency_on_client)
            )
            text.append(w("portfolio.weighted", date=row.weights_from[1], ca=ca, ac=ac))
        if row.in_progress:
            text.append(w("portfolio.in_progress", date=row.in_progress), style="dim")
        hidden = self._hidden_figures(row)
        if hidden:
            text.append("\n  " + hidden, style="dim")
        for o in row.overdue[:2]:
            text.append("\n  " + w("portfolio.overdue"))
            text.append(clean(o.action.title, limit=50))
            when = w("portfolio.overdue_when", due=o.action.due, days=o.days)
            text.append(when, style="dim")
        if len(row.overdue) > 2:
            text.append("\n  " + w("portfolio.more", n=len(row.overdue) - 2), style="dim")
        for p in self.loaded.problems:
            text.append("\n")
            text.append(clean(p.message, limit=200), style=self._color("error"))
        detail.update(text)

    def _hidden_figures(self, row: PortfolioRow) -> str:
        """The columns a narrow table left out, for the highlighted row (agency is in the
        line already)."""
        shown = []
        cells = dict(zip(COLUMNS, self._cells(0, row), strict=True))
        for key in self.hidden:
            if key != "agency":
                label = " ".join(self.w(f"col.{key}").split()).replace("- ", "")
                shown.append(f"{label} {cells[key].plain}")
        return " · ".join(shown)

    @on(DataTable.RowHighlighted, "#portfolio-table")
    def _highlighted(self) -> None:
        if self.loaded is not None:
            self._update_detail()

    @on(DataTable.RowSelected, "#portfolio-table")
    def _selected(self) -> None:
        self.action_open_history()

    def action_open_history(self) -> None:
        row = self.selected()
        if row is None:
            return
        from retro.tui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen(self.workspace, row.relationship.id, lang=self.lang))

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
