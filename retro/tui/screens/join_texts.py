"""The words of the join and participant screens, in Dutch and English.

Kept apart from the app's own i18n so the served join gate loads nothing else.
"""

from __future__ import annotations

from typing import Any

from retro.tui.i18n import fill

TEXTS: dict[str, dict[str, str]] = {
    "en": {
        "join_title": "Join a retro",
        "join_help": "Enter the join code shown on the facilitator's screen.",
        "join_button": "Join",
        "join_wrong": "No open session has that code. Check it and try again.",
        "join_wait": "Too many wrong codes from your network: wait before the next try.",
        "join_next": "Next try in {s} s.",
        "who_help": "Who are you? Your scores stay hidden from the others until the reveal.",
        "agency": "agency",
        "client": "client",
        "about_agency": "About the agency",
        "about_client": "About the client",
        "predict": "Your prediction: how will the client score the agency?",
        "works": "What works",
        "doesnt": "What doesn't",
        "why": "Why",
        "na": "n/a",
        "previous": "◀ Previous",
        "next": "Next ▶",
        "checkin": "Check-in",
        "question": "Question {i} of {n}",
        "answered": "{a} of {n} answered",
        "blind": "Only you see your scores until the facilitator reveals them.",
        "open": "Not blind: the facilitator's screen shows scores as they are given.",
        "revealed_later": "Revealed: answer the rest to see everyone's scores.",
        "revealed": "Revealed: the facilitator's screen shows everyone's scores.",
        "closed": "This session was closed; your answers up to now are saved.",
        "saved": "Saved ✓",
        "saving": "Saving…",
        "save_retry": "Not saved yet: your answer is kept and tried again every few seconds.",
        "need_score": "Choose a score (or n/a) to save your remarks.",
        "done_title": "Thank you!",
        "done_all": "All {n} questions answered. You can still change answers until the reveal.",
        "done_some": "{a} of {n} questions answered; the others are still open.",
        "offline": "Offline pack: answers are saved in {file}; send it back when done.",
        "everyone": "Everyone: {mean} ({k} {k:score|scores})",
        "you": "you",
        "keys": "Keys: 1-5 score, n n/a, ←/→ adjust · Tab remarks · PgDn/PgUp next/previous",
        # -- what matters to each side (issue 13.5): one block, to move with the others --
        "weigh_title": "What matters",
        "weigh_help": (
            "For your side ({side}): divide {total} points over what matters most to the "
            "relationship now. Your side shares one division."
        ),
        "weigh_left": "{left} of {total} points left",
        "weigh_done": "All {total} points given.",
        "weigh_over": "Not more than {total} in all: this one can have at most {most}.",
        "weigh_keys": "Keys: ↑/↓ dimension · ←/→ or -/+ by 5 · digits type · PgDn/PgUp next/previous",
    },
    "nl": {
        "join_title": "Doe mee aan een retro",
        "join_help": "Voer de deelnamecode in die op het scherm van de gespreksleider staat.",
        "join_button": "Meedoen",
        "join_wrong": "Geen open sessie heeft die code. Controleer hem en probeer opnieuw.",
        "join_wait": "Te veel foute codes vanaf jouw netwerk: wacht even voor je het opnieuw probeert.",
        "join_next": "Volgende poging over {s} s.",
        "who_help": "Wie ben jij? Je scores blijven verborgen voor de anderen tot de onthulling.",
        "agency": "bureau",
        "client": "opdrachtgever",
        "about_agency": "Over het bureau",
        "about_client": "Over de opdrachtgever",
        "predict": "Je voorspelling: welke score geeft de opdrachtgever het bureau?",
        "works": "Wat werkt",
        "doesnt": "Wat niet",
        "why": "Waarom",
        "na": "n.v.t.",
        "previous": "◀ Vorige",
        "next": "Volgende ▶",
        "checkin": "Check-in",
        "question": "Vraag {i} van {n}",
        "answered": "{a} van {n} beantwoord",
        "blind": "Alleen jij ziet je scores tot de gespreksleider ze onthult.",
        "open": "Niet blind: het scherm van de gespreksleider toont scores zodra ze er zijn.",
        "revealed_later": "Onthuld: vul de rest in om ieders scores te zien.",
        "revealed": "Onthuld: het scherm van de gespreksleider toont ieders scores.",
        "closed": "Deze sessie is gesloten; je antwoorden tot nu toe zijn bewaard.",
        "saved": "Bewaard ✓",
        "saving": "Bewaren…",
        "save_retry": "Nog niet bewaard: je antwoord blijft staan en wordt steeds opnieuw geprobeerd.",
        "need_score": "Kies een score (of n.v.t.) om je opmerkingen te bewaren.",
        "done_title": "Dank je wel!",
        "done_all": "Alle {n} vragen beantwoord. Tot de onthulling kun je nog wijzigen.",
        "done_some": "{a} van {n} vragen beantwoord; de rest staat nog open.",
        "offline": "Offline pakket: antwoorden staan in {file}; stuur het terug als je klaar bent.",
        "everyone": "Iedereen: {mean} ({k} {k:score|scores})",
        "you": "jij",
        "keys": "Toetsen: 1-5 score, n n.v.t., ←/→ bijstellen · Tab opmerkingen · PgDn/PgUp volgende/vorige",
        # -- what matters to each side (issue 13.5): one block, to move with the others --
        "weigh_title": "Wat telt",
        "weigh_help": (
            "Voor jouw kant ({side}): verdeel {total} punten over wat nu het meest telt in de "
            "samenwerking. Je kant deelt één verdeling."
        ),
        "weigh_left": "{left} van {total} punten over",
        "weigh_done": "Alle {total} punten verdeeld.",
        "weigh_over": "Niet meer dan {total} samen: deze kan hoogstens {most} krijgen.",
        "weigh_keys": "Toetsen: ↑/↓ dimensie · ←/→ of -/+ per 5 · cijfers typen · PgDn/PgUp volgende/vorige",
    },
}


def text(lang: str, key: str, **kw: Any) -> str:
    """A text in lang; counts and numbers follow the app's one rule (retro.tui.i18n.fill)."""
    table = TEXTS.get(lang, TEXTS["en"])
    return fill(lang, table.get(key, TEXTS["en"][key]), **kw)
