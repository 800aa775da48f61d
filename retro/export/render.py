"""Finding and rendering templates in Jinja2's sandbox, with errors a user can act on.

Templates come from three places, first match wins: a file named with ``--template PATH``,
the workspace's ``templates/`` folder, and the templates shipped with the package. Every
failure becomes one :class:`ExportError` line naming the template file and line.
"""

from __future__ import annotations

import contextlib
import operator
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, nodes, pass_context
from jinja2.exceptions import SecurityError, TemplateNotFound, TemplateSyntaxError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

import retro
from retro.export import limits
from retro.export.markdown import (
    Md,
    MdCodeGenerator,
    finalize,
    md_filter,
    md_join,
    without_controls,
)
from retro.words import DEFAULT_LANGUAGE, long_date, month_year, number, percent

# Filters that produce HTML or JSON, which mean nothing (or something unsafe) in Markdown.
_REMOVED_FILTERS = ("tojson", "urlize", "xmlattr", "forceescape")
# Bumped whenever the code the sandbox generates changes (the loop guard of _parse), so
# templates compiled by an older retro of the same version are not loaded from the cache.
_CODEGEN_REVISION = 2


class ExportError(ValueError):
    """A summary that cannot be produced; the message is one line for the user."""


def builtin_templates_dir() -> Path:
    """The templates shipped in the wheel, or the source tree's for an editable install."""
    installed = Path(retro.__file__).parent / "templates"
    if installed.is_dir():
        return installed
    return Path(retro.__file__).parent.parent / "templates"


