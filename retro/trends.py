"""Figures over time: one relationship's history and a portfolio across relationships.

Pure functions of histories (no I/O, no Textual), so the CLI, the TUI and the bench all
read the same numbers. Absent is None everywhere, never 0: a dimension a framework
version did not ask, a side that did not rate, or n/a answers all stay visibly empty.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from msgspec import Struct, field
from msgspec.structs import replace

from retro.actions import OpenAction, OverdueAction, open_actions, overdue_of
from retro.actions import overdue_actions as overdue_actions  # part of the figures over time
from retro.figures import (
    CHANGE_FLOOR,
    GAP_AT,
    RULE_NUMBERS,
    Accuracy,
    Change,
    View,
    Views,
    accuracy,
    change_between,
    change_verdicts,
    commitments_kept,
    difference,
    dimensions_of,
    figure_values,
    gap_kind,
    judge,
    mean,
    prediction_accuracy,
    session_views,
)
from retro.model import DISTRIBUTION_MIN_RATERS, SIDES, History, Relationship, Session, Side
from retro.session_engine import closed_of_kind, previous_comparable
from retro.words import number, percent, tr

if TYPE_CHECKING:
    from retro.frameworks import Framework

FIGURES: tuple[str, ...] = ("self", "other", "gap")
Frameworks = Mapping[tuple[str, int], "Framework"]
Direction = Literal["up", "down", "flat"]

# "Needs attention": every threshold a relationship crosses is one warning sign. The
# numbers are deliberately round so the screen can state them in one sentence.
# A falling trend is a warning sign only when it is also a clear change (direction "down"
# by the reliable-change rule): a dip the relationship's history makes likely is noise.
FALLING_AT = -0.25  # mean change of both sides' views since the previous joint session
# GAP_AT (a perception gap worth a conversation) and the reliable-change rule that decides
# "up", "down" or "no clear change" live in retro.figures, with every other figure rule.
KEPT_BELOW = 0.6  # share of last session's commitments kept
LOW_BELOW = 3.0  # mean of how each side sees the other, on the 1-5 scale
STALE_AFTER_DAYS = 180  # no session in half a year


def ranking_explanation(lang: str) -> str:
    """The portfolio's order in one sentence, with the thresholds above, in `lang`.

    Scores, gaps, trend and commitments kept come from closed sessions only (portfolio_row);
    the screen says so per relationship, next to the date those scores are from."""
    return tr(
        lang,
        "portfolio.ranking",
        falling=number(-FALLING_AT, lang, 2),
        gap=f"{GAP_AT:g}",
        kept=percent(KEPT_BELOW, lang),
        low=f"{LOW_BELOW:g}",
        stale=STALE_AFTER_DAYS,
    )


RANKING_EXPLANATION = ranking_explanation("en")  # what --json and the plain CLI print


# ---------------------------------------------------------------------------
# One pass over a session's answers


class SessionInfo(Struct, frozen=True):
    """What a column of the history needs to know about a session."""

    id: str
    date: str
    kind: str
    status: str
    framework: str
    framework_version: int
    two_sided: bool  # both sides gave scores: a session whose views can be compared
    anonymous: bool = False
    distribution_min_raters: int = DISTRIBUTION_MIN_RATERS

    def shows_distribution(self, view: View) -> bool:
        """retro.figures.shows_distribution, for a session known only by its info."""
        return not self.anonymous or view.n >= self.distribution_min_raters


# ---------------------------------------------------------------------------
# One relationship over time


class PredictionCheck(Struct, frozen=True):
    """How well the agency predicted the client's view of it, for one joint session.

    The predictions come from the joint session itself when it has any, else from the
    latest self-assessment since the previous joint session.
    """

    joint: str  # the joint session whose client view is the truth
    source: str  # the session holding the predictions
    date: str  # of the joint session
    predicted: dict[str, float | None]  # per dimension: the agency team's mean prediction
    actual: dict[str, float | None]  # per dimension: the client's mean score of the agency
    gaps: dict[str, float | None]  # predicted - actual; positive: expected better than it was

    @property
    def accuracy(self) -> Accuracy:
        """Mean absolute error and bias of this session's predictions (retro.figures)."""
        return accuracy(self.gaps.values())

    @property
    def mean_abs_gap(self) -> float | None:
        """The prediction miss: 0 is a perfect read of the client."""
        return self.accuracy.mae

    @property
    def bias(self) -> float | None:
        """Mean signed gap: positive means the agency expected better than it got."""
        return self.accuracy.bias

    def as_json(self) -> dict[str, Any]:
        return {
            "joint": self.joint,
            "source": self.source,
            "date": self.date,
            **self.accuracy.as_json(),
            "gaps": dict(self.gaps),
        }


