"""Phase 4, reveal & discuss: the four views side by side, each view's raters as a diverging
bar, gaps of a point or more largest first (smaller ones are agreement), spreads, change since
last time by the reliable-change rule, the remarks per dimension, and what people are proud of.

Each tab is one section composed by its own method (`compose_*`) and painted by its own
`_paint_*`: one more section is one more tab id, compose method and paint call."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Select, Static, TabbedContent, TabPane

from retro import session_engine as engine
from retro.figures import (
    GAP_AT,
    SHOW_SCORES_UP_TO,
    SPREAD_FLAG,
    Change,
    SessionFigures,
    View,
    change_between,
    concentrate_order,
    describe_change,
    describe_view,
    gap_kind,
    has_importance,
    number,
    session_figures,
    shows_distribution,
    view_of,
    withheld,
)
from retro.model import SIDES, History, Note, Session, Side
from retro.tui.bindings import translate_bindings
from retro.tui.screens.close import missing_answers, missing_answers_dialog
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.dimension_bars import DimensionBars
from retro.tui.widgets.importance_grid import ImportancePane
from retro.tui.widgets.literal import literal, literal_text
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.table import FitTable
from retro.words import num

if TYPE_CHECKING:
    from retro.tui.context import SessionContext

TABS = ("tab-views", "tab-bars", "tab-gaps", "tab-weigh", "tab-remarks", "tab-proud")

# The views of the distribution tab: (key, subject, which scores) in the order drawn.
JOINT_VIEWS: tuple[tuple[str, Side, str], ...] = (
    ("aa", "agency", "self"),
    ("ca", "agency", "other"),
    ("cc", "client", "self"),
    ("ac", "client", "other"),
)
TEAM_VIEWS: tuple[tuple[str, Side, str], ...] = (
    ("self", "agency", "self"),
    ("pred", "agency", "prediction"),
)


def raters_top(ns: list[int]) -> tuple[int, int]:
    """The fewest and the most raters of a column's views (0, 0 when nobody rated)."""
    present = [n for n in ns if n]
    return (min(present), max(present)) if present else (0, 0)


def raters_label(top: tuple[int, int]) -> str:
    """A column's raters under its header: "n=3", or "n=2–3" where a dimension has fewer."""
    low, high = top
    return f"n={high}" if low == high else f"n={low}–{high}"


def mean_cell(text: str, n: int, top: int) -> tuple[str, bool]:
    """A mean as its column shows it: with its own raters, "3.7 (2)", only where fewer
    rated it than the header says; and whether it did."""
    below = 0 < n < top
    return (f"{text} ({n})" if below else text), below


