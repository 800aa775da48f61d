"""Limits on what a template may cost: output size, value size, steps, time, nesting.

A custom template is code a user (or whoever shared it) wrote; the sandbox keeps it away
from Python's internals, and these limits keep it from exhausting the machine: nested
``range(100000)`` loops, ``'a' * 10**10``, ``"x"|center(10**10)``, a macro or an include
that calls itself. Each ends in a :class:`TemplateLimitError` that retro.export.render
turns into one line naming the template. The limits sit far above any real summary (the
demo's largest export is about 10 KB and a few thousand steps).
"""

from __future__ import annotations

import math
import re
import string
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextvars import ContextVar
from functools import wraps
from typing import Any

from jinja2.exceptions import TemplateRuntimeError
from msgspec import Struct, field

MAX_OUTPUT = 5_000_000  # characters of rendered output
MAX_SIZE = 1_000_000  # characters of one string, items of one list, a width or a count
MAX_STEPS = 1_000_000  # loop iterations plus calls (macros, methods, includes)
MAX_SECONDS = 10.0  # wall time of one render
MAX_INT_BITS = 100_000  # an integer from ** (10**30000 is about this)


class TemplateLimitError(TemplateRuntimeError):
    """A template went over a limit; the message says which, for the template's author."""


class Budget(Struct):
    """What one render has spent so far. Steps are counted exactly, the clock every
    1024 steps: a time check per loop iteration would cost more than the loop body."""

    deadline: float = field(default_factory=lambda: time.monotonic() + MAX_SECONDS)
    steps: int = 0

    def step(self) -> None:
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise TemplateLimitError(
                f"too many steps (over {MAX_STEPS:,} loop iterations and calls)"
            )
        if not self.steps & 1023 and time.monotonic() > self.deadline:
            raise TemplateLimitError(f"took longer than {MAX_SECONDS:g} seconds")


# The render in progress in this thread (the TUI preview renders in a worker thread).
_budget: ContextVar[Budget | None] = ContextVar("retro_template_budget", default=None)


def step() -> None:
    """Count one step against the current render's budget, if a render is running."""
    budget = _budget.get()
    if budget is not None:
        budget.step()


