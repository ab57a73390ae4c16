"""Thin Qt layer over :class:`index.archive.Archive`: models, widgets, wiring."""
