"""Words of joining a session: the join gate, the participant's screens, the join code panel.

Same shape as every table of retro.words; the keys start with "join." so the one lookup
serves them beside the facilitator's words.
"""

from __future__ import annotations

JOIN: dict[str, tuple[str, str]] = {
    "join.join_title": ("Join a retro", "Doe mee aan een retro"),
    "join.join_help": (
        "Enter the join code shown on the facilitator's screen.",
        "Voer de deelnamecode in die op het scherm van de gespreksleider staat.",
    ),
    "join.join_button": ("Join", "Meedoen"),
    "join.join_wrong": (
        "No open session has that code. Check it and try again.",
        "Geen open sessie heeft die code. Controleer hem en probeer opnieuw.",
    ),
    "join.join_wait": (
        "Too many wrong codes from your network: wait before the next try.",
        "Te veel foute codes vanaf jouw netwerk: wacht even voor je het opnieuw probeert.",
    ),
    "join.join_next": ("Next try in {s} s.", "Volgende poging over {s} s."),
    "join.who_help": (
        "Who are you? Your scores stay hidden from the others until the reveal.",
        "Wie ben jij? Je scores blijven verborgen voor de anderen tot de onthulling.",
    ),
    "join.agency": ("agency", "bureau"),
    "join.client": ("client", "opdrachtgever"),
    "join.about_agency": ("About the agency", "Over het bureau"),
    "join.about_client": ("About the client", "Over de opdrachtgever"),
    "join.predict": (
        "Your prediction: how will the client score the agency?",
        "Je voorspelling: welke score geeft de opdrachtgever het bureau?",
    ),
    "join.works": ("What works", "Wat werkt"),
    "join.doesnt": ("What doesn't", "Wat niet"),
    "join.why": ("Why", "Waarom"),
    "join.na": ("n/a", "n.v.t."),
    "join.previous": ("◀ Previous", "◀ Vorige"),
    "join.next": ("Next ▶", "Volgende ▶"),
    "join.checkin": ("Check-in", "Check-in"),
    "join.question": ("Question {i} of {n}", "Vraag {i} van {n}"),
    "join.answered": ("{a} of {n} answered", "{a} van {n} beantwoord"),
    "join.blind": (
        "Only you see your scores until the facilitator reveals them.",
        "Alleen jij ziet je scores tot de gespreksleider ze onthult.",
    ),
    "join.open": (
        "Not blind: the facilitator's screen shows scores as they are given.",
        "Niet blind: het scherm van de gespreksleider toont scores zodra ze er zijn.",
    ),
    "join.revealed_later": (
        "Revealed: answer the rest to see everyone's scores.",
        "Onthuld: vul de rest in om ieders scores te zien.",
    ),
    "join.revealed": (
        "Revealed: the facilitator's screen shows everyone's scores.",
        "Onthuld: het scherm van de gespreksleider toont ieders scores.",
    ),
    "join.closed": (
        "This session was closed; your answers up to now are saved.",
        "Deze sessie is gesloten; je antwoorden tot nu toe zijn bewaard.",
    ),
    "join.saved": ("Saved ✓", "Bewaard ✓"),
    "join.saving": ("Saving…", "Bewaren…"),
    "join.save_retry": (
        "Not saved yet: your answer is kept and tried again every few seconds.",
        "Nog niet bewaard: je antwoord blijft staan en wordt steeds opnieuw geprobeerd.",
    ),
    "join.waiting_title": ("Remarks without a score", "Opmerkingen zonder score"),
    "join.waiting_intro": (
        "A remark is saved with its score. These questions have remarks and no score yet:",
        "Een opmerking wordt bewaard met haar score. Deze vragen hebben opmerkingen en nog "
        "geen score:",
    ),
    "join.waiting_question": ("Quit without these remarks?", "Stoppen zonder deze opmerkingen?"),
    "join.waiting_leave": ("Quit without", "Stoppen zonder"),
    "join.waiting_stay": ("Give a score", "Score geven"),
    "join.need_score": (
        "Choose a score (or n/a) to save your remarks.",
        "Kies een score (of n.v.t.) om je opmerkingen te bewaren.",
    ),
    "join.done_title": ("Thank you!", "Dank je wel!"),
    "join.done_all": (
        "All {n} questions answered. You can still change answers until the reveal.",
        "Alle {n} vragen beantwoord. Tot de onthulling kun je nog wijzigen.",
    ),
    "join.done_some": (
        "{a} of {n} questions answered; the others are still open.",
        "{a} van {n} vragen beantwoord; de rest staat nog open.",
    ),
    "join.offline": (
        "Offline pack: answers are saved in {file}; send it back when done.",
        "Offline pakket: antwoorden staan in {file}; stuur het terug als je klaar bent.",
    ),
    "join.everyone": (
        "Everyone: {mean} ({k} {k:score|scores})",
        "Iedereen: {mean} ({k} {k:score|scores})",
    ),
    "join.you": ("you", "jij"),
    "join.keys": (
        "Keys: 1-5 score, n n/a, ←/→ adjust · Tab remarks · PgDn/PgUp next/previous",
        "Toetsen: 1-5 score, n n.v.t., ←/→ bijstellen · Tab opmerkingen · PgDn/PgUp volgende/vorige",
    ),
    # -- what matters to each side (issue 13.5): the participant's own division --
    "join.weigh_title": ("What matters", "Wat telt"),
    "join.weigh_help": (
        "For your side ({side}): divide {total} points over what matters most to the relationship now. Your side shares one division.",
        "Voor jouw kant ({side}): verdeel {total} punten over wat nu het meest telt in de samenwerking. Je kant deelt één verdeling.",
    ),
    "join.weigh_left": ("{left} of {total} points left", "{left} van {total} punten over"),
    "join.weigh_done": ("All {total} points given.", "Alle {total} punten verdeeld."),
    "join.weigh_over": (
        "Not more than {total} in all: this one can have at most {most}.",
        "Niet meer dan {total} samen: deze kan hoogstens {most} krijgen.",
    ),
    "join.weigh_capped": (
        "Not more than {total} in all: this one gets {most}, the most it can have.",
        "Niet meer dan {total} samen: deze krijgt {most}, meer kan niet.",
    ),
    "join.weigh_keys": (
        "Keys: ↑/↓ dimension · ←/→ or -/+ by 5 · digits type · PgDn/PgUp next/previous",
        "Toetsen: ↑/↓ dimensie · ←/→ of -/+ per 5 · cijfers typen · PgDn/PgUp volgende/vorige",
    ),
    # the facilitator's join code and who has answered (retro.tui.widgets.presence)
    "presence.code": ("Join code", "Deelnamecode"),
    "presence.how": (
        "participants: retro join (or the retro serve page)",
        "deelnemers: retro join (of de pagina van retro serve)",
    ),
    "presence.done": ("done", "klaar"),
    "presence.none": ("nobody has answered yet", "nog niemand heeft geantwoord"),
}
