"""One relationship over time: are we getting better, where do we disagree, do we keep our word.

Three tabs share one dimension filter: every figure per session with change arrows and
a chart of the highlighted row; two sessions side by side; and how well the agency's
self-assessments predicted the client. The numbers come from retro.trends, so the
screen and `retro trends` never disagree.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from msgspec import Struct
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import (
    DataTable,
    Header,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from retro.figures import (
    Change,
    View,
    change_verdicts,
    describe_change,
    describe_view,
    judge,
    number,
    steps,
)
from retro.figures import arrow as verdict_arrow
from retro.model import SIDES, Side
from retro.store import StoreError, Workspace
from retro.trends import (
    FIGURES,
    GAP_AT,
    RelationshipTrends,
    SessionInfo,
    dimension_titles,
    relationship_trends,
)
from retro.tui.bindings import translate_bindings
from retro.tui.i18n import app_lang
from retro.tui.widgets.footer import Footer  # rebuilt only when its keys change
from retro.tui.widgets.history_chart import CourseChart, HistoryChart, spark_text
from retro.tui.widgets.history_table import fill_table
from retro.tui.widgets.literal import clean, literal
from retro.words import DEFAULT_LANGUAGE, num, percent, tr

ALL = "__all__"


class Loaded(Struct, frozen=True):
    trends: RelationshipTrends
    titles: dict[str, str]


def fmt(v: float | None, lang: str, pct: bool = False, signed: bool = False) -> str:
    """A figure of this screen: two decimals (or a percentage) in lang's decimal mark."""
    if v is None:
        return "–"
    return percent(v, lang) if pct else num(v, lang, signed=signed, places=2)


def arrow(change: Change | None) -> str:
    """↑/↓ for a clear change, → for no clear change (retro.figures' reliable-change rule)."""
    return verdict_arrow(change) or " "


def better(figure: str, before: float | None, after: float | None, clear: bool = True) -> int:
    """+1 if the move is good news, -1 if bad, 0 if none or no clear change (the
    reliable-change rule decides `clear`): a gap is better when narrower."""
    if before is None or after is None or not clear or after == before:
        return 0
    if figure == "gap":
        return 1 if abs(after) < abs(before) else (-1 if abs(after) > abs(before) else 0)
    return 1 if after > before else -1


def session_label(info: SessionInfo) -> str:
    mark = " S" if info.kind == "self" else (" C" if info.kind == "client" else "")
    return info.date + mark + (" *" if info.status == "open" else "")


def kind_text(lang: str, info: SessionInfo) -> str:
    kind = (
        tr(lang, f"history.kind.{info.kind}")
        if info.kind in ("self", "client")
        else tr(lang, "history.kind.joint")
    )
    return kind + (" " + tr(lang, "history.kind.open") if info.status == "open" else "")


def column_label(lang: str, info: SessionInfo) -> Text:
    """Date over kind, so a column is no wider than its numbers need."""
    return Text(f"{info.date}\n{kind_text(lang, info)}", justify="right")


TABS = Binding.Group("Tabs", compact=True)


