"""retro: a client and its agency evaluate their working relationship together, both ways."""

__version__ = "0.1.0"
