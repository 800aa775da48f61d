"""Words of the exported summaries' own labels and of the export preview screen.

Same shape as every table of retro.words. The "label." entries are what a template sees
as ``labels`` (retro.export.context), so a user's template override reads the same words.
"""

from __future__ import annotations

EXPORT: dict[str, tuple[str, str]] = {
    # the summary's labels (templates: labels.agency, labels.done, …)
    "label.agency": ("Agency", "Bureau"),
    "label.client": ("Client", "Opdrachtgever"),
    "label.done": ("done", "gedaan"),
    "label.partly": ("partly", "deels"),
    "label.not_done": ("not done", "niet gedaan"),
    "label.dropped": ("dropped", "vervallen"),
    "label.joint": ("joint retro", "gezamenlijke retro"),
    "label.self": ("agency self-assessment", "zelfevaluatie bureau"),
    "label.client_round": ("client's own round", "eigen ronde opdrachtgever"),
    # what matters to each side: the quadrants of the importance-performance grid
    # (English: Martilla & James's own names)
    "label.concentrate": ("concentrate here", "hier op inzetten"),
    "label.keep_up": ("keep up the good work", "zo vasthouden"),
    "label.low_priority": ("low priority", "lage prioriteit"),
    "label.overkill": ("possible overkill", "mogelijk te veel moeite"),
    # the export preview (retro.tui.screens.export)
    "export.title": ("Export summary", "Samenvatting exporteren"),
    "export.audience": ("For", "Voor"),
    "export.internal": ("internal", "intern"),
    "export.shared": ("both sides", "beide kanten"),
    "export.language": ("Language", "Taal"),
    "export.file": ("File", "Bestand"),
    "export.folder": ("Folder", "Map"),
    "export.save": ("Save", "Opslaan"),
    "export.copy": ("Copy", "Kopiëren"),
    "export.close": ("Close", "Sluiten"),
    "export.saved": ("Saved to {path}", "Opgeslagen in {path}"),
    "export.copied": (
        "Summary copied to the clipboard",
        "Samenvatting gekopieerd naar het klembord",
    ),
    "export.rendering": ("Rendering…", "Bezig…"),
    "export.internal_only": (
        "A self-assessment is internal: it is never exported for both sides.",
        "Een zelfevaluatie is intern: die wordt nooit voor beide kanten geëxporteerd.",
    ),
    "export.save_failed": ("Could not save: {error}", "Opslaan mislukt: {error}"),
    "export.exists": (
        "{path} already exists: save again to replace it.",
        "{path} bestaat al: sla nogmaals op om het te vervangen.",
    ),
    "export.not_folder": (
        "{path} is not a folder: choose another one.",
        "{path} is geen map: kies een andere.",
    ),
    "export.create": (
        "The folder {path} does not exist yet. Create it and save the summary there?",
        "De map {path} bestaat nog niet. Aanmaken en de samenvatting daar opslaan?",
    ),
    "export.yes": ("Create", "Aanmaken"),
    "export.no": ("Cancel", "Annuleren"),
    "key.export_close": ("Close", "Sluiten"),
    "key.export_save": ("Save", "Opslaan"),
    "key.export_copy": ("Copy", "Kopiëren"),
    "key.export_audience": ("For", "Voor"),
    "key.export_language": ("Language", "Taal"),
    # the SVG charts beside an export (retro.export.charts)
    "svg.ratings_title": (
        "How the scores fall, per dimension and view",
        "Hoe de scores vallen, per dimensie en blik",
    ),
    "svg.ratings_note": (
        "Bars: how many people gave each score, low to the left, high to the right; n = people with a score, n/a apart.",
        "Balken: hoeveel mensen elke score gaven, laag links, hoog rechts; n = mensen met een score, n.v.t. apart.",
    ),
    "svg.withheld": ("anonymous: only the mean", "anoniem: alleen het gemiddelde"),
    "svg.no_scores": ("no scores", "geen scores"),
    "svg.na": ("n/a", "n.v.t."),
    "svg.course_title": ("{name}: over time", "{name}: door de tijd"),
    "svg.self_line": ("own view", "eigen blik"),
    "svg.other_line": ("other side's view", "blik van de andere kant"),
    "svg.gap_mark": ("gap of {at} point or more", "verschil van {at} punt of meer"),
    "svg.about_agency": ("About the agency", "Over het bureau"),
    "svg.about_client": ("About the client", "Over de opdrachtgever"),
    "svg.agency_self": ("Agency on itself", "Bureau over zichzelf"),
    "svg.agency_other": ("Client on the agency", "Opdrachtgever over het bureau"),
    "svg.client_self": ("Client on itself", "Opdrachtgever over zichzelf"),
    "svg.client_other": ("Agency on the client", "Bureau over de opdrachtgever"),
    "svg.not_rated": ("not rated", "niet gescoord"),
    "svg.grid_title": (
        "What matters to {rater}, against its view of {subject}",
        "Wat telt voor {rater}, tegen zijn beeld van {subject}",
    ),
    "svg.grid_x": ("score of {subject} (1–5)", "score van {subject} (1–5)"),
    "svg.grid_y": ("points (of {total})", "punten (van {total})"),
    "svg.grid_cross": (
        "crosshairs: equal share {points} points, mean score {score}",
        "kruislijnen: gelijk deel {points} punten, gemiddelde score {score}",
    ),
    "svg.the_agency": ("the agency", "het bureau"),
    "svg.the_client": ("the client", "de opdrachtgever"),
}
