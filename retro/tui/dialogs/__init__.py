"""Dialogs: small modal screens that ask one thing and dismiss with the answer."""

from retro.tui.dialogs.yes_no import YesNoDialog

__all__ = ["YesNoDialog"]
