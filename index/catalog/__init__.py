"""The SQLite catalog: the archive's source of truth (editions, articles, librarian edits).

One module per concept:

* :mod:`~index.catalog.schema` — tables, the one list of article columns, versions and migrations
* :mod:`~index.catalog.connection` — connections per thread, serialised write transactions (WAL)
* :mod:`~index.catalog.rows` — named rows ↔ records, article identity (``akey``)
* :mod:`~index.catalog.editions` — storing and updating an edition (one transaction each)
* :mod:`~index.catalog.edits` — librarian corrections and :func:`normalise_edit`, the rule for typed values
* :mod:`~index.catalog.reads` — articles, editions, phrase checks
* :mod:`~index.catalog.stats` — facet counts and values, derived from :mod:`index.fields`
* :mod:`~index.catalog.index_state` — which editions the search index has caught up with
* :mod:`~index.catalog.lexicon` — names jieba keeps whole
* :mod:`~index.catalog.facade` — :class:`Catalog`, the object the rest of the program holds
"""

from __future__ import annotations

from index.catalog.editions import StoreResult
from index.catalog.edits import normalise_edit
from index.catalog.facade import Catalog
from index.catalog.schema import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION", "Catalog", "StoreResult", "normalise_edit"]
