"""The figures of a mutual evaluation, as pure functions of sessions.

A view with no scores is absent (None), never 0: "nobody answered" must not read as
"everybody gave the lowest score". n/a answers are left out of every mean.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from msgspec import Struct

from retro.model import IMPORTANCE_POINTS, SIDES, History, Session, Side, other_side
from retro.words import tr

# The one number formatter lives with the words; figures' callers import it from here too.
from retro.words.formats import number as number


def fmean(values: Iterable[float]) -> float:
    """statistics.fmean's arithmetic (fsum / n), without importing statistics: it pulls
    fractions and decimal, a few ms of every command's start-up."""
    xs = list(values)
    if not xs:
        raise ValueError("fmean requires at least one data point")
    return math.fsum(xs) / len(xs)


REVIEW_WEIGHT = {"done": 1.0, "partly": 0.5, "not_done": 0.0}  # "dropped" does not count
SPREAD_FLAG = 2  # a side that disagrees with itself by this much deserves a conversation
SCALE = (1, 2, 3, 4, 5)

# The rules of docs/figures.md, each stated once. Change one here and every face follows.
GAP_AT = 1.0  # a perception gap smaller than one scale point is agreement, not a difference
SHOW_SCORES_UP_TO = 2  # with this few raters, show their scores rather than a decimal mean
LIST_SCORES_UP_TO = 9  # a distribution this small reads best as the scores; above, as counts
# Reliable change (Jacobson & Truax 1991, estimated from the relationship's own history):
RELIABLE_Z = 1.96  # two-sided 95%: a change this many noise-SDs out is unlikely by chance
CHANGE_HISTORY_MIN = 3  # earlier session-to-session differences before the history is used
CHANGE_FLOOR = 1.0  # the threshold until then: one scale point, the same as GAP_AT
# Never below half a point, however steady the history; and a move of half a point or
# less (one of two raters moving one point) is never a clear change.
CHANGE_MIN = 0.5


# ---------------------------------------------------------------------------
# A view: its mean, how many raters, and how their scores fall


class View(Struct, frozen=True):
    """The scores behind one view (one side's scores of a subject on one dimension).

    A mean of two scores shown alone looks precise and is mostly noise: every face shows
    the number of raters and, where anonymity allows, how the scores fall.
    """

    scores: tuple[int, ...] = ()  # the present scores, lowest first
    na: int = 0  # raters who answered n/a: kept apart, never in the mean

    @property
    def n(self) -> int:
        """Raters who gave a score (n/a excluded): the n of the mean."""
        return len(self.scores)

    @property
    def mean(self) -> float | None:
        return fmean(self.scores) if self.scores else None

    @property
    def distribution(self) -> dict[int, int]:
        """How many 1s … 5s, every score of the scale present (0 where nobody chose it)."""
        counts = dict.fromkeys(SCALE, 0)
        for v in self.scores:
            counts[v] = counts.get(v, 0) + 1
        return counts

    def for_template(self, shown: bool) -> dict[str, Any]:
        """What an export template's ``scores`` filter reads. The scores themselves travel
        only where shown (anonymity allows them): a custom template cannot print what
        the context does not hold."""
        return {
            "mean": self.mean,
            "n": self.n,
            "na": self.na,
            "shown": shown,
            "scores": list(self.scores) if shown else [],
        }

    def as_json(self, show_distribution: bool = True) -> dict[str, Any]:
        """`mean`, `n`, `na`, and `distribution` (keys "1".."5") or null when withheld."""
        return {
            "mean": self.mean,
            "n": self.n,
            "na": self.na,
            "distribution": (
                {str(k): c for k, c in self.distribution.items()} if show_distribution else None
            ),
        }


def view_of(scores: Iterable[int | None]) -> View:
    """A View from raw answers, None being n/a."""
    present: list[int] = []
    na = 0
    for v in scores:
        if v is None:
            na += 1
        else:
            present.append(v)
    return View(tuple(sorted(present)), na)


