"""Every word retro says itself, in English and Dutch, and the one way to look one up.

The tables are data of one shape, ``key -> (English, Dutch)``, split by face (ui, history,
join, export, figures); a key lives in exactly one table (tests/unit/test_words.py). ``tr`` looks a
key up in all of them, fills its placeholders and agrees its nouns with their counts.
Numbers, shares and dates are written by retro.words.formats. User and framework texts
never pass through here. No Textual: the core words its descriptions from here too.
"""

from __future__ import annotations

import re
import string
from typing import Any, Final, cast

from retro.words.export import EXPORT
from retro.words.figures import FIGURES
from retro.words.formats import long_date, month_year, num, number, percent
from retro.words.history import HISTORY
from retro.words.join import JOIN
from retro.words.ui import UI

__all__ = [
    "DEFAULT_LANGUAGE",
    "TABLES",
    "WORDS",
    "Words",
    "fill",
    "long_date",
    "month_year",
    "num",
    "number",
    "percent",
    "pick",
    "plural",
    "section",
    "singular",
    "tr",
]

# The language of the app, of a pack or a session file that does not say, and of the CLI.
DEFAULT_LANGUAGE: Final = "en"

Words = dict[str, tuple[str, str]]

TABLES: dict[str, Words] = {
    "ui": UI,
    "history": HISTORY,
    "join": JOIN,
    "export": EXPORT,
    "figures": FIGURES,
}
WORDS: Words = {key: text for table in TABLES.values() for key, text in table.items()}


def singular(lang: str, n: float) -> bool:
    """The plural rule, per language: does a count of n take the singular noun?

    Dutch and English agree (1 is singular, 0 and 2+ are plural); a language with other
    rules gets its own branch here, and every table follows.
    """
    return n == 1


def plural(lang: str, n: float, forms: str) -> str:
    """The form of "one|many" that agrees with n."""
    one, _, many = forms.partition("|")
    return one if singular(lang, n) or not many else many


_FIXED = re.compile(r"(\+?)\.(\d+)f")  # the specs number() writes: .1f, +.2f


class _Formatter(string.Formatter):
    """str.format with two additions, so a table entry says everything about its counts:

    - ``{n:answer|answers}`` is the noun that agrees with the count n (``plural``);
    - a float field (``{value:+.2f}``, ``{value:.0%}``) gets the language's decimal mark;
      a plain ``.Nf`` or ``+.Nf`` one is written by ``number``, so a zero has no sign.
    """

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec and isinstance(value, int | float):
            return plural(self.lang, value, format_spec)
        fixed = _FIXED.fullmatch(format_spec)
        if fixed and isinstance(value, float):
            return number(value, self.lang, int(fixed[2]), signed=bool(fixed[1]))
        text = super().format_field(value, format_spec)
        return text.replace(".", ",") if isinstance(value, float) and self.lang == "nl" else text


def _split_forms(text: str) -> tuple[str, str] | None:
    """A whole text given as "one|many" (a | outside any {field}), or None."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == "|" and depth == 0:
            return text[:i], text[i + 1 :]
    return None


def fill(lang: str, text: str, /, **kw: object) -> str:
    """Format a table text in lang: whole "one|many" texts pick by n, then the fields."""
    n = kw.get("n")
    forms = _split_forms(text) if isinstance(n, int | float) else None  # a literal | has no n
    if forms is not None:
        text = forms[0] if singular(lang, cast(float, n)) else forms[1]
    return _Formatter(lang).format(text, **kw) if kw else text


def pick(words: Words, lang: str, key: str, /, **kw: object) -> str:
    """The text of `key` in `lang` from one table (see fill for counts and numbers).

    Any language but Dutch reads English. A missing key is a bug, so this raises
    instead of showing a key to a meeting room.
    """
    en, nl = words[key]
    return fill(lang, nl if lang == "nl" else en, **kw)


def tr(lang: str, key: str, /, **kw: object) -> str:
    """The one lookup: the text of `key` in `lang`, placeholders filled from kw."""
    return pick(WORDS, lang, key, **kw)


def section(lang: str, prefix: str) -> dict[str, str]:
    """Every text whose key starts with `prefix`, by the rest of its key, in `lang`.

    What a template sees as ``labels`` is ``section(lang, "label.")``.
    """
    return {key[len(prefix) :]: tr(lang, key) for key in WORDS if key.startswith(prefix)}
