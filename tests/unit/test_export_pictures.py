"""Pictures in the exports: SVG charts beside the Markdown, and the HTML report.

What a reader notices: the charts are there, the Markdown points at them by a path that
resolves, the bars carry the counts a hand count gives, anonymity holds in the pictures
too, and no name typed into a framework can become markup in an SVG or the HTML page.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote

import pytest
from markdown_it import MarkdownIt

from retro.cli import main
from retro.export import Charts, export_over_time, export_session, export_trends
from retro.export.charts import xml_text
from retro.model import History, Participant, Rating, Relationship, Session, Weight

SVG = "{http://www.w3.org/2000/svg}"
# Everything the charts draw with; anything else in an SVG was injected.
SVG_TAGS = {
    f"{SVG}{t}" for t in ("svg", "title", "rect", "text", "g", "line", "polyline", "circle")
}

HOSTILE_NAMES = {
    "d1": "</text><script>alert(1)</script><text>",
    "d2": "{{ 7*7 }} {% raw %}",
    "d3": "\x1b[31mred\x1b[0m \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ \x9b2J",
    "d4": "\u202eevil\u202c שיתוף التعاون " + "協力 " * 60 + "&amp; <br> ]]> <!-- x -->",
}


def framework(names: dict[str, str]) -> dict:
    return {
        "key": "pics",
        "version": 1,
        "name": {"nl": "Plaatjes", "en": "Pictures"},
        "dimensions": [
            {
                "key": key,
                "name": {"nl": name, "en": name},
                "about": {"agency": {"en": "a", "nl": "a"}, "client": {"en": "c", "nl": "c"}},
            }
            for key, name in names.items()
        ],
    }


PEOPLE = (
    Participant("c1", "Carla Client", "client"),
    Participant("c2", "Cees Client", "client"),
    Participant("c3", "Corrie Client", "client"),
    Participant("c4", "Coen Client", "client"),
    Participant("a1", "Anna Agency", "agency"),
    Participant("a2", "Arjen Agency", "agency"),
)


def session(
    sid: str, day: str, shift: int, anonymous: bool = False, weights: tuple[Weight, ...] = ()
) -> Session:
    """d1, client on the agency: 2, 4, 4 and an n/a (counts 1 and 2, n=3); the agency on
    itself: two raters. Other views follow a pattern that moves with ``shift``."""
    ratings = [
        Rating("c1", "d1", "agency", 2),
        Rating("c2", "d1", "agency", 4),
        Rating("c3", "d1", "agency", 4),
        Rating("c4", "d1", "agency", None),
        Rating("a1", "d1", "agency", 5),
        Rating("a2", "d1", "agency", 5 if shift else 4),
    ]
    for i, p in enumerate(PEOPLE):
        for d in ("d2", "d3", "d4"):
            for subject in ("agency", "client"):
                ratings.append(Rating(p.id, d, subject, 1 + (i + shift + len(d)) % 5))
        ratings.append(Rating(p.id, "d1", "client", 1 + (i + shift) % 5))
    return Session(
        id=sid,
        date=day,
        framework="pics",
        language="en",
        anonymous=anonymous,
        participants=PEOPLE,
        ratings=tuple(ratings),
        importance=weights,
        status="closed",
        phase="close",
    )


@pytest.fixture
def ws(workspace):
    return make(workspace, {"d1": "Openness", "d2": "Trust", "d3": "Pace", "d4": "Ideas"})


def make(workspace, names: dict[str, str], anonymous: bool = False, importance: bool = False):
    (workspace.root / "frameworks").mkdir(parents=True, exist_ok=True)
    (workspace.root / "frameworks" / "pics.json").write_text(json.dumps(framework(names)))
    history = History(
        Relationship("pics", "Client Co", "Agency Co"),
        (
            session("s-1", "2026-01-10", 0, anonymous),
            session("s-2", "2026-04-10", 1, anonymous, allocation(names) if importance else ()),
        ),
    )
    workspace.merge_history(history)
    return workspace


def allocation(names: dict[str, str]) -> tuple[Weight, ...]:
    """Both sides divide 100 points, the client most on the first dimension."""
    keys = list(names)
    share = [40, 30, 20, 10][: len(keys)]
    share[-1] += 100 - sum(share)
    return tuple(
        Weight(side, k, p)
        for side, order in (("client", share), ("agency", share[::-1]))
        for k, p in zip(keys, order, strict=True)
    )


def parse_svg(text: str) -> ET.Element:
    root = ET.fromstring(text)  # well-formed XML, or this raises
    assert root.tag == f"{SVG}svg"
    injected = {el.tag for el in root.iter()} - SVG_TAGS
    assert not injected, injected
    for el in root.iter():  # every attribute value is ours: no handlers, no links
        assert not any(a.startswith("on") or "href" in a for a in el.attrib), el.attrib
    return root


def bars(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    return {
        (g.get("data-key", ""), b.get("data-view", "")): b
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "dimension"
        for b in g.iter(f"{SVG}g")
        if b.get("class") == "bar"
    }


def counts(bar: ET.Element) -> dict[int, int]:
    return {
        int(r.get("data-score", 0)): int(r.get("data-count", 0))
        for r in bar.iter(f"{SVG}rect")
        if r.get("data-score")
    }


def images(markdown: str) -> list[str]:
    """The image sources a Markdown viewer (a wiki, a Git host) would load."""
    out = []
    for tok in MarkdownIt("commonmark").enable("table").parse(markdown):
        for c in tok.children or []:
            if c.type == "image":
                out.append(str(c.attrGet("src")))
    return out


# ---------------------------------------------------------------------------
# Charts beside the Markdown


def test_md_file_gets_its_charts_beside_it_by_relative_path(ws, tmp_path):
    out = tmp_path / "out" / "summary.md"
    out.parent.mkdir()
    assert main(["export", "s-2", "-o", str(out)]) == 0
    srcs = images(out.read_text("utf-8"))
    assert srcs == ["summary-charts/ratings.svg"]
    assert (out.parent / srcs[0]).is_file()
    parse_svg((out.parent / srcs[0]).read_text("utf-8"))


def test_a_file_name_with_spaces_still_links(ws, tmp_path):
    out = tmp_path / "my summary (v2).md"
    assert main(["export", "s-2", "-o", str(out)]) == 0
    [src] = images(out.read_text("utf-8"))
    assert (tmp_path / unquote(src)).is_file()


def test_stdout_writes_no_charts_and_says_nothing_of_them(ws, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "s-2"]) == 0
    captured = capsys.readouterr()
    assert "svg" not in captured.out and "chart" not in captured.out.lower()
    assert captured.err == ""
    assert not list(tmp_path.rglob("*.svg"))


def test_stdout_with_charts_flag_writes_and_refers_to_them(ws, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["export", "s-2", "--charts", "pics"]) == 0
    assert images(capsys.readouterr().out) == ["pics/ratings.svg"]
    assert (tmp_path / "pics" / "ratings.svg").is_file()


def test_no_charts_flag(ws, tmp_path):
    out = tmp_path / "summary.md"
    assert main(["export", "s-2", "-o", str(out), "--no-charts"]) == 0
    assert images(out.read_text("utf-8")) == []
    assert not (tmp_path / "summary-charts").exists()


def test_bar_carries_the_hand_counted_numbers(ws):
    charts = Charts("c")
    export_session(ws, "s-2", lang="en", charts=charts)
    b = bars(parse_svg(charts.files["ratings.svg"]))[("d1", "agency_other")]
    # client on the agency: 2, 4, 4 and one n/a
    assert counts(b) == {2: 1, 4: 2}
    assert (b.get("data-n"), b.get("data-na")) == ("3", "1")
    texts = [t.text for t in b.iter(f"{SVG}text")]
    assert "3.3 (n=3) · n/a 1" in texts
    # low scores to the left of the middle, high to the right
    rects = {int(r.get("data-score", 0)): float(r.get("x", 0)) for r in b.iter(f"{SVG}rect")}
    assert rects[2] < rects[4]
    # two raters: their scores, as every face shows them
    own = bars(parse_svg(charts.files["ratings.svg"]))[("d1", "agency_self")]
    assert "5 and 5 (n=2)" in [t.text for t in own.iter(f"{SVG}text")]


def test_dutch_chart_words_and_decimal_comma(ws):
    charts = Charts("c")
    export_session(ws, "s-2", lang="nl", charts=charts)
    root = parse_svg(charts.files["ratings.svg"])
    texts = [t.text or "" for t in root.iter(f"{SVG}text")]
    assert "Opdrachtgever over het bureau" in texts
    assert "3,3 (n=3) · n.v.t. 1" in texts


def test_anonymous_session_draws_only_the_mean_below_the_threshold(workspace):
    make(workspace, {"d1": "Openness", "d2": "Trust"}, anonymous=True)
    charts = Charts("c")
    export_session(workspace, "s-2", lang="en", charts=charts)
    svg = charts.files["ratings.svg"]
    found = bars(parse_svg(svg))
    # two agency raters on the agency: below the threshold of 3, no distribution
    own = found[("d1", "agency_self")]
    assert own.get("data-withheld") == "true" and counts(own) == {}
    assert "5 and 5" not in svg and "5×2" not in svg
    assert "5.0 (n=2) · anonymous: only the mean" in [t.text for t in own.iter(f"{SVG}text")]
    # three client raters on the agency: at the threshold, the distribution is shown
    assert counts(found[("d1", "agency_other")]) == {2: 1, 4: 2}


# ---------------------------------------------------------------------------
# Over time


def course_values(svg: str, subject: str, which: str) -> dict[int, float]:
    root = parse_svg(svg)
    panel = next(g for g in root.iter(f"{SVG}g") if g.get("data-subject") == subject)
    line = next(g for g in panel.iter(f"{SVG}g") if g.get("class") == which)
    return {
        int(c.get("data-session", 0)): float(c.get("data-value", 0))
        for c in line.iter(f"{SVG}circle")
    }


@pytest.mark.parametrize("report", ["trends", "over-time"])
def test_course_charts_per_dimension_with_both_views_and_the_gap(ws, tmp_path, report):
    out = tmp_path / "report.md"
    args = ["export", "--trends", "pics"] if report == "trends" else ["trends", "pics", "--md"]
    assert main([*args, "-o", str(out)]) == 0
    srcs = images(out.read_text("utf-8"))
    assert [Path(s).name for s in srcs] == [
        "course-01-d1.svg",
        "course-02-d2.svg",
        "course-03-d3.svg",
        "course-04-d4.svg",
    ]
    svg = (tmp_path / srcs[0]).read_text("utf-8")
    # d1, agency: own view 4.5 then 5.0; the client's view 3.33 both times
    assert course_values(svg, "agency", "self") == {0: 4.5, 1: 5.0}
    assert course_values(svg, "agency", "other") == pytest.approx({0: 10 / 3, 1: 10 / 3}, abs=1e-3)
    agency = next(g for g in parse_svg(svg).iter(f"{SVG}g") if g.get("data-subject") == "agency")
    gaps = {
        g.get("data-session"): float(g.get("data-gap", 0))
        for g in agency.iter(f"{SVG}line")
        if g.get("class") == "gap"
    }
    assert gaps["1"] == pytest.approx(5.0 - 10 / 3, abs=1e-3)


def test_over_time_report_api_draws_the_same_courses(ws):
    charts = Charts("x")
    text = export_over_time(ws, "pics", lang="nl", charts=charts)
    assert sorted(charts.files) == [f"course-0{i}-d{i}.svg" for i in range(1, 5)]
    assert "(x/course-01-d1.svg)" in text


# ---------------------------------------------------------------------------
# The HTML report


class Page(HTMLParser):
    """What a browser would build: every tag and attribute, and the visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)
        self._skip += tag in ("style",)

    def handle_endtag(self, tag):
        self._skip -= tag in ("style",)

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)


