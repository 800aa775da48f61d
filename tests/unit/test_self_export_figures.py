"""A self-assessment's export shows, like every other face, the number of raters and
their scores with each mean, and draws the same diverging bars (Markdown and HTML, nl
and en). Numbers counted by hand in the comments."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from retro.export import Charts, export_session
from retro.model import History, Participant, Prediction, Rating, Relationship, Session
from retro.store import Workspace

SVG = "{http://www.w3.org/2000/svg}"
PEOPLE = (
    Participant("a1", "Ada", "agency"),
    Participant("a2", "Bo", "agency"),
    Participant("a3", "Cas", "agency"),
    Participant("c1", "Cleo", "client"),
)


@pytest.fixture
def ws(workspace: Workspace) -> Workspace:
    """Trust: the team on itself 5, 4, 2 (mean 11/3 = 3.7, n=3); its predictions of the
    client 4 and 3 (two raters: shown as their scores); the client at the joint retro
    after it: 3 (one rater). Prediction gap (4 + 3) / 2 − 3 = +0.5."""
    own = Session(
        id="self-1",
        date="2026-03-01",
        kind="self",
        participants=PEOPLE[:3],
        ratings=(
            Rating("a1", "trust", "agency", 5),
            Rating("a2", "trust", "agency", 4),
            Rating("a3", "trust", "agency", 2),
        ),
        predictions=(Prediction("a1", "trust", 4), Prediction("a2", "trust", 3)),
        status="closed",
        phase="close",
    )
    joint = Session(
        id="joint-1",
        date="2026-03-10",
        participants=PEOPLE,
        ratings=(Rating("c1", "trust", "agency", 3), Rating("a1", "trust", "agency", 5)),
        status="closed",
        phase="close",
    )
    workspace.merge_history(History(Relationship("r", "Client", "Agency"), (own, joint)))
    return workspace


@pytest.mark.parametrize(
    ("lang", "row"),
    [
        ("en", "| 3.7 (n=3: 5, 4, 2) | 3 | – | 4 and 3 (n=2) | 3 (n=1) | +0.5 |"),
        ("nl", "| 3,7 (n=3: 5, 4, 2) | 3 | – | 4 en 3 (n=2) | 3 (n=1) | +0,5 |"),
    ],
)
def test_self_export_shows_n_and_scores_with_every_mean(ws: Workspace, lang: str, row: str) -> None:
    text = export_session(ws, "self-1", lang=lang)
    assert row in text  # spread 5 − 2 = 3; the team did not rate the client on trust


def test_self_export_draws_the_teams_and_the_clients_bars(ws: Workspace) -> None:
    charts = Charts("c")
    text = export_session(ws, "self-1", lang="en", charts=charts)
    assert "](c/ratings.svg)" in text
    root = ET.fromstring(charts.files["ratings.svg"])
    bars = {(g.get("data-view")): g for g in root.iter(f"{SVG}g") if g.get("data-view")}
    assert set(bars) == {"agency_self", "agency_other"}  # the team, and the client after
    team = [t.text for t in bars["agency_self"].iter(f"{SVG}text")]
    assert "3.7 (n=3)" in team
    counts = {r.get("data-score"): r for r in bars["agency_self"].iter(f"{SVG}rect")}
    assert {"5", "4", "2"} <= set(counts)  # one 5, one 4, one 2


def test_self_html_report_has_the_chart_inline(ws: Workspace) -> None:
    page = export_session(ws, "self-1", lang="nl", fmt="html")
    assert page.count("<svg") == 1
    assert "Bureau over zichzelf" in page
