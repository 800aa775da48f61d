"""Everything Textual: the guided session app. The core never imports from here."""

from retro.tui.guard import install as _install_terminal_guard

# Every app of retro (the facilitator's, `retro join`, `retro fill`, the processes of
# `retro serve`) imports this package first, so no screen is drawn without the guard.
_install_terminal_guard()
