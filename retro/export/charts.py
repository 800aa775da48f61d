"""SVG charts for the exports: diverging score bars (a session) and each dimension's
course (a relationship over time), drawn from plain data with the standard library.

Why no chart library: pygal, the pure-Python candidate, took ~200 ms to import and
~40 ms per chart here, against a Markdown export of a few ms (the HTML report's goal is
at most 2x); matplotlib is heavier still. A small element tree (_Node) writes the SVG
and escapes every text and attribute value it holds, so user text (dimension names
from a custom framework) can only ever be an element's text or an attribute's value,
never markup. docs/pictures.md says more.

Every chart is self-contained (no fonts, scripts or stylesheets from elsewhere), has a
white background (a wiki's dark theme shows an ``<img>`` on its own background) and
carries its numbers as ``data-*`` attributes, so tests and scripts can read them back.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping, Sequence

from msgspec import Struct, field

from retro.export.markdown import without_controls
from retro.figures import GAP_AT, SCALE, View, describe_mean, describe_view, difference, number
from retro.model import Side
from retro.words import section

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', sans-serif"
# ColorBrewer RdBu (5 classes): diverging, legible for the common colour-blindnesses and
# in greyscale print; 3 is the neutral middle.
SCORE_COLOURS = {1: "#ca0020", 2: "#f4a582", 3: "#d9d9d9", 4: "#92c5de", 5: "#0571b0"}
SCORE_TEXT = {1: "#ffffff", 2: "#000000", 3: "#000000", 4: "#000000", 5: "#ffffff"}
SELF_COLOUR = "#0571b0"  # a subject's view of itself: solid line
OTHER_COLOUR = "#b35806"  # the other side's view: dashed line
GAP_COLOUR = "#ca0020"  # a gap of GAP_AT or more
AGREE_COLOUR = "#bdbdbd"  # a smaller gap: agreement (figures.GAP_AT)
MUTED = "#555555"
LABEL_CHARS = 34  # a longer label is cut with "…"; the full text stays in the <title>


# XML 1.0 has no place for control characters (but tab and line breaks), lone surrogates
# or U+FFFE/U+FFFF: a chart that held one would not open at all.
_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


def xml_text(value: object) -> str:
    """User text as an SVG label: without controls (an ANSI escape is plain text after
    that) and without what XML forbids, on one line. ElementTree escapes the rest."""
    text = _NOT_XML.sub("", without_controls(value))
    return " ".join(text.split())


def _cut(text: str, limit: int = LABEL_CHARS) -> str:
    """A label cut to about ``limit`` columns with "…": a wide (CJK) character counts two,
    so a name in Chinese does not run into the bars."""
    if text.isascii():
        return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
    used = 0
    for i, c in enumerate(text):
        used += 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used > limit - 1 and i < len(text) - 1:
            return text[:i].rstrip() + "…"
    return text


# Anything _escape would change; most values (coordinates, colours) hold none of it.
_UNSAFE = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]')


def _escape(value: object, quote: bool) -> str:
    """Text or an attribute value as XML: what XML forbids dropped, markup escaped."""
    text = str(value)
    if not _UNSAFE.search(text):
        return text
    return html.escape(_NOT_XML.sub("", without_controls(text)), quote=quote)


class _Node:
    """An SVG element: a tag, attributes, text and children, written out with every text
    and attribute value escaped (_escape). The API is ElementTree's, the speed is not:
    ElementTree took ~0.6 ms a chart, most of the over-time report's charts' cost."""

    __slots__ = ("attrib", "children", "tag", "text")

    def __init__(self, tag: str, attrib: Mapping[str, str] | None = None) -> None:
        self.tag = tag
        self.attrib = dict(attrib or {})
        self.text: str | None = None
        self.children: list[_Node] = []

    def write(self, out: list[str]) -> None:
        attrs = "".join(f' {k}="{_escape(v, True)}"' for k, v in self.attrib.items())
        if not self.children and self.text is None:
            out.append(f"<{self.tag}{attrs}/>\n")
            return
        out.append(f"<{self.tag}{attrs}>")
        if self.text is not None:
            out.append(_escape(self.text, False))
        if self.children:
            out.append("\n")
            for child in self.children:
                child.write(out)
        out.append(f"</{self.tag}>\n")


def _sub(parent: _Node, tag: str, attrib: Mapping[str, str] | None = None) -> _Node:
    node = _Node(tag, attrib)
    parent.children.append(node)
    return node


def words(lang: str) -> Mapping[str, str]:
    """The charts' words in lang (the "svg." entries of retro.words), by their short key."""
    return section(lang, "svg.")


