"""Search: query syntax → our plan → evaluation → ranking → sorting → facets → highlight spans.

Modules: :mod:`~index.search.syntax` (text → syntax tree), :mod:`~index.search.plan` (request →
plan, :mod:`~index.search.tree`), :mod:`~index.search.evaluate` (plan → mask),
:mod:`~index.search.ranking` (BM25), :mod:`~index.search.sorting` (date order),
:mod:`~index.search.facets`, :mod:`~index.search.highlight` (spans and their one renderer),
:mod:`~index.search.service` (:class:`SearchService`).
"""

from __future__ import annotations

from index.search.service import SearchService

__all__ = ["SearchService"]
