"""Test workspaces with fixed dates and seeded answers, so screens look the same every run."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec.structs import replace

from retro.frameworks import default_framework
from retro.model import (
    Action,
    Checkin,
    Note,
    Participant,
    Rating,
    Review,
    Session,
)
from retro.store import Workspace

if TYPE_CHECKING:
    from retro.tui.screens.join_rate import RateScreen

REL = "acme"
EARLIER = "acme-2026-01-15"
OPEN = "acme-2026-04-15"

PEOPLE = (
    Participant("p-clara", "Clara Jansen", "client"),
    Participant("p-cees", "Cees de Boer", "client"),
    Participant("p-ada", "Ada Smit", "agency"),
    Participant("p-abel", "Abel Visser", "agency"),
)

ACTIONS = (
    Action("acme-a1", "Weekly feedback slot", "p-clara", "2026-02-15", "feedback"),
    Action(
        "acme-a2", "Brief template with success criteria", "agency", "2026-03-01", "expectations"
    ),
    Action("acme-a3", "Share the quarterly plan", "p-ada", None, "commitments"),
)


def ratings_for(
    people: tuple[Participant, ...], seed: int = 3, remarks: bool = True
) -> tuple[Rating, ...]:
    rng = random.Random(seed)
    out = []
    for p in people:
        for d in default_framework().dimensions:
            for sub in ("agency", "client"):
                if not d.rates(sub):
                    continue
                score = rng.choice((2, 3, 3, 4, 4, 5)) + (1 if p.side == sub == "agency" else 0)
                texts = ("", "", "")
                if remarks and d.key == "feedback" and sub != p.side:
                    texts = ("Quick replies", "Late approvals", "Deadlines slip")
                out.append(Rating(p.id, d.key, sub, min(5, score), *texts))
    return tuple(out)


def earlier_session() -> Session:
    return Session(
        id=EARLIER,
        date="2026-01-15",
        language="en",
        participants=PEOPLE,
        ratings=ratings_for(PEOPLE, seed=1, remarks=False),
        actions=ACTIONS,
        checkin=Checkin("Coffee, tea or something else entirely?"),
        status="closed",
        phase="close",
        revealed=True,
    )


def open_session(
    phase: str = "checkin", *, people: tuple[Participant, ...] = PEOPLE, language: str = "en"
) -> Session:
    """A session in progress with answers in every phase, standing at `phase`."""
    return Session(
        id=OPEN,
        date="2026-04-15",
        language=language,  # type: ignore[arg-type]
        participants=people,
        ratings=ratings_for(people),
        review=(
            Review("acme-a1", "done", "Tuesdays at ten"),
            Review("acme-a2", "partly"),
        ),
        actions=(
            Action(
                "acme-a4", "Monthly idea beyond the brief", "p-ada", "2026-06-01", "added_value"
            ),
        ),
        checkin=Checkin(
            "What small thing made you happy this week?",
            (Note(people[0].id, "The first sunny day"), Note(people[2].id, "A new bike")),
        ),
        proud=(Note(people[1].id, "The launch went without a hitch"),),
        status="open",
        phase=phase,
        position=f"{people[0].id}/trust" if phase == "rate" else "",
        revealed=True,
    )


def build_workspace(ws: Workspace, *, with_open: Session | None = None) -> Workspace:
    ws.create_relationship("Acme BV", "Studio Zuid", rel_id=REL)
    ws.add_session(REL, earlier_session())
    if with_open is not None:
        ws.add_session(REL, with_open)
    return ws


def hostile_people() -> tuple[Participant, ...]:
    return (
        Participant("p-clara", "[bold red]Clara[/] \x1b[31mRED\x1b[0m", "client"),
        Participant("p-cees", "שלום عليكم 🎉👩‍👩‍👧 " + "x" * 120, "client"),
        Participant("p-ada", "[link=http://x]Ada[/link] $var {{7*7}}", "agency"),
        Participant("p-abel", "Abel\nNewline\tTab", "agency"),
    )


def hostile_session(phase: str) -> Session:
    s = open_session(phase, people=hostile_people())
    hostile_rating = Rating(
        "p-clara",
        "feedback",
        "agency",
        2,
        "[b]works[/b] \x1b[1mbold",
        "[reverse]no[/]",
        "why? 🎉 " + "y" * 200,
    )
    return replace(
        s.with_rating(hostile_rating),
        proud=(Note("p-ada", "[blink]proud[/blink] \x1b]8;;http://evil\x07link"),),
        checkin=Checkin("[u]Question?[/u]", (Note("p-clara", "[i]answer[/i]"),)),
    )


JOIN_CODE = "K7MQ2P"


def joinable(ws: Workspace, *, blind: bool = False) -> str:
    """A relationship with one open session that Anouk (client) joins on her own device
    with JOIN_CODE; its relationship id."""
    rel = ws.create_relationship("Bakkerij Van Dijk", "Studio Noord").id
    ws.add_session(
        rel,
        Session(
            id="s1",
            date="2026-11-01",
            participants=(Participant("c1", "Anouk", "client"),),
            status="open",
            blind=blind,
            join_code=JOIN_CODE,
        ),
    )
    return rel


async def join_as_anouk(pilot) -> RateScreen:
    """The join app from its code to Anouk's rating screen, ready for her first key."""
    from retro.tui.screens.join import WhoScreen
    from retro.tui.screens.join_rate import RateScreen
    from tests.ui.screen import until

    app = pilot.app
    await pilot.press(*JOIN_CODE, "enter")
    await until(pilot, lambda: isinstance(app.screen, WhoScreen))
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, RateScreen))
    # Not settle(): the device's saver is a worker that runs until the app ends.
    await until(pilot, lambda: app.focused is not None and app.focused.id == "rate-score")
    assert isinstance(app.screen, RateScreen)
    return app.screen


def bram_s_pack(ws: Workspace, path: Path) -> Path:
    """A self-assessment in Dutch, open, with a check-in question, and Bram's fill-in pack
    for it written to path (`retro fill` answers it with no workspace at all)."""
    from retro import pack as packs

    rel = ws.create_relationship("Bakkerij Van Dijk", "Studio Noord").id
    ws.add_session(
        rel,
        Session(
            id="s1",
            date="2026-11-01",
            kind="self",
            language="nl",
            participants=(Participant("a1", "Bram", "agency"),),
            checkin=Checkin("Wat was het hoogtepunt van je weekend?"),
            status="open",
        ),
    )
    packs.write_pack(path, packs.make_pack(ws, "s1", "a1"))
    return path