class RelationshipTrends(Struct, frozen=True):
    """Every figure of a relationship across its sessions, in date order."""

    relationship: Relationship
    sessions: tuple[SessionInfo, ...]
    dimensions: tuple[str, ...]
    # (dimension, subject, figure) -> one value per session; figure is self/other/gap
    values: dict[tuple[str, Side, str], tuple[float | None, ...]]
    # dimension -> per session: did that session's framework version ask it?
    asked: dict[str, tuple[bool, ...]]
    # (dimension, subject) -> does any framework version (or any answer) rate that side?
    rated: dict[tuple[str, Side], bool]
    commitments_kept: tuple[float | None, ...]
    predictions: tuple[PredictionCheck, ...]
    # (dimension, subject, "self"/"other") -> per session: the scores behind the view
    scores: dict[tuple[str, Side, str], tuple[View | None, ...]] = field(default_factory=dict)
    # Indices of the closed joint sessions, and of (previous, latest) among them: the session
    # engine's rule (closed_of_kind, previous_comparable), the one every "since last time" uses.
    closed_joint: tuple[int, ...] = ()
    pair: tuple[int | None, int | None] = (None, None)

    def series(self, dimension: str, subject: Side, figure: str) -> tuple[float | None, ...]:
        none = (None,) * len(self.sessions)
        return self.values.get((dimension, subject, figure), none)

    def changes(self, dimension: str, subject: Side, figure: str) -> tuple[float | None, ...]:
        return changes(self.series(dimension, subject, figure))

    def latest(
        self, dimension: str, subject: Side, figure: str
    ) -> tuple[float | None, float | None]:
        """A figure at the latest closed joint session, and its change since the one before.

        Both come from exactly those two sessions (self.pair), never carried over from an
        older one: absent in the latest session is None, and so is the change when either
        session lacks the figure. So self, other and gap of one row always add up.
        """
        previous, latest = self.pair
        if latest is None:
            return None, None
        series = self.series(dimension, subject, figure)
        before = series[previous] if previous is not None else None
        return series[latest], difference(series[latest], before)

    def closed_series(self, dimension: str, subject: Side, figure: str) -> list[float | None]:
        """A figure at the closed joint sessions only: the history the change rule reads."""
        series = self.series(dimension, subject, figure)
        return [series[i] for i in self.closed_joint]

    def latest_change(self, dimension: str, subject: Side, figure: str) -> Change | None:
        """The change of latest() with its verdict (retro.figures.change_between): judged
        against the steps of this figure over the closed joint sessions before the latest.
        None without two closed joint sessions."""
        closed = self.closed_series(dimension, subject, figure)
        if len(closed) < 2:
            return None
        return change_between(closed, len(closed) - 2, len(closed) - 1)

    def change_verdicts(
        self, dimension: str, subject: Side, figure: str
    ) -> tuple[Change | None, ...]:
        """Per session, the verdict on changes() (retro.figures.change_verdicts)."""
        return change_verdicts(self.series(dimension, subject, figure))

    def view(self, dimension: str, subject: Side, figure: str, i: int) -> View | None:
        """The scores behind a self or other view at session i (None when absent)."""
        return self.scores.get((dimension, subject, figure), (None,) * len(self.sessions))[i]

    def prediction_accuracy(self) -> tuple[Accuracy, dict[str, Accuracy]]:
        """Over every prediction check: overall and per dimension (retro.figures)."""
        return prediction_accuracy([c.gaps for c in self.predictions])

    def index(self, sid: str) -> int:
        for i, s in enumerate(self.sessions):
            if s.id == sid:
                return i
        raise KeyError(sid)

    @property
    def joint(self) -> tuple[int, ...]:
        """Indices of the sessions where both sides scored: the ones whose views compare."""
        return tuple(i for i, s in enumerate(self.sessions) if s.two_sided)

    @property
    def in_progress(self) -> tuple[SessionInfo, ...]:
        """Open sessions: in the per-session series, left out of the latest figures."""
        return tuple(s for s in self.sessions if s.status == "open")

    def joint_series(self, dimension: str, subject: Side, figure: str) -> tuple[float | None, ...]:
        """A figure at the joint sessions only, so a self-assessment never counts as a change."""
        series = self.series(dimension, subject, figure)
        return tuple(series[i] for i in self.joint)

    def prediction_gaps(self, dimension: str) -> tuple[float | None, ...]:
        """Prediction gap per session, placed at the joint session it was measured in."""
        out: list[float | None] = [None] * len(self.sessions)
        for check in self.predictions:
            out[self.index(check.joint)] = check.gaps.get(dimension)
        return tuple(out)

    def prediction_miss(self) -> tuple[float | None, ...]:
        """Mean absolute prediction gap per session (at joint sessions that had one)."""
        out: list[float | None] = [None] * len(self.sessions)
        for check in self.predictions:
            out[self.index(check.joint)] = check.mean_abs_gap
        return tuple(out)

    def compare(self, a: str, b: str) -> list[ComparisonRow]:
        """Two sessions side by side: every dimension and side, with the change from a to b."""
        ia, ib = self.index(a), self.index(b)
        rows = []
        for dim in self.dimensions:
            for subject in SIDES:
                if not self.rated.get((dim, subject)):
                    continue
                figs = {
                    f: (self.series(dim, subject, f)[ia], self.series(dim, subject, f)[ib])
                    for f in FIGURES
                }
                rows.append(ComparisonRow(dim, subject, figs))
        return rows

    def as_json(self) -> dict[str, Any]:
        """The shape `retro trends --json` promises scripts: one entry per session."""
        overall, per_dim = self.prediction_accuracy()
        return {
            "relationship": self.relationship.id,
            "sessions": [s.id for s in self.sessions],
            "commitments_kept": list(self.commitments_kept),
            "dimensions": {
                dim: {
                    subject: {f: list(self.series(dim, subject, f)) for f in FIGURES}
                    for subject in SIDES
                }
                for dim in self.dimensions
            },
            "scores": {
                dim: {
                    subject: {
                        f: [self._view_json(dim, subject, f, i) for i in range(len(self.sessions))]
                        for f in ("self", "other")
                    }
                    for subject in SIDES
                }
                for dim in self.dimensions
            },
            "latest": {
                dim: {
                    subject: {f: self._latest_json(dim, subject, f) for f in FIGURES}
                    for subject in SIDES
                }
                for dim in self.dimensions
            },
            "prediction_accuracy": {
                "overall": overall.as_json(),
                "dimensions": {d: a.as_json() for d, a in per_dim.items()},
                "course": [c.as_json() for c in self.predictions],
            },
            "rules": RULE_NUMBERS,
        }

    def _view_json(self, dim: str, subject: Side, figure: str, i: int) -> dict[str, Any] | None:
        view = self.view(dim, subject, figure, i)
        if view is None:
            return None
        return view.as_json(self.sessions[i].shows_distribution(view))

    def _latest_json(self, dim: str, subject: Side, figure: str) -> dict[str, Any]:
        value, _ = self.latest(dim, subject, figure)
        change = self.latest_change(dim, subject, figure)
        out: dict[str, Any] = {"value": value}
        if figure == "gap":
            out["kind"] = gap_kind(value)
        out.update(
            change.as_json()
            if change is not None
            else {
                "change": None,
                "clear": False,
                "direction": None,
                "threshold": None,
                "history": 0,
            }
        )
        return out