class RevealScreen(PhaseScreen):
    PHASE = "reveal"
    CSS_PATH: ClassVar = ["phase.tcss", "reveal.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reveal", "Reveal", id="reveal"),
        # [ and ]: free on every phase screen, typed into the proud note as plain text, and
        # shown as one "[] Tabs" item so the footer still fits 80 columns.
        Binding(
            "left_square_bracket",
            "switch_tab(-1)",
            "Previous tab",
            id="tab_prev",
            group=Binding.Group("Tabs", compact=True),
        ),
        Binding(
            "right_square_bracket",
            "switch_tab(1)",
            "Next tab",
            id="tab_next",
            group=Binding.Group("Tabs", compact=True),
        ),
    ]

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        translate_bindings(self, self.lang, groups={"Tabs": "key.tabs"})
        self._tabs: list[str] = []  # the tabs composed, in order
        self._bar_blocks: list[tuple[int, DimensionBars]] = []  # (dimension, its rows)

    @property
    def hidden(self) -> bool:
        s = self.session
        return s.blind and not s.revealed

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="body"):
            if self.hidden:
                from retro.tui.widgets.presence import presence_for  # who is done, nobody's scores

                yield from presence_for(self.ctx)
                yield Static(self.tr("reveal.hidden"), classes="big", markup=False)
                return
            with TabbedContent(id="reveal-tabs"):
                with TabPane(self.tr("reveal.tab.views"), id="tab-views"):
                    yield FitTable(
                        flex=("dim",),
                        id="views",
                        cursor_type="row",
                        zebra_stripes=True,
                        header_height=2,  # the view, then its raters
                    )
                    yield Static("", id="legend", classes="muted", markup=False)
                with TabPane(self.tr("reveal.tab.bars"), id="tab-bars"):
                    yield from self.compose_bars()
                with TabPane(self.tr("reveal.tab.gaps"), id="tab-gaps"):
                    yield VerticalScroll(Static("", id="gaps", markup=False), classes="pane")
                self._tabs = [t for t in TABS if t != "tab-weigh" or self.weighs]
                if self.weighs:  # issue 13.5: what matters to each side, its own section
                    with TabPane(self.tr("reveal.tab.weigh"), id="tab-weigh"):
                        yield ImportancePane(self.lang, classes="pane")
                with TabPane(self.tr("reveal.tab.remarks"), id="tab-remarks"):
                    yield VerticalScroll(Static("", id="remarks", markup=False), classes="pane")
                with TabPane(self.tr("reveal.tab.proud"), id="tab-proud"):
                    yield Static(self.tr("reveal.proud_intro"), classes="intro", markup=False)
                    with Horizontal(id="proud-form"):
                        yield Select(
                            [
                                (literal(self.ctx.display_name(p.id), limit=24), p.id)
                                for p in self.session.participants
                            ],
                            allow_blank=False,
                            id="proud-who",
                            compact=True,
                            disabled=self.ctx.read_only,
                        )
                        yield SafeInput(
                            placeholder=self.tr("reveal.proud_text"),
                            id="proud-text",
                            compact=True,
                            classes="compact-input",
                            disabled=self.ctx.read_only,
                        )
                    yield VerticalScroll(Static("", id="proud", markup=False), classes="pane")

    def _bar_views(self) -> tuple[tuple[str, Side, str], ...]:
        return TEAM_VIEWS if self.team_only else JOINT_VIEWS

    def compose_bars(self) -> ComposeResult:
        """Per dimension one DimensionBars: its title, a diverging bar per view with the
        raters in words, and per subject whether the two sides agree. Made once (the
        framework is fixed for a session) and filled by _paint_bars. One widget per
        dimension, not ~20: the tab's rows were ~180 of the screen's ~240 widgets, and
        every tab switch restyled all of them (see retro.tui.widgets.dimension_bars)."""
        lang = self.lang
        self._bar_blocks = []
        with VerticalScroll(id="bars", classes="pane"):
            yield Static(self.tr("reveal.bars.intro"), classes="muted", markup=False)
            for i, d in enumerate(self.ctx.framework.dimensions):
                with Vertical(classes="dim-bars"):
                    title: str | None = d.title(lang)
                    rows: list[tuple[str, str]] = []
                    for key, subject, _ in self._bar_views():
                        if not d.rates(subject):
                            continue
                        rows.append((key, self.tr(f"reveal.h.{key}")))
                        if key in ("ca", "ac"):  # the pair's agreement line follows it
                            yield self._bar_block(i, title, rows)
                            yield Static("", id=f"bar-gap-{i}-{subject}", classes="bar-gap")
                            title, rows = None, []
                    if rows:
                        yield self._bar_block(i, title, rows)

    def _bar_block(self, i: int, title: str | None, rows: list[tuple[str, str]]) -> DimensionBars:
        block = DimensionBars(title, rows, classes="bar-rows")
        self._bar_blocks.append((i, block))
        return block

    @property
    def weighs(self) -> bool:
        """Whether this session asked what matters (or holds points all the same)."""
        s = self.session
        return not self.team_only and (s.ask_importance or has_importance(s))

    def _order(self) -> list:
        """The framework's dimensions, "concentrate here" first (figures.concentrate_order)."""
        fw = self.ctx.framework
        order = concentrate_order(self.ctx.visible(), list(fw.keys))
        return [d for key in order if (d := fw.dimension(key)) is not None]

    @property
    def team_only(self) -> bool:
        """A self-assessment: the agency's own view, its spread and its predictions."""
        return self.session.kind == "self"

    def on_mount(self) -> None:
        if not self.hidden:
            self._set_columns({})
        super().on_mount()
        if not self.hidden:
            self.query_one("#views", DataTable).focus()

    def _set_columns(self, raters: dict[str, str]) -> None:
        """The table's columns, each view's header with its raters under it ("n=3"): a
        mean is read with the number behind it (issue 13), and a header line keeps every
        cell as narrow as before, so the table still fits 80 columns in Dutch."""
        table = self.query_one("#views", DataTable)
        table.clear(columns=True)
        table.add_column(self.tr("reveal.col.dim"), key="dim", width=20)
        keys = (
            ("self", "spread", "pred", "actual", "miss")
            if self.team_only
            else ("aa", "ca", "gapa", "cc", "ac", "gapc")
        )
        for key in keys:
            label = self.tr(f"reveal.h.{key}")
            table.add_column(f"{label}\n{raters[key]}" if key in raters else label, key=key)
        if not self.team_only:
            table.add_column(self.tr("reveal.h.delta"), key="delta")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_tab":
            return not self.hidden
        if action == "reveal":
            return self.hidden and not self.ctx.read_only and not self.ctx.participant_id
        return super().check_action(action, parameters)

    def action_switch_tab(self, step: int) -> None:
        """The next or previous tab, round the end, with the cursor in what it shows."""
        tabs = self.query_one("#reveal-tabs", TabbedContent)
        # The tabs as composed, not a search of the whole screen per tab id: that search
        # was a third of a key's time on a screen of ~240 widgets.
        present = self._tabs
        tab = present[(present.index(tabs.active) + step) % len(present)]
        tabs.active = tab
        # Not the proud note's Input: there, [ and ] are text and the tab would be stuck;
        # what is typed on the proud tab goes into the note all the same (on_key).
        target = {"tab-views": "#views", "tab-proud": "#proud-who"}.get(tab, f"#{tab} .pane")
        self.query_one(target).focus()

    def on_key(self, event: events.Key) -> None:
        """On the proud tab, typing goes into its note, wherever the focus was."""
        if self.hidden or not event.is_printable or event.character in (None, "[", "]"):
            return
        tabs = self.query_one("#reveal-tabs", TabbedContent)
        field = self.query_one("#proud-text", Input)
        if tabs.active != "tab-proud" or self.focused is field or field.disabled:
            return
        event.stop()
        event.prevent_default()
        self.set_focus(field)
        # Handed on as the same key, so it is typed exactly as the note would have typed it.
        field.post_message(events.Key(event.key, event.character))

    def action_reveal(self) -> None:
        """Reveal, after a look at completeness: who still misses what, and ask."""
        missing = missing_answers(self.ctx)
        if missing:
            self.app.push_screen(
                missing_answers_dialog(self.lang, missing, reveal=True),
                lambda go: self._reveal() if go else None,
            )
        else:
            self._reveal()

    def _reveal(self) -> None:
        self.ctx.save(lambda s: replace(s, revealed=True))
        self.retro.goto_phase("reveal")

    # -- figures ------------------------------------------------------------------------

    def _figures(self) -> tuple[SessionFigures, dict[tuple[str, Side], Change]]:
        """This session's figures, and per dimension and subject the change of the other
        view since last time with the reliable-change verdict (retro.figures)."""
        s, fw = self.session, self.ctx.framework
        keys = list(fw.keys)
        figures = session_figures(s, keys)
        return figures, changes_since(self.ctx.history, s, keys, figures)

    def _refresh_team(self) -> None:
        """The team's self view, spread and prediction; once a later joint session is
        closed, what the client actually scored there and how far the prediction was off."""
        s, lang, fw = self.session, self.lang, self.ctx.framework
        keys = list(fw.keys)
        figures = session_figures(s, keys)
        later = engine.later_joint(self.ctx.history, s)
        actual = session_figures(later, keys) if later is not None else None
        table = self.query_one("#views", FitTable)
        row = table.cursor_row
        dims = [d for d in fw.dimensions if d.rates("agency")]
        shown: list[tuple[View, View, View]] = []
        for d in dims:
            a = figures.dimensions[d.key]["agency"]
            scored = actual.dimensions[d.key]["agency"].other_scores if actual else View(())
            shown.append((a.self_scores, self._bar_view(figures, d.key, "agency", "pred"), scored))
        tops = {
            key: raters_top([v[i].n for v in shown])
            for i, key in enumerate(("self", "pred", "actual"))
        }
        self._set_columns({k: raters_label(n) for k, n in tops.items() if n[1]})
        own_n = False
        for d, views in zip(dims, shown, strict=True):
            a = figures.dimensions[d.key]["agency"]
            truth = actual.dimensions[d.key]["agency"].other if actual else None
            miss = None if a.prediction is None or truth is None else a.prediction - truth
            cells = []
            for key, value, view in zip(
                ("self", "pred", "actual"), (a.self, a.prediction, truth), views, strict=True
            ):
                text, below = mean_cell(num(value, lang), view.n, tops[key][1])
                own_n = own_n or below
                cells.append(text)
            table.add_row(
                literal_text(d.title(lang)),
                cells[0],
                "—" if a.spread_self is None else str(a.spread_self),
                cells[1],
                cells[2],
                num(miss, lang, signed=True),
                key=d.key,
            )
        self._set_legend(team=True, own_n=own_n, n=any(n for _, n in tops.values()))
        table.move_cursor(row=row)
        table.fit()
        self._paint_bars(figures, {})
        self._paint_gaps(figures)
        self._paint_remarks()
        self._paint_proud()

    def refresh_view(self) -> None:
        if self.hidden:
            return
        if self.team_only:
            self._refresh_team()
            return
        figures, change = self._figures()
        s, lang = self.session, self.lang
        table = self.query_one("#views", FitTable)
        row = table.cursor_row
        used: set[str] = set()  # what the legend must explain: only what the table shows

        def cell(value: float | None, view: View, spread: int | None, top: int) -> object:
            # One or two raters: their scores, not a decimal mean (figures.SHOW_SCORES_UP_TO),
            # where anonymity allows; "/" because a Dutch "4,2" would read as a decimal.
            # A mean's raters are in the header; a cell names its own only where fewer.
            if 0 < view.n <= SHOW_SCORES_UP_TO and shows_distribution(s, view):
                text = "/".join(str(v) for v in sorted(view.scores, reverse=True))
                used.add("scores" if view.n == 2 else "")
            else:
                text, below = mean_cell(num(value, lang), view.n, top)
                used.add("own_n" if below else "")
            if spread is not None and spread >= SPREAD_FLAG:
                used.add("spread")
                return literal_text(f"{text}⚠", "bold")
            return text

        def gap_cell(gap: float | None) -> object:
            # Under GAP_AT is agreement: faint, so the eye goes to the real differences.
            kind = gap_kind(gap)
            if kind is None:
                return num(gap, lang, signed=True)
            return literal_text(
                num(gap, lang, signed=True), "dim" if kind == "agreement" else "bold"
            )

        def delta(key: str) -> str:
            parts = [describe_change(change.get((key, side)), lang, places=1) for side in SIDES]
            return " ".join(p or "–" for p in parts)  # agency then client

        # Spreads only where the distribution may show: max-min of two gives both away.
        rows = [
            (
                d,
                withheld(s, figures.dimensions[d.key]["agency"]),
                withheld(s, figures.dimensions[d.key]["client"]),
            )
            for d in self._order()
        ]
        tops = {
            "aa": raters_top([a.self_scores.n for _, a, _ in rows]),
            "ca": raters_top([a.other_scores.n for _, a, _ in rows]),
            "cc": raters_top([c.self_scores.n for _, _, c in rows]),
            "ac": raters_top([c.other_scores.n for _, _, c in rows]),
        }
        self._set_columns({k: raters_label(n) for k, n in tops.items() if n[1]})
        for d, a, c in rows:
            table.add_row(
                literal_text(d.title(lang)),
                cell(a.self, a.self_scores, a.spread_self, tops["aa"][1]),
                cell(a.other, a.other_scores, a.spread_other, tops["ca"][1]),
                gap_cell(a.gap),
                cell(c.self, c.self_scores, c.spread_self, tops["cc"][1]),
                cell(c.other, c.other_scores, c.spread_other, tops["ac"][1]),
                gap_cell(c.gap),
                delta(d.key),
                key=d.key,
            )
        self._set_legend(
            team=False,
            own_n="own_n" in used,
            n=any(n for _, n in tops.values()),
            scores="scores" in used,
            spread="spread" in used,
        )
        table.move_cursor(row=row)
        table.fit()
        self._paint_bars(figures, change)
        self._paint_gaps(figures)
        self._paint_remarks()
        self._paint_proud()
        if self.weighs:
            self.query_one(ImportancePane).paint(self.ctx.visible(), self.ctx.framework)

    def _set_legend(
        self, *, team: bool, own_n: bool, n: bool, scores: bool = False, spread: bool = False
    ) -> None:
        """The legend of the four views: only the signs the table shows (an anonymous
        session's means have no "4/2", a table without a flagged spread no ⚠)."""
        parts = [
            ("views", not team),
            ("n", n),
            ("own_n", own_n),
            ("scores", scores),
            ("delta", not team),
            ("spread", spread),
        ]
        mean = number(3.7, self.lang)
        text = " · ".join(self.tr(f"reveal.legend.{k}", mean=mean) for k, on in parts if on)
        legend = self.query_one("#legend", Static)
        legend.update(text)
        legend.display = bool(text)

    def _bar_view(self, figures: SessionFigures, dim: str, subject: Side, which: str) -> View:
        f = figures.dimensions[dim][subject]
        if which == "self":
            return f.self_scores
        if which == "other":
            return f.other_scores
        return view_of(p.score for p in self.session.predictions if p.dimension == dim)

    def _paint_bars(self, figures: SessionFigures, change: dict[tuple[str, Side], Change]) -> None:
        """Fill the distribution tab: every bar on one scale (the largest view's raters
        fill one side), the raters in words beside it, and per subject agreement or gap."""
        s, lang = self.session, self.lang
        dims = list(self.ctx.framework.dimensions)
        views = {
            (i, key): self._bar_view(figures, d.key, subject, which)
            for i, d in enumerate(dims)
            for key, subject, which in self._bar_views()
            if d.rates(subject)
        }
        most = max((v.n for v in views.values()), default=1)
        bars: dict[tuple[int, str], tuple[View, bool, str]] = {}
        for (i, key), view in views.items():
            shown = shows_distribution(s, view)
            words = describe_view(view, lang, shown, with_scores=True)
            if view.na:
                words += f" · {self.tr('na')} {view.na}"
            if view.n and not shown:
                words += " · " + self.tr("reveal.bars.withheld", k=s.distribution_min_raters)
            bars[(i, key)] = (view, shown, words)
        for i, block in self._bar_blocks:
            block.show({key: bars[(i, key)] for key in block.keys if (i, key) in bars}, most)
        if self.team_only:
            return
        for i, d in enumerate(dims):
            for subject in SIDES:
                if not d.rates(subject):
                    continue
                gap = figures.dimensions[d.key][subject].gap
                kind = gap_kind(gap)
                parts = []
                if kind is not None and gap is not None:
                    parts.append(
                        self.tr(
                            f"reveal.bars.{kind}",
                            subject=self.tr(f"side.{subject}.cap"),
                            gap=number(gap, lang, signed=True),
                            at=number(GAP_AT, lang, 0),
                        )
                    )
                verdict = change.get((d.key, subject))
                if verdict is not None and verdict.value is not None:
                    since = self.tr("reveal.bars.since", change=describe_change(verdict, lang, 1))
                    if not verdict.clear:
                        since += f" ({self.tr('reveal.bars.no_clear')})"
                    parts.append(since)
                self.query_one(f"#bar-gap-{i}-{subject}", Static).update(literal(" · ".join(parts)))

    def _paint_gaps(self, figures: SessionFigures) -> None:
        """Differences of GAP_AT or more, largest first; the smaller gaps are listed once as
        agreement, never ranked: a half-point gap between two raters is noise."""
        s, lang, fw = self.session, self.lang, self.ctx.framework
        at = number(GAP_AT, lang, 0)
        lines: list[str] = []
        differences = figures.differences()
        if differences:
            lines.append(self.tr("reveal.differences", at=at))
        for dim, side, gap in differences:
            d = fw.dimension(dim)
            f = withheld(s, figures.dimensions[dim][side])
            lines.append(
                self.tr(
                    "reveal.gap_line",
                    dim=d.title(lang) if d else dim,
                    subject=self.tr(f"side.{side}"),
                    own=num(f.self, lang),
                    other=num(f.other, lang),
                    gap=num(gap, lang, signed=True),
                )
            )
            for who, spread in ((side, f.spread_self), ("other", f.spread_other)):
                if spread is not None and spread >= SPREAD_FLAG:
                    rater = side if who == side else ("client" if side == "agency" else "agency")
                    lines.append(
                        "   "
                        + self.tr("reveal.spread", side=self.tr(f"side.{rater}.cap"), n=spread)
                    )
            if side == "agency" and f.prediction is not None:
                lines.append(
                    "   "
                    + self.tr("reveal.prediction", p=num(f.prediction, lang), a=num(f.other, lang))
                )
        agreed = [
            f"{(d.title(lang) if (d := fw.dimension(dim)) else dim)} "
            f"({self.tr(f'side.{side}')} {number(gap, lang, signed=True)})"
            for dim, side, gap in figures.gaps_largest_first()
            if gap_kind(gap) == "agreement"
        ]
        if figures.gaps_largest_first() and not differences:
            lines.append(self.tr("reveal.no_differences", at=at))
        if agreed:
            lines += ["", self.tr("reveal.agreement", at=at, items="; ".join(agreed))]
        self.query_one("#gaps", Static).update(
            literal("\n".join(lines) or self.tr("reveal.no_gaps"), multiline=True)
        )

    def _paint_remarks(self) -> None:
        s, lang = self.session, self.lang
        blocks: list[str] = []
        for d in self.ctx.framework.dimensions:
            lines = []
            for r in s.ratings:
                if r.dimension != d.key or not (r.works or r.doesnt or r.why):
                    continue
                head = f"  {self.ctx.display_name(r.participant)} → {self.tr('side.' + r.subject)}"
                lines.append(head)
                for mark, text in (("+", r.works), ("−", r.doesnt), ("?", r.why)):
                    if text:
                        lines.append(f"    {mark} {text}")
            if lines:
                blocks.append("\n".join([d.title(lang), *lines]))
        text = "\n\n".join(blocks) or self.tr("reveal.no_remarks")
        self.query_one("#remarks", Static).update(literal(text, multiline=True))

    def _paint_proud(self) -> None:
        lines = [f"• {self.ctx.display_name(n.participant)}: {n.text}" for n in self.session.proud]
        text = "\n".join(lines) or self.tr("reveal.no_proud")
        self.query_one("#proud", Static).update(literal(text, multiline=True))

    @on(Input.Submitted, "#proud-text")
    def _add_proud(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        who = self.query_one("#proud-who", Select).value
        if not text or not isinstance(who, str):
            return
        note = Note(who, text)
        self.ctx.save(lambda s: replace(s, proud=(*s.proud, note)))
        event.input.value = ""
        self._paint_proud()


def changes_since(
    history: History, session: Session, keys: list[str], figures: SessionFigures
) -> dict[tuple[str, Side], Change]:
    """Per dimension and subject: the other view's change since the previous comparable
    session (the engine's rule), judged by the reliable-change rule on the steps of the
    closed sessions of this kind before it (retro.figures.change_between)."""
    earlier = sorted(
        (
            x
            for x in engine.closed_of_kind(history, session.kind)
            if x.id != session.id and (x.date, x.id) < (session.date, session.id)
        ),
        key=lambda x: (x.date, x.id),
    )
    prev = engine.previous_comparable(history, session)
    if prev is None or not earlier or earlier[-1].id != prev.id:
        return {}
    series_figures = [session_figures(x, keys) for x in earlier] + [figures]
    out: dict[tuple[str, Side], Change] = {}
    last = len(series_figures) - 1
    for key in keys:
        for side in SIDES:
            series = [f.dimensions[key][side].other for f in series_figures]
            out[(key, side)] = change_between(series, last - 1, last)
    return out
