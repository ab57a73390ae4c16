"""Widgets of the desktop viewer."""
