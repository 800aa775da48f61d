"""Footer words in the session's language: a Binding's description is looked up by its id.

The one place retro touches Textual's private binding map. Textual (8.x) has no public way
to change a binding's description per node or after start: `BINDINGS` is per class and
merged once, `App.set_keymap` / `update_keymap` remap keys by `Binding.id` but keep the
description, `check_action` can hide or grey a binding but not rename it, and `App.bind`
only adds (and is marked as possibly private). Two bindings per key, one per language,
switched by `check_action`, would double every BINDINGS list and the ids the keymap uses.
So each node's own copy of the merged map, `node._bindings.key_to_bindings` (the one
`Screen.active_bindings` and so the Footer read), gets described in the node's language
here. tests/ui/test_bindings.py fails loudly if Textual changes that map's shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from retro.words import WORDS, Words, pick


def binding_map(node: DOMNode) -> dict[str, list[Binding]]:
    """The node's own key -> bindings map (Textual-private: see the module docstring)."""
    bindings = getattr(node, "_bindings", None)
    if not isinstance(bindings, BindingsMap) or not isinstance(
        getattr(bindings, "key_to_bindings", None), dict
    ):
        raise RuntimeError(
            "Textual's DOMNode._bindings.key_to_bindings is gone or changed: "
            "retro.tui.bindings needs updating for this Textual version"
        )
    return bindings.key_to_bindings


def translate_bindings(
    node: DOMNode,
    lang: str,
    words: Words | None = None,
    *,
    groups: Mapping[str, str] | None = None,
) -> None:
    """Swap each binding's description for the `key.<id>` text in `lang`, if there is one
    (in `words` if given, else retro.words). `groups` names the text of each
    Binding.Group by its English description (e.g. {"Tabs": "key.tabs"}).

    Binding descriptions are fixed at class level; the node's own copy of the map is
    the one the Footer reads, so rewriting it per instance changes only this node. Call
    it from __init__ where possible: a change after mounting rebuilds the Footer.
    """
    table = WORDS if words is None else words
    bindings = binding_map(node)
    named_groups: dict[str, Binding.Group] = {}
    for node_bindings in bindings.values():
        for b in node_bindings:
            if b.group is not None and groups and b.group.description in groups:
                text = pick(table, lang, groups[b.group.description])
                named_groups[b.group.description] = Binding.Group(text, b.group.compact)
    changed = False
    for key, items in bindings.items():
        new = [_translated(b, table, lang, named_groups) for b in items]
        if new != items:
            bindings[key] = new
            changed = True
    if changed and node.is_running:
        node.refresh_bindings()


def _translated(
    binding: Binding, table: Words, lang: str, groups: Mapping[str, Binding.Group]
) -> Binding:
    if binding.id and f"key.{binding.id}" in table:
        binding = replace(binding, description=pick(table, lang, f"key.{binding.id}"))
    group = binding.group
    if group is not None and group.description in groups:
        # One Group object per name: the Footer shows the bindings that share it as one item.
        binding = replace(binding, group=groups[group.description])
    return binding