def page(html: str) -> Page:
    p = Page()
    p.feed(html)
    p.close()
    return p


ALLOWED_HTML = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "em",
    "strong", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "br", "span",
    "code",
    *(t.removeprefix(SVG) for t in SVG_TAGS),
}  # fmt: skip


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("report", ["session", "trends", "over-time"])
def test_html_is_one_self_contained_page_with_charts_inline(ws, lang, report):
    if report == "session":
        html = export_session(ws, "s-2", lang=lang, fmt="html", audience="internal")
    elif report == "trends":
        html = export_trends(ws, "pics", lang=lang, fmt="html")
    else:
        html = export_over_time(ws, "pics", lang=lang, fmt="html")
    p = page(html)
    assert set(p.tags) <= ALLOWED_HTML, set(p.tags) - ALLOWED_HTML
    assert html.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in html
    assert p.tags.count("svg") == (1 if report == "session" else 4)
    # nothing loaded from anywhere: no src, no href, no url(); only the SVG namespace
    assert not [a for a, _ in p.attrs if a in ("src", "href", "srcset", "action")]
    assert "url(" not in html and "@import" not in html
    assert "//" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "@media print" in html
    assert "Client Co" in " ".join(p.text)


def test_html_cli(ws, tmp_path):
    out = tmp_path / "r.html"
    assert main(["export", "s-2", "--format", "html", "-o", str(out)]) == 0
    assert page(out.read_text("utf-8")).tags.count("svg") == 1
    assert not list(tmp_path.glob("*-charts"))
    out = tmp_path / "t.html"
    assert main(["trends", "pics", "--html", "-o", str(out)]) == 0
    assert page(out.read_text("utf-8")).tags.count("svg") == 4


