"""The one yes/no dialog: every "are you sure" answers to the same keys, mouse and words."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Button, Static

from retro.tui.dialogs import YesNoDialog

HOSTILE = "[bold red]Ada[/] \x1b]2;PWNED\x07 {{ name }} **x**"


class Host(App[None]):
    """Opens one dialog and keeps every answer it gave."""

    def __init__(self, dialog: YesNoDialog) -> None:
        super().__init__()
        self.dialog = dialog
        self.answers: list[bool | None] = []

    def compose(self) -> ComposeResult:
        yield Static("behind the dialog")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.answers.append)


def shown(app: App[None]) -> str:
    return "\n".join(str(s.render()) for s in app.screen.query(Static))


@pytest.mark.parametrize(
    ("keys", "answer"),
    [
        (["y"], True),
        (["j"], True),
        (["n"], False),
        (["escape"], False),
        (["enter"], False),  # the focused button: no, unless the caller says otherwise
        (["tab", "enter"], True),
        (["c"], True),  # the key that opened it, again
    ],
)
async def test_keys_answer_without_waiting(keys: list[str], answer: bool) -> None:
    app = Host(YesNoDialog("Close anyway?", lang="en", key="c"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*keys)  # queued at meeting speed, no pause in between
        await pilot.pause()
        assert app.answers == [answer]
        assert not isinstance(app.screen, YesNoDialog)


async def test_enter_says_yes_when_the_user_just_asked_for_it() -> None:
    app = Host(YesNoDialog("Create the folder?", lang="en", default=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers == [True]


@pytest.mark.parametrize(("button", "answer"), [("#yes", True), ("#no", False)])
async def test_the_mouse_answers(button: str, answer: bool) -> None:
    app = Host(YesNoDialog("Delete?", lang="en", danger=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(button)
        await pilot.pause()
        assert app.answers == [answer]


async def test_dutch_words_and_keys_on_the_buttons() -> None:
    app = Host(YesNoDialog("Toch sluiten?", lang="nl"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert labels == ["Nee (esc)", "Ja (j)"]
        await pilot.press("j")
        await pilot.pause()
        assert app.answers == [True]


async def test_user_text_is_shown_literally_in_every_line() -> None:
    dialog = YesNoDialog(
        f"Take over {HOSTILE}?",
        lang="en",
        title=HOSTILE,
        intro=HOSTILE,
        details=[HOSTILE, "second line"],
    )
    app = Host(dialog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = shown(app)
        assert text.count("[bold red]Ada[/]") == 4
        assert text.count("{{ name }} **x**") == 4
        assert "\x1b" not in text and "␛]2;PWNED␇" in text
        assert "second line" in text
