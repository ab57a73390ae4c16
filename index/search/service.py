"""Running a search: matching documents, order, exact facet counts, and the first hits.

Matching documents come from set algebra over the engine's postings (:mod:`index.search.evaluate`),
facets and date order from the snapshot's document table (:mod:`index.search.facets`,
:mod:`index.search.sorting`); the :data:`RELEVANCE_WINDOW` best documents are ordered by BM25
(:mod:`index.search.ranking`) and the rest follow newest first; snippets come from the ~20 catalog
rows fetched; whole results are cached per index generation, so paging costs one SQLite fetch.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from index import grams
from index.analysis import Analyzer
from index.catalog import Catalog
from index.engine import Engine, Snapshot
from index.errors import ArchiveError, BadQuery
from index.i18n import _
from index.models import FacetCount, Hit, SearchRequest, SearchResult
from index.search import syntax
from index.search.evaluate import Evaluator
from index.search.facets import FACETS, count_facets
from index.search.highlight import best_snippet_spans, render
from index.search.plan import Compiled, QueryContext, StreetResolver, build
from index.search.ranking import RELEVANCE_WINDOW, ranked
from index.search.sorting import in_date_order

logger = logging.getLogger(__name__)

_CACHE_SIZE = 64


@dataclass(frozen=True)
class _Result:
    ids: tuple[int, ...]
    scores: dict[int, float]
    facets: dict[str, tuple[FacetCount, ...]]
    terms: tuple[str, ...]
    resolved: tuple[tuple[str, str], ...] = ()


class SearchService:
    """Searches one archive's index; safe from several threads (one snapshot per thread)."""

    def __init__(
        self,
        catalog: Catalog,
        engine: Engine,
        analyzer: Analyzer,
        street_resolver: StreetResolver | None,
    ) -> None:
        self.catalog = catalog
        self.engine = engine
        self.analyzer = analyzer
        self.street_resolver = street_resolver
        self._cache: OrderedDict[tuple[Any, ...], _Result] = OrderedDict()
        self._lock = threading.Lock()

    def context(self) -> QueryContext:
        """What planning a query needs."""
        return QueryContext(self.street_resolver, self.analyzer)

    def search(self, request: SearchRequest) -> SearchResult:
        """Run a request. Raises :class:`BadQuery` on nonsense."""
        start = time.perf_counter()
        snap = self.engine.snapshot()
        if snap is None:
            if self.catalog.article_count():
                raise ArchiveError(
                    _(
                        "The search index of this archive is missing or outdated; open the archive "
                        "normally (not read-only) or run reindex to rebuild it."
                    )
                )
            return SearchResult(0, (), (), {f.name: () for f in FACETS})
        key = (snap.generation, snap.total, replace(request, limit=0))
        with self._lock:
            result = self._cache.get(key)
            if result is not None:
                self._cache.move_to_end(key)
        if result is None:
            result = self._run(snap, request)
            with self._lock:
                self._cache[key] = result
                while len(self._cache) > _CACHE_SIZE:
                    self._cache.popitem(last=False)
        hits = self.hits(result.ids[: max(0, request.limit)], result.terms, result.scores)
        elapsed = (time.perf_counter() - start) * 1000
        return SearchResult(
            len(result.ids),
            result.ids,
            tuple(hits),
            result.facets,
            result.terms,
            elapsed,
            result.resolved,
        )

    def _run(self, snap: Snapshot, request: SearchRequest) -> _Result:
        compiled = build(request, self.context())
        table = snap.table()
        ev = Evaluator(snap, table, self.catalog.ids_containing, self._headline_containing)
        docnums = ev.docnums(compiled.plan)
        scores: dict[int, float] = {}
        newest = request.sort != "date_asc"
        if request.sort == "relevance" and compiled.has_text and docnums.any():
            top = ranked(snap, docnums, compiled.scoring, RELEVANCE_WINDOW)
            best = [d for d, _ in top]
            scores = {int(table.ids[d]): s for d, s in top}
            rest = docnums.copy()
            rest[best] = False
            order = np.concatenate(
                (np.array(best, dtype=np.int64), in_date_order(table, rest, newest_first=True))
            )
        else:
            order = in_date_order(table, docnums, newest_first=newest)
        ids = tuple(table.id_array[order].tolist())
        resolved = tuple(sorted(compiled.resolved.items()))
        return _Result(ids, scores, count_facets(table, docnums), compiled.terms, resolved)

    def _headline_containing(self, ids: Sequence[int], text: str) -> set[int]:
        needle = grams.fold(text)
        out: set[int] = set()
        for i in range(0, len(ids), 500):
            for rec in self.catalog.articles(list(ids[i : i + 500])):
                if needle in grams.fold("\n".join((rec.kicker, rec.title, rec.subtitle))):
                    out.add(rec.id)
        return out

    def hits(
        self, ids: Sequence[int], terms: Sequence[str] = (), scores: dict[int, float] | None = None
    ) -> list[Hit]:
        """Result rows with snippets (text, spans and the rendered HTML) for some article ids."""
        out = []
        for rec in self.catalog.articles(list(ids)):
            texts = (
                rec.body,
                "\n".join(c.text for c in rec.captions),
                " ".join((rec.kicker, rec.title, rec.subtitle)),
            )
            excerpt, marks = best_snippet_spans(texts, terms)
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
                    snippet=render(excerpt, marks),
                    score=(scores or {}).get(rec.id, 0.0),
                    excerpt=excerpt,
                    spans=tuple(marks),
                    edited=rec.edited,
                )
            )
        return out

    def warm_up(self) -> None:
        """Load what a first search needs (~0.3 s at 100,000 articles): the segmenter, this
        thread's snapshot, its document table and facet arrays. Idempotent."""
        self.analyzer.segmenter  # noqa: B018 - loads the dictionary
        snap = self.engine.snapshot()
        if snap is not None:
            count_facets(snap.table(), np.ones(snap.total, dtype=np.bool_))

    def explain(self, text: str) -> Compiled:
        """The plan of a query text (for the hint: terms, resolved street aliases)."""
        return build(SearchRequest(text), self.context())

    def segment(self, text: str) -> list[str]:
        """The query as it will be searched: words as jieba cuts them, phrases and field terms
        whole, negated ones with ``-``, dates as ``date:start..end``."""
        try:
            tree = syntax.parse(text)
        except BadQuery:
            return self.analyzer.segment(text)
        out: list[str] = []

        def walk(node: Any, prefix: str = "") -> None:
            if isinstance(node, syntax.Word):
                out.extend(prefix + w for w in self.analyzer.segment(node.text))
            elif isinstance(node, syntax.Phrase):
                out.append(f'{prefix}"{node.text}"')
            elif isinstance(node, syntax.FieldTerm):
                out.append(f"{prefix}{node.field}:{node.value}")
            elif isinstance(node, syntax.Not):
                walk(node.node, "-")
            elif isinstance(node, (syntax.AnyOf, syntax.AllOf)):
                for n in node.nodes:
                    walk(n, prefix)
            elif node is not None:
                out.append(prefix + "date:" + "..".join(str(d or "") for d in (node.start, node.end)))

        walk(tree)
        return out
