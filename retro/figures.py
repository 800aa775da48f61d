"""The figures of a mutual evaluation, as pure functions of sessions.

A view with no scores is absent (None), never 0: "nobody answered" must not read as
"everybody gave the lowest score". n/a answers are left out of every mean.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import fmean

from retro.model import SIDES, History, Session, Side, other_side

REVIEW_WEIGHT = {"done": 1.0, "partly": 0.5, "not_done": 0.0}  # "dropped" does not count
SPREAD_FLAG = 2  # a side that disagrees with itself by this much deserves a conversation


@dataclass(frozen=True)
class SubjectFigures:
    """How one side (the subject) is seen on one dimension in one session."""

    self: float | None = None  # the subject's own mean score of itself
    other: float | None = None  # the other side's mean score of the subject
    gap: float | None = None  # self - other; large positive is a blind spot
    spread_self: int | None = None  # max - min among the subject's own scores
    spread_other: int | None = None  # max - min among the other side's scores
    prediction: float | None = None  # agency only: what its team expected the client to say
    prediction_gap: float | None = None  # prediction - what the client said

    def as_dict(self) -> dict[str, float | int | None]:
        return {
            "self": self.self,
            "other": self.other,
            "gap": self.gap,
            "spread_self": self.spread_self,
            "spread_other": self.spread_other,
            "prediction": self.prediction,
            "prediction_gap": self.prediction_gap,
        }


@dataclass(frozen=True)
class SessionFigures:
    session: str
    commitments_kept: float | None
    dimensions: dict[str, dict[Side, SubjectFigures]]

    def gaps_largest_first(self) -> list[tuple[str, Side, float]]:
        """Every present perception gap, largest absolute value first."""
        out = [
            (dim, side, f.gap)
            for dim, sides in self.dimensions.items()
            for side, f in sides.items()
            if f.gap is not None
        ]
        return sorted(out, key=lambda t: (-abs(t[2]), t[0], t[1]))


def mean(scores: Iterable[int | float | None]) -> float | None:
    present = [s for s in scores if s is not None]
    return fmean(present) if present else None


def spread(scores: Iterable[int | None]) -> int | None:
    present = [s for s in scores if s is not None]
    return max(present) - min(present) if present else None


def difference(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else a - b


def scores_by(
    session: Session, dimension: str, subject: Side, rater_side: Side
) -> list[int | None]:
    """The scores that raters of one side gave the subject on a dimension."""
    sides = {p.id: p.side for p in session.participants}
    return [
        r.score
        for r in session.ratings
        if r.dimension == dimension
        and r.subject == subject
        and sides.get(r.participant) == rater_side
    ]


def subject_figures(session: Session, dimension: str, subject: Side) -> SubjectFigures:
    own = scores_by(session, dimension, subject, subject)
    others = scores_by(session, dimension, subject, other_side(subject))
    self_view, other_view = mean(own), mean(others)
    prediction = None
    if subject == "agency":
        prediction = mean(p.score for p in session.predictions if p.dimension == dimension)
    return SubjectFigures(
        self=self_view,
        other=other_view,
        gap=difference(self_view, other_view),
        spread_self=spread(own),
        spread_other=spread(others),
        prediction=prediction,
        prediction_gap=difference(prediction, other_view),
    )


def commitments_kept(session: Session) -> float | None:
    """(done + 0.5 × partly) / (done + partly + not_done); dropped actions do not count.

    Over the reviews this session's look back gave, whichever session agreed the actions
    (retro.actions): one found "not done" twice counts in both sessions, as it was found.
    """
    weights = [REVIEW_WEIGHT[r.status] for r in session.review if r.status in REVIEW_WEIGHT]
    return sum(weights) / len(weights) if weights else None


def dimensions_of(session: Session) -> list[str]:
    """The dimensions a session has answers on, in first-seen order."""
    seen: dict[str, None] = {}
    for r in session.ratings:
        seen.setdefault(r.dimension, None)
    for p in session.predictions:
        seen.setdefault(p.dimension, None)
    return list(seen)


def session_figures(session: Session, dimensions: Sequence[str] | None = None) -> SessionFigures:
    dims = list(dimensions) if dimensions is not None else dimensions_of(session)
    return SessionFigures(
        session=session.id,
        commitments_kept=commitments_kept(session),
        dimensions={d: {s: subject_figures(session, d, s) for s in SIDES} for d in dims},
    )


@dataclass(frozen=True)
class Trend:
    """Per-dimension series across a relationship's sessions, in date order."""

    relationship: str
    sessions: tuple[str, ...]
    commitments_kept: tuple[float | None, ...]
    figures: tuple[SessionFigures, ...]

    def series(self, dimension: str, subject: Side, figure: str) -> list[float | None]:
        out = []
        for f in self.figures:
            sf = f.dimensions.get(dimension, {}).get(subject)
            out.append(getattr(sf, figure) if sf is not None else None)
        return out

    def change(self, dimension: str, subject: Side, figure: str = "other") -> float | None:
        """Latest present value minus the one before it: "better or worse since last time"."""
        present = [v for v in self.series(dimension, subject, figure) if v is not None]
        return present[-1] - present[-2] if len(present) >= 2 else None


def trend(history: History, dimensions: Sequence[str] | None = None) -> Trend:
    ordered = history.sorted_sessions()
    if dimensions is None:
        seen: dict[str, None] = {}
        for s in ordered:
            for d in dimensions_of(s):
                seen.setdefault(d, None)
        dimensions = list(seen)
    figures = tuple(session_figures(s, dimensions) for s in ordered)
    return Trend(
        relationship=history.relationship.id,
        sessions=tuple(s.id for s in ordered),
        commitments_kept=tuple(f.commitments_kept for f in figures),
        figures=figures,
    )
