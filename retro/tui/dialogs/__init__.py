"""Dialogs: small modal screens that ask one thing and dismiss with the answer."""

from retro.tui.dialogs.yes_no import YesNoDialog, take_over_dialog

__all__ = ["YesNoDialog", "take_over_dialog"]
