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
    "export.yes": ("Create (y)", "Aanmaken (j)"),
    "export.no": ("Cancel (n)", "Annuleren (n)"),
    "key.export_close": ("Close", "Sluiten"),
    "key.export_save": ("Save", "Opslaan"),
    "key.export_copy": ("Copy", "Kopiëren"),
    "key.export_audience": ("For", "Voor"),
    "key.export_language": ("Language", "Taal"),
}
