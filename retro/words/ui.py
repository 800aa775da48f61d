"""The app's own words (TUI screens, dialogs, the Footer's key names), in English and Dutch.

One entry is key -> (English, Dutch), as in every table of retro.words; the lookup is
retro.words.tr. User and framework texts never pass through here.
"""

from __future__ import annotations

UI: dict[str, tuple[str, str]] = {
    # app-wide
    "app.title": ("Retro", "Retro"),
    "app.subtitle": ("client & agency, both ways", "opdrachtgever & bureau, van twee kanten"),
    "key.help": ("Help", "Hulp"),
    "key.quit": ("Quit", "Stoppen"),
    "key.palette": ("palette", "Menu"),
    "key.home": ("Home", "Relaties"),
    "key.next_phase": ("Next phase", "Volgende fase"),
    "key.prev_phase": ("Prev phase", "Vorige fase"),
    "key.retry": ("Retry save", "Opnieuw opslaan"),
    "key.new_rel": ("New relationship", "Nieuwe relatie"),
    "key.new_session": ("New session", "Nieuwe sessie"),
    "key.new_group": ("New", "Nieuw"),  # n relationship, s session: one footer item
    "key.open": ("Open", "Openen"),
    "key.history": ("History", "Historie"),
    "key.portfolio": ("Portfolio", "Portfolio"),
    "key.export": ("Export", "Exporteren"),
    "key.next_q": ("Next", "Volgende"),
    "key.prev_q": ("Previous", "Vorige"),
    "key.other_q": ("Other question", "Andere vraag"),
    "key.reveal": ("Reveal", "Onthullen"),
    "key.delete": ("Delete", "Verwijderen"),
    "key.close_session": ("Close session", "Sessie sluiten"),
    "key.reopen": ("Reopen", "Heropenen"),
    "key.cancel": ("Cancel", "Annuleren"),
    "key.start": ("Start", "Starten"),
    "key.save": ("Save", "Opslaan"),
    "key.add": ("Add", "Toevoegen"),
    "key.join.quit": ("Quit", "Stoppen"),
    "key.who.quit": ("Quit", "Stoppen"),
    "key.who.back": ("Back", "Terug"),
    "key.rate.next": ("Next", "Volgende"),
    "key.rate.previous": ("Previous", "Vorige"),
    "key.rate.quit": ("Quit", "Stoppen"),
    "lang.name": ("English", "Nederlands"),
    "side.agency": ("agency", "bureau"),
    "side.client": ("client", "opdrachtgever"),
    "side.agency.cap": ("Agency", "Bureau"),
    "side.client.cap": ("Client", "Opdrachtgever"),
    "kind.joint": ("Joint retro", "Gezamenlijke retro"),
    "kind.self": ("Agency self-assessment", "Zelfevaluatie bureau"),
    "kind.client": ("Client survey", "Klantonderzoek"),
    "status.open": ("open", "open"),
    "status.closed": ("closed", "gesloten"),
    "phase.checkin": ("Check-in", "Check-in"),
    "phase.lookback": ("Look back", "Terugblik"),
    "phase.rate": ("Rate", "Beoordelen"),
    "phase.reveal": ("Reveal", "Onthulling"),
    "phase.agree": ("Agree", "Afspraken"),
    "phase.close": ("Close", "Afsluiten"),
    "na": ("n/a", "n.v.t."),
    "anonymous": ("anonymous", "anoniem"),
    "participant": ("participant", "deelnemer"),
    # errors
    "error.title": ("Not saved", "Niet opgeslagen"),
    "error.kept": (
        "Your answer is kept and tried again every few seconds; ctrl+s tries at once.",
        "Je antwoord blijft bewaard en wordt om de paar seconden opnieuw geprobeerd; "
        "ctrl+s probeert het meteen.",
    ),
    "error.unsaved": ("{n} unsaved — ctrl+s", "{n} niet opgeslagen — ctrl+s"),
    "saved.again": ("Everything is saved.", "Alles is opgeslagen."),
    "error.load": ("Could not read the workspace", "De werkmap kon niet gelezen worden"),
    # the yes/no dialog's own words, when the caller has none better
    "dialog.yes": ("Yes", "Ja"),
    "dialog.no": ("No", "Nee"),
    "dialog.yes_key": ("y", "j"),  # the key that answers yes: "yes" / "ja"
    # home
    "home.title": ("Relationships", "Relaties"),
    "home.col.client": ("Client", "Opdrachtgever"),
    "home.col.agency": ("Agency", "Bureau"),
    "home.col.last": ("Last session", "Laatste sessie"),
    "home.col.trend": ("Trend", "Trend"),
    "home.col.actions": ("Actions", "Acties"),
    "home.sessions": ("Sessions of {name}", "Sessies van {name}"),
    "home.col.date": ("Date", "Datum"),
    "home.col.kind": ("Kind", "Soort"),
    "home.col.status": ("Status", "Status"),
    "home.col.phase": ("Phase", "Fase"),
    "home.col.people": ("People", "Mensen"),
    "home.empty": (
        "No relationships yet. Press n to add one, or run 'retro demo' to look around.",
        "Nog geen relaties. Druk n om er een toe te voegen, of start 'retro demo' om rond te kijken.",
    ),
    "home.no_sessions": (
        "No sessions yet: press s to start one.",
        "Nog geen sessies: druk s om er een te starten.",
    ),
    "home.damaged": (
        "{n} damaged {n:file|files}: {names}",
        "{n} {n:beschadigd bestand|beschadigde bestanden}: {names}",
    ),
    "home.hint": (
        "enter opens · s new session · n new relationship",
        "enter opent · s nieuwe sessie · n nieuwe relatie",
    ),
    # new relationship
    "rel.title": ("New relationship", "Nieuwe relatie"),
    "rel.client": ("Client", "Opdrachtgever"),
    "rel.agency": ("Agency", "Bureau"),
    "rel.required": ("Both names are needed.", "Beide namen zijn nodig."),
    "rel.exists": (
        "{client} & {agency} is already in the list: open it there.",
        "{client} & {agency} staat al in de lijst: open de relatie daar.",
    ),
    # setup
    "setup.title": ("New session · {client} & {agency}", "Nieuwe sessie · {client} & {agency}"),
    "setup.kind": ("Kind", "Soort"),
    "setup.framework": ("Framework", "Raamwerk"),
    "setup.language": ("Language", "Taal"),
    "setup.anonymous": ("Anonymous", "Anoniem"),
    "setup.blind": ("Blind entry", "Blind invullen"),
    "setup.per_side": ("One score per side", "Eén score per kant"),
    "setup.participants": ("Participants", "Deelnemers"),
    "setup.name": ("Name", "Naam"),
    "setup.add": ("Add person", "Persoon toevoegen"),
    "setup.remove": ("Remove", "Verwijderen"),
    "setup.enter_adds": (
        "Enter adds as {side}; the other side: its + button.",
        "Enter voegt toe als {side}; voor de andere kant gebruik je de +-knop ernaast.",
    ),
    "setup.added": ("{name} added as {side}.", "{name} toegevoegd als {side}."),
    "setup.name_first": (
        "Type a name first. To begin the session: ctrl+g or Start.",
        "Typ eerst een naam. De sessie beginnen: ctrl+g of Starten.",
    ),
    "setup.duplicate": (
        "{name} is already taking part: add a surname or an initial to tell the two apart.",
        "{name} doet al mee: voeg een achternaam of initiaal toe om de twee uit elkaar te houden.",
    ),
    "setup.need_people": (
        "Add at least one participant with a name.",
        "Voeg minstens één deelnemer met een naam toe.",
    ),
    "setup.need_side": (
        "This kind needs someone of the {side} side.",
        "Deze soort heeft iemand van de kant {side} nodig.",
    ),
    # phases common
    "phase.of": ("Phase {n} of 6", "Fase {n} van 6"),
    "session.head": (
        "{client} & {agency} · {date} · {kind}",
        "{client} & {agency} · {date} · {kind}",
    ),
    "session.closed": (
        "closed — read only until reopened",
        "gesloten — alleen lezen tot heropenen",
    ),
    # check-in
    "checkin.intro": (
        "A personal question that has nothing to do with work. Answers are optional.",
        "Een persoonlijke vraag die niets met werk te maken heeft. Antwoorden mag, hoeft niet.",
    ),
    "checkin.answer": ("Answer (optional)", "Antwoord (mag leeg)"),
    # look back
    # A review needs a status: a note typed before it waits for the status key.
    "lookback.note_needs_status": (
        "The note is saved with a status: d done · p partly · n not done · x dropped",
        "De notitie wordt bewaard met een status: d gedaan · p deels · n niet gedaan · x vervallen",
    ),
    "lookback.waiting_title": ("Notes without a status", "Notities zonder status"),
    "lookback.waiting_intro": (
        "A note is saved with its action's status (d p n x). These actions have a note "
        "and no status yet:",
        "Een notitie wordt bewaard met de status van haar actie (d p n x). Deze acties "
        "hebben een notitie en nog geen status:",
    ),
    "lookback.waiting_question": (
        "Leave the look back without these notes?",
        "De terugblik verlaten zonder deze notities?",
    ),
    "lookback.waiting_leave": ("Leave without", "Verder zonder"),
    "lookback.waiting_stay": ("Give a status", "Status geven"),
    "lookback.none": (
        "No earlier actions to look back on.",
        "Geen eerdere acties om op terug te kijken.",
    ),
    "lookback.col.action": ("Action", "Actie"),
    "lookback.col.owner": ("Owner", "Eigenaar"),
    "lookback.col.due": ("Due", "Deadline"),
    "lookback.col.status": ("Status", "Status"),
    "lookback.col.note": ("Note", "Notitie"),
    "lookback.note": ("Note on the selected action", "Notitie bij de gekozen actie"),
    "lookback.kept": ("Commitments kept: {pct}", "Afspraken nagekomen: {pct}"),
    "review.done": ("done", "gedaan"),
    "review.partly": ("partly", "deels"),
    "review.not_done": ("not done", "niet gedaan"),
    "review.dropped": ("dropped", "vervallen"),
    "review.none": ("—", "—"),
    "key.done": ("Done", "Gedaan"),
    "key.partly": ("Partly", "Deels"),
    "key.not_done": ("Not done", "Niet gedaan"),
    "key.dropped": ("Dropped", "Vervallen"),
    "lookback.open_intro": (
        "Open actions: d done · p partly · n not done · x dropped\n"
        "Any other key you type starts the note of the highlighted action.",
        "Openstaande acties: d gedaan · p deels · n niet gedaan · x vervallen\n"
        "Elke andere toets die je typt begint de notitie bij de gekozen actie.",
    ),
    "help.lookback": (
        "Look back: d p n x set the status of the highlighted action (done, partly, not "
        "done, dropped) and move to the next; any other key you type starts its note, "
        "Enter in the note goes back to the table.",
        "Terugblik: d p n x geven de gekozen actie een status (gedaan, deels, niet gedaan, "
        "vervallen) en gaan door naar de volgende; elke andere toets die je typt begint de "
        "notitie, Enter in de notitie gaat terug naar de tabel.",
    ),
    "lookback.reviewed": ("{k} of {n} reviewed", "{k} van {n} besproken"),
    "lookback.was": ("was {status}", "was {status}"),
    # rate
    "rate.progress": (
        "{who} ({r} of {nr}) · dimension {d} of {nd}",
        "{who} ({r} van {nr}) · dimensie {d} van {nd}",
    ),
    "rate.side_rater": ("{side} side (agreed score)", "Kant {side} (gezamenlijke score)"),
    "rate.about_us": ("About us", "Over ons"),
    "rate.about_them": ("About the other side", "Over de andere kant"),
    "rate.prediction": (
        "What will the client score us?",
        "Welke score geeft de opdrachtgever ons?",
    ),
    "rate.works": ("What works", "Wat werkt"),
    "rate.doesnt": ("What doesn't", "Wat werkt niet"),
    "rate.why": ("Why", "Waarom"),
    "rate.remarks": ("Remarks about {subject}", "Opmerkingen over {subject}"),
    "rate.hint": (
        "1-5 score · 0 n/a · enter next · pgup/pgdn other question · ^g first open",
        "1-5 · 0 n.v.t. · enter volgende · pgup/pgdn andere vraag · ^g eerste open",
    ),
    "rate.others_blind": (
        "Others' scores stay hidden until the reveal ({n} answered).",
        "De scores van anderen blijven verborgen tot de onthulling ({n} ingevuld).",
    ),
    "rate.others": ("So far: {scores}", "Tot nu toe: {scores}"),
    "rate.done": (
        "All questions answered — ctrl+n goes to the reveal.",
        "Alle vragen beantwoord — ctrl+n gaat naar de onthulling.",
    ),
    "rate.no_raters": (
        "Nobody in this session can rate.",
        "Niemand in deze sessie kan beoordelen.",
    ),
    "score.unset": ("not scored", "geen score"),
    # the session engine's rules on screen: blind, own devices, completeness
    "key.first_open": ("First open", "Eerste open"),
    "key.blind_on": ("Blind", "Blind"),
    "cmd.blind": (
        "Blind from now on: hide scores until the reveal",
        "Vanaf nu blind: scores verborgen tot de onthulling",
    ),
    "key.take_over": ("Take over", "Overnemen"),
    "key.keep_theirs": ("Keep theirs", "Laten staan"),
    "key.reveal_anyway": ("Reveal anyway", "Toch onthullen"),
    "key.not_yet": ("Not yet", "Nog niet"),
    "rate.device": (
        "given on their own device · a key asks before taking it over",
        "op eigen apparaat gegeven · een toets vraagt eerst of je het overneemt",
    ),
    "rate.device_hidden": (
        "answered on their own device · hidden until the reveal",
        "ingevuld op eigen apparaat · verborgen tot de onthulling",
    ),
    "rate.takeover_title": ("Take over this score?", "Deze score overnemen?"),
    "rate.takeover_ask": (
        "{name} gave this answer on their own device. Change it from this screen?",
        "{name} gaf dit antwoord op het eigen apparaat. Vanaf dit scherm wijzigen?",
    ),
    "rate.all_answered": ("Every question is answered.", "Alle vragen zijn beantwoord."),
    "rate.blind_on": (
        "Blind: scores given on own devices stay hidden until the reveal.",
        "Blind: scores van eigen apparaten blijven verborgen tot de onthulling.",
    ),
    "setup.anonymous_help": (
        "Anonymous: shared screens and exports show a number and side, not names.",
        "Anoniem: gedeelde schermen en exports tonen nummer en kant, geen namen.",
    ),
    "setup.blind_help": (
        "Blind: nobody sees another's score until the reveal, this screen included.",
        "Blind: niemand ziet andermans score tot de onthulling, ook dit scherm niet.",
    ),
    "setup.per_side_help": (
        "One score per side: each side agrees one score, not one per person.",
        "Eén score per kant: elke kant spreekt één score af, niet één per persoon.",
    ),
    "reveal.missing_title": ("Not everyone has answered", "Nog niet iedereen heeft geantwoord"),
    "reveal.missing_ask": (
        "Reveal now anyway? Missing answers stay open.",
        "Toch nu onthullen? Ontbrekende antwoorden blijven open.",
    ),
    "reveal.h.self": ("Self", "Zelf"),
    "reveal.h.spread": ("Spread", "Spreiding"),
    "reveal.h.pred": ("Predicted", "Voorspeld"),
    "reveal.h.actual": ("Client", "Opdrachtgever"),
    "reveal.h.miss": ("Off by", "Verschil"),
    "reveal.team": ("Team view of the agency", "Teambeeld van het bureau"),
    "reveal.self_line": (
        "{dim}: self {own} · spread {spread} · predicted client {pred}",
        "{dim}: zelf {own} · spreiding {spread} · voorspelde opdrachtgever {pred}",
    ),
    "reveal.actual_line": (
        "   client scored {actual} in the joint session of {date} (predicted {pred})",
        "   opdrachtgever gaf {actual} in de gezamenlijke sessie van {date} (voorspeld {pred})",
    ),
    # reveal
    "reveal.hidden": (
        "Blind entry: scores are hidden. Press r to reveal them to everyone.",
        "Blind invullen: scores zijn verborgen. Druk r om ze aan iedereen te tonen.",
    ),
    "reveal.tab.views": ("Four views", "Vier blikken"),
    "reveal.tab.gaps": ("Gaps", "Verschillen"),
    "reveal.tab.remarks": ("Remarks", "Opmerkingen"),
    "reveal.tab.proud": ("Proud of", "Trots op"),
    "key.tabs": ("Tabs", "Tabbladen"),
    "key.tab_prev": ("Previous tab", "Vorig tabblad"),
    "key.tab_next": ("Next tab", "Volgend tabblad"),
    "reveal.col.dim": ("Dimension", "Dimensie"),
    # The four views' legend, in parts: the screen shows only those its table uses.
    "reveal.legend.views": (
        "A→A agency on agency · C→A client on agency · C→C client on client · A→C agency on client",
        "B→B bureau over bureau · O→B opdrachtgever over bureau · O→O opdrachtgever over "
        "zichzelf · B→O bureau over opdrachtgever",
    ),
    "reveal.legend.n": (
        "n= how many raters scored the view",
        "n= hoeveel beoordelaars de blik scoorden",
    ),
    "reveal.legend.own_n": (
        "{mean} (2) a mean of 2 raters, where fewer scored that dimension",
        "{mean} (2) een gemiddelde van 2 beoordelaars, waar minder die dimensie scoorden",
    ),
    "reveal.legend.scores": (
        "4/2 the scores of two raters",
        "4/2 de scores van twee beoordelaars",
    ),
    "reveal.legend.delta": (
        "Δ change of the other view since last session, about agency then client "
        "(→ no clear change)",
        "Δ verandering sinds vorige sessie, over bureau dan opdrachtgever (→ geen duidelijke)",
    ),
    "reveal.legend.spread": ("⚠ spread ≥ 2", "⚠ spreiding ≥ 2"),
    "reveal.h.aa": ("A→A", "B→B"),
    "reveal.h.ca": ("C→A", "O→B"),
    "reveal.h.gapa": ("gap A", "verschil B"),
    "reveal.h.cc": ("C→C", "O→O"),
    "reveal.h.ac": ("A→C", "B→O"),
    "reveal.h.gapc": ("gap C", "verschil O"),
    "reveal.h.delta": ("Δ", "Δ"),
    "reveal.gap_line": (
        "{dim} · {subject}: own view {own} vs other view {other} (gap {gap})",
        "{dim} · {subject}: eigen blik {own} tegen andere blik {other} (verschil {gap})",
    ),
    "reveal.spread": (
        "⚠ {side} disagrees with itself by {n}",
        "⚠ {side}: de scores liggen {n} {n:punt|punten} uiteen",
    ),
    "reveal.no_gaps": (
        "No gaps yet: nobody has rated.",
        "Nog geen verschillen: niemand heeft beoordeeld.",
    ),
    "reveal.no_remarks": ("No remarks.", "Geen opmerkingen."),
    "reveal.proud_intro": (
        "What are you happy or proud of in this collaboration?",
        "Waar ben je blij mee of trots op in deze samenwerking?",
    ),
    "reveal.proud_who": ("Who", "Wie"),
    "reveal.proud_text": ("Proud of…", "Trots op…"),
    "reveal.no_proud": ("Nothing noted yet.", "Nog niets genoteerd."),
    "reveal.prediction": ("predicted {p} · actual {a}", "voorspeld {p} · werkelijk {a}"),
    # reveal-figs: the distribution tab, agreement and reliable change (one block, to move)
    "reveal.tab.bars": ("Distribution", "Verdeling"),
    "reveal.bars.intro": (
        "A block per rater: 1 and 2 left of the line, 4 and 5 right, 3 on it.",
        "Een blok per beoordelaar: 1 en 2 links van de lijn, 4 en 5 rechts, 3 erop.",
    ),
    "reveal.bars.agreement": (
        "{subject}: agreement (gap {gap}, under {at})",
        "{subject}: eens (verschil {gap}, onder {at})",
    ),
    "reveal.bars.self_higher": (
        "{subject}: gap {gap}, sees itself higher",
        "{subject}: verschil {gap}, ziet zichzelf hoger",
    ),
    "reveal.bars.other_higher": (
        "{subject}: gap {gap}, the other side sees it higher",
        "{subject}: verschil {gap}, de ander ziet het hoger",
    ),
    "reveal.bars.since": ("since last time {change}", "sinds vorige keer {change}"),
    "reveal.bars.no_clear": ("no clear change", "geen duidelijke verandering"),
    "reveal.bars.withheld": (
        "anonymous: fewer than {k}",
        "anoniem: minder dan {k}",
    ),
    "reveal.agreement": (
        "Agreement (gap under {at} point): {items}",
        "Eens (verschil minder dan {at} punt): {items}",
    ),
    "reveal.differences": (
        "Differences of {at} point or more, largest first:",
        "Verschillen van {at} punt of meer, grootste eerst:",
    ),
    "reveal.no_differences": (
        "No differences of {at} point or more: both sides see each dimension alike.",
        "Geen verschillen van {at} punt of meer: beide kanten zien elke dimensie gelijk.",
    ),
    "setup.threshold": ("Show scores from", "Scores tonen vanaf"),
    "setup.threshold_help": (
        "raters per view; fewer show only their mean, so no score can be traced.",
        "beoordelaars per blik; minder tonen alleen hun gemiddelde: geen score herleidbaar.",
    ),
    # agree
    "agree.intro": (
        "Agree on actions: what, who, when, and which dimension it improves.",
        "Maak afspraken: wat, wie, wanneer, en welke dimensie het verbetert.",
    ),
    "agree.what": ("What", "Wat"),
    "agree.owner": ("Owner", "Eigenaar"),
    "agree.due": ("Due (YYYY-MM-DD)", "Deadline (JJJJ-MM-DD)"),
    "agree.dimension": ("Dimension", "Dimensie"),
    "agree.need_title": ("An action needs a title.", "Een actie heeft een omschrijving nodig."),
    "agree.bad_date": (
        "Due must be a date like 2026-03-31.",
        "Deadline moet een datum zijn, zoals 2026-03-31.",
    ),
    "agree.none": ("No actions yet.", "Nog geen acties."),
    "agree.draft_saved": ("Action saved: {title}", "Actie opgeslagen: {title}"),
    "agree.draft_kept": (
        "The action in the form is not saved: {reason} Fix it, or {again} to leave without it.",
        "De actie in het formulier is niet opgeslagen: {reason} Verbeter haar, of {again} om "
        "zonder haar verder te gaan.",
    ),
    "agree.again_key": ("press {keys} again", "druk nogmaals {keys}"),
    "agree.again_click": ("click {phase} again", "klik nogmaals op {phase}"),
    "agree.editing": ("Editing: {title}", "Bewerken: {title}"),
    "agree.editing_hint": (
        "Editing “{title}” · enter saves · esc cancels",
        "Bewerken: “{title}” · enter bewaart · esc annuleert",
    ),
    "agree.due_free": ("Due", "Deadline"),
    "agree.due_example": ("e.g. friday, +2w", "bijv. vrijdag, +2w"),
    "agree.need_owner": ("Who does it? Choose an owner.", "Wie doet het? Kies een eigenaar."),
    "agree.need_due": (
        "When is it due? E.g. friday, +2w or 15-12.",
        "Wanneer is het af? Bijv. vrijdag, +2w of 15-12.",
    ),
    "agree.not_a_date": (
        "“{text}” is not a date: try friday, +2w, 15-12 or 2026-12-15.",
        "“{text}” is geen datum: probeer vrijdag, +2w, 15-12 of 2026-12-15.",
    ),
    "agree.due_shows": ("→ {day} {date}", "→ {day} {date}"),
    "agree.due_unknown": ("→ ?", "→ ?"),
    "agree.weekdays": ("Mon Tue Wed Thu Fri Sat Sun", "ma di wo do vr za zo"),
    "agree.kept_draft": (
        "The action in the form is not added: {reason} Fix it, or {again} to keep it as a "
        "draft and go on.",
        "De actie in het formulier is niet toegevoegd: {reason} Vul haar aan, of {again} om "
        "haar als concept te bewaren en verder te gaan.",
    ),
    "agree.draft_restored": (
        "The half-typed action is back in the form.",
        "De half ingevulde actie staat weer in het formulier.",
    ),
    "agree.finish_edit": (
        "Save the action you are editing (enter) or cancel it (esc) first.",
        "Bewaar eerst de actie die je bewerkt (enter) of annuleer (esc).",
    ),
    "agree.delete_title": ("Delete this action?", "Deze actie verwijderen?"),
    "key.edit_action": ("Edit", "Bewerken"),
    "key.delete_action": ("Delete", "Verwijderen"),
    "key.cancel_edit": ("Cancel", "Annuleren"),
    "key.yes_delete": ("Delete", "Verwijderen"),
    "key.no_keep": ("Keep", "Houden"),
    # close
    "close.title": ("Summary", "Samenvatting"),
    "close.ratings": (
        "{n} {n:answer|answers} from {p} {p:person|people}",
        "{n} {n:antwoord|antwoorden} van {p} {p:persoon|mensen}",
    ),
    "close.kept": (
        "Commitments kept from last time: {pct}",
        "Afspraken van vorige keer nagekomen: {pct}",
    ),
    "close.top_gaps": ("Largest gaps", "Grootste verschillen"),
    "close.actions": ("Agreed actions", "Gemaakte afspraken"),
    "close.proud": ("Proud of", "Trots op"),
    "close.is_closed": ("This session is closed.", "Deze sessie is gesloten."),
    "close.is_open": (
        "Press c to close the session (it can be reopened).",
        "Druk c om de sessie te sluiten (heropenen kan altijd).",
    ),
    "close.closed_note": ("Session closed.", "Sessie gesloten."),
    "close.reopened_note": ("Session reopened.", "Sessie heropend."),
    "close.missing_title": (
        "Not everyone has finished rating",
        "Nog niet iedereen is klaar met beoordelen",
    ),
    "close.missing": (
        "{n} {n:answer is|answers are} still missing:",
        "Er {n:ontbreekt|ontbreken} nog {n} {n:antwoord|antwoorden}:",
    ),
    "close.missing_who": ("{name}: {n} missing", "{name}: {n} open"),
    "close.missing_points": ("{side} side, what matters", "Kant {side}, wat telt"),
    "close.missing_more": ("and {n} more", "en nog {n}"),
    "close.missing_ask": (
        "Close the session anyway? After reopening, the missing answers can still be given.",
        "De sessie toch sluiten? Na heropenen kunnen de ontbrekende antwoorden nog gegeven worden.",
    ),
    "key.close_anyway": ("Close anyway", "Toch sluiten"),
    "key.keep_open": ("Keep open", "Open laten"),
    # help
    "help.title": ("Help", "Hulp"),
    "help.body": (
        "Retro walks a client and its agency through a joint evaluation, both ways.\n\n"
        "Every answer is saved the moment it is given; quit at any time and retro resumes "
        "at the same phase and question.\n\n"
        "ctrl+n / ctrl+b   next / previous phase (or click the stepper)\n"
        "ctrl+p            commands: new session, theme, language, jump to phase\n"
        "escape            back to the relationships\n"
        "tab / shift+tab   move between fields; the mouse works everywhere\n"
        "1-5, 0            score, or n/a, on a focused score bar\n"
        "ctrl+s            retry a save that failed\n"
        "ctrl+q            quit\n\n"
        "Figures: (n=…) is how many people scored; with one or two, their scores show "
        "instead of a mean. The reveal's Distribution tab draws each view as a bar: a block "
        "per person, 1 and 2 left of the line, 4 and 5 right, 3 on it. A gap under 1 point "
        "is agreement, not a difference. ↑ or ↓ only when a change is larger than this "
        "relationship's own history makes likely by chance (until there are three earlier "
        "changes: 1 point); → is no clear change. In an anonymous session a view shows how "
        "its scores fall only from 3 raters (a setting on the setup screen); below that only "
        "its mean. See docs/figures.md.",
        "Retro leidt een opdrachtgever en zijn bureau door een evaluatie van twee kanten.\n\n"
        "Elk antwoord wordt meteen opgeslagen; stop wanneer je wilt en retro gaat verder bij "
        "dezelfde fase en vraag.\n\n"
        "ctrl+n / ctrl+b   volgende / vorige fase (of klik op de stappen)\n"
        "ctrl+p            opdrachten: nieuwe sessie, thema, taal, naar een fase\n"
        "escape            terug naar de relaties\n"
        "tab / shift+tab   naar het volgende of vorige veld; de muis werkt overal\n"
        "1-5, 0            score, of n.v.t., op een score-balk met focus\n"
        "ctrl+s            een mislukte opslag opnieuw proberen\n"
        "ctrl+q            stoppen\n\n"
        "Cijfers: (n=…) is hoeveel mensen scoorden; bij één of twee staan hun scores er in "
        "plaats van een gemiddelde. Het tabblad Verdeling bij de onthulling tekent elke blik "
        "als balk: een blok per persoon, 1 en 2 links van de lijn, 4 en 5 rechts, 3 erop. "
        "Een verschil onder 1 punt is overeenstemming, geen verschil van mening. ↑ of ↓ "
        "alleen als een verandering groter is dan de eigen geschiedenis van de relatie door "
        "toeval waarschijnlijk maakt (tot er drie eerdere veranderingen zijn: 1 punt); → is "
        "geen duidelijke verandering. In een anonieme sessie toont een blik hoe de scores "
        "vallen pas vanaf 3 mensen (in te stellen bij een nieuwe sessie); daaronder alleen "
        "het gemiddelde. Zie docs/figures.md.",
    ),
    "help.keys": ("Keys on this screen", "Toetsen op dit scherm"),
    "key.close_help": ("Close", "Sluiten"),
    # commands
    "cmd.new_session": ("New session", "Nieuwe sessie"),
    "cmd.new_session.help": (
        "Start a session for the selected relationship",
        "Start een sessie voor de gekozen relatie",
    ),
    "cmd.new_rel": ("New relationship", "Nieuwe relatie"),
    "cmd.new_rel.help": ("Add a client–agency relationship", "Voeg een relatie toe"),
    "cmd.theme_light": ("Theme: light (projector)", "Thema: licht (beamer)"),
    "cmd.theme_dark": ("Theme: dark", "Thema: donker"),
    "cmd.theme_pick": ("Theme: choose…", "Thema: kiezen…"),
    "cmd.theme.help": ("Switch the colours of the app", "Wissel de kleuren van de app"),
    "cmd.lang": ("Language: {name}", "Taal: {name}"),
    "cmd.lang.help": (
        "Switch the language (in a session: the session's language)",
        "Wissel de taal (in een sessie: de taal van de sessie)",
    ),
    "lang.view_only": (
        "Shown in English; the closed session keeps its own language (reopen to change it).",
        "Getoond in het Nederlands; de gesloten sessie houdt haar eigen taal (heropen om die te "
        "wijzigen).",
    ),
    "cmd.jump": ("Go to phase: {phase}", "Naar fase: {phase}"),
    "cmd.jump.help": ("Jump to a phase of this session", "Spring naar een fase van deze sessie"),
    "cmd.home": ("Home: relationships", "Naar de relaties"),
    "cmd.history": ("History of this relationship", "Historie van deze relatie"),
    "cmd.portfolio": ("Portfolio of all relationships", "Portfolio van alle relaties"),
    "cmd.export": ("Export summary", "Samenvatting exporteren"),
    # Textual's own words: the palette, its system commands, ctrl+c
    "palette.search": ("Search for commands…", "Zoek een opdracht…"),
    "palette.themes": ("Search for themes…", "Zoek een thema…"),
    "palette.none": ("No matches found", "Niets gevonden"),
    "sys.help": ("Help", "Hulp"),
    "sys.help.help": (
        "What the app does and the keys of this screen",
        "Wat de app doet en de toetsen van dit scherm",
    ),
    "sys.maximize": ("Maximize", "Vergroten"),
    "sys.maximize.help": (
        "Show the focused part full screen",
        "Toon het actieve deel schermvullend",
    ),
    "sys.minimize": ("Minimize", "Verkleinen"),
    "sys.minimize.help": ("Back to the normal size", "Terug naar de gewone grootte"),
    "sys.screenshot": ("Screenshot", "Schermafdruk"),
    "sys.screenshot.help": (
        "Save an SVG image of the screen",
        "Bewaar een SVG-afbeelding van het scherm",
    ),
    "sys.quit": ("Quit", "Stoppen"),
    "sys.quit.help": (
        "Save what was typed and leave the app",
        "Bewaar wat getypt is en sluit de app af",
    ),
    "quit.title": ("Do you want to quit?", "Wil je stoppen?"),
    "quit.how": ("Press ctrl+q to quit the app.", "Druk op ctrl+q om de app te sluiten."),
    # -- what matters to each side (issue 13.5): one block, to move with the other words --
    "phase.weigh": ("What matters", "Wat telt"),
    "setup.importance": ("Ask what matters (100 points)", "Vraag wat telt (100 punten)"),
    "setup.importance_help": (
        "What matters: after rating, each side splits 100 points over the dimensions.",
        "Wat telt: na het beoordelen verdeelt elke kant 100 punten over de dimensies.",
    ),
    "weigh.intro": (
        "Each side divides {total} points over what matters most to the relationship now.",
        "Elke kant verdeelt {total} punten over wat nu het meest telt in de samenwerking.",
    ),
    "weigh.left": ("{side}: {left} of {total} left", "{side}: {left} van {total} over"),
    "weigh.done": ("{side}: all {total} given", "{side}: alle {total} verdeeld"),
    "weigh.over": (
        "Not more than {total} in all: {dim} can have at most {most} ({given} given elsewhere).",
        "Niet meer dan {total} samen: {dim} kan hoogstens {most} krijgen "
        "({given} staan al elders).",
    ),
    "weigh.capped": (
        "Not more than {total} in all: {dim} gets {most}, the most it can have "
        "({given} given elsewhere).",
        "Niet meer dan {total} samen: {dim} krijgt {most}, meer kan niet "
        "({given} staan al elders).",
    ),
    "weigh.hint": (
        "↑↓ dimension · ←→ or -+ by 5 · digits type · tab other side · click − +",
        "↑↓ dimensie · ←→ of -+ per 5 · cijfers typen · tab andere kant · klik − +",
    ),
    "weigh.device": (
        "given on their own device · a key asks before taking it over",
        "op eigen apparaat gegeven · een toets vraagt eerst of je het overneemt",
    ),
    "weigh.hidden": (
        "entered on their own device · hidden until the reveal",
        "ingevuld op eigen apparaat · verborgen tot de onthulling",
    ),
    "key.weigh_side": ("Side", "Kant"),
    "key.weigh_less": ("−5", "−5"),
    "key.weigh_more": ("+5", "+5"),
    "help.weigh": (
        "What matters: ↑↓ pick a dimension, ←→ or - + change its points by 5, digits type "
        "them, tab switches side; never more than 100 in all.",
        "Wat telt: ↑↓ kies een dimensie, ←→ of - + verandert de punten per 5, cijfers typen "
        "ze, tab wisselt van kant; nooit meer dan 100 samen.",
    ),
    "reveal.tab.weigh": ("What matters", "Wat telt"),
    "grid.title.client": (
        "Client: points × score of agency",
        "Opdrachtgever: punten × score bureau",
    ),
    "grid.title.agency": (
        "Agency: points × score of client",
        "Bureau: punten × score opdrachtgever",
    ),
    "grid.axes": ("↑ points · score →", "↑ punten · score →"),
    "grid.cross": (
        "Crosshairs: {imp} points (an even share) and score {perf} (the mean).",
        "Kruislijnen: {imp} punten (een gelijk deel) en score {perf} (het gemiddelde).",
    ),
    "grid.empty": (
        "{side} has not divided its points yet.",
        "{side} heeft de punten nog niet verdeeld.",
    ),
    "grid.hidden": (
        "{side}: entered on a device, hidden until the reveal.",
        "{side}: ingevuld op een apparaat, verborgen tot de onthulling.",
    ),
    "grid.q.concentrate": ("Concentrate here", "Hier op focussen"),
    "grid.q.keep_up": ("Keep up the good work", "Zo doorgaan"),
    "grid.q.low_priority": ("Low priority", "Lage prioriteit"),
    "grid.q.overkill": ("Possible overkill", "Mogelijk te veel"),
    "grid.concentrate": ("Concentrate here: {dims}", "Hier op focussen: {dims}"),
    "grid.no_concentrate": (
        "Concentrate here: nothing that matters much scores low.",
        "Hier op focussen: niets wat veel telt scoort laag.",
    ),
    "grid.gaps": (
        "Priority gaps (the sides differ by {at} points or more):",
        "Prioriteitsverschillen (de kanten verschillen {at} punten of meer):",
    ),
    "grid.gap_line": (
        "{dim}: client {client} · agency {agency} points",
        "{dim}: opdrachtgever {client} · bureau {agency} punten",
    ),
    "grid.no_gaps": (
        "No priority gaps: both sides weigh the dimensions alike.",
        "Geen prioriteitsverschillen: beide kanten wegen de dimensies gelijk.",
    ),
    "agree.concentrate": ("◆", "◆"),  # marks a "concentrate here" dimension in the list
}