class ComparisonRow(Struct, frozen=True):
    """One dimension and side compared between two sessions (history's Compare tab)."""

    dimension: str
    subject: Side
    figures: dict[str, tuple[float | None, float | None]]  # figure -> (a, b)

    def change(self, figure: str) -> float | None:
        a, b = self.figures[figure]
        return difference(b, a)


def changes(series: Sequence[float | None]) -> tuple[float | None, ...]:
    """Each value minus the previous present one, skipping absent sessions.

    Skipping (rather than breaking the chain) means a self-assessment or a session that
    did not ask a dimension does not hide whether things moved since the last answer.
    """
    out: list[float | None] = []
    previous: float | None = None
    for v in series:
        out.append(difference(v, previous))
        if v is not None:
            previous = v
    return tuple(out)


def _framework_of(session: Session, frameworks: Frameworks | None) -> Framework | None:
    if frameworks is None:
        return None
    return frameworks.get((session.framework, session.framework_version))


def _latest_rule(history: History, infos: tuple[SessionInfo, ...]) -> dict[str, Any]:
    """closed_joint and pair, as indices into infos: the session engine's rule (the latest
    closed joint session, and the previous comparable one), over the sessions in which
    both sides scored, since only those have views to compare."""
    at = {info.id: i for i, info in enumerate(infos)}
    both = {info.id for info in infos if info.two_sided}
    comparable = replace(history, sessions=tuple(s for s in history.sessions if s.id in both))
    closed = closed_of_kind(comparable, "joint")
    latest = closed[-1] if closed else None
    previous = previous_comparable(comparable, latest) if latest is not None else None
    return {
        "closed_joint": tuple(at[s.id] for s in closed),
        "pair": (
            at[previous.id] if previous is not None else None,
            at[latest.id] if latest is not None else None,
        ),
    }


