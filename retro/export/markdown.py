"""Markdown escaping for user text, wired into Jinja2 so a template author cannot forget it.

Everything a template prints with ``{{ … }}`` passes through ``finalize``: plain text is
escaped for Markdown (one line, pipes and markers neutralised); only values marked as
Markdown (``Md``: macro output, the number filters, ``|safe``) go through untouched.
Concatenation (``~``), ``+``, ``%``, ``join`` and ``e`` use the same escaping, so there
is no path where user text reaches the output as Markdown by accident.
"""

from __future__ import annotations

import re
from typing import Any

from jinja2.compiler import CodeGenerator, Frame
from jinja2.nodes import Concat
from markupsafe import Markup

# C0 controls (but tab and line breaks), DEL and C1 controls (U+0080-U+009F). Every
# terminal escape sequence starts with one of them (ESC, or CSI U+009B, OSC U+009D, DCS
# U+0090 in their 8-bit form), so without them no sequence survives: what is left of one
# ("[31m") is plain text. U+0085 is a line break to some viewers; CommonMark turns NUL
# into U+FFFD.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# One pass over everything that is syntax: inline Markdown (code, emphasis, links, a
# heading's closing #, table pipes, strikethrough), the backslash itself, HTML's "<",
# and an "&" that would start an entity (a lone "&" stays readable).
_SPECIAL = re.compile(r"[\\`*_\[\]#|~<]|&(?=#?[A-Za-z0-9]+;)")
_ENTITIES = {"\\": "&#92;", "<": "&lt;", "&": "&amp;"}
# What turns the start of a line into a block: list items, quotes, setext/thematic rules,
# ordered lists. Values may land at a line start (a list item, a paragraph), so escape.
_LEADING = re.compile(r"^(?:([-+=>])|(\d{1,9})([.)]))")


def without_controls(value: Any) -> str:
    """Text without control characters (C0 but tab, CR and LF; DEL; C1).

    The one rule for control characters in every export (Markdown, CSV, the rendered
    output of any template): a summary is read in viewers, spreadsheets and terminals
    (``cat``), and none of them should obey an escape sequence a participant typed.
    """
    return _CONTROL.sub("", str(value))


def normalize_text(value: Any) -> str:
    """The text a reader should see: no controls or escape sequences, \\n line ends, no outer
    blanks.

    Markdown cannot keep leading or trailing blanks of a table cell, so they are dropped
    here for every context alike; tests compare rendered cells against this.
    """
    text = without_controls(value).replace("\r\n", "\n").replace("\r", "\n")
    return text.strip()


def md_escape(value: Any) -> str:
    """User text as literal, single-line Markdown that is safe in a table cell, heading or list.

    ``<`` and an entity-like ``&`` become entities (no HTML, no entity tricks, and a
    plain "A & B" stays readable in the raw text); backslashes become
    ``&#92;`` so no escape can be cancelled or run into a following ``|``; inline syntax
    is backslash-escaped; a leading block marker is escaped; newlines become ``<br>``.
    """
    text = normalize_text(value)
    text = _SPECIAL.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), text)
    text = _LEADING.sub(
        lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text
    )
    return text.replace("\n", "<br>")


class Md(Markup):
    """Text that already is Markdown. Mixing it with plain text escapes the plain text."""

    __slots__ = ()

    @classmethod
    def escape(cls, s: Any) -> Md:
        if hasattr(s, "__html__"):
            rv = s.__html__()
            return rv if isinstance(rv, cls) else cls(rv)
        return cls(md_escape("" if s is None else s))


class Text(str):
    """User data in a template context: renders escaped even inside markupsafe's machinery."""

    __slots__ = ()

    def __html__(self) -> Md:
        return Md(md_escape(str(self)))


def finalize(value: Any) -> Any:
    """Applied to every ``{{ … }}``: escape everything that is not already Markdown."""
    if isinstance(value, Markup):
        return value if isinstance(value, Md) else Md(value)
    if value is None:
        return Md("")
    return Md.escape(value)


def md_join(seq: Any) -> Any:
    """``a ~ b`` in a template. Data joined to data stays data (Text, escaped when printed,
    still usable as a key); as soon as one part is Markdown, every other part is escaped."""
    parts = [v if isinstance(v, str) else str(v) for v in seq]
    if any(isinstance(p, Markup) for p in parts):
        return Md("").join(Md.escape(p) for p in parts)
    return Text("".join(parts))


class MdCodeGenerator(CodeGenerator):
    """Jinja's code generator with ``~`` routed through :func:`md_join`.

    Jinja's own ``markup_join`` HTML-escapes plain parts next to a Markup part, which
    would let a ``|`` through into a table; ``environment`` is in every template's
    namespace, so the generated code can call our join instead.
    """

    def visit_Concat(self, node: Concat, frame: Frame) -> None:
        self.write("environment.md_join((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


def md_filter(value: Any) -> Md:
    """``|e``, ``|escape``, ``|md`` and ``|cell``: explicit escaping, same as the default."""
    return Md.escape(value)
