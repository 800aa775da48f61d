"""The export preview: the Markdown summary as a reader will see it, then save or copy it.

Rendering goes through retro.export, the same code as `retro export`, so what the
preview shows is byte for byte what is saved or copied; a file name ending in .html
saves the same summary as the HTML report (`--format html`: one page, charts inline). Opened from the Close phase and
the session list (RetroApp.action_export); dismisses with the saved path, or None. The
preview is SummaryMarkdown: Textual's Markdown with each table and list one widget, so
F2 and F3 re-render in a fraction of the stock widget's time (bench/export_preview.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from msgspec import Struct
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Static,
)

from retro.store import StoreError, Workspace
from retro.tui import state
from retro.tui.bindings import translate_bindings
from retro.tui.i18n import app_lang
from retro.tui.widgets.literal import clean
from retro.tui.widgets.safe_input import SafeInput
from retro.tui.widgets.summary_markdown import SummaryMarkdown
from retro.words import tr


def preview_markdown(text: str) -> str:
    """The summary as Textual's Markdown widget should show it.

    The widget drops inline HTML, so the ``<br>`` that keeps a multi-line remark inside
    its table cell would run its lines together; show a visible break instead. User text
    never holds a literal ``<br>`` (it is escaped to ``&lt;br>``), so only ours change.
    Saving and copying use the text itself.
    """
    return text.replace("<br>", " ↵ ")


class MarkedRadioButton(RadioButton):
    """A radio button whose dot says on or off by its shape (● / ○), not by colour alone:
    on a washed-out projector or a monochrome terminal both states otherwise look alike."""

    # ToggleButton reads this class attribute; a property makes it follow each button's value
    # (Textual's typing has no way to say a subclass may compute it).
    @property
    def BUTTON_INNER(self) -> str:  # type: ignore[override]
        return "●" if self.value else "○"


class Choice(Struct, frozen=True):
    audience: str
    lang: str


class ExportScreen(ModalScreen[str | None]):
    """Preview, audience and language switches, save to a file, copy to the clipboard."""

    CSS_PATH = "export.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="export_close"),
        Binding("ctrl+s", "save", "Save", id="export_save", priority=True),
        Binding("ctrl+y", "copy", "Copy", id="export_copy", priority=True),
        Binding("f2", "toggle_audience", "For", id="export_audience", key_display="F2"),
        Binding("f3", "toggle_language", "Language", id="export_language", key_display="F3"),
    ]

    class Rendered(Message):
        """A summary came back from the worker (text), or an error did (error).

        kind is the session's kind, known once the worker has found the session.
        """

        def __init__(self, choice: Choice, text: str, error: str = "", kind: str = "") -> None:
            super().__init__()
            self.choice = choice
            self.text = text
            self.error = error
            self.kind = kind

    def __init__(self, workspace: Workspace, session_id: str, *, lang: str | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        self.session_id = session_id
        self.kind = ""  # unknown until the first render has found the session
        self.choice: Choice | None = None  # the session's own defaults, until switched
        self.ui_lang = app_lang(self, lang)  # RetroApp's UI language, if any
        self.text = ""
        self._replace: Path | None = None  # an existing file the user was warned about
        translate_bindings(self, self.ui_lang)

    def t(self, key: str, **kw: object) -> str:
        return tr(self.ui_lang, f"export.{key}", **kw)

    def _start_folder(self) -> str:
        """The folder the last summary went to, else where retro was started."""
        return state.export_dir(self.workspace.root) or str(Path.cwd())

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(
                clean(f"{self.t('title')}: {self.session_id}"), classes="dialog-title", markup=False
            )
            with Horizontal(classes="switches"):
                yield Label(f"{self.t('audience')} (F2)", markup=False)
                with RadioSet(id="audience"):
                    yield MarkedRadioButton(self.t("shared"), id="audience-shared")
                    yield MarkedRadioButton(self.t("internal"), id="audience-internal")
                yield Label(f"{self.t('language')} (F3)", markup=False)
                with RadioSet(id="language"):
                    yield MarkedRadioButton("NL", id="language-nl")
                    yield MarkedRadioButton("EN", id="language-en")
            with VerticalScroll(id="preview-scroll"):
                yield Static(self.t("rendering"), id="export-error", markup=False)
                yield SummaryMarkdown("", id="preview")
            with Horizontal(classes="export-row"):
                yield Label(self.t("folder"), markup=False)
                yield SafeInput(self._start_folder(), id="export-folder", compact=True)
            with Horizontal(classes="export-row dialog-buttons"):
                yield Label(self.t("file"), markup=False)
                yield SafeInput(f"{self.session_id}.md", id="export-path", compact=True)
                yield Button(self.t("save"), id="export-save", variant="primary", compact=True)
                yield Button(self.t("copy"), id="export-copy", compact=True)
                yield Button(self.t("close"), id="export-close-button", compact=True)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#preview-scroll").focus()
        self.render_summary()

    def _default_path(self) -> str:
        if self.choice is None:
            return f"{self.session_id}.md"
        return f"{self.session_id}.{self.choice.audience}.{self.choice.lang}.md"

    # -- rendering ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="export-render")
    def render_summary(self) -> None:
        """Finds the session and renders off the UI thread; the newest request wins."""
        from retro.export import default_audience, export_session

        choice, kind = self.choice, self.kind
        try:
            if choice is None:
                _, session = self.workspace.find_session(self.session_id)
                kind = session.kind
                choice = Choice(default_audience(session.kind), session.language)
            text = export_session(
                self.workspace, self.session_id, audience=choice.audience, lang=choice.lang
            )
        except (StoreError, ValueError) as e:
            self.post_message(self.Rendered(choice or Choice("", ""), "", str(e), kind))
            return
        self.post_message(self.Rendered(choice, text, kind=kind))

    @on(Rendered)
    async def show_rendered(self, message: Rendered) -> None:
        if self.choice is None:
            if message.choice.audience:  # not when the session was not found
                self._adopt(message.choice, message.kind)
        elif message.choice != self.choice:
            return  # a stale render for switches the user has since changed
        error = self.query_one("#export-error", Static)
        error.update(message.error)
        error.display = bool(message.error)
        self.text = message.text
        await self.query_one("#preview", SummaryMarkdown).update(preview_markdown(message.text))

    def _adopt(self, choice: Choice, kind: str) -> None:
        """The session's defaults arrived: show them on the switches. The RadioSets must
        hear of it (they un-press the other button); their Changed events then match the
        adopted choice, so nothing renders twice."""
        self.choice, self.kind = choice, kind
        self.query_one(f"#audience-{choice.audience}", RadioButton).value = True
        self.query_one(f"#language-{choice.lang}", RadioButton).value = True
        self.query_one("#audience-shared", RadioButton).disabled = kind != "joint"
        self.query_one("#export-path", Input).value = self._default_path()

    def _set_choice(self, choice: Choice) -> None:
        if self.choice is None or choice == self.choice:
            return
        path = self.query_one("#export-path", Input)
        keep_custom_path = path.value != self._default_path()
        self.choice = choice
        if not keep_custom_path:
            path.value = self._default_path()
        self.render_summary()

    @on(RadioSet.Changed, "#audience")
    def audience_changed(self, event: RadioSet.Changed) -> None:
        if self.choice is not None:
            audience = "shared" if event.pressed.id == "audience-shared" else "internal"
            self._set_choice(Choice(audience, self.choice.lang))

    @on(RadioSet.Changed, "#language")
    def language_changed(self, event: RadioSet.Changed) -> None:
        if self.choice is not None:
            lang = "nl" if event.pressed.id == "language-nl" else "en"
            self._set_choice(Choice(self.choice.audience, lang))

    def action_toggle_audience(self) -> None:
        if self.choice is None:
            return
        if self.kind != "joint":
            self.notify(self.t("internal_only"), markup=False)
            return
        target = "audience-internal" if self.choice.audience == "shared" else "audience-shared"
        self.query_one(f"#{target}", RadioButton).value = True

    def action_toggle_language(self) -> None:
        if self.choice is None:
            return
        target = "language-en" if self.choice.lang == "nl" else "language-nl"
        self.query_one(f"#{target}", RadioButton).value = True

    # -- save, copy, close ------------------------------------------------------------

    @on(Button.Pressed, "#export-save")
    @on(Input.Submitted, "#export-path")
    @on(Input.Submitted, "#export-folder")
    def action_save(self) -> None:
        """Save into the chosen folder: a file that is there already is replaced only on a
        second save, a folder that is not there yet only after a yes."""
        if not self.text:
            return
        folder_input = self.query_one("#export-folder", Input)
        folder = Path(folder_input.value.strip() or ".").expanduser().absolute()
        name = self.query_one("#export-path", Input).value.strip() or self._default_path()
        path = folder / Path(name).expanduser()  # an absolute name wins over the folder
        if path.parent.exists() and not path.parent.is_dir():
            self.notify(self.t("not_folder", path=path.parent), severity="error", markup=False)
            folder_input.focus()
            return
        if path.exists() and self._replace != path:
            # A summary sent last quarter has the same default name: ask once, by a second save.
            self._replace = path
            self.notify(self.t("exists", path=path), severity="warning", markup=False)
            return
        self._replace = None
        if not path.parent.exists():
            from retro.tui.dialogs import YesNoDialog

            def answered(create: bool | None) -> None:
                if create:
                    self.save_file(path, self.text, self.choice)
                else:
                    folder_input.focus()

            question = self.t("create", path=path.parent)
            dialog = YesNoDialog(
                question,
                lang=self.ui_lang,
                yes=self.t("yes"),
                no=self.t("no"),
                default=True,  # the user just asked to save there
                id="confirm-create-folder",
            )
            self.app.push_screen(dialog, answered)
            return
        self.save_file(path, self.text, self.choice)

    @work(thread=True, exclusive=True, group="export-save")
    def save_file(self, path: Path, text: str, choice: Choice | None = None) -> None:
        """Write the previewed Markdown; for a .html name, the same summary (audience and
        language as previewed) as one HTML page with its charts inside."""
        try:
            if path.suffix.lower() in (".html", ".htm") and choice is not None:
                from retro.export import export_session

                text = export_session(
                    self.workspace,
                    self.session_id,
                    audience=choice.audience,
                    lang=choice.lang,
                    fmt="html",
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            state.remember_export_dir(self.workspace.root, str(path.parent))
        except (OSError, ValueError, StoreError) as e:
            self.app.call_from_thread(
                self.notify,
                self.t("save_failed", error=getattr(e, "strerror", None) or e),
                severity="error",
                markup=False,
            )
            return
        self.app.call_from_thread(self._saved, path)

    def _saved(self, path: Path) -> None:
        self.notify(self.t("saved", path=path), markup=False)
        self.dismiss(str(path))

    @on(Button.Pressed, "#export-copy")
    def action_copy(self) -> None:
        if self.text:
            self.app.copy_to_clipboard(self.text)
            self.notify(self.t("copied"), markup=False)

    @on(Button.Pressed, "#export-close-button")
    def action_close(self) -> None:
        self.dismiss(None)
