"""Hypothesis strategies for whole relationships, hostile text included."""

from __future__ import annotations

from hypothesis import strategies as st

from retro.model import (
    Action,
    Checkin,
    History,
    Note,
    Participant,
    Prediction,
    Rating,
    Relationship,
    Review,
    Session,
)

HOSTILE = [
    "[bold red]not bold[/]",
    "\x1b[31mred\x1b[0m",
    "{{ 7*7 }}",
    "{% raw %}x{% endraw %}",
    "a | b | c",
    "# heading\n- list",
    "`code` <script>alert(1)</script>",
    "مرحبا بالعالم",
    "👩‍👩‍👧‍👦 emoji",
    "x" * 3000,
]

text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=40))
ident = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
score = st.one_of(st.none(), st.integers(1, 5))
dims = st.sampled_from(["transparency", "trust", "feedback", "added_value"])
sides = st.sampled_from(["agency", "client"])
dates = st.dates().map(lambda d: d.isoformat())


@st.composite
def sessions(draw: st.DrawFn, sid: str, date: str, earlier_actions: list[str]) -> Session:
    people = draw(
        st.lists(
            st.builds(Participant, ident, text, sides),
            min_size=1,
            max_size=4,
            unique_by=lambda p: p.id,
        )
    )
    pids = st.sampled_from([p.id for p in people])
    ratings = draw(
        st.lists(
            st.builds(Rating, pids, dims, sides, score, text, text, text),
            max_size=8,
            unique_by=lambda r: (r.participant, r.dimension, r.subject),
        )
    )
    predictions = draw(
        st.lists(
            st.builds(Prediction, pids, dims, score),
            max_size=4,
            unique_by=lambda p: (p.participant, p.dimension),
        )
    )
    review = []
    if earlier_actions:
        review = draw(
            st.lists(
                st.builds(
                    Review,
                    st.sampled_from(earlier_actions),
                    st.sampled_from(["done", "partly", "not_done", "dropped"]),
                    text,
                ),
                max_size=3,
                unique_by=lambda r: r.action,
            )
        )
    n_actions = draw(st.integers(0, 2))
    actions = [
        Action(
            f"{sid}-a{i}",
            draw(text),
            draw(st.one_of(st.just(""), pids, sides)),
            draw(st.one_of(st.none(), dates)),
            draw(st.one_of(st.none(), dims)),
        )
        for i in range(n_actions)
    ]
    return Session(
        id=sid,
        date=date,
        kind=draw(st.sampled_from(["joint", "self", "client"])),
        language=draw(st.sampled_from(["nl", "en"])),
        anonymous=draw(st.booleans()),
        participants=tuple(people),
        ratings=tuple(ratings),
        predictions=tuple(predictions),
        review=tuple(review),
        actions=tuple(actions),
        checkin=Checkin(
            draw(text),
            tuple(
                draw(
                    st.lists(
                        st.builds(Note, pids, text), max_size=2, unique_by=lambda n: n.participant
                    )
                )
            ),
        ),
        proud=tuple(draw(st.lists(st.builds(Note, pids, text), max_size=2))),
        status=draw(st.sampled_from(["open", "closed"])),
        notes=draw(text),
    )


@st.composite
def histories(draw: st.DrawFn) -> History:
    rel = Relationship(draw(ident), draw(text), draw(text))
    days = sorted(draw(st.lists(dates, min_size=0, max_size=3, unique=True)))
    out: list[Session] = []
    earlier: list[str] = []
    for i, day in enumerate(days):
        s = draw(sessions(f"s{i}", day, list(earlier)))
        earlier.extend(a.id for a in s.actions)
        out.append(s)
    return History(rel, tuple(out))
