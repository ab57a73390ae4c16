"""Running a search: matching documents, order, exact facet counts, and the first hits.

Speed choices (issue 4): matching documents come from set algebra over cached posting arrays
(:mod:`index.evaluate`), not Whoosh's per-document matchers; facets and date order come from the
cached per-searcher arrays (:mod:`index.facets`); the :data:`RELEVANCE_WINDOW` best documents are
ordered by BM25 and the rest follow newest first; snippets come from the ~20 catalog rows fetched;
whole results are cached per index generation, so paging through a result costs one SQLite fetch.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from whoosh.searching import Searcher

from index import analysis
from index.catalog import Catalog
from index.errors import ArchiveError
from index.evaluate import Evaluator, PostingCache
from index.facets import FACETS, DocTable, TableCache, count_facets
from index.highlight import best_snippet
from index.indexer import Indexer
from index.models import FacetCount, Hit, SearchRequest, SearchResult
from index.query import QueryContext, StreetResolver, build
from index.query_syntax import AllOf, AnyOf, FieldTerm, Not, Phrase, Word, parse
from index.search_index import SearchIndex
from index.table_store import TableStore

RELEVANCE_WINDOW = 500  # documents ordered by score; the rest of a large result follows by date
_CACHE_SIZE = 64


@dataclass(frozen=True)
class _Result:
    ids: tuple[int, ...]
    scores: dict[int, float]
    facets: dict[str, tuple[FacetCount, ...]]
    terms: tuple[str, ...]


class SearchService:
    """Searches one archive's index; safe from several threads (one searcher per thread)."""

    def __init__(
        self, catalog: Catalog, index: SearchIndex, indexer: Indexer, street_resolver: StreetResolver | None
    ) -> None:
        self.catalog = catalog
        self.index = index
        self.indexer = indexer
        self.street_resolver = street_resolver
        self.tables = TableCache(TableStore(index.folder / "tables"))
        self.postings = PostingCache()
        self._cache: OrderedDict[tuple[Any, ...], _Result] = OrderedDict()
        self._lock = threading.Lock()

    def search(self, request: SearchRequest) -> SearchResult:
        start = time.perf_counter()
        self.indexer.ensure_lexicon()
        searcher = self.index.searcher()
        if searcher is None:
            if self.catalog.article_count():
                raise ArchiveError(
                    "The search index of this archive is missing or outdated; open the archive "
                    "normally (not read-only) or run reindex to rebuild it."
                )
            return SearchResult(0, (), (), {f.name: () for f in FACETS})
        table = self.tables.table(searcher)
        key = (searcher.reader().generation(), len(table.ids), replace(request, limit=0))
        with self._lock:
            result = self._cache.get(key)
            if result is not None:
                self._cache.move_to_end(key)
        if result is None:
            result = self._run(searcher, table, request)
            with self._lock:
                self._cache[key] = result
                while len(self._cache) > _CACHE_SIZE:
                    self._cache.popitem(last=False)
        hits = self.hits(result.ids[: max(0, request.limit)], result.terms, result.scores)
        elapsed = (time.perf_counter() - start) * 1000
        return SearchResult(len(result.ids), result.ids, tuple(hits), result.facets, result.terms, elapsed)

    def _run(self, searcher: Searcher, table: DocTable, request: SearchRequest) -> _Result:
        compiled = build(request, QueryContext(self.street_resolver))
        ev = Evaluator(searcher, table, self.postings, self.catalog.ids_containing)
        docnums = ev.docnums(compiled.query)
        scores: dict[int, float] = {}
        newest = request.sort != "date_asc"
        if request.sort == "relevance" and compiled.has_text and docnums.any():
            top = ev.ranked(docnums, RELEVANCE_WINDOW)
            ranked = [d for d, _ in top]
            scores = {int(table.ids[d]): s for d, s in top}
            rest = docnums.copy()
            rest[ranked] = False
            order = np.concatenate(
                (np.array(ranked, dtype=np.int64), table.in_date_order(rest, newest_first=True))
            )
        else:
            order = table.in_date_order(docnums, newest_first=newest)
        ids = tuple(table.id_array[order].tolist())
        facets = count_facets(table, docnums)
        return _Result(ids, scores, facets, compiled.terms)

    def hits(
        self, ids: Sequence[int], terms: Sequence[str] = (), scores: dict[int, float] | None = None
    ) -> list[Hit]:
        """Result rows with snippets for some article ids (one catalog query)."""
        out = []
        for rec in self.catalog.articles(list(ids)):
            texts = (
                rec.body,
                "\n".join(c.text for c in rec.captions),
                " ".join((rec.kicker, rec.title, rec.subtitle)),
            )
            out.append(
                Hit(
                    id=rec.id,
                    title=rec.title,
                    date=rec.date,
                    section=rec.section,
                    page=rec.page,
                    reporters=rec.reporters,
                    streets=rec.streets,
                    topics=rec.topics,
                    snippet=best_snippet(texts, terms),
                    score=(scores or {}).get(rec.id, 0.0),
                )
            )
        return out

    def segment(self, text: str) -> list[str]:
        """The query as it will be searched: words cut by jieba, phrases and field terms whole."""
        self.indexer.ensure_lexicon()
        try:
            tree = parse(text)
        except Exception:
            return analysis.segment(text)
        out: list[str] = []

        def walk(node: Any, prefix: str = "") -> None:
            if isinstance(node, Word):
                out.extend(prefix + w for w in analysis.segment(node.text))
            elif isinstance(node, Phrase):
                out.append(f'{prefix}"{node.text}"')
            elif isinstance(node, FieldTerm):
                out.append(f"{prefix}{node.field}:{node.value}")
            elif isinstance(node, Not):
                walk(node.node, "-")
            elif isinstance(node, (AnyOf, AllOf)):
                for n in node.nodes:
                    walk(n, prefix)
            elif node is not None:
                out.append(prefix + "date:" + "..".join(str(d or "") for d in (node.start, node.end)))

        walk(tree)
        return out
