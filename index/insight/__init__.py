"""Insight over an archive: counts over time, related articles and reprints, collections, calendar.

Everything here reads the catalog (the source of truth) and the search; the only data it writes are
the collections (in the catalog, tables of their own) and the derived similarity file
``insight.sqlite`` beside the catalog (rebuildable, see :mod:`index.insight.similar`). Never imports Qt.
"""

import logging

logger = logging.getLogger(__name__)
