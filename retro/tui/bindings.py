"""Footer words in the session's language: a Binding's description is looked up by its id."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from retro.tui.i18n import _S, tr


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Swap each binding's description for the `key.<id>` text in `lang`, if there is one.

    Binding descriptions are fixed at class level; the node's own copy of the map is
    the one the Footer reads, so rewriting it per instance changes only this screen.
    """
    bindings = node._bindings.key_to_bindings
    for key, items in bindings.items():
        bindings[key] = [
            replace(b, description=tr(lang, f"key.{b.id}")) if b.id and f"key.{b.id}" in _S else b
            for b in items
        ]
    node.refresh_bindings()