def shows_distribution(session: Session, view: View) -> bool:
    """May this view's distribution (or its single scores) be shown?

    Not in an anonymous session with fewer raters than the session's threshold: with two
    raters and a distribution of one 2 and one 5, each knows what the other gave.
    """
    return not session.anonymous or view.n >= session.distribution_min_raters


def describe_mean(mean: float | None, n: int, lang: str = "en") -> str:
    """A mean with the number of raters behind it: "3.5 (n=4)"; "–" when absent."""
    return "–" if mean is None else f"{number(mean, lang)} (n={n})"


def describe_view(
    view: View, lang: str = "en", show_distribution: bool = True, with_scores: bool = False
) -> str:
    """How a face shows a view: the scores themselves for one or two raters, else the mean
    with its n ("–" without scores). with_scores adds how the scores fall to a mean: the
    scores high to low up to LIST_SCORES_UP_TO raters, counts per score above that. Where
    the distribution is withheld (anonymity), only the mean and n, even for one or two.

    "4 and 2 (n=2)", "3.5 (n=4)", "3.5 (n=4: 5, 4, 3, 2)", "3.1 (n=12: 5×2, 3×8, 1×2)";
    in Dutch "4 en 2 (n=2)", "3,5 (n=4)".
    """
    if view.mean is None:
        return "–"
    if not show_distribution:
        return describe_mean(view.mean, view.n, lang)
    if view.n <= SHOW_SCORES_UP_TO:
        joined = tr(lang, "figures.and").join(str(v) for v in sorted(view.scores, reverse=True))
        return f"{joined} (n={view.n})"
    if not with_scores:
        return describe_mean(view.mean, view.n, lang)
    head = f"{number(view.mean, lang)} (n={view.n}"
    if view.n <= LIST_SCORES_UP_TO:
        return head + ": " + ", ".join(str(v) for v in sorted(view.scores, reverse=True)) + ")"
    counts = [f"{k}×{c}" for k, c in sorted(view.distribution.items(), reverse=True) if c]
    return head + ": " + ", ".join(counts) + ")"


class SubjectFigures(Struct, frozen=True):
    """How one side (the subject) is seen on one dimension in one session."""

    self: float | None = None  # the subject's own mean score of itself
    other: float | None = None  # the other side's mean score of the subject
    gap: float | None = None  # self - other; large positive is a blind spot
    spread_self: int | None = None  # max - min among the subject's own scores
    spread_other: int | None = None  # max - min among the other side's scores
    prediction: float | None = None  # agency only: what its team expected the client to say
    prediction_gap: float | None = None  # prediction - what the client said
    self_scores: View = View()  # the scores behind `self`: n, n/a and distribution
    other_scores: View = View()  # the scores behind `other`

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


class SessionFigures(Struct, frozen=True):
    """Every figure of one session per dimension and side, computed once for all faces."""

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

    def differences(self) -> list[tuple[str, Side, float]]:
        """The gaps that count as a difference (is_gap), largest first; the rest is agreement."""
        return [g for g in self.gaps_largest_first() if is_gap(g[2])]


def mean(scores: Iterable[int | float | None]) -> float | None:
    """Mean of the present values; None (not 0) when there are none: n/a is not a score."""
    present = [s for s in scores if s is not None]
    return fmean(present) if present else None


def spread(scores: Iterable[int | None]) -> int | None:
    present = [s for s in scores if s is not None]
    return max(present) - min(present) if present else None


def difference(a: float | None, b: float | None) -> float | None:
    """a - b, absent when either is: a missing view must not read as a change of 0."""
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
        self_scores=view_of(own),
        other_scores=view_of(others),
    )


def withheld(session: Session, figures: SubjectFigures) -> SubjectFigures:
    """The figures with each spread left out where its view's distribution is withheld
    (shows_distribution): two raters' mean and spread together give away both scores."""
    from msgspec.structs import replace

    return replace(
        figures,
        spread_self=figures.spread_self
        if shows_distribution(session, figures.self_scores)
        else None,
        spread_other=figures.spread_other
        if shows_distribution(session, figures.other_scores)
        else None,
    )


