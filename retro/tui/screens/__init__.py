"""Screens of the app: home, setup, one per session phase, and dialogs."""
