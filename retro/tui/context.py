"""One open session as the app sees it: the latest known state, and every answer on its way to disk.

Answers are applied to the screen at once and saved in order by one background
drainer, so a lock held by another participant never freezes the meeting. A save that
fails stays pending (shown, retried with ctrl+s) and is re-applied over every fresh
read, so no answer is lost; while saves keep failing (a full or read-only disk, a lock
held elsewhere) they are retried on a timer until they land. A light poll re-reads the file when another process
changed it, which keeps a facilitator's screen live while others type elsewhere.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from retro import session_engine as engine
from retro.frameworks import Framework, default_framework, get_framework
from retro.model import PHASES, History, Session
from retro.session_engine import Rater
from retro.store import StoreError, Workspace

if TYPE_CHECKING:
    from textual.app import App

Change = Callable[[Session], Session]

# How long a failed save waits before it is tried again by itself (ctrl+s tries at once).
RETRY_SECONDS = 5.0


class SessionContext:
    def __init__(
        self,
        app: App,
        workspace: Workspace,
        history: History,
        session: Session,
        *,
        participant_id: str | None = None,
    ) -> None:
        self.app = app
        self.workspace = workspace
        self.history = history
        self.session = session
        self.participant_id = participant_id
        self.framework: Framework = (
            get_framework(session.framework, session.framework_version, workspace.root)
            or default_framework()
        )
        self._queue: deque[Change] = deque()
        self._queue_lock = threading.Lock()
        self._drain_lock = threading.Lock()
        self.pending: list[Change] = []
        # Failed changes back in the queue for another try: unsaved until that try lands.
        self._retrying = 0
        self._mtime = self._stat()
        self._polling = False
        self._retry_timer: object | None = None
        self._last_error: str | None = None
        # A language to show this session in without changing it: for a closed session
        # (read-only) and for a participant, whose choice is their own, not the meeting's.
        self.view_lang: str | None = None

    # -- identity ---------------------------------------------------------------------

    @property
    def rel_id(self) -> str:
        return self.history.relationship.id

    @property
    def sid(self) -> str:
        return self.session.id

    @property
    def lang(self) -> str:
        return self.view_lang or self.session.language

    @property
    def path(self) -> Path:
        return self.workspace.path_of(self.rel_id)

    @property
    def read_only(self) -> bool:
        return self.session.status == "closed"

    def display_name(self, pid: str) -> str:
        """A name for the shared screen: anonymous sessions show only a number and a side."""
        p = self.session.participant(pid)
        if p is None:
            return pid
        if self.session.anonymous:
            from retro.words import tr

            n = self.session.participants.index(p) + 1
            return f"#{n} ({tr(self.lang, 'side.' + p.side)})"
        return p.name or p.id

    def raters(self) -> list[Rater]:
        """Who rates in this session, in order (the session engine's rule)."""
        return engine.raters(self.session, self.participant_id)

    def visible(self) -> Session:
        """The session as this screen may show it: blind hides scores given on devices."""
        viewer = self.participant_id if self.participant_id else engine.FACILITATOR
        return engine.visible_session(self.session, self.framework, viewer)

    # -- saving -----------------------------------------------------------------------

    def save(self, change: Change, *, force: bool = False) -> None:
        """Show the change at once and queue it for disk; failures stay pending, never lost.

        A closed session is read-only: only an explicit reopen (force) changes it.
        """
        if self.read_only and not force:
            return
        self.session = change(self.session)
        with self._queue_lock:
            self._queue.append(change)
        self.app.run_worker(self._drain, thread=True, group="save", name="save")

    def retry(self) -> None:
        if not self.pending:
            return
        with self._queue_lock:
            self._queue.extendleft(reversed(self.pending))
        self._retrying += len(self.pending)
        self.pending = []
        self.app.run_worker(self._drain, thread=True, group="save", name="save")

    async def drain_before_exit(self) -> None:
        """Save everything queued before the app exits, on the UI thread.

        A save worker may hold the drain lock while it waits for this thread to hear its
        result (call_from_thread), so the lock is waited for without blocking the loop:
        blocking on it hung the app for good on a quit typed right behind an answer.
        """
        while not self._drain_lock.acquire(blocking=False):
            await asyncio.sleep(0.005)
        try:
            self._drain_queue(report=lambda fn, *args: fn(*args))
        finally:
            self._drain_lock.release()

    def _drain(self) -> None:
        """A save worker: everything queued, in order, each result told to the UI thread."""
        with self._drain_lock:
            self._drain_queue(self.app.call_from_thread)

    def _drain_queue(self, report: Callable[..., object]) -> None:
        """The queue to disk in order; the caller holds the drain lock."""
        while True:
            with self._queue_lock:
                if not self._queue:
                    return
                change = self._queue[0]
            try:
                updated = engine.commit(self.workspace, self.rel_id, self.sid, change)
            except Exception as e:  # the worker boundary: keep the answer, never crash
                with self._queue_lock:
                    failed = list(self._queue)
                    self._queue.clear()
                report(self._failed, failed, e)
                return
            with self._queue_lock:
                self._queue.popleft()
            mtime = self._stat()
            report(self._saved, updated, mtime)

    def _unsaved(self) -> list[Change]:
        with self._queue_lock:
            return [*self.pending, *self._queue]

    def _apply_unsaved(self, fresh: Session) -> Session:
        for change in self._unsaved():
            fresh = change(fresh)
        return fresh

    def _saved(self, updated: Session, mtime: int | None) -> None:
        # Saves land in queue order, and a retry puts the failed changes first.
        self._retrying = max(0, self._retrying - 1)
        self._last_error = None
        self._mtime = mtime
        self.session = self._apply_unsaved(updated)
        self._set_history_session(updated)
        self._notify(external=False)

    def _failed(self, changes: list[Change], error: Exception) -> None:
        """Keep the changes, say so once per kind of failure, and try again on a timer."""
        from retro.words import tr

        self._retrying = 0  # the changes retried are among these, pending again
        self.pending.extend(changes)
        message = (
            str(error) if isinstance(error, StoreError) else f"{type(error).__name__}: {error}"
        )
        if message != self._last_error:
            self._last_error = message
            self.app.notify(
                f"{message}\n{tr(self.lang, 'error.kept')}",
                title=tr(self.lang, "error.title"),
                severity="error",
                timeout=12,
                markup=False,
            )
        if self._retry_timer is None:
            self._retry_timer = self.app.set_timer(RETRY_SECONDS, self._auto_retry)
        self._notify(external=False)

    def _auto_retry(self) -> None:
        self._retry_timer = None
        self.retry()

    # -- watching for other writers ---------------------------------------------------

    def _stat(self) -> int | None:
        try:
            return self.path.stat().st_mtime_ns
        except OSError:
            return None

    def poll(self) -> None:
        """Called on a timer: re-read the file in a thread if someone else changed it."""
        if self._polling:
            return
        self._polling = True
        self.app.run_worker(self._poll, thread=True, group="poll", name="poll")

    def _poll(self) -> None:
        try:
            mtime = self._stat()
            if mtime == self._mtime:
                return
            try:
                history = self.workspace.load(self.rel_id)
            except StoreError:
                return  # a damaged file is reported when saving; keep what is on screen
            fresh = history.session(self.sid)
            if fresh is not None:
                self.app.call_from_thread(self._reloaded, history, fresh, mtime)
        finally:
            self._polling = False

    def _reloaded(self, history: History, fresh: Session, mtime: int | None) -> None:
        if mtime is not None and self._mtime is not None and mtime < self._mtime:
            return  # read before our own latest save landed: older than what is on screen
        self._mtime = mtime
        self.history = history
        self.session = self._apply_unsaved(fresh)
        self._notify(external=True)

    def _set_history_session(self, session: Session) -> None:
        kept = tuple(s for s in self.history.sessions if s.id != session.id)
        self.history = replace(self.history, sessions=(*kept, session))

    def _notify(self, *, external: bool) -> None:
        if not self.app.is_running or not self.app.screen_stack:
            return  # a save that finished while the app was closing: nothing left to repaint
        screen = self.app.screen
        hook = getattr(screen, "session_changed", None)
        if hook is not None:
            hook(external=external)

    @property
    def unsaved_count(self) -> int:
        """Changes that failed to save and have not landed since, a retry in flight
        included: what the screen's "unsaved" mark and ctrl+s go by."""
        return len(self.pending) + self._retrying

    # -- moving through the session ---------------------------------------------------

    def set_phase(self, phase: str) -> None:
        assert phase in PHASES
        if self.session.phase != phase and not self.read_only:
            self.save(lambda s: replace(s, phase=phase))

    def set_position(self, position: str) -> None:
        if self.session.position != position and not self.read_only:
            self.save(lambda s: replace(s, position=position))