def relationship_trends(
    history: History, frameworks: Frameworks | None = None
) -> RelationshipTrends:
    """All figures of a relationship over time.

    frameworks (from retro.frameworks.load_frameworks) tells which dimensions each
    session's framework version asked, so a dimension added later or dropped shows as
    "not asked" rather than as a gap in the answers; without it, the answers decide.
    """
    ordered = history.sorted_sessions()
    n = len(ordered)
    per_session = [session_views(s) for s in ordered]
    fws = [_framework_of(s, frameworks) for s in ordered]

    # Dimensions: the newest framework's order first, dropped ones after, stray answers last.
    dims: dict[str, None] = {}
    for fw in reversed(fws):
        if fw is not None:
            for key in fw.keys:
                dims.setdefault(key, None)
    for s in ordered:
        for d in dimensions_of(s):
            dims.setdefault(d, None)
    dimensions = tuple(dims)

    asked: dict[str, tuple[bool, ...]] = {}
    rated: dict[tuple[str, Side], bool] = {}
    # What each session asked: its framework's keys, else (framework unknown) its answers.
    asked_in = [
        set(fw.keys) if fw is not None else set(dimensions_of(s))
        for s, fw in zip(ordered, fws, strict=True)
    ]
    for dim in dimensions:
        asked[dim] = tuple(dim in keys for keys in asked_in)
        for subject in SIDES:
            by_framework = any(
                fw is not None and (known := fw.dimension(dim)) is not None and known.rates(subject)
                for fw in fws
            )
            by_answers = any(
                (dim, subject, f) in views for views, _, _ in per_session for f in ("self", "other")
            )
            rated[(dim, subject)] = by_framework or by_answers

    values, scores = figure_values(dimensions, [views for views, _, _ in per_session])

    infos = tuple(
        SessionInfo(
            s.id,
            s.date,
            s.kind,
            s.status,
            s.framework,
            s.framework_version,
            two,
            s.anonymous,
            s.distribution_min_raters,
        )
        for s, (_, _, two) in zip(ordered, per_session, strict=True)
    )
    return RelationshipTrends(
        relationship=history.relationship,
        sessions=infos,
        dimensions=dimensions,
        values=values,
        asked=asked,
        rated=rated,
        commitments_kept=tuple(commitments_kept(s) for s in ordered),
        predictions=_prediction_checks(ordered, per_session, dimensions, n),
        scores=scores,
        **_latest_rule(history, infos),
    )


def _mean_or_none(view: View | None) -> float | None:
    return view.mean if view is not None else None


def _prediction_checks(
    ordered: Sequence[Session],
    per_session: Sequence[tuple[Views, dict[str, float | None], bool]],
    dimensions: Sequence[str],
    n: int,
) -> tuple[PredictionCheck, ...]:
    checks = []
    pending: int | None = None  # index of the latest session with predictions, not yet used
    for i in range(n):
        views, predictions, two_sided = per_session[i]
        if not two_sided:
            if predictions:
                pending = i
            continue
        source = i if predictions else pending
        pending = None
        if source is None:
            continue
        predicted = per_session[source][1]
        dims = [d for d in dimensions if d in predicted]
        actual = {d: _mean_or_none(views.get((d, "agency", "other"))) for d in dims}
        checks.append(
            PredictionCheck(
                joint=ordered[i].id,
                source=ordered[source].id,
                date=ordered[i].date,
                predicted={d: predicted[d] for d in dims},
                actual=actual,
                gaps={d: difference(predicted[d], actual[d]) for d in dims},
            )
        )
    return tuple(checks)


