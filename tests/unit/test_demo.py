"""The demo is what a newcomer judges the app by: its check-ins must read like real ones."""

from __future__ import annotations

from datetime import date

from retro.demo import CHECKINS, demo_histories
from retro.frameworks import checkin_questions


def test_every_check_in_answer_was_written_for_its_question() -> None:
    bank = checkin_questions()
    fitting = {
        bank[i][lang]: set(answers[lang]) for i, answers in CHECKINS for lang in ("nl", "en")
    }
    asked = 0
    for history in demo_histories(date(2026, 11, 1)):
        for s in history.sessions:
            if s.checkin.question:
                asked += 1
                assert {a.text for a in s.checkin.answers} <= fitting[s.checkin.question]
    assert asked >= 18  # every joint session of the three relationships asks one