class MarkdownSandbox(ImmutableSandboxedEnvironment):
    """The sandbox with Markdown escaping as its output discipline (see export.markdown)
    and limits on what a template may cost (see export.limits)."""

    code_generator_class = MdCodeGenerator
    intercepted_binops = frozenset({"+", "%", "*", "**"})

    def __init__(
        self, loader: jinja2.BaseLoader, bytecode_cache: jinja2.BytecodeCache | None = None
    ) -> None:
        super().__init__(
            loader=loader,
            bytecode_cache=bytecode_cache,
            autoescape=True,
            finalize=finalize,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=True,  # the TUI preview picks up an edited override
        )
        self.md_join = _checked_join
        for name in _REMOVED_FILTERS:
            self.filters.pop(name, None)
        self.filters.update(
            e=md_filter,
            escape=md_filter,
            md=md_filter,
            cell=md_filter,
            join=_join,
            num=_num,
            signed=_signed,
            arrow=_arrow,
            way=_way,
            scores=_scores,
            pct=_pct,
            date=_date,
        )
        self.filters = {n: limits.guard_filter(n, f) for n, f in self.filters.items()}
        self.globals["lipsum"] = _lipsum
        self.counted = limits.counted

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        """The template's syntax tree with every ``{% for %}`` iterable wrapped in
        limits.counted, so each iteration counts against the render's step budget."""
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(
                nodes.EnvironmentAttribute("counted"), [loop.iter], [], None, None
            ).set_lineno(loop.iter.lineno)
        return tree

    def _load_template(self, name: str, globals: Any) -> jinja2.Template:
        limits.step()  # an include inside a loop or an include of itself: a step each
        return super()._load_template(name, globals)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        limits.step()
        limits.check_method(__obj, args, kwargs)
        return limits.check_size(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Any:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        fmt = value.__self__

        def checked(*args: Any, **kwargs: Any) -> Any:
            limits.check_format(fmt, [*args, *kwargs.values()], "{}")
            return limits.check_size(wrapper(*args, **kwargs))

        return checked

    def getattr(self, obj: Any, attribute: str) -> Any:
        # A private or dunder name is a reach for internals even where it does not exist
        # (a macro's __globals__): refuse it outright, with the sandbox's message.
        if isinstance(obj, jinja2.Undefined):
            obj._fail_with_undefined_error()  # the first refusal is the one to report
        if attribute.startswith("_"):
            return self.unsafe_undefined(obj, attribute)
        return super().getattr(obj, attribute)

    def call_binop(self, context: Any, op: str, left: Any, right: Any) -> Any:
        # markupsafe's Markup would HTML-escape the plain side; make it Markdown-escape.
        if isinstance(left, Markup) and not isinstance(left, Md):
            left = Md(left)
        if isinstance(right, Markup) and not isinstance(right, Md):
            right = Md(right)
        if op == "+" and isinstance(right, Md) and isinstance(left, str):
            left = Md.escape(left)
        limits.check_binop(op, left, right)
        if op == "%" and isinstance(left, str):
            args = right if isinstance(right, tuple) else [right]
            limits.check_format(left, [*args, *limits.mapping_values(right)], "%")
        return limits.check_size(_BINOPS[op](left, right))


_BINOPS = {"+": operator.add, "%": operator.mod, "*": operator.mul, "**": operator.pow}


def _lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    """Jinja's placeholder text, with its size checked first: lipsum(10**9) is a loop
    inside Python that no step count sees."""
    from jinja2.utils import generate_lorem_ipsum

    limits.check_words(n, max)
    return generate_lorem_ipsum(n, html, min, max)


def _checked_join(seq: Any) -> Any:
    """``a ~ b``, refused once it passes the size limit (doubling a string in a loop)."""
    limits.step()
    return limits.check_size(md_join(seq), "a joined string")


def _join(value: Any, d: str = "", attribute: str | None = None) -> Md:
    items = list(value)
    if attribute is not None:
        items = [item[attribute] if isinstance(item, Mapping) else None for item in items]
    return _separator(d).join(Md.escape(i) for i in items)


def _separator(d: Any) -> Md:
    """The separator escaped like any text, but with its outer blanks kept: ", " must
    stay ", " (escaping strips the blanks that a table cell cannot keep)."""
    text = "" if d is None else str(d)
    core = text.strip()
    if not core:
        # Blanks only: spaces, tabs and line ends stay, any other "blank" control goes.
        return Md("".join(c if c in " \t\n" else " " for c in text))
    start = text.index(core)
    return Md(text[:start] + str(Md.escape(core)) + text[start + len(core) :])


def _lang(ctx: Any) -> str:
    return ctx.get("lang", DEFAULT_LANGUAGE)


@pass_context
def _num(ctx: Any, v: Any, places: int = 1, missing: str = "–") -> Md:
    """A score or mean: one decimal, a decimal comma in Dutch, a dash when absent."""
    if v is None or isinstance(v, jinja2.Undefined):
        return Md.escape(missing)
    return Md(number(float(v), _lang(ctx), places))


@pass_context
def _signed(ctx: Any, v: Any, places: int = 1, missing: str = "–") -> Md:
    """A change or gap with its sign, using a real minus so it never reads as a list item."""
    if v is None or isinstance(v, jinja2.Undefined):
        return Md.escape(missing)
    # number's one rule for the sign (none on a zero), then the real minus
    return Md(number(float(v), _lang(ctx), places, signed=True).replace("-", "−"))


def _arrow(v: Any, places: int = 1) -> Md:
    """↑, ↓ or → for a change, matching what ``signed`` shows at the same places (a
    change that rounds to zero is flat); nothing when there is no change to show."""
    if v is None or isinstance(v, jinja2.Undefined):
        return Md("")
    v = round(float(v), places)
    return Md("↑" if v > 0 else "↓" if v < 0 else "→")


@pass_context
def _scores(ctx: Any, view: Any, with_scores: bool = True, missing: str = "–") -> Md:
    """A view as retro.figures.describe_view words it, from the context's view dict
    ``{scores, na, shown}``: the scores of one or two raters, else mean and n (and how the
    scores fall, where anonymity allows). Only digits and words: safe as Markdown."""
    from retro.figures import View, describe_mean, describe_view

    if not isinstance(view, Mapping) or not view.get("n"):
        return Md.escape(missing)
    lang = _lang(ctx)
    if not view.get("shown") or not view.get("scores"):
        return Md(describe_mean(float(view["mean"]), int(view["n"]), lang))
    v = View(tuple(int(x) for x in view["scores"]), int(view.get("na", 0)))
    return Md(describe_view(v, lang, True, bool(with_scores)))


def _way(direction: Any) -> Md:
    """↑ or ↓ for a clear change, → for no clear change (the reliable-change rule of
    retro.figures; the context gives its ``direction``); nothing when there is none."""
    from retro.figures import ARROWS

    return Md(next((a for d, a in ARROWS.items() if d == direction), ""))


@pass_context
def _pct(ctx: Any, v: Any, missing: str = "–") -> Md:
    if v is None or isinstance(v, jinja2.Undefined):
        return Md.escape(missing)
    return Md(percent(float(v), _lang(ctx)))


@pass_context
def _date(ctx: Any, v: Any, style: str = "long") -> Md:
    """An ISO date as '12 March 2025' / '12 maart 2025' (style "short": 'Mar 2025' /
    'mrt 2025'); anything that is not a date is escaped as it is."""
    from datetime import date

    try:
        d = date.fromisoformat(str(v))
    except ValueError:
        return Md.escape(v)
    if style == "short":
        return Md(month_year(d, _lang(ctx)))
    return Md(long_date(d, _lang(ctx)))


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates on disk, so a cold `retro export` skips compiling (~25 ms).

    Jinja checks each entry against the template's source checksum and its own version;
    the folder name adds retro's version, because the sandbox's code generator is ours.
    """
    from retro.index import cache_dir  # the index's folder: one cache place for retro

    try:
        folder = cache_dir() / (
            f"templates-{retro.__version__}.{_CODEGEN_REVISION}-jinja{jinja2.__version__}"
        )
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _BestEffortCache(str(folder))


class _BestEffortCache(jinja2.FileSystemBytecodeCache):
    """A cache that is only ever a speed-up: a full disk, a file-size limit (EFBIG), a
    read-only or vanished folder or a damaged entry means compiling again, not an error."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # OSError, or a truncated/garbled entry (pickle, marshal)
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


@cache
def _environment(workspace_templates: str | None, extra_dir: str | None) -> MarkdownSandbox:
    """One environment per template search path, so warm renders reuse compiled templates."""
    dirs = [d for d in (extra_dir, workspace_templates) if d]
    dirs.append(str(builtin_templates_dir()))
    return MarkdownSandbox(ChoiceLoader([FileSystemLoader(d) for d in dirs]), _bytecode_cache())


def resolve_template(
    name_or_path: str | None, default: str, lang: str, workspace_root: Path | None
) -> tuple[MarkdownSandbox, str]:
    """The environment and the template name to load, following the override order.

    NAME (no path separator) is tried as ``NAME.<lang>.md``, ``NAME.md`` and ``NAME``,
    in the workspace's templates/ first; PATH is an existing file, loaded by its name
    from its own folder so its ``{% include %}``/``{% import %}`` find its neighbours.
    """
    ws_dir = str(workspace_root / "templates") if workspace_root is not None else None
    if name_or_path and (
        "/" in name_or_path or "\\" in name_or_path or Path(name_or_path).is_file()
    ):
        path = Path(name_or_path).expanduser()
        if not path.is_file():
            raise ExportError(f"template file not found: {name_or_path}")
        path = path.resolve()
        return _environment(ws_dir, str(path.parent)), path.name
    env = _environment(ws_dir, None)
    name = name_or_path or default
    candidates = [f"{name}.{lang}.md", f"{name}.md", name]
    for candidate in candidates:
        try:
            env.loader.get_source(env, candidate)  # type: ignore[union-attr]
        except TemplateNotFound:
            continue
        return env, candidate
    where = f"{ws_dir} or the built-in templates" if ws_dir else "the built-in templates"
    raise ExportError(
        f"no template {name!r} (looked for {', '.join(candidates)} in {where}); "
        "see docs/templates.md"
    )


def render(env: MarkdownSandbox, name: str, context: Mapping[str, Any]) -> str:
    """Render in the sandbox; every failure comes back as one ExportError line."""
    try:
        template = env.get_template(name)
    except TemplateSyntaxError as e:
        raise ExportError(
            f"{e.filename or name}, line {e.lineno}: template syntax error: {e.message}"
        ) from None
    except TemplateNotFound as e:
        raise ExportError(f"template {name}: includes {e.name!r}, which was not found") from None
    try:
        # Control characters out of everything, the author's literals and |safe included.
        return without_controls(limits.bounded_render(lambda: template.generate(context)))
    except limits.TemplateLimitError as e:
        raise ExportError(
            f"{_where(template)}: stopped: {e}; templates render under limits "
            "(see docs/templates.md)"
        ) from None
    except RecursionError:
        raise ExportError(
            f"{_where(template)}: stopped: nested too deeply (a macro or an include "
            "that calls itself?)"
        ) from None
    except MemoryError:
        raise ExportError(f"{_where(template)}: stopped: out of memory") from None
    except SecurityError as e:
        raise ExportError(
            f"{_where(template)}: refused: {e} Templates run in a sandbox and cannot "
            "reach Python internals."
        ) from None
    except TemplateSyntaxError as e:  # an {% include %} of a broken template
        raise ExportError(
            f"{e.filename or name}, line {e.lineno}: template syntax error: {e.message}"
        ) from None
    except jinja2.TemplateError as e:
        raise ExportError(f"{_where(template)}: {e}") from None
    except (TypeError, ValueError, AttributeError, LookupError, ArithmeticError) as e:
        raise ExportError(f"{_where(template)}: {type(e).__name__}: {e}") from None


def _where(template: jinja2.Template) -> str:
    """'file, line N' of the template frame the current exception came from."""
    filename = template.filename or template.name or "template"
    tb = sys.exc_info()[2]
    line = None
    while tb is not None:
        # Jinja rewrites tracebacks: frames of template code carry this marker.
        if "__jinja_exception__" in tb.tb_frame.f_globals:
            filename, line = tb.tb_frame.f_code.co_filename, tb.tb_lineno
        tb = tb.tb_next
    return f"{filename}, line {line}" if line else filename
