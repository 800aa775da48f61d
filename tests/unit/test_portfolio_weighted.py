"""`retro portfolio --weighted`: a relationship's scores weighted by what matters to the
client, from the latest closed joint retro where it divided its points; unweighted (and
said so) where it never did. The cache gives the same rows as computing them."""

from __future__ import annotations

import json
from datetime import date

import pytest
from msgspec.structs import replace

from retro import session_engine as engine
from retro.cli import main
from retro.demo import fill_demo
from retro.figures import weighted_mean
from retro.frameworks import load_frameworks
from retro.model import History, Participant, Rating, Relationship, Session
from retro.portfolio_index import portfolio_rows
from retro.store import Workspace
from retro.trends import portfolio, portfolio_basis

TODAY = date(2026, 11, 23)


def test_weighted_mean_by_hand() -> None:
    # (40 × 2 + 60 × 4) / 100 = 3.2; a dimension without a score drops out with its points
    assert weighted_mean({"trust": 2, "feedback": 4}, {"trust": 40, "feedback": 60}) == 3.2
    assert weighted_mean({"trust": 2, "feedback": None}, {"trust": 40, "feedback": 60}) == 2
    assert weighted_mean({"trust": 2}, {"feedback": 100}) is None  # no points where scored
    assert weighted_mean({}, {"trust": 100}) is None


def _history(points: dict[str, int] | None) -> History:
    people = (Participant("c1", "C", "client"), Participant("a1", "A", "agency"))
    s = Session(id="j1", date="2026-10-01", participants=people, status="closed")
    for d, v in (("trust", 2), ("feedback", 4)):
        s = s.with_rating(Rating("c1", d, "agency", v)).with_rating(Rating("a1", d, "client", 5))
    if points is not None:
        s = engine.with_importance(s, "client", points)
    return History(Relationship("r", "Client", "Agency"), (s,))


def test_the_basis_weighs_the_latest_views_by_the_clients_points() -> None:
    row = portfolio_basis(_history({"trust": 80, "feedback": 20}))
    assert row.client_on_agency == 3.0  # (2 + 4) / 2, as before
    assert row.weighted_client_on_agency == pytest.approx(2.4)  # 0.8 × 2 + 0.2 × 4
    assert row.weighted_agency_on_client == 5
    assert row.weights_from == ("j1", "2026-10-01")
    assert replace(row, weighted=True).score == pytest.approx(3.7)  # mean(2.4, 5)
    assert row.score == 4.0  # unweighted unless asked
    plain = portfolio_basis(_history(None))
    assert plain.weights_from is None and replace(plain, weighted=True).score == 4.0


def test_weights_come_from_the_latest_closed_joint_session_with_an_allocation() -> None:
    h = _history({"trust": 80, "feedback": 20})
    later = replace(h.sessions[0], id="j2", date="2026-11-01", importance=())
    in_progress = engine.with_importance(
        replace(later, id="j3", date="2026-11-20", status="open"), "client", {"trust": 0}
    )
    row = portfolio_basis(replace(h, sessions=(*h.sessions, later, in_progress)))
    assert row.latest == "j2"  # scores of the latest closed joint session
    assert row.weights_from == ("j1", "2026-10-01")  # points of the latest that has them


def run(capsys, *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_says_what_was_weighted_and_the_cache_agrees(workspace: Workspace, capsys) -> None:
    fill_demo(workspace, today=TODAY)
    fws = load_frameworks(workspace.root)
    rows, _, _ = portfolio_rows(workspace, TODAY, fws, weighted=True)  # cold
    again, _, _ = portfolio_rows(workspace, TODAY, fws, weighted=True)  # from the cache
    computed = portfolio(workspace.scan()[0], TODAY, fws, weighted=True)
    assert rows == again == computed
    zwolle = next(r for r in rows if r.relationship.client == "Gemeente Zwolle")
    assert zwolle.weights_from is not None and zwolle.weighted_client_on_agency is not None
    # Zwolle's client weighs commitments and feedback, where the agency scores low
    assert zwolle.weighted_client_on_agency < zwolle.client_on_agency  # type: ignore[operator]

    code, out, _ = run(capsys, "--data", str(workspace.root), "portfolio", "--weighted",
                       "--today", TODAY.isoformat())  # fmt: skip
    assert code == 0
    assert "Weighted: C→A and A→C" in out
    assert f"{zwolle.weighted_client_on_agency:.2f}w" in out
    assert "Unweighted (the client never divided its points): Northwind Foods" in out

    code, out, _ = run(capsys, "--data", str(workspace.root), "portfolio", "--weighted",
                       "--json", "--today", TODAY.isoformat())  # fmt: skip
    data = json.loads(out)
    assert "client's points" in data["weighting"]
    by = {r["relationship"]: r for r in data["relationships"]}
    assert by["gemeente-zwolle"]["weighted"] is True
    assert by["gemeente-zwolle"]["weights_from"]["date"] == "2026-10-24"
    assert by["northwind-foods"]["weighted"] is False
    assert by["northwind-foods"]["weights_from"] is None

    code, out, _ = run(capsys, "--data", str(workspace.root), "portfolio", "--weighted", "--md")
    assert code == 0 and "w (n=2)" in out  # the Markdown report weighs too (docs/figures.md)
