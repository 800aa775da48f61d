"""Due dates typed the way people say them in a meeting, in Dutch and English."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from retro.dates import parse_due

SUNDAY = date(2026, 11, 29)
WEDNESDAY = date(2026, 12, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vrijdag", date(2026, 12, 4)),
        ("Vrijdag", date(2026, 12, 4)),
        ("next friday", date(2026, 12, 4)),
        ("volgende vrijdag", date(2026, 12, 4)),
        ("friday", date(2026, 12, 4)),
        ("15-12", date(2026, 12, 15)),
        ("15/12", date(2026, 12, 15)),
        ("3-4", date(2027, 4, 3)),  # day first, and in the future
        ("15 december", date(2026, 12, 15)),
        ("+2w", date(2026, 12, 13)),
        ("+ 3d", date(2026, 12, 2)),
        ("+1m", date(2026, 12, 29)),
        ("volgende week", date(2026, 12, 6)),
        ("over 2 weken", date(2026, 12, 13)),
        ("in 2 weeks", date(2026, 12, 13)),
        ("morgen", date(2026, 11, 30)),
        ("overmorgen", date(2026, 12, 1)),
        ("tomorrow", date(2026, 11, 30)),
        ("2026-12-15", date(2026, 12, 15)),
        ("2025-01-01", date(2025, 1, 1)),  # an ISO date is taken as written, even past
        ("15-12-2027", date(2027, 12, 15)),
    ],
)
def test_meeting_dates(text: str, expected: date) -> None:
    assert parse_due(text, SUNDAY) == expected


def test_relative_dates_count_from_today() -> None:
    assert parse_due("vrijdag", WEDNESDAY) == date(2026, 12, 4)
    assert parse_due("morgen", WEDNESDAY) == date(2026, 12, 3)
    assert parse_due("+2w", WEDNESDAY) == date(2026, 12, 16)
    # A date without a year that has passed this year is next year's.
    assert parse_due("1-12", WEDNESDAY) == date(2027, 12, 1)


def test_a_month_offset_keeps_to_the_end_of_a_short_month() -> None:
    assert parse_due("+1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_due("+12m", date(2026, 11, 29)) == date(2027, 11, 29)


@pytest.mark.parametrize("text", ["", "   ", "soon", "asap", "someday", "2026-13-45", "12/15"])
def test_what_is_no_date_is_refused(text: str) -> None:
    assert parse_due(text, SUNDAY) is None


def test_importing_the_core_does_not_import_dateparser() -> None:
    """Startup does not pay for the parser: it loads on the first date typed."""
    code = "import retro.dates, retro.tui.screens.agree, sys; print('dateparser' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
