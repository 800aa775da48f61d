"""For the facilitator: the session's join code and, live, who has finished rating.

Participants save from other processes (terminals, browser tabs, pack imports), so
this widget watches the relationship file itself: a stat every half second, a fresh
read only when the mtime moved. It shows counts, never scores, so it can sit on a
projected screen while rating is still blind.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from retro import session_engine as engine
from retro.frameworks import Framework, get_framework
from retro.model import Session
from retro.serve import ensure_join_code, format_code
from retro.store import StoreError, Workspace
from retro.tui.widgets.literal import clean
from retro.words import DEFAULT_LANGUAGE, tr


def progress(session: Session, fw: Framework) -> list[tuple[str, str, int, int]]:
    """(name, side, answered, total) per participant, in the session's order.

    The session engine's count; empty when the session is rated per side: then nobody
    answers for themselves.
    """
    if session.rating_mode == "side":
        return []
    return [(p.rater.name, p.rater.side, p.answered, p.total) for p in engine.progress(session, fw)]


class Presence(Vertical):
    """Join code, then each participant: ✓ when finished, else answered/total.

    Two lines at most on 80 columns, so it fits above a phase screen's body.
    """

    DEFAULT_CSS = """
    Presence {
        height: auto;
        background: $boost;
        padding: 0 1;
    }
    """

    class Changed(Message):
        """The session changed on disk (someone answered elsewhere); carries the fresh copy."""

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    def __init__(
        self,
        ws: Workspace,
        rel_id: str,
        sid: str,
        *,
        lang: str = DEFAULT_LANGUAGE,
        interval: float = 0.5,
        name_of: Callable[[str], str] | None = None,
        id: str | None = "presence",
    ) -> None:
        super().__init__(id=id)
        self.ws, self.rel_id, self.sid, self.lang = ws, rel_id, sid, lang
        # The shared screen's name for a participant id (number and side when anonymous):
        # this line sits on the projector too.
        self.name_of = name_of
        self.interval = interval
        self.path: Path = ws.path_of(rel_id)
        self.code = ""
        self.stamp: int | None = None
        self.session: Session | None = None
        self.framework: Framework | None = None
        # Monotonic time of the last repaint after a change: what the latency bench reads.
        self.updated_at = 0.0

    def t(self, key: str) -> str:
        return tr(self.lang, f"presence.{key}")

    def compose(self) -> ComposeResult:
        yield Static(id="presence-code")
        yield Static(id="presence-people")

    def on_mount(self) -> None:
        self.start()
        self.set_interval(self.interval, self.poll)

    @work(thread=True, exclusive=True, group="presence")
    def start(self) -> None:
        try:
            code = ensure_join_code(self.ws, self.rel_id, self.sid)
        except StoreError as e:
            self.app.call_from_thread(self.notify, str(e), severity="error", markup=False)
            return
        self.app.call_from_thread(self._set_code, code)
        self.reload()

    def _set_code(self, code: str) -> None:
        self.code = code
        self.query_one("#presence-code", Static).update(
            Content.assemble(
                (f"{self.t('code')}: ", "bold"),
                (format_code(code), "bold reverse"),
                (f"   {self.t('how')}", "dim"),
            )
        )

    def _stat(self) -> int | None:
        try:
            return self.path.stat().st_mtime_ns
        except OSError:
            return None

    def poll(self) -> None:
        if self._stat() != self.stamp:
            self.reload()

    @work(thread=True, exclusive=True, group="presence-read")
    def reload(self) -> None:
        stamp = self._stat()
        try:
            session = self.ws.load(self.rel_id).session(self.sid)
        except StoreError:
            return  # a half-finished rename or a damaged file: the next poll tries again
        if session is None:
            return
        fw = self.framework or get_framework(
            session.framework, session.framework_version, self.ws.root
        )
        self.app.call_from_thread(self._show, session, fw, stamp)

    def _show(self, session: Session, fw: Framework | None, stamp: int | None) -> None:
        self.stamp, self.framework = stamp, fw
        changed = self.session is not None and session != self.session
        self.session = session
        people = self.query_one("#presence-people", Static)
        if fw is None:
            people.update("")
            return
        parts = []
        rows = [] if session.rating_mode == "side" else engine.progress(session, fw)
        for row in rows:
            name = self.name_of(row.rater.pid) if self.name_of else row.rater.name
            answered, total = row.answered, row.total
            mark = (
                f"✓ {clean(name)}" if answered >= total else f"· {clean(name)} {answered}/{total}"
            )
            parts.append(mark)
        people.update(Content("   ".join(parts)) if parts else Content(self.t("none")))
        self.updated_at = time.monotonic()
        if changed:
            self.post_message(self.Changed(session))

    def finished_names(self) -> list[str]:
        if self.session is None or self.framework is None:
            return []
        return [n for n, _, a, t in progress(self.session, self.framework) if a >= t]


def presence_for(ctx: Any) -> Iterator[Presence]:
    """The hook for the facilitator's phase screens: a Presence when it makes sense.

    Only for the facilitator (not a participant's own screen), only while the session is
    open, and only in a live app (watch_interval set): a still screenshot has no use for
    a live line, and a join code made up on the spot would differ from run to run.
    """
    if ctx.participant_id or ctx.read_only or not getattr(ctx.app, "watch_interval", None):
        return
    yield Presence(ctx.workspace, ctx.rel_id, ctx.sid, lang=ctx.lang, name_of=ctx.display_name)
