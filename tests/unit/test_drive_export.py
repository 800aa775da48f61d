"""Found by reading an exported report of an anonymous meeting: what the reader saw."""

from __future__ import annotations

from retro.export import Charts, export_session
from tests.unit.test_export_pictures import SVG, bars, make, parse_svg


def test_an_anonymous_view_s_note_is_not_overprinted_by_its_count(workspace):
    """Below the anonymity threshold the bar is replaced by "3,5 (n=2) · anoniem: alleen
    het gemiddelde", which runs past the count column: a second "n=2" drawn there sat on
    top of the words. The note says n itself, so the row holds one text after its label."""
    make(workspace, {"d1": "Openness", "d2": "Trust"}, anonymous=True)
    for lang, note in (
        ("nl", "5,0 (n=2) · anoniem: alleen het gemiddelde"),
        ("en", "5.0 (n=2) · anonymous: only the mean"),
    ):
        charts = Charts("c")
        export_session(workspace, "s-2", lang=lang, charts=charts)
        own = bars(parse_svg(charts.files["ratings.svg"]))[("d1", "agency_self")]
        texts = [t.text for t in own.iter(f"{SVG}text")]
        assert texts[1:] == [note]
