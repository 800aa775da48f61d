"""Footer words in the session's language: a Binding's description is looked up by its id."""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from retro.words import WORDS, Words, pick


def translate_bindings(node: DOMNode, lang: str, words: Words | None = None) -> None:
    """Swap each binding's description for the `key.<id>` text in `lang`, if there is one
    (in `words` if given, else retro.words).

    Binding descriptions are fixed at class level; the node's own copy of the map is
    the one the Footer reads, so rewriting it per instance changes only this node. Call
    it from __init__ where possible: a change after mounting rebuilds the Footer.
    """
    table = WORDS if words is None else words
    bindings = node._bindings.key_to_bindings
    changed = False
    for key, items in bindings.items():
        new = [
            replace(b, description=pick(table, lang, f"key.{b.id}"))
            if b.id and f"key.{b.id}" in table
            else b
            for b in items
        ]
        if new != items:
            bindings[key] = new
            changed = True
    if changed and node.is_running:
        node.refresh_bindings()
