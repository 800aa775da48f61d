"""Phase "what matters": each side divides 100 points over the dimensions (issue 13.5).

Asked after rating and before the reveal, because importance asked as a rating comes out
uniformly high; a forced division ranks. One allocation per side, agreed in the room or
entered by one of its members on their own device (marked, and taken over only after
asking, as rating does). Blind: an allocation from a device stays hidden here until the
reveal, by the engine's rule for scores.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Static

from retro import session_engine as engine
from retro.figures import importance_of
from retro.model import DEVICE, IMPORTANCE_POINTS, SIDES, Side
from retro.tui.dialogs import take_over_dialog
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.points import PointsTable

if TYPE_CHECKING:
    from retro.tui.context import SessionContext


class WeighScreen(PhaseScreen):
    PHASE = "weigh"
    CSS_PATH: ClassVar = ["phase.tcss", "weigh.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch_side", "Side", id="weigh_side", priority=True),
    ]

    def __init__(self, ctx: SessionContext) -> None:
        super().__init__(ctx)
        # The client first: in a joint retro the agency works for the client's priorities.
        sides = engine.answering_sides(ctx.session.kind)
        self.sides: tuple[Side, ...] = tuple(s for s in ("client", "agency") if s in sides)
        self.side: Side = self.sides[0]
        self._taken_over: set[Side] = set()

    def compose_body(self) -> ComposeResult:
        with Vertical(classes="body"):
            yield Static(
                self.tr("weigh.intro", total=IMPORTANCE_POINTS), classes="intro", markup=False
            )
            with Horizontal(id="weigh-sides"):
                for side in self.sides:
                    yield Button("", id=f"side-{side}", compact=True)
            yield Static("", id="weigh-device", classes="warning", markup=False)
            yield PointsTable(
                [(d.key, d.title(self.lang)) for d in self.ctx.framework.dimensions],
                id="points",
                on_change=self._changed,
                on_refused=self._refused,
                on_locked=self._ask_take_over,
            )
            yield Static("", id="weigh-reason", markup=False)
            yield Static(self.tr("weigh.hint"), id="weigh-hint", classes="muted", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one(PointsTable)
        table.disabled = self.ctx.read_only
        self.set_focus(table)

    # -- what this screen may show ------------------------------------------------------

    def _from_device(self, side: Side) -> bool:
        return side not in self._taken_over and any(
            w.side == side and w.origin == DEVICE for w in self.session.importance
        )

    def _hidden(self, side: Side) -> bool:
        """Entered on a device and hidden from this (projected) screen until the reveal."""
        entered = any(w.side == side for w in self.session.importance)
        shown = any(w.side == side for w in self.ctx.visible().importance)
        return entered and not shown

    def _points(self, side: Side) -> dict[str, int]:
        return importance_of(self.ctx.visible(), side)

    # -- painting -----------------------------------------------------------------------

    def refresh_view(self) -> None:
        table = self.query_one(PointsTable)
        hidden = self._hidden(self.side) and self.side not in self._taken_over
        table.load(
            {} if hidden else self._points(self.side),
            hidden=hidden,
            locked=self._from_device(self.side),
        )
        self._paint_sides()

    def _paint_sides(self) -> None:
        table = self.query_one(PointsTable)
        for side in self.sides:
            if self._hidden(side) and side not in self._taken_over:
                given = None
            elif side == self.side:
                given = table.total
            else:
                given = sum(self._points(side).values())
            name = self.tr(f"side.{side}.cap")
            if given is None:
                label = f"{name}: ·"
            elif given >= IMPORTANCE_POINTS:
                label = self.tr("weigh.done", side=name, total=IMPORTANCE_POINTS)
            else:
                label = self.tr(
                    "weigh.left", side=name, left=IMPORTANCE_POINTS - given, total=IMPORTANCE_POINTS
                )
            button = self.query_one(f"#side-{side}", Button)
            if str(button.label) != label:
                button.label = label
                # Button.label does not lay out again: a longer label ("alle 100
                # verdeeld") would wrap into the one row and lose its last word.
                button.refresh(layout=True)
            button.set_class(side == self.side, "-active")
        if table.hidden:
            note = self.tr("weigh.hidden")
        elif table.locked:
            note = self.tr("weigh.device")
        else:
            note = ""
        self.show("#weigh-device", note)

    # -- answers ------------------------------------------------------------------------

    def _changed(self, points: dict[str, int]) -> None:
        """Every accepted change is saved at once, through the context's one save path."""
        side = self.side
        self.show("#weigh-reason", "")
        self.ctx.save(lambda s: engine.with_importance(s, side, points))
        self._paint_sides()

    def _refused(self, dim: str, most: int, elsewhere: int, capped: bool) -> None:
        """Said under the table until the next accepted change: a step refused, or a typed
        number capped to the most the row can have."""
        d = self.ctx.framework.dimension(dim)
        self.show(
            "#weigh-reason",
            self.tr(
                "weigh.capped" if capped else "weigh.over",
                total=IMPORTANCE_POINTS,
                dim=d.title(self.lang) if d else dim,
                most=most,
                given=elsewhere,
            ),
        )
        self.app.bell()

    def _ask_take_over(self, change: Callable[[], object]) -> None:
        """A key on a side's allocation from a device: ask, as rating does, then unlock."""
        if self.ctx.read_only:
            return
        side = self.side

        def answered(take: bool | None) -> None:
            if take and self.side == side:
                self._taken_over.add(side)
                table = self.query_one(PointsTable)
                # What was hidden stays hidden: a taken-over hidden allocation starts empty.
                table.load(table.points if not table.hidden else {})
                self._paint_sides()
                self.set_focus(table)
                change()  # the key that asked, applied now

        self.app.push_screen(take_over_dialog(self.lang, self.tr(f"side.{side}.cap")), answered)

    def leave_for(self, phase: str) -> None:
        self.leave_for_scores(phase)

    # -- sides --------------------------------------------------------------------------

    def action_switch_side(self) -> None:
        if len(self.sides) < 2:
            return
        self._select(self.sides[(self.sides.index(self.side) + 1) % len(self.sides)])

    def _select(self, side: Side) -> None:
        self.side = side
        self.show("#weigh-reason", "")
        table = self.query_one(PointsTable)
        table.restart()  # the other side calls out its points from the top
        hidden = self._hidden(side) and side not in self._taken_over
        table.load(
            {} if hidden else self._points(side), hidden=hidden, locked=self._from_device(side)
        )
        self._paint_sides()
        self.set_focus(table)

    @on(Button.Pressed, "#weigh-sides Button")
    def _side_clicked(self, event: Button.Pressed) -> None:
        side = (event.button.id or "").removeprefix("side-")
        for known in SIDES:
            if side == known:
                self._select(known)
