"""Search: query syntax → our plan → evaluation → ranking → sorting → facets → highlight spans.

Modules: :mod:`~index.search.syntax` (text → syntax tree), :mod:`~index.search.plan` (request →
plan, :mod:`~index.search.tree`), :mod:`~index.search.evaluate` (plan → mask),
:mod:`~index.search.ranking` (BM25), :mod:`~index.search.sorting` (date order),
:mod:`~index.search.facets`, :mod:`~index.search.highlight` (spans and their one renderer),
:mod:`~index.search.service` (:class:`SearchService`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.search.service import SearchService

__all__ = ["SearchService"]


def __getattr__(name: str) -> Any:
    """``SearchService`` is imported on first use: the viewer's window imports ``highlight`` and
    ``syntax`` from this package before the archive (Whoosh, numpy) is opened on a worker."""
    if name == "SearchService":
        from index.search.service import SearchService

        return SearchService
    raise AttributeError(name)
