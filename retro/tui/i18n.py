"""The TUI's language: which one a screen speaks. The words themselves live in retro.words."""

from __future__ import annotations

from textual.dom import DOMNode

from retro.words import DEFAULT_LANGUAGE


def app_lang(node: DOMNode, wanted: str | None = None) -> str:
    """The language asked for, else the app's (RetroApp.current_lang), else the default.

    Screens that may run outside RetroApp (tests, the export preview) ask here rather
    than assume the app has a language."""
    if wanted:
        return wanted
    current = getattr(node.app, "current_lang", None)
    lang = current() if callable(current) else None
    return lang if lang in ("en", "nl") else DEFAULT_LANGUAGE
