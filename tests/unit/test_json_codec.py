"""retro.json_codec: the one way retro reads and writes JSON."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from retro import json_codec

# JSON values as retro writes them: text of any kind (no lone surrogates, which no file
# can hold), whole numbers, floats that JSON can hold, true/false/null, lists and objects.
text = st.text(st.characters(exclude_categories=("Cs",)))
scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**63 - 1) | text
scalars |= st.floats(allow_nan=False, allow_infinity=False)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4)
)


@given(values)
def test_a_file_is_written_as_any_other_indented_json_and_reads_back(value: Any) -> None:
    written = json_codec.dumps_file(value)
    assert json_codec.loads(written) == value == json_codec.loads(json_codec.dumps(value))
    assert json.loads(written) == value  # plain JSON any tool reads
    # Laid out alike, two spaces a level (a float's exponent may be spelled apart).
    indents = [len(x) - len(x.lstrip()) for x in written.splitlines()]
    assert indents == [
        len(x) - len(x.lstrip()) for x in json_codec.dumps(value, indent=True).splitlines()
    ]


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{"a": 1,\n  "b": }', "line 2 column 8"),
        (b"[1, 2", "line 1 column 6"),
        (b"", "line 1 column 1"),
        (b'{"a": 1} x', "line 1 column 10"),
    ],
)
def test_text_that_is_no_json_says_where(raw: bytes, where: str) -> None:
    with pytest.raises(json_codec.JSONError, match=where):
        json_codec.loads(raw)


def test_what_only_the_strict_reader_refuses_is_refused_with_its_reason() -> None:
    with pytest.raises(json_codec.JSONError, match="malformed"):
        json_codec.loads(b"NaN")


def test_a_value_json_cannot_hold_is_refused_not_guessed_at() -> None:
    with pytest.raises(TypeError):
        json_codec.dumps({"when": object()})
    with pytest.raises(TypeError):
        json_codec.dumps_file({"when": object()})
    with pytest.raises(ValueError):  # a lone surrogate: no UTF-8 file can hold it
        json_codec.dumps({"name": "\ud800"})