# ---------------------------------------------------------------------------
# Data the charts are drawn from (plain values; the export builds them from its context)


class Bar(Struct, frozen=True):
    """One view of one dimension: the scores' counts, or only the mean where anonymity
    withholds the distribution (figures.shows_distribution)."""

    view: str  # "agency_self", "agency_other", "client_self", "client_other"
    n: int
    na: int = 0
    mean: float | None = None
    counts: Mapping[int, int] | None = None  # None: withheld, draw the mean only
    rated: bool = True  # False: the framework does not ask this side about this subject


class BarGroup(Struct, frozen=True):
    """The bars of one dimension in a diverging-bar chart, drawn as one group."""

    key: str
    name: str
    bars: Sequence[Bar]


class Course(Struct, frozen=True):
    """One dimension over sessions: per subject its own view and the other side's."""

    key: str
    name: str
    dates: Sequence[str]
    self_: Mapping[Side, Sequence[float | None]]  # subject -> a value per session
    other: Mapping[Side, Sequence[float | None]]
    rated: Mapping[Side, bool] = field(default_factory=dict)


# ---------------------------------------------------------------------------
# Drawing helpers


def _svg(width: int, height: int, title: str) -> _Node:
    svg = _Node(
        "svg",
        {
            "xmlns": "http://www.w3.org/2000/svg",
            "width": str(width),
            "height": str(height),
            "viewBox": f"0 0 {width} {height}",
            "role": "img",
            "font-family": FONT,
            "font-size": "12",
        },
    )
    _sub(svg, "title").text = title
    _sub(svg, "rect", {"width": "100%", "height": "100%", "fill": "#ffffff"})
    return svg


def _text(parent: _Node, x: float, y: float, text: str, **attrs: str) -> _Node:
    el = _sub(parent, "text", {"x": _f(x), "y": _f(y), **attrs})
    el.text = text
    return el


def _f(v: float) -> str:
    """Coordinates with at most one decimal: smaller files, identical drawings."""
    return f"{v:.1f}".rstrip("0").rstrip(".")


def _to_string(svg: _Node) -> str:
    out: list[str] = []
    svg.write(out)
    return "".join(out)


# ---------------------------------------------------------------------------
# A session: diverging bars


ROW_H = 18
LABEL_W = 220
HALF_W = 150
RIGHT_W = 150


