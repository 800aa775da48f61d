"""The join gate of `retro serve`: wrong-code back-off per client address, and the app's side of it.

textual-serve runs one app process per browser tab, and an app process does not know
who is on the other end. A back-off kept in each app process is per *connection*: ten
tabs guess ten times as fast as one. So in a served app the join code is checked by
the server process (the one process that lives across connections and sees the client
address), through a small loopback endpoint; the app only asks it. The state lives in
the server's memory, not in a file: one process, one event loop, no lock needed, and
nothing about guessers is written into the workspace.

Imports neither Textual nor aiohttp: the app side is a plain urllib request.
"""

from __future__ import annotations

import json
import os

from msgspec import Struct, field

# How the served app finds the gate: set by the server in each app process's environment
# (never in its command line, which every local user can read with `ps`).
GATE_URL_ENV = "RETRO_SERVE_GATE"
GATE_TOKEN_ENV = "RETRO_SERVE_TOKEN"

FIRST_DELAY = 0.5  # seconds: the wait after each of the first two wrong codes (then it doubles)
MAX_DELAY = 30.0  # seconds: the longest wait after repeated wrong codes
FORGET_AFTER = 15 * 60.0  # seconds without a wrong code after which an address starts afresh


def delay_after(failures: int) -> float:
    """The wait after the n-th wrong code in a row: two typos cost half a second each,
    then it doubles to 30 s, so guessing one of 31**6 codes is hopeless, a typo is not."""
    if failures <= 0:
        return 0.0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** max(0, failures - 2))


class _Record(Struct):
    failures: int = 0
    until: float = 0.0  # monotonic time before which no code from this address is checked
    last: float = 0.0  # when the last wrong code came


class BackOff(Struct):
    """Wrong-code counts per client address, shared by every connection from it.

    Pure bookkeeping with the clock passed in, so it is tested without sleeping.
    A code that matches resets its address: the attacker who could do that has the code.
    """

    records: dict[str, _Record] = field(default_factory=dict)

    def wait(self, address: str, now: float) -> float:
        """Seconds this address must still wait before a code is checked (0: check it)."""
        rec = self.records.get(address)
        return max(0.0, rec.until - now) if rec else 0.0

    def failed(self, address: str, now: float) -> float:
        """Record a wrong code; returns how long the address now waits."""
        self._forget(now)
        rec = self.records.setdefault(address, _Record())
        rec.failures += 1
        rec.last = now
        delay = delay_after(rec.failures)
        rec.until = now + delay
        return delay

    def failures(self, address: str) -> int:
        rec = self.records.get(address)
        return rec.failures if rec else 0

    def succeeded(self, address: str) -> None:
        self.records.pop(address, None)

    def _forget(self, now: float) -> None:
        # Bounded memory however many addresses try: old quiet ones go.
        for addr in [a for a, r in self.records.items() if now - r.last > FORGET_AFTER]:
            del self.records[addr]


class Verdict(Struct, frozen=True):
    """The gate's answer to one code.

    `session` is (relationship id, session id) when the code opened a session;
    otherwise `wait` says how long the join field stays closed, and `checked` whether
    the code was compared at all (False: the address was still waiting).
    """

    session: tuple[str, str] | None
    wait: float = 0.0
    checked: bool = True


def served_gate() -> tuple[str, str] | None:
    """(gate URL, token) when this app runs under `retro serve`, else None."""
    url, token = os.environ.get(GATE_URL_ENV), os.environ.get(GATE_TOKEN_ENV)
    return (url, token) if url and token else None


def ask_gate(url: str, token: str, code: str, timeout: float = 20.0) -> Verdict:
    """Ask the server whether `code` opens a session. Blocking: call from a worker thread.

    Any failure to reach the server counts as a refusal with a short wait; the served
    app never falls back to checking by itself, which would bypass the back-off.
    """
    import urllib.request  # only served apps pay for it (http.client, email: a few MB)

    body = json.dumps({"token": token, "code": code}).encode()
    req = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            data = json.loads(resp.read())
    except (OSError, ValueError):  # URLError is an OSError
        return Verdict(None, wait=5.0, checked=False)
    found = data.get("session")
    session = (
        (str(found[0]), str(found[1])) if isinstance(found, list) and len(found) == 2 else None
    )
    return Verdict(session, wait=float(data.get("wait", 0.0)), checked=bool(data.get("checked")))
