"""What matters to each side in the faces that lacked it: `retro trends --json` carries
the points per session and the latest grids, and `retro portfolio --md --weighted` shows
the weighted views. Numbers computed by hand in the comments."""

from __future__ import annotations

import json

from msgspec.structs import replace

from retro.cli import main
from retro.model import History, Relationship
from retro.store import Workspace

from .test_importance import hand_session


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _hand_history() -> History:
    """Two closed joint sessions: j1 without points, j2 the worked example of
    docs/figures.md (tests/unit/test_importance.hand_session)."""
    j2 = replace(hand_session(), id="j2", date="2026-05-01", status="closed")
    j1 = replace(j2, id="j1", date="2026-02-01", importance=(), ask_importance=False)
    return History(Relationship("hand", "Klant", "Bureau"), (j1, j2))


def test_trends_json_carries_the_points_and_the_latest_grids_by_hand(
    workspace: Workspace, capsys
) -> None:
    workspace.merge_history(_hand_history())
    code, out, _ = run(capsys, "trends", "hand", "--json")
    assert code == 0
    imp = json.loads(out)["importance"]
    # one entry per session, in the order of "sessions"; j1 divided nothing
    assert imp["points"][0] == {"agency": None, "client": None}
    assert imp["points"][1]["client"] == {
        "expectations": 20,
        "feedback": 30,
        "trust": 40,
        "attention": 10,
    }
    latest = imp["latest"]
    assert (latest["session"], latest["date"]) == ("j2", "2026-05-01")
    client, agency = latest["grids"]
    assert (client["rater"], agency["rater"]) == ("client", "agency")
    # The default framework has nine dimensions, so the equal share is 100 / 9 = 11.1 (not
    # the 25 of the four-dimension grid in test_importance); the performance crosshair is
    # the mean over the scored dimensions: the client's view (3 + 4 + 3 + 5) / 4 = 3.75,
    # the agency's view of the client (4 + 2 + 3 + 4) / 4 = 3.25.
    assert client["importance_cross"] == 11.111 and client["performance_cross"] == 3.75
    assert agency["performance_cross"] == 3.25
    quadrants = {p["dimension"]: p["quadrant"] for p in client["points"] if p["quadrant"]}
    assert quadrants == {
        "trust": "concentrate",  # 40 > 11.1, 3.0 < 3.75
        "feedback": "keep_up",  # 30 > 11.1, 4.0 ≥ 3.75
        "expectations": "concentrate",  # 20 > 11.1, 3.0 < 3.75
        "attention": "overkill",  # 10 ≤ 11.1, 5.0 ≥ 3.75
    }
    theirs = {p["dimension"]: p["quadrant"] for p in agency["points"] if p["quadrant"]}
    assert theirs["expectations"] == "concentrate"  # 50 > 11.1, 3 < 3.25
    # concentrate here, most points of both sides first: expectations 20 + 50 = 70, trust 40
    assert latest["concentrate"] == ["expectations", "trust"]
    gaps = {g["dimension"]: g["gap"] for g in latest["priority_gaps"] if g["is_gap"]}
    assert gaps == {"expectations": -30, "feedback": 25, "trust": 15}  # client − agency


def test_trends_json_importance_is_null_without_points(workspace: Workspace, capsys) -> None:
    h = _hand_history()
    workspace.merge_history(replace(h, sessions=h.sessions[:1]))
    _, out, _ = run(capsys, "trends", "hand", "--json")
    assert json.loads(out)["importance"] == {
        "points": [{"agency": None, "client": None}],
        "latest": None,
    }


def test_portfolio_markdown_weighted_by_hand_in_both_languages(
    workspace: Workspace, capsys
) -> None:
    workspace.merge_history(_hand_history())
    # unweighted: the client's view of the agency (3.0 + 4.0 + 3.0 + 5.0) / 4 = 3.75
    _, plain, _ = run(capsys, "portfolio", "--md", "--lang", "en", "--today", "2026-06-01")
    assert "| 3.75 (n=2) |" in plain and "Weighted" not in plain
    # weighted by the client's points: (40×3 + 30×4 + 20×3 + 10×5) / 100 = 3.50;
    # the agency's view of the client (40×4 + 30×2 + 20×3 + 10×4) / 100 = 3.20
    code, out, _ = run(
        capsys, "portfolio", "--md", "--weighted", "--lang", "en", "--today", "2026-06-01"
    )
    assert code == 0
    assert "| 3.50w (n=2) | 3.20w (n=1) |" in out
    assert "Weighted by the client's points of: Klant (2026-05-01)." in out
    _, nl, _ = run(
        capsys, "portfolio", "--md", "--weighted", "--lang", "nl", "--today", "2026-06-01"
    )
    assert "| 3,50w (n=2) | 3,20w (n=1) |" in nl
    assert "Gewogen naar de punten van de opdrachtgever van: Klant (2026-05-01)." in nl


def test_portfolio_markdown_says_which_relationships_stay_unweighted(
    workspace: Workspace, capsys
) -> None:
    h = _hand_history()
    workspace.merge_history(replace(h, sessions=h.sessions[:1]))
    _, out, _ = run(
        capsys, "portfolio", "--md", "--weighted", "--lang", "en", "--today", "2026-06-01"
    )
    assert "Unweighted (the client never divided its points): Klant." in out
    assert "w (n=" not in out


def test_over_time_report_shows_what_matters_by_hand(workspace: Workspace, capsys) -> None:
    """The worked example in the over-time report (nl and en): the points per session that
    divided them, client / agency, then the latest retro's concentrate here and priority
    gaps (the numbers of the --json test above)."""
    workspace.merge_history(_hand_history())
    _, en, _ = run(capsys, "trends", "hand", "--md", "--lang", "en")
    section = en.split("## What matters to each side", 1)[1].split("\n## ", 1)[0]
    assert "| Dimension | 2026-05-01 |" in section  # j1 divided nothing: no column
    assert "| Trust & respect for expertise | 40 / 25 |" in section
    assert "| Clear, realistic expectations | 20 / 50 |" in section
    assert "| Personal attention | 10 / 20 |" in section
    assert "| Proactivity | 0 / 0 |" in section  # left out by both: 0 points, not absent
    assert (
        "(2026-05-01; matters more than average to a side and scores below its average): "
        "Clear, realistic expectations, Trust & respect for expertise." in section
    )
    # largest difference first: expectations 20 − 50 = −30, feedback 30 − 5, trust 40 − 25
    assert (
        "Priority gaps (the sides differ by 15 points or more): Clear, realistic expectations "
        "(client 20, agency 50); Availability & timely feedback (client 30, agency 5); "
        "Trust & respect for expertise (client 40, agency 25)." in section
    )
    _, nl, _ = run(capsys, "trends", "hand", "--md", "--lang", "nl")
    assert "## Wat telt voor elke kant" in nl
    assert "| Vertrouwen & respect voor expertise | 40 / 25 |" in nl
    assert "(opdrachtgever 20, bureau 50)" in nl


def test_over_time_report_without_points_has_no_importance_section(
    workspace: Workspace, capsys
) -> None:
    h = _hand_history()
    workspace.merge_history(replace(h, sessions=h.sessions[:1]))
    _, out, _ = run(capsys, "trends", "hand", "--md", "--lang", "en")
    assert "What matters" not in out