def diverging_bars(groups: Sequence[BarGroup], lang: str) -> str:
    """Every dimension with its views as diverging bars around the middle of the scale:
    1s and 2s to the left, 4s and 5s to the right, the 3s split across the middle. One
    scale for all bars (a count of people), so bars compare across dimensions."""
    w = words(lang)
    largest = 1.0
    for g in groups:
        for b in g.bars:
            if b.counts:
                left = b.counts.get(1, 0) + b.counts.get(2, 0) + b.counts.get(3, 0) / 2
                right = b.counts.get(4, 0) + b.counts.get(5, 0) + b.counts.get(3, 0) / 2
                largest = max(largest, left, right)
    unit = HALF_W / largest
    rows = sum(1 + sum(1 for b in g.bars if b.rated) for g in groups)
    width = LABEL_W + 2 * HALF_W + RIGHT_W
    top = 62
    height = top + rows * ROW_H + 10
    svg = _svg(width, height, w["ratings_title"])
    _text(svg, 8, 18, w["ratings_title"], **{"font-size": "14", "font-weight": "bold"})
    _text(svg, 8, 34, w["ratings_note"], fill=MUTED, **{"font-size": "10.5"})
    # legend: the scale's colours
    lx = LABEL_W
    for s in SCALE:
        _sub(
            svg,
            "rect",
            {"x": _f(lx), "y": "42", "width": "22", "height": "12", "fill": SCORE_COLOURS[s]},
        )
        _text(svg, lx + 11, 52, str(s), fill=SCORE_TEXT[s], **{"text-anchor": "middle"})
        lx += 24
    middle = LABEL_W + HALF_W
    y = top
    grid = _sub(svg, "g", {"class": "axis"})
    for g in groups:
        group = _sub(svg, "g", {"class": "dimension", "data-key": xml_text(g.key)})
        _sub(group, "title").text = xml_text(g.name)
        _text(group, 8, y + 13, _cut(xml_text(g.name), 60), **{"font-weight": "bold"})
        y += ROW_H
        for b in g.bars:
            if b.rated:
                _bar(group, b, y, middle, unit, w, lang, g)
                y += ROW_H
    _sub(
        grid,
        "line",
        {
            "x1": _f(middle),
            "x2": _f(middle),
            "y1": str(top),
            "y2": _f(y),
            "stroke": MUTED,
            "stroke-width": "1",
        },
    )
    return _to_string(svg)


def _bar(
    parent: _Node,
    b: Bar,
    y: float,
    middle: float,
    unit: float,
    w: Mapping[str, str],
    lang: str,
    g: BarGroup,
) -> None:
    attrs = {"class": "bar", "data-view": b.view, "data-n": str(b.n), "data-na": str(b.na)}
    if b.counts is None:
        attrs["data-withheld"] = "true"
    if b.mean is not None:
        attrs["data-mean"] = f"{b.mean:.3f}"
    row = _sub(parent, "g", attrs)
    label = w[b.view]
    detail = _detail(b, w, lang)
    _sub(row, "title").text = f"{xml_text(g.name)} — {label}: {detail}"
    _text(row, 20, y + 13, label, fill=MUTED)
    right = LABEL_W + 2 * HALF_W + 8
    if b.counts is None or b.n == 0:
        text = (
            w["no_scores"] if b.n == 0 else f"{describe_mean(b.mean, b.n, lang)} · {w['withheld']}"
        )
        if b.n and b.na:
            text += f" · {w['na']} {b.na}"
        _text(row, middle + 6, y + 13, text, fill=MUTED, **{"font-style": "italic"})
    else:
        c = b.counts
        x = middle - (c.get(1, 0) + c.get(2, 0) + c.get(3, 0) / 2) * unit
        for s in SCALE:
            count = c.get(s, 0)
            if not count:
                continue
            width = count * unit
            _sub(
                row,
                "rect",
                {
                    "x": _f(x),
                    "y": _f(y + 2),
                    "width": _f(width),
                    "height": str(ROW_H - 4),
                    "fill": SCORE_COLOURS[s],
                    "data-score": str(s),
                    "data-count": str(count),
                },
            )
            if width >= 12:
                _text(
                    row,
                    x + width / 2,
                    y + 13,
                    str(count),
                    fill=SCORE_TEXT[s],
                    **{"text-anchor": "middle", "font-size": "10.5"},
                )
            x += width
    # A withheld mean's note runs past `right` and already says n (and n/a): a second
    # note there would be printed over its words.
    withheld = b.counts is None and b.n > 0
    if (b.n or b.na) and not withheld:
        _text(row, right, y + 13, _right_note(b, w, lang), fill=MUTED)


