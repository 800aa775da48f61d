"""The phase stepper: always shows where the session stands; click a phase to go there."""

from __future__ import annotations

from rich.cells import cell_len
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
    """Check-in › Look back › Rate › (What matters ›) Reveal › Agree › Close, the current one
    highlighted."""

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
    Stepper.-tight .phase-sep { display: none; }
    """

    # Wider than this (seven Dutch phases are 83 columns) the separators step aside, so the
    # stepper still fits an 80-column terminal; the padding keeps the words apart.
    FITS = 78

    class Selected(Message):
        def __init__(self, phase: str) -> None:
            super().__init__()
            self.phase = phase

    def __init__(
        self,
        current: str,
        lang: str,
        *,
        id: str | None = None,
        phases: tuple[str, ...] = PHASES,
    ) -> None:
        """phases: this session's own (the importance step only where it is asked)."""
        super().__init__(id=id)
        self.current = current
        self.lang = lang
        self.phases = phases if current in phases else PHASES

    def compose(self) -> ComposeResult:
        index = PHASES.index(self.current)
        labels = {p: tr(self.lang, f"phase.{p}") for p in self.phases}
        width = sum(cell_len(t) + 2 for t in labels.values()) + len(labels) - 1
        self.set_class(width > self.FITS, "-tight")
        for i, phase in enumerate(self.phases):
            if i:
                yield Static("›", classes="phase-sep", markup=False)
            at = PHASES.index(phase)
            state = "current" if at == index else ("done" if at < index else "todo")
            yield PhaseItem(phase, labels[phase], state)