def test_html_line_break_in_a_cell_is_a_break_and_typed_br_is_text(workspace):
    ws = make(workspace, {"d1": "Openness", "d2": "Trust"})
    history = ws.load("pics")
    s = history.sorted_sessions()[-1]
    from msgspec.structs import replace

    remark = Rating("c1", "d1", "agency", 3, "line one\nline two", "typed <br> here", "")
    s = replace(s, id="s-3", date="2026-06-01", ratings=(*s.ratings, remark))
    ws.merge_history(History(history.relationship, (*history.sessions, s)))
    html = export_session(ws, "s-3", lang="en", fmt="html")
    assert "line one<br />\nline two" in html or "line one<br>line two" in html
    assert "typed &lt;br&gt; here" in html


# ---------------------------------------------------------------------------
# Hostile names


def test_hostile_names_come_out_literally_in_svg_and_html(workspace, tmp_path):
    ws = make(workspace, HOSTILE_NAMES, importance=True)
    for lang in ("nl", "en"):
        charts = Charts("c")
        export_session(ws, "s-2", lang=lang, charts=charts)
        export_trends(ws, "pics", lang=lang, charts=charts)
        for svg in charts.files.values():
            root = parse_svg(svg)
            titles = {t.text for t in root.iter(f"{SVG}title")}
            texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
            assert "\x1b" not in svg and "\x9b" not in svg
            assert "49" not in texts
        assert {"grid-client.svg", "grid-agency.svg"} <= set(charts.files)
        grid = parse_svg(charts.files["grid-client.svg"])
        assert {t.text for t in grid.iter(f"{SVG}title")} >= {
            f"{xml_text(HOSTILE_NAMES['d1'])}: 40 · 3{',' if lang == 'nl' else '.'}33"
        }
        ratings = parse_svg(charts.files["ratings.svg"])
        titles = {t.text for t in ratings.iter(f"{SVG}title")}
        for name in HOSTILE_NAMES.values():
            assert xml_text(name) in titles  # the whole name, literally
        assert "</text><script>alert(1)</script><text>" in titles
        assert "{{ 7*7 }} {% raw %}" in titles
        assert "[31mred[0m" in xml_text(HOSTILE_NAMES["d3"])

        for html in (
            export_session(ws, "s-2", lang=lang, fmt="html"),
            export_trends(ws, "pics", lang=lang, fmt="html"),
            export_over_time(ws, "pics", lang=lang, fmt="html"),
        ):
            p = page(html)
            assert "script" not in p.tags and set(p.tags) <= ALLOWED_HTML
            assert "\x1b" not in html and "\x9b" not in html
            visible = "".join(p.text)
            assert "</text><script>alert(1)</script><text>" in visible
            assert "{{ 7*7 }}" in visible and "{% raw %}" in visible


