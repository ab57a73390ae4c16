"""The archive core: reading, parsing, enrichment, catalog, full-text index, search, export.

Never imports Qt (``tests/test_core_has_no_qt.py`` proves it). The GUI and the command line both
call :class:`index.archive.Archive`.
"""

__version__ = "0.2.0"