def session_level(session: Session) -> float | None:
    """How the client sees the agency in a session (the mean of the client's scores about
    the agency): the one number home's sparkline follows, as the README promises. None
    when the client gave no score."""
    return mean(
        r.score
        for r in session.ratings
        if r.subject == "agency" and session.side_of(r.participant) == "client"
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


class Trend(Struct, frozen=True):
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


# ---------------------------------------------------------------------------
# Noise-aware gaps and change (docs/figures.md states these rules in plain words)

# The rules' numbers, in every --json output that applies them (docs/figures.md).
RULE_NUMBERS: dict[str, float | int] = {
    "gap_at": GAP_AT,
    "show_scores_up_to": SHOW_SCORES_UP_TO,
    "reliable_z": RELIABLE_Z,
    "change_history_min": CHANGE_HISTORY_MIN,
    "change_floor": CHANGE_FLOOR,
    "change_min": CHANGE_MIN,
}

GapKind = Literal["agreement", "self_higher", "other_higher"]


def is_gap(gap: float | None) -> bool:
    """A perception gap of at least GAP_AT either way; smaller is agreement."""
    return gap is not None and abs(gap) >= GAP_AT


def gap_kind(gap: float | None) -> GapKind | None:
    """agreement below GAP_AT; else which side sees the subject higher. None when absent."""
    if gap is None:
        return None
    if not is_gap(gap):
        return "agreement"
    return "self_higher" if gap > 0 else "other_higher"


def steps(series: Sequence[float | None]) -> list[float]:
    """Differences between consecutive present values of a series (absent ones skipped)."""
    present = [v for v in series if v is not None]
    return [b - a for a, b in itertools.pairwise(present)]


def change_threshold(earlier: Sequence[float]) -> float:
    """How large a change must be to be more than noise, from earlier session-to-session
    differences of the same figure (Jacobson & Truax 1991, reliable change).

    JT call a change reliable when it exceeds 1.96 × S_diff, the standard deviation of the
    difference of two measurements of an unchanged person. The earlier differences are
    such differences, so S_diff is estimated from them directly — as the root mean square
    around 0 (no change is the hypothesis being tested; a real earlier trend only makes the
    threshold more careful). With fewer than CHANGE_HISTORY_MIN of them that estimate is
    unusable and the threshold is CHANGE_FLOOR; it never drops below CHANGE_MIN.
    """
    if len(earlier) < CHANGE_HISTORY_MIN:
        return CHANGE_FLOOR
    s_diff = math.sqrt(fmean(d * d for d in earlier))
    return max(RELIABLE_Z * s_diff, CHANGE_MIN)


ChangeDirection = Literal["up", "down", "flat"]


class Change(Struct, frozen=True):
    """A change between two sessions with the verdict of the reliable-change rule."""

    value: float | None  # later - earlier; None when either session lacks the figure
    threshold: float  # what the history says chance alone makes likely
    history: int  # how many earlier differences the threshold is based on

    @property
    def clear(self) -> bool:
        """A change only when at least as large as the threshold and more than CHANGE_MIN
        (what one of two raters moving one point does); otherwise no clear change."""
        if self.value is None:
            return False
        size = abs(self.value)
        return size >= self.threshold - 1e-9 and size > CHANGE_MIN + 1e-9

    @property
    def direction(self) -> ChangeDirection | None:
        """up / down when clear, "flat" (no clear change) otherwise; None when absent."""
        if self.value is None:
            return None
        if not self.clear:
            return "flat"
        return "up" if self.value > 0 else "down"

    def as_json(self) -> dict[str, Any]:
        return {
            "change": self.value,
            "clear": self.clear,
            "direction": self.direction,
            "threshold": self.threshold,
            "history": self.history,
        }


ARROWS: dict[ChangeDirection, str] = {"up": "↑", "down": "↓", "flat": "→"}


def arrow(change: Change | None) -> str:
    """↑ / ↓ for a clear change, → for no clear change, "" when there is no change to judge."""
    direction = change.direction if change is not None else None
    return ARROWS[direction] if direction is not None else ""


def describe_change(change: Change | None, lang: str = "en", places: int = 2) -> str:
    """ "↑+1.50", or "→+0.40" for a move the rule calls no clear change; "" when absent."""
    if change is None or change.value is None:
        return ""
    return f"{arrow(change)}{number(change.value, lang, places, signed=True)}"


def change_verdicts(series: Sequence[float | None]) -> tuple[Change | None, ...]:
    """Per value, the verdict on its change since the previous present value, judged on
    the steps before that one: the arrows of a per-session row. None where no change."""
    out: list[Change | None] = []
    previous: int | None = None
    for i, v in enumerate(series):
        out.append(
            change_between(series, previous, i) if previous is not None and v is not None else None
        )
        if v is not None:
            previous = i
    return tuple(out)


def change_between(series: Sequence[float | None], before: int, after: int) -> Change:
    """The change of a series from index `before` to `after`, judged against the steps of
    the series up to and including `before` (never the change being judged itself)."""
    return judge(difference(series[after], series[before]), steps(series[: before + 1]))


def judge(value: float | None, earlier: Sequence[float]) -> Change:
    """The verdict on one change, given the earlier changes of the same figure."""
    return Change(value, change_threshold(earlier), len(earlier))


# ---------------------------------------------------------------------------
# Prediction accuracy: how well the agency reads its client


class Accuracy(Struct, frozen=True):
    """Mean absolute error and bias of a set of prediction gaps (prediction - actual)."""

    mae: float | None  # 0 is a perfect read of the client
    bias: float | None  # > 0: expected better than the client scored (too optimistic)
    n: int  # prediction gaps counted

    @property
    def leaning(self) -> Literal["optimistic", "pessimistic", "on_target"] | None:
        """Which way the predictions miss on average; on target only when exactly 0."""
        if self.bias is None:
            return None
        if self.bias > 0:
            return "optimistic"
        return "pessimistic" if self.bias < 0 else "on_target"

    def as_json(self) -> dict[str, Any]:
        return {"mae": self.mae, "bias": self.bias, "leaning": self.leaning, "n": self.n}


def accuracy(gaps: Iterable[float | None]) -> Accuracy:
    """MAE = mean of |prediction - actual|; bias = mean of (prediction - actual)."""
    present = [g for g in gaps if g is not None]
    if not present:
        return Accuracy(None, None, 0)
    return Accuracy(fmean(abs(g) for g in present), fmean(present), len(present))


def prediction_accuracy(
    checks: Sequence[Mapping[str, float | None]],
) -> tuple[Accuracy, dict[str, Accuracy]]:
    """Over several sessions' prediction gaps (dimension -> gap each): overall and per
    dimension. Overall weighs every prediction once, so a session with more dimensions
    counts for more, as it gave more chances to be wrong."""
    per_dim: dict[str, list[float | None]] = {}
    for gaps in checks:
        for d, g in gaps.items():
            per_dim.setdefault(d, []).append(g)
    overall = accuracy(g for gaps in checks for g in gaps.values())
    return overall, {d: accuracy(v) for d, v in per_dim.items()}


# ---------------------------------------------------------------------------
# What matters to each side: importance-performance analysis (Martilla & James 1977)
# on a constant-sum allocation of IMPORTANCE_POINTS per side (docs/figures.md).

# Two sides' points for one dimension this far apart are a "priority gap": they disagree
# on what matters. 15 is more than one equal share of the default framework's nine
# dimensions (100 / 9 ≈ 11), and three steps of the 5-point step the allocation is
# entered in, so one side nudging a dimension by a step or two is not called a gap.
PRIORITY_GAP_AT = 15

Quadrant = Literal["concentrate", "keep_up", "low_priority", "overkill"]
QUADRANTS: tuple[Quadrant, ...] = ("concentrate", "keep_up", "low_priority", "overkill")
_EPS = 1e-9  # float noise in a mean must not move a dimension across a crosshair

# The importance rules' numbers, in the "importance" block of every --json that has one.
IMPORTANCE_RULES: dict[str, int] = {
    "importance_points": IMPORTANCE_POINTS,
    "priority_gap_at": PRIORITY_GAP_AT,
}


def importance_of(session: Session, side: Side) -> dict[str, int]:
    """dimension -> the points that side gave it, in the order given; {} if it gave none."""
    return {w.dimension: w.points for w in session.importance if w.side == side}


def importance_complete(session: Session, side: Side) -> bool:
    """Whether that side has divided all its points: exactly IMPORTANCE_POINTS in total."""
    return sum(importance_of(session, side).values()) == IMPORTANCE_POINTS


def has_importance(session: Session) -> bool:
    """Whether any side gave an allocation: exports and --json show the grid only then."""
    return bool(session.importance)


def _importance_dimensions(session: Session, dimensions: Sequence[str] | None) -> list[str]:
    """The dimensions the points were divided over: the ones given, else every dimension
    with an allocation or an answer, in first-seen order."""
    if dimensions is not None:
        return list(dimensions)
    seen: dict[str, None] = {}
    for w in session.importance:
        seen.setdefault(w.dimension, None)
    for d in dimensions_of(session):
        seen.setdefault(d, None)
    return list(seen)


def _points(session: Session, side: Side, dimensions: Sequence[str]) -> dict[str, int | None]:
    """Per dimension the side's points; 0 where a side that allocated left it out (it got
    none of the points), None for every dimension when the side gave no allocation."""
    given = importance_of(session, side)
    return {d: (given.get(d, 0) if given else None) for d in dimensions}


def quadrant(
    importance: float | None,
    performance: float | None,
    importance_cross: float,
    performance_cross: float,
) -> Quadrant | None:
    """Where a dimension falls in the grid; None when either coordinate is missing.

    High importance is strictly more than the crosshair (an equal share is not "matters
    more"); low performance is strictly below it. A dimension on a crosshair therefore
    goes to the calmer quadrant: nobody is told to concentrate on the average.
    """
    if importance is None or performance is None:
        return None
    high = importance > importance_cross + _EPS
    low = performance < performance_cross - _EPS
    if high:
        return "concentrate" if low else "keep_up"
    return "low_priority" if low else "overkill"


class GridPoint(Struct, frozen=True):
    """One dimension in one side's importance-performance grid."""

    dimension: str
    importance: int | None  # the rater side's points; None when it gave no allocation
    performance: float | None  # the rater side's mean score of the other side
    n: int  # raters behind `performance`
    quadrant: Quadrant | None  # None when a coordinate is missing

    def as_json(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "importance": self.importance,
            "performance": self.performance,
            "n": self.n,
            "quadrant": self.quadrant,
        }


class ImportanceGrid(Struct, frozen=True):
    """One side's (the rater's) importance against its own view of the other side.

    Crosshairs: importance at the equal share (IMPORTANCE_POINTS / number of dimensions,
    which is also the mean of any allocation), performance at the mean of the grid's
    performance values. Both sit at "the average dimension": client-agency scores cluster
    high (3.5-4.5), where the scale midpoint 3 would leave nearly every dimension above
    the line and the grid saying nothing; Martilla & James (1977) place the crosshairs
    where they separate the data, as the grid's value lies in relative positions.
    """

    rater: Side
    subject: Side
    points: tuple[GridPoint, ...]
    importance_cross: float
    performance_cross: float

    def in_quadrant(self, which: Quadrant) -> list[GridPoint]:
        return [p for p in self.points if p.quadrant == which]

    @property
    def complete(self) -> bool:
        """Whether every dimension has both coordinates."""
        return all(p.quadrant is not None for p in self.points)

    def as_json(self) -> dict[str, Any]:
        return {
            "rater": self.rater,
            "subject": self.subject,
            "importance_cross": self.importance_cross,
            "performance_cross": self.performance_cross,
            "points": [p.as_json() for p in self.points],
        }


def importance_grid(
    session: Session, rater: Side, dimensions: Sequence[str] | None = None
) -> ImportanceGrid:
    """The rater side's points against the rater side's view of the other side (the
    client's importance against the client's view of the agency, and the other way)."""
    dims = _importance_dimensions(session, dimensions)
    subject = other_side(rater)
    points = _points(session, rater, dims)
    views = {d: view_of(scores_by(session, d, subject, rater)) for d in dims}
    present = [v.mean for v in views.values() if v.mean is not None]
    importance_cross = IMPORTANCE_POINTS / len(dims) if dims else float(IMPORTANCE_POINTS)
    performance_cross = fmean(present) if present else float(SCALE[len(SCALE) // 2])
    return ImportanceGrid(
        rater=rater,
        subject=subject,
        points=tuple(
            GridPoint(
                dimension=d,
                importance=points[d],
                performance=views[d].mean,
                n=views[d].n,
                quadrant=quadrant(points[d], views[d].mean, importance_cross, performance_cross),
            )
            for d in dims
        ),
        importance_cross=importance_cross,
        performance_cross=performance_cross,
    )


def concentrate_order(session: Session, dimensions: Sequence[str]) -> list[str]:
    """The dimensions with "concentrate here" first: those in the concentrate quadrant of
    either side's grid, the most points (both sides together) first, then the lowest
    score; every other dimension after them in the order given. Without an allocation
    the order given, unchanged."""
    dims = list(dimensions)
    if not session.importance:
        return dims
    grids = [importance_grid(session, side, dims) for side in SIDES]
    urgent: dict[str, tuple[int, float]] = {}
    for grid in grids:
        for p in grid.points:
            if p.quadrant == "concentrate":
                assert p.importance is not None and p.performance is not None
                total, lowest = urgent.get(p.dimension, (0, math.inf))
                urgent[p.dimension] = (total + p.importance, min(lowest, p.performance))
    first = sorted(urgent, key=lambda d: (-urgent[d][0], urgent[d][1], dims.index(d)))
    return first + [d for d in dims if d not in urgent]


def concentrate_dimensions(session: Session, dimensions: Sequence[str]) -> list[str]:
    """Only the "concentrate here" dimensions, in concentrate_order: what a face marks."""
    grids = [importance_grid(session, side, dimensions) for side in SIDES]
    marked = {p.dimension for g in grids for p in g.points if p.quadrant == "concentrate"}
    return [d for d in concentrate_order(session, dimensions) if d in marked]


class PriorityGap(Struct, frozen=True):
    """How differently the two sides weigh one dimension: client points - agency points."""

    dimension: str
    client: int | None
    agency: int | None
    gap: int | None  # client - agency; None when either side gave no allocation
    is_gap: bool  # |gap| >= PRIORITY_GAP_AT

    def as_json(self) -> dict[str, Any]:
        return {
            "dimension": self.dimension,
            "client": self.client,
            "agency": self.agency,
            "gap": self.gap,
            "is_gap": self.is_gap,
        }


def priority_gaps(session: Session, dimensions: Sequence[str] | None = None) -> list[PriorityGap]:
    """Per dimension the two sides' points and their difference, largest difference first
    (absent ones last, then in the order given); is_gap marks the ones that count."""
    dims = _importance_dimensions(session, dimensions)
    client, agency = _points(session, "client", dims), _points(session, "agency", dims)
    out = []
    for d in dims:
        c, a = client[d], agency[d]
        gap = None if c is None or a is None else c - a
        out.append(PriorityGap(d, c, a, gap, gap is not None and abs(gap) >= PRIORITY_GAP_AT))
    return sorted(
        out,
        key=lambda g: (
            g.gap is None,
            -abs(g.gap) if g.gap is not None else 0,
            dims.index(g.dimension),
        ),
    )


def weighted_mean(values: Mapping[str, float | None], weights: Mapping[str, int]) -> float | None:
    """Σ points × value / Σ points over the dimensions that have a value: a level in which a
    dimension counts as much as the side's points say. Dimensions without a value drop out
    with their points (a missing view is not a 0); None when no weighted value is left."""
    pairs = [(weights.get(d, 0), v) for d, v in values.items() if v is not None]
    total = sum(w for w, _ in pairs)
    return sum(w * v for w, v in pairs) / total if total else None


# ---------------------------------------------------------------------------
# Figures of many sessions at once: the history, the portfolio, change since last time


Views = dict[tuple[str, Side, str], View]


def _answers_by_view(
    session: Session,
) -> tuple[dict[tuple[str, Side, str], list[int | None]], bool]:
    """Each view's answers (None for n/a) per (dimension, subject, "self" or "other"), in
    one walk over the ratings, and whether both sides gave a score."""
    side_of = {p.id: p.side for p in session.participants}
    answers: dict[tuple[str, Side, str], list[int | None]] = {}
    raters: set[Side] = set()
    for r in session.ratings:
        rater = side_of.get(r.participant)
        if rater is None:
            continue
        if r.score is not None:
            raters.add(rater)
        which = "self" if rater == r.subject else "other"
        answers.setdefault((r.dimension, r.subject, which), []).append(r.score)
    return answers, len(raters) == 2


def session_views(session: Session) -> tuple[Views, dict[str, float | None], bool]:
    """Self and other views per (dimension, subject) and mean predictions, in one pass.

    Same definitions as subject_figures (the tests hold them equal), but
    one walk over the ratings instead of one per dimension and side: the portfolio reads
    thousands of sessions and must stay cheap next to parsing them. A view is present
    when at least one rater gave a score; n/a answers are counted apart.
    """
    answers, two_sided = _answers_by_view(session)
    views: Views = {}
    for key, values in answers.items():
        view = view_of(values)
        if view.n:
            views[key] = view
    predicted: dict[str, list[int]] = {}
    for p in session.predictions:
        if p.score is not None:
            predicted.setdefault(p.dimension, []).append(p.score)
    predictions = {d: mean(v) for d, v in predicted.items()}
    return views, predictions, two_sided


Values = dict[tuple[str, Side, str], tuple[float | None, ...]]
Means = dict[tuple[str, Side, str], float]


def figure_values(
    dimensions: Sequence[str], per_session: Sequence[Views]
) -> tuple[Values, dict[tuple[str, Side, str], tuple[View | None, ...]]]:
    """Self, other and gap of each dimension and subject over the sessions (values), and
    the views behind self and other (scores)."""
    scores: dict[tuple[str, Side, str], tuple[View | None, ...]] = {}
    for dim in dimensions:
        for subject in SIDES:
            for which in ("self", "other"):
                key = (dim, subject, which)
                scores[key] = tuple(v.get(key) for v in per_session)
    means = [{k: v.mean for k, v in views.items() if v.mean is not None} for views in per_session]
    return _series(dimensions, means), scores


def _series(dimensions: Sequence[str], per_session: Sequence[Means]) -> Values:
    """Self, other and gap (self minus other) of each dimension and subject, per session."""
    values: Values = {}
    for dim in dimensions:
        for subject in SIDES:
            own = tuple(m.get((dim, subject, "self")) for m in per_session)
            other = tuple(m.get((dim, subject, "other")) for m in per_session)
            values[(dim, subject, "self")] = own
            values[(dim, subject, "other")] = other
            values[(dim, subject, "gap")] = tuple(
                difference(a, b) for a, b in zip(own, other, strict=True)
            )
    return values


def figure_series(sessions: Sequence[Session]) -> Values:
    """RelationshipTrends.values of these sessions, in this order, for the dimensions they
    were scored on, without the rest of the trends: what a session's export judges its
    change since last time on. Means only, no View per answer group: a quarter of
    relationship_trends' time on 42 sessions."""
    per_session: list[Means] = []
    for session in sessions:
        answers, _ = _answers_by_view(session)
        means = {key: m for key, values in answers.items() if (m := mean(values)) is not None}
        per_session.append(means)
    dims = dict.fromkeys(d for means in per_session for d, _, _ in means)
    return _series(tuple(dims), per_session)