def _detail(b: Bar, w: Mapping[str, str], lang: str) -> str:
    if b.n == 0:
        return w["no_scores"]
    if b.counts is None:
        return f"{describe_mean(b.mean, b.n, lang)} ({w['withheld']})"
    counts = ", ".join(f"{s}×{c}" for s, c in sorted(b.counts.items(), reverse=True) if c)
    return f"{counts} (n={b.n})"


def _right_note(b: Bar, w: Mapping[str, str], lang: str) -> str:
    """The view in the words of every face (figures.describe_view: the scores of one or
    two people, else the mean and n), n/a apart."""
    parts = []
    if b.n and b.counts is not None:
        scores = tuple(s for s, c in sorted(b.counts.items()) for _ in range(c))
        parts.append(describe_view(View(scores, b.na), lang))
    elif b.n:
        parts.append(f"n={b.n}")
    if b.na:
        parts.append(f"{w['na']} {b.na}")
    return " · ".join(parts)


# ---------------------------------------------------------------------------
# A relationship over time: each dimension's course


PANEL_W = 300
PANEL_H = 150
PAD_L = 28
PAD_TOP = 74


def course(c: Course, lang: str, subjects: Sequence[Side] = ("agency", "client")) -> str:
    """One dimension over the sessions, a panel per subject: its own view (solid), the
    other side's view (dashed) on the 1–5 scale, and the gap between them at each
    session as a vertical stroke, red and labelled where it is GAP_AT or more."""
    w = words(lang)
    shown = [s for s in subjects if c.rated.get(s, True)]
    width = max(1, len(shown)) * (PANEL_W + PAD_L + 12) + 40
    height = PAD_TOP + PANEL_H + 46
    title = w["course_title"].format(name=xml_text(c.name))
    svg = _svg(width, height, title)
    _text(svg, 8, 18, _cut(title, 80), **{"font-size": "14", "font-weight": "bold"})
    _legend(svg, w, lang)
    for i, subject in enumerate(shown):
        x0 = 12 + i * (PANEL_W + PAD_L + 12) + PAD_L
        _panel(svg, c, subject, x0, w, lang)
    return _to_string(svg)


def _legend(svg: _Node, w: Mapping[str, str], lang: str) -> None:
    y = 36
    _sub(
        svg,
        "line",
        {
            "x1": "8",
            "x2": "30",
            "y1": str(y),
            "y2": str(y),
            "stroke": SELF_COLOUR,
            "stroke-width": "2",
        },
    )
    _text(svg, 34, y + 4, w["self_line"])
    _sub(
        svg,
        "line",
        {
            "x1": "130",
            "x2": "152",
            "y1": str(y),
            "y2": str(y),
            "stroke": OTHER_COLOUR,
            "stroke-width": "2",
            "stroke-dasharray": "5 3",
        },
    )
    _text(svg, 156, y + 4, w["other_line"])
    _sub(
        svg,
        "line",
        {
            "x1": "320",
            "x2": "320",
            "y1": str(y - 7),
            "y2": str(y + 7),
            "stroke": GAP_COLOUR,
            "stroke-width": "3",
        },
    )
    _text(svg, 326, y + 4, w["gap_mark"].format(at=number(GAP_AT, lang, 0)))