# ---------------------------------------------------------------------------
# The portfolio


class Sign(Struct, frozen=True):
    """One reason a relationship needs attention; describe() words it."""

    code: str  # falling, gap, kept, overdue, low, no_joint, stale
    value: float | int | None = None
    dimension: str | None = None
    subject: Side | None = None


def describe(sign: Sign, lang: str = "en", titles: Mapping[str, str] | None = None) -> str:
    """A warning sign in words ("gap +1.2 on trust (agency)"), the same on every face.

    titles names the dimensions (a framework's titles in `lang`); without them the key."""
    if sign.code == "gap":
        dim = sign.dimension or ""
        return tr(
            lang,
            "sign.gap",
            value=sign.value,
            dimension=(titles or {}).get(dim, dim),
            side=tr(lang, f"side.{sign.subject}"),
        )
    return tr(lang, f"sign.{sign.code}", value=sign.value, n=sign.value)


class PortfolioRow(Struct, frozen=True):
    """One relationship's line in the portfolio: its latest figures and what needs care."""

    relationship: Relationship
    sessions: int
    last_date: str | None  # of any session
    latest: str | None  # the latest closed joint session, whose scores are shown
    latest_date: str | None
    client_on_agency: float | None  # mean over dimensions of the client's view of the agency
    agency_on_client: float | None  # mean over dimensions of the agency's view of the client
    largest_gap: tuple[str, Side, float] | None  # in the latest closed joint session
    trend: float | None  # mean change of both views since the closed joint session before
    commitments_kept: float | None  # at the latest closed session that reviewed actions
    overdue: tuple[OverdueAction, ...]
    signs: tuple[Sign, ...]
    in_progress: str | None = None  # date of the latest open session, left out of the above
    # The verdict on `trend` (retro.figures.Change): up or down only when it is larger than
    # the relationship's own history of such changes makes likely by chance.
    trend_change: Change | None = None
    # Raters per side (participants who gave a score) in the latest closed joint session.
    raters: dict[str, int] = field(default_factory=dict)
    prediction: Accuracy | None = None  # over every prediction check of the relationship
    prediction_latest: PredictionCheck | None = None
    # Both views of the latest closed joint session weighted by what matters to the client
    # (retro.figures.weighted_mean over its points), from the latest closed joint session
    # with a client allocation (`weights_from`); None without one.
    weighted_client_on_agency: float | None = None
    weighted_agency_on_client: float | None = None
    weights_from: tuple[str, str] | None = None  # (session id, date) of the client's points
    weighted: bool = False  # `retro portfolio --weighted`: rank and show the weighted views

    @property
    def shown_views(self) -> tuple[float | None, float | None]:
        """(client on agency, agency on client) as ranked and shown: weighted under
        --weighted where the client gave points, else as scored."""
        if self.weighted and self.weights_from is not None:
            return self.weighted_client_on_agency, self.weighted_agency_on_client
        return self.client_on_agency, self.agency_on_client

    @property
    def score(self) -> float | None:
        """How the two sides see each other, on average: the tie-breaker of the ranking."""
        return mean(self.shown_views)

    @property
    def direction(self) -> Direction | None:
        """up / down for a clear change (the reliable-change rule), else flat: no clear change."""
        if self.trend is None:
            return None
        if self.trend_change is None:
            return Change(self.trend, CHANGE_FLOOR, 0).direction
        return self.trend_change.direction

    def as_json(self) -> dict[str, Any]:
        gap = self.largest_gap
        return {
            "relationship": self.relationship.id,
            "client": self.relationship.client,
            "agency": self.relationship.agency,
            "sessions": self.sessions,
            "last_session_date": self.last_date,
            "latest_joint_session": self.latest,
            "latest_joint_date": self.latest_date,
            "session_in_progress_date": self.in_progress,
            "client_on_agency": self.client_on_agency,
            "agency_on_client": self.agency_on_client,
            "largest_gap": (
                {"dimension": gap[0], "subject": gap[1], "gap": gap[2]} if gap else None
            ),
            "trend": self.trend,
            "direction": self.direction,
            "trend_clear": self.direction in ("up", "down"),
            "trend_threshold": self.trend_change.threshold if self.trend_change else None,
            "largest_gap_kind": gap_kind(gap[2]) if gap else None,
            "raters": dict(self.raters),
            "prediction_accuracy": {
                "overall": self.prediction.as_json() if self.prediction else None,
                "latest": self.prediction_latest.as_json() if self.prediction_latest else None,
            },
            "commitments_kept": self.commitments_kept,
            "overdue_actions": len(self.overdue),
            "signs": [describe(s) for s in self.signs],
            # what matters to the client: the views weighted by its points (docs/figures.md)
            "weighted": self.weighted and self.weights_from is not None,
            "weighted_client_on_agency": self.weighted_client_on_agency,
            "weighted_agency_on_client": self.weighted_agency_on_client,
            "weights_from": (
                {"session": self.weights_from[0], "date": self.weights_from[1]}
                if self.weights_from
                else None
            ),
        }


