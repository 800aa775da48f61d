"""Phase 6, close: a summary on screen; the session is marked closed (and can be reopened)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from msgspec.structs import replace
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from retro import session_engine as engine
from retro.figures import commitments_kept, session_figures
from retro.tui.dialogs import YesNoDialog
from retro.tui.screens.phase import PhaseScreen
from retro.tui.widgets.literal import clean, literal
from retro.words import num, percent, tr

if TYPE_CHECKING:
    from retro.tui.context import SessionContext


def missing_answers(ctx: SessionContext) -> list[tuple[str, int]]:
    """(who, how many questions they left open) for each rater not yet finished.

    Counted by the session engine, so predictions count as answers exactly as they do on
    the rating screens and in the presence line.
    """
    out: list[tuple[str, int]] = []
    for p in engine.incomplete(ctx.session, ctx.framework):
        rater = p.rater
        side = tr(ctx.lang, f"side.{rater.side}.cap")
        if rater.per_side and ctx.session.rating_mode != "side":
            # The engine's entry of its own for a side's points: nobody agreed a score.
            who = tr(ctx.lang, "close.missing_points", side=side)
        elif rater.per_side:
            who = tr(ctx.lang, "rate.side_rater", side=side)
        else:
            who = ctx.display_name(rater.pid)
        out.append((clean(who, limit=40), len(p.missing)))
    return out


def missing_answers_dialog(
    lang: str, missing: list[tuple[str, int]], *, reveal: bool = False
) -> YesNoDialog:
    """Before closing (or revealing, or showing the scores of an open session): who still
    misses how many answers, and whether to go on anyway. Its key again says yes."""
    shown = missing[:8]  # a long list would push the buttons off 24 rows
    lines = [tr(lang, "close.missing_who", name=name, n=m) for name, m in shown]
    if len(missing) > len(shown):
        lines.append(tr(lang, "close.missing_more", n=len(missing) - len(shown)))
    step = "reveal" if reveal else "close"
    return YesNoDialog(
        tr(lang, f"{step}.missing_ask"),
        lang=lang,
        title=tr(lang, f"{step}.missing_title"),
        intro=tr(lang, "close.missing", n=sum(m for _, m in missing)),
        details=lines,
        yes=tr(lang, "key.reveal_anyway" if reveal else "key.close_anyway"),
        no=tr(lang, "key.not_yet" if reveal else "key.keep_open"),
        key="r" if reveal else "c",
        id=f"confirm-{step}",
    )


class CloseScreen(PhaseScreen):
    PHASE = "close"
    CSS_PATH: ClassVar = ["phase.tcss", "close.tcss"]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "close_session", "Close session", id="close_session"),
        Binding("o", "reopen", "Reopen", id="reopen"),
        Binding("e", "app.export", "Export", id="export"),
    ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(classes="body"):
            yield Static("", id="close-state", classes="big", markup=False)
            yield Static("", id="summary", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#summary").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_phase":
            return False  # the last phase: a greyed-out key would push F1 off 80 columns
        if action == "close_session":
            return not self.ctx.read_only and not self.ctx.participant_id
        if action == "reopen":
            return self.ctx.read_only and not self.ctx.participant_id
        if action == "export":
            return not self.ctx.participant_id
        return super().check_action(action, parameters)

    def action_close_session(self) -> None:
        missing = missing_answers(self.ctx)
        if missing:
            self.app.push_screen(missing_answers_dialog(self.lang, missing), self._confirmed)
        else:
            self._close()

    def _confirmed(self, close: bool | None) -> None:
        if close:
            self._close()

    def _close(self) -> None:
        self.ctx.save(lambda s: replace(s, status="closed", phase="close"))
        self.notify(self.tr("close.closed_note"), markup=False)
        self.session_changed(external=False)
        self.refresh_bindings()

    def action_reopen(self) -> None:
        self.ctx.save(lambda s: replace(s, status="open"), force=True)
        self.notify(self.tr("close.reopened_note"), markup=False)
        self.session_changed(external=False)
        self.refresh_bindings()

    def refresh_view(self) -> None:
        s, lang, fw = self.session, self.lang, self.ctx.framework
        self.query_one("#close-state", Static).update(
            self.tr("close.is_closed") if self.ctx.read_only else self.tr("close.is_open")
        )
        figures = session_figures(s, list(fw.keys))
        raters = {r.participant for r in s.ratings}
        lines = [
            self.tr("close.ratings", n=len(s.ratings), p=len(raters)),
            self.tr("close.kept", pct=percent(commitments_kept(s), lang)),
            "",
            self.tr("close.top_gaps"),
        ]
        for dim, side, gap in figures.gaps_largest_first()[:3]:
            d = fw.dimension(dim)
            lines.append(
                f"  {num(gap, lang, signed=True)}  {d.title(lang) if d else dim} · {self.tr('side.' + side)}"
            )
        lines += ["", self.tr("close.actions")]
        for a in s.actions:
            owner = (
                self.ctx.display_name(a.owner)
                if s.participant(a.owner)
                # A side standing alone as the owner: its capitalised word, as in agree.
                else (
                    self.tr(f"side.{a.owner}.cap") if a.owner in ("client", "agency") else a.owner
                )
            )
            lines.append(f"  • {a.title} — {owner or '—'} · {a.due or '—'}")
        if not s.actions:
            lines.append("  " + self.tr("agree.none"))
        if s.proud:
            lines += ["", self.tr("close.proud")]
            lines += [f"  • {self.ctx.display_name(n.participant)}: {n.text}" for n in s.proud]
        self.query_one("#summary", Static).update(literal("\n".join(lines), multiline=True))