def _panel(
    svg: _Node, c: Course, subject: Side, x0: float, w: Mapping[str, str], lang: str
) -> None:
    own = list(c.self_.get(subject, ()))
    theirs = list(c.other.get(subject, ()))
    panel = _sub(svg, "g", {"class": "panel", "data-subject": subject})
    heading = w[f"about_{subject}"]  # Dutch articles differ: het bureau, de opdrachtgever
    _text(panel, x0, PAD_TOP - 6, heading, **{"font-weight": "bold"})
    top, bottom = PAD_TOP + 4, PAD_TOP + PANEL_H

    def ys(v: float) -> float:
        return bottom - (v - SCALE[0]) / (SCALE[-1] - SCALE[0]) * (bottom - top)

    for s in SCALE:
        _sub(
            panel,
            "line",
            {
                "x1": _f(x0),
                "x2": _f(x0 + PANEL_W),
                "y1": _f(ys(s)),
                "y2": _f(ys(s)),
                "stroke": "#e0e0e0",
                "stroke-width": "1",
            },
        )
        _text(panel, x0 - 6, ys(s) + 4, str(s), fill=MUTED, **{"text-anchor": "end"})
    n = len(c.dates)
    step = PANEL_W / max(n, 1)

    def xs(i: int) -> float:
        return x0 + step * (i + 0.5)

    # dates: as many as fit (about 70 px each), always the last
    every = max(1, -(-70 // max(int(step), 1)))
    for i, d in enumerate(c.dates):
        if i != n - 1 and (i % every or n - 1 - i < every):
            continue  # no room, or would overlap the last date
        _text(
            panel,
            xs(i),
            bottom + 16,
            xml_text(d),
            fill=MUTED,
            **{"text-anchor": "middle", "font-size": "10"},
        )
    for i in range(n):
        a = own[i] if i < len(own) else None
        b = theirs[i] if i < len(theirs) else None
        gap = difference(a, b)
        if gap is None or a is None or b is None:
            continue
        big = abs(gap) >= GAP_AT
        _sub(
            panel,
            "line",
            {
                "class": "gap",
                "data-session": str(i),
                "data-gap": f"{gap:.3f}",
                "x1": _f(xs(i)),
                "x2": _f(xs(i)),
                "y1": _f(ys(a)),
                "y2": _f(ys(b)),
                "stroke": GAP_COLOUR if big else AGREE_COLOUR,
                "stroke-width": "3" if big else "2",
            },
        )
        if big:
            _text(
                panel,
                xs(i) + 5,
                (ys(a) + ys(b)) / 2 + 4,
                number(gap, lang, 1, signed=True).replace("-", "−"),
                fill=GAP_COLOUR,
                stroke="#ffffff",
                **{"font-size": "10.5", "stroke-width": "3", "paint-order": "stroke"},
            )
    _line(panel, own, xs, ys, SELF_COLOUR, "self", None)
    _line(panel, theirs, xs, ys, OTHER_COLOUR, "other", "5 3")


def _line(
    panel: _Node,
    values: Sequence[float | None],
    xs: object,
    ys: object,
    colour: str,
    which: str,
    dash: str | None,
) -> None:
    """A series as a line through its present points (an absent one is skipped, not 0)."""
    points = [(i, v) for i, v in enumerate(values) if v is not None]
    group = _sub(panel, "g", {"class": which})
    if len(points) >= 2:
        attrs = {
            "points": " ".join(f"{_f(xs(i))},{_f(ys(v))}" for i, v in points),  # type: ignore[operator]
            "fill": "none",
            "stroke": colour,
            "stroke-width": "2",
        }
        if dash:
            attrs["stroke-dasharray"] = dash
        _sub(group, "polyline", attrs)
    for i, v in points:
        _sub(
            group,
            "circle",
            {
                "cx": _f(xs(i)),  # type: ignore[operator]
                "cy": _f(ys(v)),  # type: ignore[operator]
                "r": "3",
                "fill": colour,
                "data-session": str(i),
                "data-value": f"{v:.3f}",
            },
        )


# ---------------------------------------------------------------------------
# What matters: the importance–performance grid of one side


class GridPoint(Struct, frozen=True):
    """One dimension on the importance grid: the points it got and how it was scored."""

    key: str
    name: str
    points: float | None  # importance: the rater's points for this dimension
    score: float | None  # performance: the rater's mean score of the other side
    quadrant: str | None


class Grid(Struct, frozen=True):
    """One side's grid (figures.importance_grid), as the session export's context has it."""

    rater: str
    subject: str
    total: int  # the points each side divides (figures.IMPORTANCE_POINTS)
    importance_cross: float
    performance_cross: float
    points: Sequence[GridPoint]
    quadrant_labels: Mapping[str, str]  # the export's words for the quadrants


GRID_W, GRID_H = 420, 300
GRID_L, GRID_T = 56, 56
QUADRANT_CORNERS = {  # (left?, top?): importance up, score right (Martilla & James)
    "concentrate": (True, True),
    "keep_up": (False, True),
    "low_priority": (True, False),
    "overkill": (False, False),
}


def importance_grid(grid: Grid, lang: str) -> str:
    """Importance (the rater's points, up) against performance (its mean score of the
    other side, right), the crosshairs where figures.importance_grid puts them, each
    quadrant named in its corner; "concentrate here" points in red."""
    w = words(lang)
    width = GRID_L + GRID_W + 190
    height = GRID_T + GRID_H + 56
    title = w["grid_title"].format(rater=w[f"the_{grid.rater}"], subject=w[f"the_{grid.subject}"])
    svg = _svg(width, height, title)
    _text(svg, 8, 18, title, **{"font-size": "14", "font-weight": "bold"})
    cross = w["grid_cross"].format(
        points=number(grid.importance_cross, lang), score=number(grid.performance_cross, lang, 2)
    )
    _text(svg, 8, 36, cross, fill=MUTED, **{"font-size": "10.5"})
    present = [p for p in grid.points if p.points is not None and p.score is not None]
    top_points = max([grid.importance_cross * 2, *(p.points or 0 for p in present)])
    y_max = max(10, -(-top_points // 10) * 10)
    x0, x1, y0, y1 = GRID_L, GRID_L + GRID_W, GRID_T + GRID_H, GRID_T

    def xs(score: float) -> float:
        return x0 + (score - SCALE[0]) / (SCALE[-1] - SCALE[0]) * GRID_W

    def ys(points: float) -> float:
        return y0 - points / y_max * GRID_H

    _sub(svg, "rect", {"x": _f(x0), "y": _f(y1), "width": _f(GRID_W), "height": _f(GRID_H),
                       "fill": "none", "stroke": "#bdbdbd"})  # fmt: skip
    for s in SCALE:
        _text(svg, xs(s), y0 + 16, str(s), fill=MUTED, **{"text-anchor": "middle"})
    step = 10 if y_max <= 50 else 20
    for v in range(0, int(y_max) + 1, step):
        _text(svg, x0 - 6, ys(v) + 4, str(v), fill=MUTED, **{"text-anchor": "end"})
    _text(
        svg,
        (x0 + x1) / 2,
        y0 + 34,
        w["grid_x"].format(subject=w[f"the_{grid.subject}"]),
        fill=MUTED,
        **{"text-anchor": "middle"},
    )
    _text(
        svg,
        14,
        (y0 + y1) / 2,
        w["grid_y"].format(total=grid.total),
        fill=MUTED,
        transform=f"rotate(-90 14 {_f((y0 + y1) / 2)})",
        **{"text-anchor": "middle"},
    )
    cx, cy = xs(grid.performance_cross), ys(grid.importance_cross)
    crosshairs = _sub(svg, "g", {"class": "crosshairs", "stroke": MUTED,
                                  "stroke-dasharray": "4 3", "stroke-width": "1"})  # fmt: skip
    _sub(crosshairs, "line", {"x1": _f(cx), "x2": _f(cx), "y1": _f(y1), "y2": _f(y0),
                              "data-score": f"{grid.performance_cross:.3f}"})  # fmt: skip
    _sub(crosshairs, "line", {"x1": _f(x0), "x2": _f(x1), "y1": _f(cy), "y2": _f(cy),
                              "data-points": f"{grid.importance_cross:.3f}"})  # fmt: skip
    placed: list[tuple[float, float, float, float]] = []  # label boxes drawn so far
    for quadrant, (left, top) in QUADRANT_CORNERS.items():
        word = grid.quadrant_labels.get(quadrant, quadrant)
        qx, qy = (x0 + 6 if left else x1 - 6), (y1 + 14 if top else y0 - 6)
        span = len(word) * 6.0
        placed.append((qx if left else qx - span, qy - 10, qx + span if left else qx, qy + 2))
        _text(
            svg,
            qx,
            qy,
            word,
            fill=GAP_COLOUR if quadrant == "concentrate" else MUTED,
            **{"text-anchor": "start" if left else "end", "font-style": "italic"},
        )
    dots = [(xs(p.score or 0), ys(p.points or 0)) for p in present]
    for p, (px, py) in zip(present, dots, strict=True):
        hot = p.quadrant == "concentrate"
        dot = _sub(
            svg,
            "g",
            {
                "class": "point",
                "data-key": xml_text(p.key),
                "data-points": f"{p.points:.3f}",
                "data-score": f"{p.score:.3f}",
                "data-quadrant": p.quadrant or "",
            },
        )
        name = xml_text(p.name)
        _sub(
            dot, "title"
        ).text = f"{name}: {number(p.points or 0, lang, 0)} · {number(p.score or 0, lang, 2)}"
        colour = GAP_COLOUR if hot else SELF_COLOUR
        _sub(dot, "circle", {"cx": _f(px), "cy": _f(py), "r": "4.5", "fill": colour})
        label = _cut(name, 24)
        x, y, anchor = _label_place(label, px, py, placed, dots)
        _text(
            dot,
            x,
            y,
            label,
            fill=colour,
            stroke="#ffffff",
            **{
                "font-size": "10.5",
                "stroke-width": "3",
                "paint-order": "stroke",
                "text-anchor": anchor,
            },
        )
    return _to_string(svg)


def _overlaps(
    box: tuple[float, float, float, float], placed: list[tuple[float, float, float, float]]
) -> bool:
    """Whether the box overlaps any label box drawn before."""
    return any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in placed)


def _label_place(
    label: str,
    px: float,
    py: float,
    placed: list[tuple[float, float, float, float]],
    dots: Sequence[tuple[float, float]],
) -> tuple[float, float, str]:
    """Where a point's label goes: right of it, else left, else a line above or below,
    then further lines out on either side (several dimensions on one spot), whichever
    first overlaps no label drawn before and no other point (a rough box of 6 px a
    character). When none is free, the first that overlaps no label, so two names never
    print over each other; the first candidate only when even that fails."""
    width = len(label) * 6.0
    candidates = [
        (px + 7, py + 4, "start", px + 7),
        (px - 7, py + 4, "end", px - 7 - width),
        (px + 7, py - 9, "start", px + 7),
        (px + 7, py + 15, "start", px + 7),
    ]
    for k in range(1, 12):  # a line is 12 px high: steps of 13 never touch
        for dy in (-13 * k, 13 * k):
            candidates.append((px + 7, py + 4 + dy, "start", px + 7))
            candidates.append((px - 7, py + 4 + dy, "end", px - 7 - width))
    for x, y, anchor, left in candidates:
        box = (left, y - 10, left + width, y + 2)
        hits_label = _overlaps(box, placed)
        hits_dot = any(
            box[0] - 4 < dx < box[2] + 4 and box[1] - 4 < dy < box[3] + 4
            for dx, dy in dots
            if (dx, dy) != (px, py)
        )
        if not hits_label and not hits_dot:
            placed.append(box)
            return x, y, anchor
    for x, y, anchor, left in candidates:
        box = (left, y - 10, left + width, y + 2)
        if not _overlaps(box, placed):
            placed.append(box)
            return x, y, anchor
    x, y, anchor, left = candidates[0]
    placed.append((left, y - 10, left + width, y + 2))
    return x, y, anchor
