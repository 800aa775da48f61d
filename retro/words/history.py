"""Words of the history and portfolio screens and of the portfolio's warning signs.

Same shape as every table of retro.words (key -> (English, Dutch)); the core's
retro.trends.describe words a warning sign from here too, so the CLI and the screen agree.
"""

from __future__ import annotations

HISTORY: dict[str, tuple[str, str]] = {
    # history: rows and columns
    "row.agency.self": ("Agency sees itself", "Bureau over zelf"),
    "row.agency.other": ("Client sees agency", "Opdrachtgever over bureau"),
    "row.agency.gap": ("Gap about agency", "Verschil bureau"),
    "row.client.self": ("Client sees itself", "Opdrachtgever over zelf"),
    "row.client.other": ("Agency sees client", "Bureau over opdrachtgever"),
    "row.client.gap": ("Gap about client", "Verschil opdrachtgever"),
    "row.kept": ("Commitments kept", "Afspraken nagekomen"),
    "row.miss": ("Prediction miss", "Voorspelfout"),
    "row.prediction": ("Prediction gap", "Voorspelverschil"),
    "history.kind.joint": ("joint", "samen"),
    "history.kind.self": ("self-assess.", "zelfevaluatie"),
    "history.kind.client": ("client only", "alleen opdrachtgever"),
    "history.kind.open": ("(open)", "(open)"),
    "history.sub": ("History", "Historie"),
    "history.loading": ("Loading…", "Laden…"),
    "history.sessions": (
        "{n} session, {first} to {last}|{n} sessions, {first} to {last}",
        "{n} sessie, {first} tot {last}|{n} sessies, {first} tot {last}",
    ),
    "history.none": ("no sessions yet", "nog geen sessies"),
    "history.none_chart": ("No sessions yet.", "Nog geen sessies."),
    "history.dimension": ("Dimension", "Dimensie"),
    "history.all": ("All dimensions", "Alle dimensies"),
    "tab.summary": ("Summary", "Overzicht"),
    "tab.over_time": ("Over time", "In de tijd"),
    "summary.since": (
        "Since the previous closed joint session ({a} → {b}): {better} better, {worse} "
        "worse, {same} no clear change (how each side sees the other; → is within what "
        "this relationship's history makes likely by chance).",
        "Sinds de vorige afgesloten gezamenlijke sessie ({a} → {b}): {better} beter, "
        "{worse} slechter, {same} geen duidelijke verandering (hoe elke kant de ander ziet; "
        "→ valt binnen wat de geschiedenis van deze relatie door toeval waarschijnlijk maakt).",
    ),
    "summary.one": (
        "One closed joint session so far ({date}): changes show from the second one.",
        "Tot nu toe één afgesloten gezamenlijke sessie ({date}): veranderingen zie je vanaf "
        "de tweede.",
    ),
    "summary.none": (
        "No closed joint session yet: nothing to compare.",
        "Nog geen afgesloten gezamenlijke sessie: niets te vergelijken.",
    ),
    "summary.open": (
        "A session in progress ({dates}) is not included until it is closed.|"
        "Sessions in progress ({dates}) are not included until they are closed.",
        "Een lopende sessie ({dates}) telt pas mee als die is afgesloten.|"
        "Lopende sessies ({dates}) tellen pas mee als ze zijn afgesloten.",
    ),
    "summary.kept": (
        "Commitments kept: {value} (before: {was}).",
        "Afspraken nagekomen: {value} (daarvoor: {was}).",
    ),
    "summary.miss": (
        " Prediction miss at the last check: {value}.",
        " Voorspelfout bij de laatste vergelijking: {value}.",
    ),
    "summary.hint": (
        "Enter on a dimension shows it over time.",
        "Enter op een dimensie toont die in de tijd.",
    ),
    "summary.dimension": ("Dimension", "Dimensie"),
    "summary.ca": ("Client sees\nagency", "Opdrachtgever\nover bureau"),
    "summary.ac": ("Agency sees\nclient", "Bureau over\nopdrachtgever"),
    "summary.gap": ("Largest gap\nnow", "Grootste\nverschil nu"),
    "summary.spark": ("Client sees\nagency, trend", "Opdrachtgever\nover bureau, trend"),
    "tab.compare": ("Compare", "Vergelijk"),
    "tab.predictions": ("Predictions", "Voorspellingen"),
    "history.legend": (
        "n= raters · ↑↓ a clear change: green better (view up, gap narrower), red worse; "
        "→ no clear change · – no answer · · not asked · [ ] step dimension",
        "n= beoordelaars · ↑↓ duidelijke verandering: groen beter, rood slechter; → geen "
        "duidelijke verandering · – geen antwoord · · niet gevraagd · [ ] dimensie",
    ),
    # reveal-figs: the course chart (one block, to move with the other words)
    "chart.course": (
        "● {own}  ○ {other}  ◉ both  ┃ gap ≥ {at}",
        "● {own}  ○ {other}  ◉ beide  ┃ verschil ≥ {at}",
    ),
    "chart.kept": ("Commitments kept (0–100%)", "Afspraken nagekomen (0–100%)"),
    "chart.miss": ("Prediction miss (0 is a perfect read)", "Voorspelfout (0 is precies goed)"),
    "chart.prediction": (
        "{name}: size of the prediction gap (0–4)",
        "{name}: grootte van het voorspelverschil (0–4)",
    ),
    "chart.gap": (
        "{name}: {label}, size (0 = agreement, up to 4)",
        "{name}: {label}, grootte (0 = eens, tot 4)",
    ),
    "chart.view": ("{name}: {label} (1–5)", "{name}: {label} (1–5)"),
    "chart.latest": ("latest {value}", "laatst {value}"),
    "chart.none": ("no values", "geen waarden"),
    "chart.count": ("{k} of {n} {n:session|sessions}", "{k} van {n} {n:sessie|sessies}"),
    "compare.from": ("From", "Van"),
    "compare.to": ("to", "naar"),
    "compare.session": ("session", "sessie"),
    "compare.about": ("About · dimension", "Over · dimensie"),
    "compare.self": ("Sees itself", "Over zichzelf"),
    "compare.other": ("Seen by other", "Door de ander"),
    "compare.gap": ("Gap", "Verschil"),
    "compare.pick": (
        "Pick two sessions to compare (a relationship needs two sessions).",
        "Kies twee sessies om te vergelijken (een relatie heeft er twee nodig).",
    ),
    "compare.summary": (
        "Commitments kept: {a} → {b}.  Sees itself = the side's own score; seen by other = "
        "the other side's score of it.",
        "Afspraken nagekomen: {a} → {b}.  Over zichzelf = de eigen score van die kant; door "
        "de ander = de score van de andere kant.",
    ),
    "pred.help": (
        "How well the agency's self-assessment predicted how the client would score the "
        "agency. Miss = mean |predicted − client's score| (0 is a perfect read); bias > 0: "
        "the agency expected better than it got.",
        "Hoe goed de zelfevaluatie van het bureau voorspelde hoe de opdrachtgever het bureau zou "
        "scoren. Fout = gemiddelde |voorspeld − score opdrachtgever| (0 is precies goed); "
        "afwijking > 0: het bureau verwachtte beter dan het kreeg.",
    ),
    "pred.joint": ("Joint session", "Gezamenlijke sessie"),
    "pred.source": ("Predicted in", "Voorspeld in"),
    "pred.predicted": ("Predicted", "Voorspeld"),
    "pred.actual": ("Client said", "Opdrachtgever gaf"),
    "pred.gap": ("Gap", "Verschil"),
    "pred.miss": ("Miss", "Fout"),
    "pred.bias": ("Bias", "Afwijking"),
    "pred.same": ("same session", "zelfde sessie"),
    "pred.none": (
        "No self-assessment with predictions before a joint session yet.",
        "Nog geen zelfevaluatie met voorspellingen vóór een gezamenlijke sessie.",
    ),
    # portfolio
    "portfolio.sub": ("Portfolio", "Portfolio"),
    "portfolio.heading": (
        "{n} relationship · today {today}|{n} relationships · today {today}",
        "{n} relatie · vandaag {today}|{n} relaties · vandaag {today}",
    ),
    "portfolio.problems": (
        " · {n} file could not be read (see below)| · {n} files could not be read (see below)",
        " · {n} bestand onleesbaar (zie onder)| · {n} bestanden onleesbaar (zie onder)",
    ),
    "portfolio.ranking": (
        "Needs attention first: most warning signs (a clear drop of {falling} or more, a gap of "
        "{gap}+ point, under {kept} of commitments kept, overdue actions, score under {low}, "
        "no closed joint session yet, no session in {stale} days), then the lowest score.",
        "Eerst wat aandacht vraagt: meeste signalen (duidelijke daling ({falling} of meer), "
        "verschil {gap}+ punt, <{kept} afspraken nagekomen, verlopen acties, score onder {low}, "
        "geen afgesloten gezamenlijke sessie, {stale} dagen stil), dan de laagste score.",
    ),
    "col.rank": ("\n#", "\n#"),
    "col.client": ("\nClient", "\nOpdrachtgever"),
    "col.agency": ("\nAgency", "\nBureau"),
    "col.signs": ("Warning\nsigns", "Waar-\nschuwingen"),
    "col.score_ca": ("Client sees\nagency", "Opdrachtgever\nover bureau"),
    "col.score_ac": ("Agency sees\nclient", "Bureau over\nopdrachtgever"),
    "col.trend": ("\nTrend", "\nTrend"),
    "col.kept": ("Commitm.\nkept", "Afspraken\nnagekomen"),
    "col.overdue": ("Overdue\nactions", "Verlopen\nacties"),
    "col.gap": ("Largest gap\n(latest closed)", "Grootste verschil\n(laatste afgesloten)"),
    "col.last": ("Last\nsession", "Laatste\nsessie"),
    "portfolio.empty": (
        "No relationships yet. Start one from the home screen, or try retro demo.",
        "Nog geen relaties. Begin er een op het startscherm, of probeer retro demo.",
    ),
    "portfolio.no_signs": ("no warning signs", "geen waarschuwingen"),
    "portfolio.scores_from": (
        " · scores from the latest closed joint session ({date})",
        " · scores uit de laatste afgesloten gezamenlijke sessie ({date})",
    ),
    "portfolio.raters": (
        " (client n={client}, agency n={agency})",
        " (opdrachtgever n={client}, bureau n={agency})",
    ),
    "portfolio.no_clear_change": (
        " · trend {value}: no clear change (within {threshold} of chance, docs/figures.md)",
        " · trend {value}: geen duidelijke verandering (binnen {threshold} van toeval, "
        "docs/figures.md)",
    ),
    "portfolio.prediction": (
        " · prediction miss {mae}, bias {bias}",
        " · voorspelling ernaast {mae}, afwijking {bias}",
    ),
    "portfolio.in_progress": (
        " · a session in progress ({date}) is not included until it is closed",
        " · een lopende sessie ({date}) telt pas mee als die is afgesloten",
    ),
    # the portfolio's detail line, weighted by what matters to the client
    "portfolio.weighted": (
        " · weighted by what matters to the client ({date}): client → agency {ca}, "
        "agency → client {ac}",
        " · gewogen naar wat de opdrachtgever belangrijk vindt ({date}): opdrachtgever → "
        "bureau {ca}, bureau → opdrachtgever {ac}",
    ),
    "portfolio.overdue": ("overdue: ", "verlopen: "),
    "portfolio.overdue_when": (
        " (due {due}, {days} {days:day|days} ago)",
        " (deadline {due}, {days} {days:dag|dagen} geleden)",
    ),
    "portfolio.more": ("and {n} more overdue", "en nog {n} verlopen"),
    "sign.falling": ("falling trend ({value:+.2f})", "dalende trend ({value:+.2f})"),
    "sign.gap": (
        "gap {value:+.1f} on {dimension} ({side})",
        "verschil {value:+.1f} op {dimension} ({side})",
    ),
    "sign.kept": ("commitments kept {value:.0%}", "afspraken nagekomen {value:.0%}"),
    "sign.overdue": (
        "{n} overdue action|{n} overdue actions",
        "{n} verlopen actie|{n} verlopen acties",
    ),
    "sign.low": ("latest score {value:.1f}", "laatste score {value:.1f}"),
    "sign.no_joint": (
        "no closed joint session yet",
        "nog geen afgesloten gezamenlijke sessie",
    ),
    "sign.stale": ("no session for {value} days", "{value} dagen geen sessie"),
    # key descriptions, by binding id
    "key.history.back": ("Back", "Terug"),
    "key.history.filter": ("Dimension", "Dimensie"),
    "key.history.summary": ("Summary", "Overzicht"),
    "key.history.over_time": ("Over time", "In de tijd"),
    "key.history.compare": ("Compare", "Vergelijk"),
    "key.history.predictions": ("Predictions", "Voorspellingen"),
    "key.history.reload": ("Reload", "Vernieuwen"),
    "key.history.tabs": ("Tabs", "Tabbladen"),
    "key.portfolio.back": ("Back", "Terug"),
    "key.portfolio.history": ("History", "Historie"),
    "key.portfolio.reload": ("Reload", "Vernieuwen"),
}
