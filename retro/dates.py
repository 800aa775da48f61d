"""Due dates as people say them in a meeting ("vrijdag", "next friday", "15-12", "+2w").

The parsing is dateparser's (Dutch and English, relative dates); it is imported on first
use so starting the app does not pay for it. Two small pre-steps cover what it does not
read: "+2w"-style offsets (d, w, m for days, weeks, months) and Dutch "volgende/komende/
aanstaande <weekday>" (dateparser reads "next friday" but not "volgende vrijdag").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_OFFSET = re.compile(r"^\+\s*(\d{1,3})\s*([dwm])$", re.IGNORECASE)
_WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag"
_NEXT_WEEKDAY = re.compile(rf"^(?:volgende|komende|aanstaande|a\.s\.)\s+({_WEEKDAYS})$")
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# A meeting agrees on something within a few years; "12/15" read as the year 2115 is a typo.
_HORIZON_DAYS = 5 * 366


def _add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    # The last day of a shorter month when the day does not exist (31 Jan + 1m = 28/29 Feb).
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def parse_due(text: str, today: date, languages: tuple[str, ...] = ("nl", "en")) -> date | None:
    """The date `text` means, relative dates counted from `today`; None if it is no date.

    Dates without a year, and weekdays, are taken in the future ("15-12" in December after
    the 15th is next year's); day before month ("15-12", "3/4" is 3 April).
    """
    text = " ".join(text.strip().lower().split())
    if not text:
        return None
    if _ISO.match(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    if m := _OFFSET.match(text):
        n, unit = int(m.group(1)), m.group(2).lower()
        if unit == "m":
            return _add_months(today, n)
        return today + timedelta(days=n * (7 if unit == "w" else 1))
    if m := _NEXT_WEEKDAY.match(text):
        text = m.group(1)
    import dateparser  # lazily: about 0.1 s to import, and its language data on first use

    found = dateparser.parse(
        text,
        languages=list(languages),
        settings={
            "RELATIVE_BASE": datetime(today.year, today.month, today.day),
            "PREFER_DATES_FROM": "future",
            "DATE_ORDER": "DMY",
            "PREFER_DAY_OF_MONTH": "first",
            "RETURN_AS_TIMEZONE_AWARE": False,
        },
    )
    if found is None:
        return None
    day = found.date()
    if abs((day - today).days) > _HORIZON_DAYS:
        return None
    return day


def warm_up() -> None:
    """Import dateparser and load its Dutch and English data, so the first date typed in
    a meeting answers at once (call from a background thread)."""
    parse_due("morgen", date.today())
    parse_due("next friday", date.today())
