"""Phase 4, reveal & discuss: the four views side by side, gaps largest first, spreads, change
since last time, the remarks per dimension, and what people are proud of."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Input, Select, Static, TabbedContent, TabPane

from retro.figures import SPREAD_FLAG, SessionFigures, session_figures, trend
from retro.model import History, Note, Side
from retro.tui.i18n import num
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import literal, literal_text
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.table import FitTable

TABS = ("tab-views", "tab-gaps", "tab-remarks", "tab-proud")


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

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        group = Binding.Group(self.tr("key.tabs"), compact=True)
        bindings = self._bindings.key_to_bindings
        for key, items in bindings.items():
            bindings[key] = [replace(b, group=group) if b.group else b for b in items]

    @property
    def hidden(self) -> bool:
        s = self.session
        return s.blind and not s.revealed

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="body"):
            if self.hidden:
                from retro.tui.widgets.presence import presence_for  # issue 6: who is done

                yield from presence_for(self.ctx)
                yield Static(self.tr("reveal.hidden"), classes="big", markup=False)
                return
            with TabbedContent(id="reveal-tabs"):
                with TabPane(self.tr("reveal.tab.views"), id="tab-views"):
                    yield FitTable(flex=("dim",), id="views", cursor_type="row", zebra_stripes=True)
                    yield Static(
                        self.tr("reveal.legend"), id="legend", classes="muted", markup=False
                    )
                with TabPane(self.tr("reveal.tab.gaps"), id="tab-gaps"):
                    yield VerticalScroll(Static("", id="gaps", markup=False), classes="pane")
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

    def on_mount(self) -> None:
        if not self.hidden:
            table = self.query_one("#views", DataTable)
            table.add_column(self.tr("reveal.col.dim"), key="dim", width=20)
            for key in ("aa", "ca", "gapa", "cc", "ac", "gapc"):
                table.add_column(self.tr(f"reveal.h.{key}"), key=key)
            table.add_column(self.tr("reveal.h.delta"), key="delta")
        super().on_mount()
        if not self.hidden:
            self.query_one("#views", DataTable).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_tab":
            return not self.hidden
        if action == "reveal":
            return self.hidden and not self.ctx.read_only and not self.ctx.participant_id
        return super().check_action(action, parameters)

    def action_switch_tab(self, step: int) -> None:
        """The next or previous tab, round the end, with the cursor in what it shows."""
        tabs = self.query_one("#reveal-tabs", TabbedContent)
        tab = TABS[(TABS.index(tabs.active) + step) % len(TABS)]
        tabs.active = tab
        # Not the proud note's Input: there, [ and ] are text and the tab would be stuck.
        target = {"tab-views": "#views", "tab-proud": "#proud-who"}.get(tab, f"#{tab} .pane")
        self.query_one(target).focus()

    def action_reveal(self) -> None:
        self.ctx.save(lambda s: replace(s, revealed=True))
        self.retro.goto_phase("reveal")

    # -- figures ------------------------------------------------------------------------

    def _figures(self) -> tuple[SessionFigures, dict[str, tuple[float | None, float | None]]]:
        s, fw = self.session, self.ctx.framework
        keys = list(fw.keys)
        figures = session_figures(s, keys)
        earlier = tuple(
            x
            for x in self.ctx.history.sessions
            if x.kind == s.kind and (x.date, x.id) < (s.date, s.id)
        )
        hist = History(self.ctx.history.relationship, (*earlier, s))
        t = trend(hist, keys)

        def change(key: str, side: Side) -> float | None:
            # This session's view against the latest earlier one that has it; none if
            # this session has no view yet (a trend between two old sessions is not news).
            series = t.series(key, side, "other")
            now, before = series[-1], [v for v in series[:-1] if v is not None]
            return None if now is None or not before else now - before[-1]

        return figures, {k: (change(k, "agency"), change(k, "client")) for k in keys}

    def refresh_view(self) -> None:
        if self.hidden:
            return
        figures, change = self._figures()
        lang, fw = self.lang, self.ctx.framework
        table = self.query_one("#views", DataTable)
        row = table.cursor_row
        table.clear()

        def cell(value: float | None, spread: int | None, signed: bool = False) -> object:
            text = num(value, lang, signed=signed)
            if spread is not None and spread >= SPREAD_FLAG:
                return literal_text(f"{text}⚠", "bold")
            return text

        for d in fw.dimensions:
            a = figures.dimensions[d.key]["agency"]
            c = figures.dimensions[d.key]["client"]
            da, dc = change[d.key]
            table.add_row(
                literal_text(d.title(lang)),
                cell(a.self, a.spread_self),
                cell(a.other, a.spread_other),
                cell(a.gap, None, True),
                cell(c.self, c.spread_self),
                cell(c.other, c.spread_other),
                cell(c.gap, None, True),
                f"{num(da, lang, signed=True)}/{num(dc, lang, signed=True)}",
                key=d.key,
            )
        table.move_cursor(row=row)
        table.fit()
        self._paint_gaps(figures)
        self._paint_remarks()
        self._paint_proud()

    def _paint_gaps(self, figures: SessionFigures) -> None:
        lang, fw = self.lang, self.ctx.framework
        lines: list[str] = []
        for dim, side, gap in figures.gaps_largest_first():
            d = fw.dimension(dim)
            f = figures.dimensions[dim][side]
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
