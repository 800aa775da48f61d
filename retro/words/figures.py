"""Words inside figures as every face writes them (retro.figures.describe_view)."""

from __future__ import annotations

FIGURES: dict[str, tuple[str, str]] = {
    # between the scores of two raters: "4 and 2 (n=2)"
    "figures.and": (" and ", " en "),
}