def overall_steps(t: RelationshipTrends) -> list[float | None]:
    """Per pair of consecutive closed joint sessions: the mean change of both sides' other
    views, paired per dimension and side (so a framework version with fewer dimensions
    does not fake a change). The portfolio's trend is the last; the rest its history."""
    closed = t.closed_joint
    out: list[float | None] = []
    for a, b in itertools.pairwise(closed):
        out.append(
            mean(
                difference(t.series(d, s, "other")[b], t.series(d, s, "other")[a])
                for d in t.dimensions
                for s in SIDES
            )
        )
    return out


def _raters(session: Session) -> dict[str, int]:
    """Participants per side who gave at least one score (n/a only does not count)."""
    side_of = {p.id: p.side for p in session.participants}
    by_side: dict[str, set[str]] = {side: set() for side in SIDES}
    for r in session.ratings:
        if r.score is not None and r.participant in side_of:
            by_side[side_of[r.participant]].add(r.participant)
    return {side: len(ids) for side, ids in by_side.items()}


def portfolio_row(
    history: History, today: date, frameworks: Frameworks | None = None, *, weighted: bool = False
) -> PortfolioRow:
    basis = portfolio_basis(history, frameworks)
    return dated_row(as_weighted(basis) if weighted else basis, open_actions(history), today)


def dated_row(basis: PortfolioRow, opened: Sequence[OpenAction], today: date) -> PortfolioRow:
    """A basis (portfolio_basis) on a given day: its overdue actions and its signs."""
    return _with_signs(replace(basis, overdue=tuple(overdue_of(opened, today))), today)


def portfolio_basis(history: History, frameworks: Frameworks | None = None) -> PortfolioRow:
    """The part of a relationship's portfolio row that does not depend on today (no overdue
    actions, no signs): what retro.portfolio_index keeps per file between runs."""
    t = relationship_trends(history, frameworks)
    # The same two sessions as every "latest" figure (RelationshipTrends.pair): a session
    # in progress, half rated, must not move a relationship up or down the ranking.
    prev, latest = t.pair

    def at(i: int, dim: str, subject: Side, figure: str) -> float | None:
        return t.series(dim, subject, figure)[i]

    client_on_agency = agency_on_client = trend = None
    largest: tuple[str, Side, float] | None = None
    if latest is not None:
        client_on_agency = mean(at(latest, d, "agency", "other") for d in t.dimensions)
        agency_on_client = mean(at(latest, d, "client", "other") for d in t.dimensions)
        gaps = [
            (d, s, g)
            for d in t.dimensions
            for s in SIDES
            if (g := at(latest, d, s, "gap")) is not None
        ]
        if gaps:
            largest = min(gaps, key=lambda x: (-abs(x[2]), t.dimensions.index(x[0]), x[1]))
    trend_change = None
    if latest is not None and prev is not None:
        steps = overall_steps(t)
        trend = steps[-1]
        trend_change = judge(trend, [st for st in steps[:-1] if st is not None])
    kept = next(
        (
            k
            for k, s in zip(reversed(t.commitments_kept), reversed(t.sessions), strict=True)
            if k is not None and s.status == "closed"
        ),
        None,
    )
    open_sessions = t.in_progress
    last_date = t.sessions[-1].date if t.sessions else None
    weights_from: tuple[str, str] | None = None
    weighted_views: tuple[float | None, float | None] = (None, None)
    if latest is not None:
        weights_from, weighted_views = _weighted_views(history, t, latest)

    return PortfolioRow(
        relationship=history.relationship,
        sessions=len(t.sessions),
        last_date=last_date,
        latest=t.sessions[latest].id if latest is not None else None,
        latest_date=t.sessions[latest].date if latest is not None else None,
        client_on_agency=client_on_agency,
        agency_on_client=agency_on_client,
        largest_gap=largest,
        trend=trend,
        commitments_kept=kept,
        overdue=(),
        signs=(),
        in_progress=open_sessions[-1].date if open_sessions else None,
        trend_change=trend_change,
        raters=_raters(history.sorted_sessions()[latest]) if latest is not None else {},
        prediction=t.prediction_accuracy()[0] if t.predictions else None,
        prediction_latest=t.predictions[-1] if t.predictions else None,
        weighted_client_on_agency=weighted_views[0],
        weighted_agency_on_client=weighted_views[1],
        weights_from=weights_from,
    )


