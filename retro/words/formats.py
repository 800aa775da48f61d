"""How numbers, shares and dates are written in each language: one formatter per kind.

Every face (TUI, CLI, exported Markdown) writes a figure through these, so a Dutch reader
gets 3,5 and 12 maart 2025 wherever a figure or a date appears.
"""

from __future__ import annotations

from datetime import date

MISSING = "—"  # an absent figure on screen; exports pass their own dash

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
# Dutch abbreviates a few months by more than cutting at three letters.
_SHORT_MONTHS = {"nl": {"maart": "mrt", "juni": "jun", "juli": "jul"}}


def number(value: float, lang: str = "en", places: int = 1, *, signed: bool = False) -> str:
    """A figure in the reader's language: 3.5 in English, 3,5 in Dutch (+3,5 signed).

    A signed figure that rounds to zero is written without a sign (0,0, never +0,0 or
    -0,0): no change is neither up nor down, and every face writes it alike."""
    if signed and round(value, places) == 0:
        value, signed = 0.0, False
    text = f"{value:+.{places}f}" if signed else f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "nl" else text


def num(
    value: float | None,
    lang: str,
    *,
    signed: bool = False,
    places: int = 1,
    missing: str = MISSING,
) -> str:
    """number() for a figure that may be absent (None): then `missing`, never 0.

    Reveal and close show one decimal, history and portfolio two."""
    if value is None:
        return missing
    return number(value, lang, places, signed=signed)


def percent(value: float | None, lang: str, *, missing: str = MISSING) -> str:
    """A share (0..1) as a whole percentage, 60%; `missing` when absent.

    Written the same in Dutch and English (no space before the sign), so lang is only
    here so that every formatter is called alike."""
    return missing if value is None else f"{round(value * 100)}%"


def month_name(month: int, lang: str) -> str:
    """The month's full name: March / maart (months count from 1)."""
    return _MONTHS.get(lang, _MONTHS["en"]).split()[month - 1]


def long_date(d: date, lang: str) -> str:
    """12 March 2025 / 12 maart 2025."""
    return f"{d.day} {month_name(d.month, lang)} {d.year}"


def month_year(d: date, lang: str) -> str:
    """Mar 2025 / mrt 2025: for headings of a series of sessions."""
    month = month_name(d.month, lang)
    return f"{_SHORT_MONTHS.get(lang, {}).get(month, month[:3])} {d.year}"
