"""The phase stepper: always shows where the session stands; click a phase to go there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Static

from retro.model import PHASES
from retro.words import tr


class PhaseItem(Static):
    def __init__(self, phase: str, label: str, state: str) -> None:
        super().__init__(label, markup=False, classes=f"phase-item -{state}", id=f"step-{phase}")
        self.phase = phase

    def on_click(self) -> None:
        self.post_message(Stepper.Selected(self.phase))


class Stepper(Horizontal):
    """Check-in › Look back › Rate › Reveal › Agree › Close, the current one highlighted."""

    DEFAULT_CSS = """
    Stepper {
        height: 1;
        width: 1fr;
        background: $panel;
    }
    Stepper .phase-item { width: auto; padding: 0 1; color: $text-muted; }
    Stepper .phase-item.-done { color: $text-success; }
    Stepper .phase-item.-current { background: $primary; color: $text; text-style: bold; }
    Stepper .phase-item:hover { background: $boost; text-style: underline; }
    Stepper .phase-sep { width: 1; color: $text-disabled; }
    """

    class Selected(Message):
        def __init__(self, phase: str) -> None:
            super().__init__()
            self.phase = phase

    def __init__(self, current: str, lang: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current = current
        self.lang = lang

    def compose(self) -> ComposeResult:
        index = PHASES.index(self.current)
        for i, phase in enumerate(PHASES):
            if i:
                yield Static("›", classes="phase-sep", markup=False)
            state = "current" if i == index else ("done" if i < index else "todo")
            yield PhaseItem(phase, tr(self.lang, f"phase.{phase}"), state)