def counted(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every ``{% for %}``'s iterable, wrapped by the sandbox's parser: one step per item."""
    for item in iterable:
        step()
        yield item


def bounded_render(generate: Callable[[], Iterator[str]]) -> str:
    """Run a template's ``generate()`` under a fresh budget, stopping once the output
    passes MAX_OUTPUT characters instead of building it all first."""
    token = _budget.set(Budget())
    try:
        chunks: list[str] = []
        total = 0
        for chunk in generate():
            total += len(chunk)
            if total > MAX_OUTPUT:
                raise TemplateLimitError(f"output over {MAX_OUTPUT:,} characters")
            chunks.append(chunk)
        return "".join(chunks)
    finally:
        _budget.reset(token)


def check_size(value: Any, what: str = "a value") -> Any:
    """A string or list a template made; refused past MAX_SIZE (after the fact: the
    operations that could make a huge one at once are checked before, below)."""
    if isinstance(value, str | list | tuple) and len(value) > MAX_SIZE:
        raise TemplateLimitError(f"{what} over {MAX_SIZE:,} characters or items")
    return value


def _weight(value: Any) -> int:
    """Roughly what repeating or joining ``value`` copies: its length, plus its strings'."""
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        return len(value) + sum(len(v) for v in value if isinstance(v, str | list | tuple))
    return 1


def _count(n: Any, what: str) -> None:
    if isinstance(n, int | float) and abs(n) > MAX_SIZE:
        raise TemplateLimitError(f"{what} {n:,} is over the limit of {MAX_SIZE:,}")


def check_words(paragraphs: Any, words: Any) -> None:
    """lipsum(n, max=...): about n * max words of ~6 characters."""
    if isinstance(paragraphs, int) and isinstance(words, int):
        _count(paragraphs * words * 6, "placeholder text of")


def check_binop(op: str, left: Any, right: Any) -> None:
    """``*`` and ``**`` before Python runs them: a repeat of a string or list, or a power,
    whose result would pass the limits."""
    if op == "*":
        for seq, n in ((left, right), (right, left)):
            if (
                isinstance(seq, str | list | tuple)
                and isinstance(n, int)
                and n > 0
                and _weight(seq) * n > MAX_SIZE
            ):
                raise TemplateLimitError(
                    f"a {type(seq).__name__} of length {len(seq):,} repeated {n:,} "
                    f"times is over the limit of {MAX_SIZE:,}"
                )
    if not (isinstance(left, int) and isinstance(right, int)):
        return
    if op == "*" and left.bit_length() + right.bit_length() > MAX_INT_BITS:
        raise TemplateLimitError(f"a product of {MAX_INT_BITS:,}+ bits is too large")
    if op == "**" and right > 0 and abs(left) > 1 and right * math.log2(abs(left)) > MAX_INT_BITS:
        raise TemplateLimitError(f"{left} ** {right} is too large a number")


# A width or precision in a printf-style (%) conversion, and one in a str.format field.
_PERCENT_SPEC = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")
_NUMBER = re.compile(r"\d+")


def check_format(fmt: Any, args: Iterable[Any], style: str) -> None:
    """A width like ``%10000000000d`` or ``{:>10000000000}`` before formatting; a width
    taken from an argument (``%*d``, ``{:{w}}``) is checked against the arguments."""
    if not isinstance(fmt, str):
        return
    if style == "%":
        specs = [n for m in _PERCENT_SPEC.finditer(fmt) for n in m.groups() if n]
    else:
        try:
            specs = [spec for _, _, spec, _ in string.Formatter().parse(fmt) if spec]
        except ValueError:
            return  # Python's own error comes when the template formats it
        specs = [n for spec in specs for n in [*_NUMBER.findall(spec), *["*"] * ("{" in spec)]]
    for spec in specs:
        if spec == "*":
            for a in args:
                _count(a, "a format width")
        else:
            _count(int(spec), "a format width")


def mapping_values(value: Any) -> list[Any]:
    """The arguments of ``"%(w)s" % {...}``, which a width check must see too."""
    return [*value.values()] if isinstance(value, Mapping) else []


# Checks for the filters that can make a huge value from a small one; the rest keep
# within a constant factor of their input and are caught by check_size afterwards.
_FILTER_CHECKS: dict[str, Callable[..., None]] = {
    "center": lambda s, width=80: _count(width, "a width"),
    "indent": lambda s, width=4, *a, **k: _count(
        (width if isinstance(width, int) else len(str(width))) * (str(s).count("\n") + 1),
        "an indentation of",
    ),
    "format": lambda s, *a, **k: check_format(str(s), [*a, *k.values()], "%"),
    "batch": lambda s, linecount, fill_with=None: _count(linecount, "a batch size"),
    "slice": lambda s, slices, fill_with=None: _count(slices, "a number of slices"),
    "replace": lambda s, old, new, count=None: _count(
        str(s).count(str(old)) * len(str(new)), "a replacement of"
    ),
}


def guard_filter(name: str, f: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts as a step, runs its check first and its size check after.
    ``wraps`` keeps Jinja's pass_context/pass_eval_context marker on the wrapper."""
    check = _FILTER_CHECKS.get(name)
    passes = getattr(f, "jinja_pass_arg", None)

    @wraps(f)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        step()
        if check is not None:
            check(*(args[1:] if passes else args), **kwargs)
        return check_size(f(*args, **kwargs), f"the result of |{name}")

    return guarded


# str methods whose first argument is a width; expandtabs multiplies by its tab count.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def check_method(obj: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """A str method called from a template, before it runs (``'a'.center(10**10)``)."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if not isinstance(owner, str):
        return
    first = args[0] if args else next(iter(kwargs.values()), None)
    if name in _WIDTH_METHODS:
        _count(first, "a width")
    elif name == "expandtabs":
        tabs = first if isinstance(first, int) else 8
        _count(tabs * owner.count("\t"), "an expansion of tabs to")
    elif name == "replace" and len(args) >= 2:
        _count(owner.count(str(args[0])) * len(str(args[1])), "a replacement of")
    elif name == "join" and args and isinstance(args[0], list | tuple):
        # Only a list is measured: looking into an iterator would use it up.
        _count(sum(_weight(v) for v in args[0]) + len(owner) * len(args[0]), "a join of")
