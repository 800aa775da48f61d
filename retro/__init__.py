"""retro: a client and its agency evaluate their working relationship together, both ways."""

import sys

__version__ = "0.1.0"


def _import_msgspec() -> None:
    """Import msgspec (the model's Structs and all JSON) without typing_extensions.

    msgspec takes `get_type_hints`, `Required` and `NotRequired` from typing_extensions when
    it is installed (Textual needs it, so it always is) and from `typing` otherwise; on
    Python 3.11 the two are the same for the types retro declares. Importing it, with the
    `inspect` it pulls in, cost 5-7 ms of every command (a tenth of `import tinydb, jinja2`,
    bench/cli_startup.py). A None in sys.modules makes that one import fail, which msgspec
    catches; it is removed at once, so Textual and anyone later import the real module.
    """
    if "msgspec" in sys.modules or "typing_extensions" in sys.modules:
        return
    sys.modules["typing_extensions"] = None  # type: ignore[assignment]
    try:
        import msgspec  # noqa: F401
    finally:
        if sys.modules.get("typing_extensions", False) is None:
            del sys.modules["typing_extensions"]


_import_msgspec()