class HistoryScreen(Screen[None]):
    """History of one relationship; works on its own, given a workspace and an id."""

    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="history.back"),
        Binding("f", "focus_filter", "Dimension", id="history.filter"),
        Binding("[", "step_filter(-1)", "Previous dimension", id="history.prev", show=False),
        Binding("]", "step_filter(1)", "Next dimension", id="history.next", show=False),
        # One "socp Tabs" item for the four tab keys (as the reveal's "[] Tabs"): a key per
        # tab pushed quit and help off the footer at 80 columns.
        Binding("s", "tab('summary')", "Summary", id="history.summary", group=TABS),
        Binding("o", "tab('over-time')", "Over time", id="history.over_time", group=TABS),
        Binding("c", "tab('compare')", "Compare", id="history.compare", group=TABS),
        Binding("p", "tab('predictions')", "Predictions", id="history.predictions", group=TABS),
        Binding("r", "reload", "Reload", id="history.reload", show=False),
    ]

    def __init__(
        self, workspace: Workspace, relationship_id: str, *, lang: str | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.relationship_id = relationship_id
        self.wanted_lang = lang
        self.lang = lang or DEFAULT_LANGUAGE
        self.loaded: Loaded | None = None
        self.dimension: str = ALL

    def w(self, key: str, **kw: object) -> str:
        """A word of this screen in its language."""
        return tr(self.lang, key, **kw)

    # -- layout -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self.lang = app_lang(self, self.wanted_lang)
        w = self.w
        yield Header()
        yield Static(w("history.loading"), id="history-heading")
        with Horizontal(id="history-filters"):
            yield Label(w("history.dimension"), id="history-filter-label")
            yield Select[str](
                [(w("history.all"), ALL)],
                value=ALL,
                allow_blank=False,
                compact=True,
                id="history-dimension",
            )
        with TabbedContent(id="history-tabs", initial="summary"):
            with TabPane(w("tab.summary"), id="summary"):
                yield Static("", id="summary-text")
                yield DataTable(
                    id="summary-table", cursor_type="row", zebra_stripes=True, header_height=2
                )
            with TabPane(w("tab.over_time"), id="over-time"):
                yield DataTable(
                    id="history-table", cursor_type="row", zebra_stripes=True, header_height=2
                )
                with Vertical(id="history-chart-box"):
                    yield Static("", id="history-chart-label")
                    yield HistoryChart(id="history-chart")
                    yield CourseChart(id="course-chart")
                yield Static(w("history.legend"), id="history-legend", markup=False)
            with TabPane(w("tab.compare"), id="compare"):
                with Horizontal(id="compare-pick"):
                    prompt = w("compare.session")
                    yield Label(w("compare.from"), classes="compare-label")
                    yield Select[str]([], compact=True, id="compare-a", prompt=prompt)
                    yield Label(w("compare.to"), classes="compare-label")
                    yield Select[str]([], compact=True, id="compare-b", prompt=prompt)
                yield DataTable(id="compare-table", cursor_type="row", zebra_stripes=True)
                yield Static("", id="compare-summary")
            with TabPane(w("tab.predictions"), id="predictions"):
                yield Static(w("pred.help"), id="predictions-help", markup=False)
                yield DataTable(id="predictions-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.w("history.sub")
        translate_bindings(self, self.lang, groups={"Tabs": "key.history.tabs"})
        self.query_one("#history-table", DataTable).fixed_columns = 1
        self.query_one("#compare-table", DataTable).fixed_columns = 1
        self.query_one("#predictions-table", DataTable).fixed_columns = 2
        self.watch(self.app, "theme", self._on_theme, init=False)
        self.load()

    # -- loading ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history-load")
    def load(self) -> None:
        """Read and compute off the UI thread: a long history must not freeze the screen."""
        from retro.frameworks import load_frameworks

        try:
            history = self.workspace.load(self.relationship_id)
            frameworks = load_frameworks(Path(self.workspace.root))
        except (StoreError, ValueError) as e:
            self.app.call_from_thread(self._show_error, str(e))
            return
        trends = relationship_trends(history, frameworks)
        loaded = Loaded(trends, dimension_titles(trends, frameworks, self.lang))
        self.app.call_from_thread(self._show, loaded)

    def _show_error(self, message: str) -> None:
        self.query_one("#history-heading", Static).update(literal(message, "bold $error"))

    def _show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        t = loaded.trends
        rel = t.relationship
        span = (
            self.w(
                "history.sessions",
                n=len(t.sessions),
                first=t.sessions[0].date,
                last=t.sessions[-1].date,
            )
            if t.sessions
            else self.w("history.none")
        )
        self.query_one("#history-heading", Static).update(
            literal(f"{clean(rel.client)} — {clean(rel.agency)} · {span}", "bold")
        )
        select = self.query_one("#history-dimension", Select)
        options = [(self.w("history.all"), ALL)] + [(loaded.titles[d], d) for d in t.dimensions]
        select.set_options(options)
        select.value = self.dimension if self.dimension in t.dimensions else ALL
        self._fill_compare_choices()
        self._refresh_all()

    def _on_theme(self) -> None:
        if self.loaded is not None:
            self._refresh_all()

    def _refresh_all(self) -> None:
        self._fill_summary()
        self._fill_history()
        self._fill_compare()
        self._fill_predictions()

    def _dims(self) -> list[str]:
        assert self.loaded is not None
        dims = self.loaded.trends.dimensions
        return list(dims) if self.dimension == ALL else [self.dimension]

    def _color(self, goodness: int) -> str:
        if goodness == 0:
            return ""
        name = "success" if goodness > 0 else "error"
        return self.app.theme_variables.get(name, "green" if goodness > 0 else "red")

    def _cell(
        self,
        value: float | None,
        before: float | None,
        change: Change | None,
        figure: str,
        view: View | None = None,
    ) -> Text:
        text = Text(fmt(value, self.lang), no_wrap=True, justify="right")
        if value is None:
            text.stylize("dim")
            return text
        if view is not None and view.n:
            text.append(f" n={view.n}", style="dim")
        text.append(" ")
        good = better(figure, before, value, change is not None and change.clear)
        text.append(arrow(change), style=self._color(good) or "dim")
        return text

    # -- summary ----------------------------------------------------------------------

    def _fill_summary(self) -> None:
        """Per dimension: each side's view of the other at the latest closed joint session,
        and its change since the closed one before (RelationshipTrends.latest, as the CLI)."""
        assert self.loaded is not None
        t, titles, w = self.loaded.trends, self.loaded.titles, self.w
        previous, latest = t.pair
        closed = t.closed_joint
        columns = [
            ("dimension", Text(w("summary.dimension"))),
            ("ca", Text(w("summary.ca"), justify="right")),
            ("ac", Text(w("summary.ac"), justify="right")),
            ("gap", Text(w("summary.gap"), justify="right")),
            ("spark", Text(w("summary.spark"))),
        ]
        counts = {1: 0, -1: 0, 0: 0}
        rows: list[tuple[str | None, list[Text]]] = []
        for dim in self._dims():
            cells = [Text(clean(titles[dim]), no_wrap=True, overflow="ellipsis")]
            for subject in ("agency", "client"):
                if not t.rated.get((dim, subject)):
                    cells.append(Text(""))
                    continue
                value, _ = t.latest(dim, subject, "other")
                verdict = t.latest_change(dim, subject, "other")
                change = verdict.value if verdict is not None else None
                before = None if change is None or value is None else value - change
                good = better("other", before, value, verdict is not None and verdict.clear)
                if change is not None:
                    counts[good] += 1
                cell = Text(self._view_text(dim, subject, value), justify="right")
                if value is None:
                    cell.stylize("dim")
                if change is not None:
                    cell.append(
                        f" {describe_change(verdict, self.lang)}", style=self._color(good) or "dim"
                    )
                cells.append(cell)
            cells.append(self._gap_now(dim))
            series = t.series(dim, "agency", "other")
            recent = [series[i] for i in closed[-12:]]
            cells.append(Text(spark_text(recent), style="bold"))
            rows.append((dim, cells))
        fill_table(
            self.query_one("#summary-table", DataTable), columns, rows, widths={"dimension": 20}
        )
        lines = []
        if latest is not None and previous is not None:
            a, b = t.sessions[previous].date, t.sessions[latest].date
            lines.append(
                w("summary.since", a=a, b=b, better=counts[1], worse=counts[-1], same=counts[0])
            )
        elif latest is not None:
            lines.append(w("summary.one", date=t.sessions[latest].date))
        else:
            lines.append(w("summary.none"))
        open_dates = [s.date for s in t.in_progress]
        if open_dates:
            lines.append(w("summary.open", dates=", ".join(open_dates), n=len(open_dates)))
        # Commitments kept and the prediction check: from the same two sessions.
        now = t.commitments_kept[latest] if latest is not None else None
        was = t.commitments_kept[previous] if previous is not None else None
        line = w(
            "summary.kept", value=fmt(now, self.lang, pct=True), was=fmt(was, self.lang, pct=True)
        )
        done = {t.sessions[i].id for i in closed}
        checks = [c for c in t.predictions if c.joint in done]
        if checks:
            line += w("summary.miss", value=fmt(checks[-1].mean_abs_gap, self.lang))
        lines.append(line + " " + w("summary.hint"))
        self.query_one("#summary-text", Static).update(literal("\n".join(lines)))

    def _view_text(self, dim: str, subject: str, value: float | None) -> str:
        """The latest other view with its raters (retro.figures.describe_view): the scores
        of one or two people, else mean and n; only mean and n where anonymity says so."""
        t = self.loaded.trends if self.loaded else None
        latest = t.pair[1] if t else None
        if t is None or latest is None or value is None:
            return fmt(value, self.lang)
        view = t.view(dim, subject, "other", latest)  # type: ignore[arg-type]
        if view is None:
            return fmt(value, self.lang)
        return describe_view(view, self.lang, t.sessions[latest].shows_distribution(view))

    def _gap_now(self, dim: str) -> Text:
        """The larger of the two perception gaps at the latest closed joint session."""
        assert self.loaded is not None
        t = self.loaded.trends
        i = t.pair[1]
        if i is None:
            return Text("–", style="dim", justify="right")
        gaps = [
            (g, subject)
            for subject in ("agency", "client")
            if (g := t.series(dim, subject, "gap")[i]) is not None
        ]
        if not gaps:
            return Text("–", style="dim", justify="right")
        g, subject = max(gaps, key=lambda x: abs(x[0]))
        if g == 0:  # both sides agree: no side to name
            return Text(fmt(0.0, self.lang), justify="right")
        style = self.app.theme_variables.get("warning", "") if abs(g) >= GAP_AT else ""
        return Text(
            f"{fmt(g, self.lang, signed=True)} {self.w('side.' + subject)}",
            style=style,
            justify="right",
        )

    @on(DataTable.RowSelected, "#summary-table")
    def _summary_chosen(self, event: DataTable.RowSelected) -> None:
        dim = event.row_key.value
        if dim:
            self.query_one("#history-dimension", Select).value = dim
            self.action_tab("over-time")
            self.query_one("#history-table", DataTable).focus()

    # -- over time --------------------------------------------------------------------

    def _fill_history(self) -> None:
        assert self.loaded is not None
        t, titles = self.loaded.trends, self.loaded.titles
        table = self.query_one("#history-table", DataTable)
        keep = table.cursor_row
        columns = [
            ("label", Text("")),
            *((s.id, column_label(self.lang, s)) for s in t.sessions),
        ]
        n = len(t.sessions)
        if not n:
            fill_table(table, columns, [])
            self.query_one("#history-chart-label", Static).update(self.w("history.none_chart"))
            self.query_one("#history-chart", HistoryChart).set_series([], (1, 5))
            return
        kept = [
            Text(fmt(k, self.lang, pct=True), style="" if k is not None else "dim", justify="right")
            for k in t.commitments_kept
        ]
        rows: list[tuple[str | None, list[Text]]] = [
            ("kept", [Text(self.w("row.kept"), style="bold"), *kept]),
            (
                "miss",
                [
                    Text(self.w("row.miss"), style="bold"),
                    *self._series_cells(t.prediction_miss(), "gap", asked=None),
                ],
            ),
        ]
        for dim in self._dims():
            title = Text(clean(titles[dim]), style="bold", overflow="ellipsis", no_wrap=True)
            rows.append((f"{dim}|title", [title, *([Text("")] * n)]))
            for subject in SIDES:
                if not t.rated.get((dim, subject)):
                    continue
                for figure in FIGURES:
                    series = t.series(dim, subject, figure)
                    views = (
                        [t.view(dim, subject, figure, i) for i in range(n)]
                        if figure != "gap"
                        else None
                    )
                    cells = self._series_cells(series, figure, asked=t.asked[dim], views=views)
                    label = Text("  " + self.w(f"row.{subject}.{figure}"))
                    rows.append((f"{dim}|{subject}|{figure}", [label, *cells]))
                if subject == "agency" and any(c.gaps.get(dim) is not None for c in t.predictions):
                    cells = self._series_cells(t.prediction_gaps(dim), "gap", asked=None)
                    label = Text("  " + self.w("row.prediction"))
                    rows.append((f"{dim}|agency|prediction", [label, *cells]))
        # Wide enough for the longest row name in this language ("Bureau over
        # opdrachtgever"): cut, two rows of one dimension read the same.
        names = [f"row.{s}.{f}" for s in SIDES for f in FIGURES] + ["row.prediction"]
        label_w = max(20, 2 + max(len(self.w(k)) for k in names))
        fill_table(table, columns, rows, widths={"label": label_w})
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1), animate=False)
        # The newest sessions matter most: show them, older ones are a scroll away.
        self.call_after_refresh(lambda: table.scroll_to(x=table.max_scroll_x, animate=False))
        self._update_chart()

    def _series_cells(
        self,
        series: tuple[float | None, ...],
        figure: str,
        asked: tuple[bool, ...] | None,
        views: list[View | None] | None = None,
    ) -> list[Text]:
        """A row's cells: value, its raters (n=, where the figure is a view) and the
        reliable-change arrow."""
        cells = []
        previous: float | None = None
        verdicts = change_verdicts(series)  # the same rule as every other face
        for i, v in enumerate(series):
            if v is None and asked is not None and not asked[i]:
                cells.append(Text("·", style="dim", justify="right"))
                continue
            cells.append(self._cell(v, previous, verdicts[i], figure, views[i] if views else None))
            if v is not None:
                previous = v
        return cells

    def _row_series(self, key: str) -> tuple[str, tuple[float | None, ...], tuple[float, float]]:
        assert self.loaded is not None
        t, titles = self.loaded.trends, self.loaded.titles
        if key == "kept":
            return self.w("chart.kept"), t.commitments_kept, (0.0, 1.0)
        if key == "miss":
            return self.w("chart.miss"), t.prediction_miss(), (0.0, 4.0)
        parts = key.split("|")
        dim = parts[0]
        if len(parts) == 2:  # a dimension's title row: chart how the client sees the agency
            parts = [dim, "agency", "other"]
        _, subject, figure = parts
        name = clean(titles.get(dim, dim))
        if figure == "prediction":
            series = tuple(None if v is None else abs(v) for v in t.prediction_gaps(dim))
            return self.w("chart.prediction", name=name), series, (0.0, 4.0)
        series = t.series(dim, subject, figure)  # type: ignore[arg-type]
        label = self.w(f"row.{subject}.{figure}").lower()
        if figure == "gap":
            series = tuple(None if v is None else abs(v) for v in series)
            return self.w("chart.gap", name=name, label=label), series, (0.0, 4.0)
        return self.w("chart.view", name=name, label=label), series, (1.0, 5.0)

    def _course_of(self, key: str) -> tuple[str, Side] | None:
        """(dimension, subject) when the row is about a view or gap of one subject (a
        title row stands for how the client sees the agency); None for the other rows."""
        assert self.loaded is not None
        parts = key.split("|")
        if key in ("kept", "miss") or (len(parts) == 3 and parts[2] == "prediction"):
            return None
        dim = parts[0]
        subject: Side = "client" if len(parts) == 3 and parts[1] == "client" else "agency"
        return (dim, subject) if self.loaded.trends.rated.get((dim, subject)) else None

    def _show_course(self, dim: str, subject: Side) -> None:
        """The dimension's course for one subject: both views and their gap, 1-5."""
        assert self.loaded is not None
        t, titles = self.loaded.trends, self.loaded.titles
        own = t.series(dim, subject, "self")
        other = t.series(dim, subject, "other")
        label = self.w(
            "chart.course",
            own=self.w(f"row.{subject}.self"),
            other=self.w(f"row.{subject}.other"),
            at=number(GAP_AT, self.lang, 0),
        )
        # The dimension's name in front where the line has room (the table names it too).
        name = clean(titles.get(dim, dim))
        room = self.query_one("#history-chart-label", Static).size.width
        if len(name) + 2 + len(label) <= room:
            label = f"{name}: {label}"
        self.query_one("#history-chart-label", Static).update(literal(label))
        self.query_one("#history-chart", HistoryChart).display = False
        self.query_one("#history-chart-box").add_class("course")
        chart = self.query_one("#course-chart", CourseChart)
        chart.display = True
        chart.set_course([s.date for s in t.sessions], own, other, GAP_AT)

    def _update_chart(self) -> None:
        if self.loaded is None:
            return
        table = self.query_one("#history-table", DataTable)
        if not table.row_count:
            return
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or "kept"
        course = self._course_of(key)
        if course is not None:
            self._show_course(*course)
            return
        self.query_one("#course-chart", CourseChart).display = False
        self.query_one("#history-chart-box").remove_class("course")
        self.query_one("#history-chart", HistoryChart).display = True
        title, series, scale = self._row_series(key)
        present = [v for v in series if v is not None]
        if not present:
            latest = self.w("chart.none")
        elif key == "kept":
            latest = self.w("chart.latest", value=fmt(present[-1], self.lang, pct=True))
        else:
            latest = self.w("chart.latest", value=fmt(present[-1], self.lang))
        count = self.w("chart.count", k=len(present), n=len(series))
        label = f"{title} · {latest} · {count}"
        self.query_one("#history-chart-label", Static).update(literal(label))
        self.query_one("#history-chart", HistoryChart).set_series(series, scale)

    @on(DataTable.RowHighlighted, "#history-table")
    def _row_highlighted(self) -> None:
        self._update_chart()

    # -- filter -----------------------------------------------------------------------

    @on(Select.Changed, "#history-dimension")
    def _dimension_changed(self, event: Select.Changed) -> None:
        value = event.value if isinstance(event.value, str) else ALL
        if value == self.dimension:
            return
        self.dimension = value
        if self.loaded is not None:
            table = self.query_one("#history-table", DataTable)
            table.move_cursor(row=0, animate=False)
            self._refresh_all()
            # One dimension chosen: start on its first view, so its course is charted.
            for key in (f"{value}|agency|other", f"{value}|client|other"):
                if value != ALL and key in table.rows:
                    table.move_cursor(row=table.get_row_index(key), animate=False)
                    break

    def action_focus_filter(self) -> None:
        self.query_one("#history-dimension", Select).focus()

    def action_step_filter(self, step: int) -> None:
        if self.loaded is None:
            return
        order = [ALL, *self.loaded.trends.dimensions]
        i = order.index(self.dimension) if self.dimension in order else 0
        self.query_one("#history-dimension", Select).value = order[(i + step) % len(order)]

    def action_tab(self, tab: str) -> None:
        self.query_one("#history-tabs", TabbedContent).active = tab

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    def action_reload(self) -> None:
        """Read the file again: another terminal may have saved a session meanwhile."""
        self.load()

    # -- compare ----------------------------------------------------------------------

    def _fill_compare_choices(self) -> None:
        assert self.loaded is not None
        t = self.loaded.trends
        options = [(f"{s.date}  {kind_text(self.lang, s)}", s.id) for s in t.sessions]
        a, b = self.query_one("#compare-a", Select), self.query_one("#compare-b", Select)
        a.set_options(options)
        b.set_options(options)
        joints = [s.id for s in t.sessions if s.two_sided] or [s.id for s in t.sessions]
        if len(joints) >= 2:
            a.value, b.value = joints[-2], joints[-1]
        elif joints:
            b.value = joints[-1]

    @on(Select.Changed, "#compare-a")
    @on(Select.Changed, "#compare-b")
    def _compare_changed(self) -> None:
        if self.loaded is not None:
            self._fill_compare()

    def _fill_compare(self) -> None:
        assert self.loaded is not None
        t, titles = self.loaded.trends, self.loaded.titles
        table = self.query_one("#compare-table", DataTable)
        summary = self.query_one("#compare-summary", Static)
        a = self.query_one("#compare-a", Select).value
        b = self.query_one("#compare-b", Select).value
        columns = [
            ("label", Text(self.w("compare.about"))),
            ("self", Text(self.w("compare.self"))),
            ("other", Text(self.w("compare.other"))),
            ("gap", Text(self.w("compare.gap"))),
        ]
        if not isinstance(a, str) or not isinstance(b, str):
            fill_table(table, columns, [])
            summary.update(self.w("compare.pick"))
            return
        rows: list[tuple[str | None, list[Text]]] = []
        wanted = set(self._dims())
        ia, ib = t.index(a), t.index(b)
        for row in t.compare(a, b):
            if row.dimension not in wanted:
                continue
            label = f"{self.w('side.' + row.subject)} · {clean(titles[row.dimension])}"
            cells = [Text(label, no_wrap=True, overflow="ellipsis")]
            for figure in FIGURES:
                before, after = row.figures[figure]
                change = row.change(figure)
                # one decimal here (as in the reveal), so the raters fit beside both
                # values and the gap column stays on an 80-column screen
                one = (num(before, self.lang, places=1), num(after, self.lang, places=1))
                cell = Text(f"{one[0]}→{one[1]}", no_wrap=True)
                if figure != "gap":  # issue 13.1: the raters behind a view, as in "Over time"
                    cell.append(self._raters(row.dimension, row.subject, figure, ia, ib))
                if change is not None:
                    # judged against the figure's steps up to the earlier of the two sessions
                    series = t.series(row.dimension, row.subject, figure)
                    clear = judge(change, steps(series[: t.index(a) + 1])).clear
                    good = better(figure, before, after, clear)
                    cell.append(
                        f" {num(change, self.lang, signed=True, places=1)}",
                        style=self._color(good) or "dim",
                    )
                cells.append(cell)
            rows.append((f"{row.dimension}|{row.subject}", cells))
        fill_table(table, columns, rows, widths={"label": 22})
        ka, kb = t.commitments_kept[ia], t.commitments_kept[ib]
        summary.update(
            self.w(
                "compare.summary", a=fmt(ka, self.lang, pct=True), b=fmt(kb, self.lang, pct=True)
            )
        )

    def _raters(self, dim: str, subject: str, figure: str, ia: int, ib: int) -> Text:
        """ " n=3" (faint) for the raters behind a view in both sessions, " n=2→3" when
        they differ: a change of mean that is one more or one fewer person shows as such."""
        assert self.loaded is not None
        t = self.loaded.trends
        na, nb = (t.view(dim, subject, figure, i) for i in (ia, ib))  # type: ignore[arg-type]
        if na is None or nb is None or not na.n or not nb.n:
            return Text("")  # a view absent in either session: no change to weigh
        text = f" n={nb.n}" if na.n == nb.n else f" n={na.n}→{nb.n}"
        return Text(text, style="dim")

    # -- predictions ------------------------------------------------------------------

    def _fill_predictions(self) -> None:
        assert self.loaded is not None
        t, titles = self.loaded.trends, self.loaded.titles
        table = self.query_one("#predictions-table", DataTable)
        w = self.w
        columns = [("joint", Text(w("pred.joint"))), ("source", Text(w("pred.source")))]
        dims = [d for d in self._dims() if any(d in c.gaps for c in t.predictions)]
        single = self.dimension != ALL
        if single:
            columns += [
                ("predicted", Text(w("pred.predicted"))),
                ("actual", Text(w("pred.actual"))),
                ("gap", Text(w("pred.gap"))),
            ]
        else:
            columns += [("miss", Text(w("pred.miss"))), ("bias", Text(w("pred.bias")))]
            columns += [(d, Text(clean(titles[d], limit=14))) for d in dims]
        index = {s.id: s for s in t.sessions}
        rows: list[tuple[str | None, list[Text]]] = []
        for check in t.predictions:
            source = index[check.source]
            cells: list[Text] = [
                Text(check.date),
                Text(session_label(source) if check.source != check.joint else w("pred.same")),
            ]
            if single:
                d = self.dimension
                for v in (check.predicted.get(d), check.actual.get(d)):
                    cells.append(_number(fmt(v, self.lang), v is None))
                g = check.gaps.get(d)
                cells.append(_number(fmt(g, self.lang, signed=True), g is None))
            else:
                bias = check.bias
                cells.append(
                    _number(fmt(check.mean_abs_gap, self.lang), check.mean_abs_gap is None)
                )
                cells.append(_number(fmt(bias, self.lang, signed=True), bias is None))
                for d in dims:
                    g = check.gaps.get(d)
                    cells.append(_number(fmt(g, self.lang, signed=True), g is None))
            rows.append((check.joint, cells))
        if not t.predictions:
            empty = Text(w("pred.none"))
            empty.stylize("dim")
            rows.append((None, [empty, *([Text("")] * (len(columns) - 1))]))
        fill_table(table, columns, rows)


def _number(text: str, absent: bool) -> Text:
    return Text(text, justify="right", style="dim" if absent else "")