def test_chart_file_names_are_safe_whatever_the_key(workspace):
    from retro.export.pictures import _slug

    assert _slug("../../etc/passwd") == "-etc-passwd"
    assert _slug("協力") == ""
    assert _slug("Added Value") == "-added-value"


# ---------------------------------------------------------------------------
# What matters: the importance–performance grid


def test_importance_grid_charts_carry_the_grid_of_the_figures(workspace, tmp_path):
    from datetime import date

    from retro.demo import fill_demo
    from retro.figures import importance_grid

    fill_demo(workspace, today=date(2026, 11, 23))
    history = workspace.load("gemeente-zwolle")
    s = [x for x in history.sorted_sessions() if x.kind == "joint" and x.importance][-1]
    out = tmp_path / "zwolle.md"
    assert main(["export", s.id, "--lang", "en", "-o", str(out)]) == 0
    srcs = images(out.read_text("utf-8"))
    assert "zwolle-charts/grid-client.svg" in srcs and "zwolle-charts/grid-agency.svg" in srcs
    root = parse_svg((tmp_path / "zwolle-charts" / "grid-client.svg").read_text("utf-8"))
    grid = importance_grid(s, "client", [d for d in dict.fromkeys(r.dimension for r in s.ratings)])
    drawn = {
        g.get("data-key"): (float(g.get("data-points", 0)), float(g.get("data-score", 0)), g.get("data-quadrant"))
        for g in root.iter(f"{SVG}g")
        if g.get("class") == "point"
    }  # fmt: skip
    expected = {
        p.dimension: (p.importance, round(p.performance, 3), p.quadrant)
        for p in grid.points
        if p.importance is not None and p.performance is not None
    }
    assert drawn.keys() == expected.keys()
    for key, (points, score, quadrant) in expected.items():
        assert drawn[key][0] == pytest.approx(points) and drawn[key][2] == quadrant
        assert drawn[key][1] == pytest.approx(score, abs=1e-3)
    lines = [ln for ln in root.iter(f"{SVG}line") if ln.get("data-points") or ln.get("data-score")]
    assert float(lines[0].get("data-score", 0)) == pytest.approx(grid.performance_cross, abs=1e-3)
    assert float(lines[1].get("data-points", 0)) == pytest.approx(grid.importance_cross, abs=1e-3)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "concentrate here" in texts and "keep up the good work" in texts
    # the HTML report has them inline: ratings and both grids
    html = export_session(workspace, s.id, lang="nl", fmt="html")
    assert page(html).tags.count("svg") == 3


def test_long_and_wide_labels_are_cut_to_fit():
    from retro.export.charts import LABEL_CHARS, _cut

    wide = _cut("協力" * 40)
    assert wide.endswith("…") and len(wide) <= LABEL_CHARS // 2 + 1
    assert _cut("Openness") == "Openness"
    assert len(_cut("x" * 100)) == LABEL_CHARS
