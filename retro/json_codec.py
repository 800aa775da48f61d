"""JSON in and out, for every file and output retro reads or writes: one codec, so a file
one part writes, every other part reads the same way.

msgspec's codec: as fast as orjson at reading a relationship file, and the library the
model's records are already made with, so a reading command pays for one import, not two.
Relationship files are written by orjson (dumps_file): the same JSON and layout, in one
pass instead of two.
"""

from __future__ import annotations

from typing import Any, TypeVar, cast

import msgspec.json

T = TypeVar("T")


def _as_plain(value: Any) -> Any:
    """Text subclasses (the export's escaped and literal strings) are text; nothing else
    unknown is guessed at."""
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"cannot write a {type(value).__name__} as JSON")


_ENCODER = msgspec.json.Encoder(enc_hook=_as_plain)
_SORTED = msgspec.json.Encoder(enc_hook=_as_plain, order="sorted")
_DECODER = msgspec.json.Decoder()


class JSONError(ValueError):
    """Text that is not JSON; the message says where, as "line 3 column 7 (char 40)"."""


def loads(raw: bytes | str) -> Any:
    try:
        return _DECODER.decode(raw)
    except msgspec.DecodeError as e:
        raise JSONError(_where(raw, e)) from None


def loads_as(raw: bytes | str, kind: type[T]) -> T:
    """raw decoded straight into kind (msgspec Structs and the types they hold), checked as
    it goes; JSONError for text that is no JSON or does not have that shape."""
    try:
        return cast(T, _decoder(kind).decode(raw))
    except msgspec.DecodeError as e:  # ValidationError included
        raise JSONError(str(e)) from None


_DECODERS: dict[Any, msgspec.json.Decoder[Any]] = {}


def _decoder(kind: Any) -> msgspec.json.Decoder[Any]:
    """Built once per type: building one reads the type hints of every Struct inside."""
    found = _DECODERS.get(kind)
    if found is None:
        found = _DECODERS[kind] = msgspec.json.Decoder(kind)
    return found


def dumps(value: Any, *, indent: bool = False, sort_keys: bool = False) -> bytes:
    """value as UTF-8 JSON; indent=True is two spaces a level, what files are written as
    so a person can read and diff them. A string holding a lone surrogate (text no file
    can hold) raises ValueError (UnicodeEncodeError) rather than writing it."""
    out = (_SORTED if sort_keys else _ENCODER).encode(value)
    return msgspec.json.format(out, indent=2) if indent else out


def dumps_file(value: Any) -> bytes:
    """value as a relationship file is written: laid out as dumps(value, indent=True) (a
    float's exponent may be spelled 1e16, not 1e+16), at the speed every save needs.
    orjson indents in one pass; msgspec encodes and then formats, 1.6 ms of a 60-session
    save instead of 0.4 (bench/save.py: 2.3x a bare write instead of 1.6x). Imported
    here only, so reading commands never load it."""
    import orjson

    return orjson.dumps(value, option=orjson.OPT_INDENT_2, default=_as_plain)


def _where(raw: bytes | str, error: msgspec.DecodeError) -> str:
    """A damaged file is rare and a person must find the spot: the standard library's
    wording says line and column, msgspec's only the byte. Its parser runs only here."""
    import json

    try:
        json.loads(raw)
    except json.JSONDecodeError as e:
        return str(e)
    except (ValueError, RecursionError):
        pass
    return str(error)  # what only msgspec refuses: NaN, a number too big for a float
