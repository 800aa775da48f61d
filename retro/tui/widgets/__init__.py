"""Reusable widgets of the session app: one component per module."""
