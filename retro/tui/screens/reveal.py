"""Phase 4, reveal & discuss: the four views side by side, gaps largest first, spreads, change
since last time, the remarks per dimension, and what people are proud of."""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Select, Static, TabbedContent, TabPane

from retro import session_engine as engine
from retro.figures import SPREAD_FLAG, SessionFigures, session_figures
from retro.model import Note, Side
from retro.tui.screens.close import ConfirmCloseScreen, missing_answers
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import literal, literal_text
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.table import FitTable
from retro.words import num

TABS = ("tab-views", "tab-gaps", "tab-remarks", "tab-proud")


class ConfirmRevealScreen(ConfirmCloseScreen):
    """Before the reveal: who still misses how many answers, and whether to reveal anyway."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "answer(True)", "Reveal anyway", id="reveal_anyway"),
        Binding("escape", "answer(False)", "Not yet", id="not_yet"),
    ]

    def on_mount(self) -> None:
        super().on_mount()
        tr = self.app_tr
        self.query_one(".dialog-title", Static).update(tr("reveal.missing_title"))
        self.query_one("#missing-ask", Static).update(tr("reveal.missing_ask"))
        self.query_one("#keep-open", Button).label = f"{tr('key.not_yet')} (esc)"
        self.query_one("#close-anyway", Button).label = f"{tr('key.reveal_anyway')} (r)"

    def app_tr(self, key: str) -> str:
        from retro.words import tr

        return tr(self.lang, key)


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

    @property
    def team_only(self) -> bool:
        """A self-assessment: the agency's own view, its spread and its predictions."""
        return self.session.kind == "self"

    def on_mount(self) -> None:
        if not self.hidden:
            table = self.query_one("#views", DataTable)
            table.add_column(self.tr("reveal.col.dim"), key="dim", width=20)
            keys = (
                ("self", "spread", "pred", "actual", "miss")
                if self.team_only
                else ("aa", "ca", "gapa", "cc", "ac", "gapc")
            )
            for key in keys:
                table.add_column(self.tr(f"reveal.h.{key}"), key=key)
            if not self.team_only:
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
                ConfirmRevealScreen(self.lang, missing),
                lambda go: self._reveal() if go else None,
            )
        else:
            self._reveal()

    def _reveal(self) -> None:
        self.ctx.save(lambda s: replace(s, revealed=True))
        self.retro.goto_phase("reveal")

    # -- figures ------------------------------------------------------------------------

    def _figures(self) -> tuple[SessionFigures, dict[str, tuple[float | None, float | None]]]:
        s, fw = self.session, self.ctx.framework
        keys = list(fw.keys)
        figures = session_figures(s, keys)
        # "Since last time" is the engine's one rule: the latest closed session of this kind.
        prev = engine.previous_comparable(self.ctx.history, s)
        before_figs = session_figures(prev, keys) if prev is not None else None

        def change(key: str, side: Side) -> float | None:
            # None if either session lacks the view (a change from nothing is not news).
            if before_figs is None:
                return None
            now = figures.dimensions[key][side].other
            was = before_figs.dimensions[key][side].other
            return None if now is None or was is None else now - was

        return figures, {k: (change(k, "agency"), change(k, "client")) for k in keys}

    def _refresh_team(self) -> None:
        """The team's self view, spread and prediction; once a later joint session is
        closed, what the client actually scored there and how far the prediction was off."""
        s, lang, fw = self.session, self.lang, self.ctx.framework
        keys = list(fw.keys)
        figures = session_figures(s, keys)
        later = engine.later_joint(self.ctx.history, s)
        actual = session_figures(later, keys) if later is not None else None
        table = self.query_one("#views", DataTable)
        row = table.cursor_row
        table.clear()
        for d in fw.dimensions:
            if not d.rates("agency"):
                continue
            a = figures.dimensions[d.key]["agency"]
            truth = actual.dimensions[d.key]["agency"].other if actual else None
            miss = None if a.prediction is None or truth is None else a.prediction - truth
            table.add_row(
                literal_text(d.title(lang)),
                num(a.self, lang),
                "—" if a.spread_self is None else str(a.spread_self),
                num(a.prediction, lang),
                num(truth, lang),
                num(miss, lang, signed=True),
                key=d.key,
            )
        table.move_cursor(row=row)
        table.fit()
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