def _weighted_views(
    history: History, t: RelationshipTrends, latest: int
) -> tuple[tuple[str, str] | None, tuple[float | None, float | None]]:
    """Both views of the latest closed joint session weighted by the client's points of the
    latest closed joint session that has a client allocation; (None, (None, None)) without."""
    from retro.figures import importance_of, weighted_mean

    source = next(
        (
            s
            for s in reversed(history.sorted_sessions())
            if s.kind == "joint" and s.status == "closed" and importance_of(s, "client")
        ),
        None,
    )
    if source is None:
        return None, (None, None)
    points = importance_of(source, "client")
    views = tuple(
        weighted_mean({d: t.series(d, s, "other")[latest] for d in t.dimensions}, points)
        for s in ("agency", "client")
    )
    return (source.id, source.date), (views[0], views[1])


def as_weighted(row: PortfolioRow) -> PortfolioRow:
    """The row as `retro portfolio --weighted` ranks it (signs follow in dated_row)."""
    return replace(row, weighted=True)


def _with_signs(row: PortfolioRow, today: date) -> PortfolioRow:
    signs: list[Sign] = []
    if row.trend is not None and row.trend <= FALLING_AT and row.direction == "down":
        signs.append(Sign("falling", row.trend))
    if row.largest_gap is not None and abs(row.largest_gap[2]) >= GAP_AT:
        d, s, g = row.largest_gap
        signs.append(Sign("gap", g, d, s))
    if row.commitments_kept is not None and row.commitments_kept < KEPT_BELOW:
        signs.append(Sign("kept", row.commitments_kept))
    if row.overdue:
        signs.append(Sign("overdue", len(row.overdue)))
    if row.score is not None and row.score < LOW_BELOW:
        signs.append(Sign("low", row.score))
    if row.latest is None:
        signs.append(Sign("no_joint"))
    if row.last_date is not None:
        days = (today - date.fromisoformat(row.last_date)).days
        if days > STALE_AFTER_DAYS:
            signs.append(Sign("stale", days))
    return replace(row, signs=tuple(signs))


def attention_key(row: PortfolioRow) -> tuple[Any, ...]:
    """Sort key, most in need first: more signs, then a lower score (none last), then name."""
    score = row.score
    return (
        -len(row.signs),
        score is None,
        score if score is not None else 0.0,
        row.relationship.client.casefold(),
        row.relationship.id,
    )


def portfolio(
    histories: Sequence[History],
    today: date,
    frameworks: Frameworks | None = None,
    *,
    weighted: bool = False,
) -> list[PortfolioRow]:
    """One row per relationship, most in need of attention first (RANKING_EXPLANATION);
    weighted: by what matters to the client, where it gave points (as_weighted)."""
    rows = [portfolio_row(h, today, frameworks, weighted=weighted) for h in histories]
    return sorted(rows, key=attention_key)


def dimension_titles(
    trends: RelationshipTrends, frameworks: Frameworks | None, lang: str = "en"
) -> dict[str, str]:
    """A readable name per dimension, from the newest framework version that has it.

    A dimension no known framework describes (a custom framework that was removed) keeps
    its key, so it still shows rather than disappearing.
    """
    titles: dict[str, str] = {}
    for s in reversed(trends.sessions):
        fw = frameworks.get((s.framework, s.framework_version)) if frameworks else None
        if fw is None:
            continue
        for d in fw.dimensions:
            titles.setdefault(d.key, d.title(lang))
    return {d: titles.get(d, d) for d in trends.dimensions}
