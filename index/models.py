"""Plain data that crosses the core/GUI boundary. No behaviour beyond small derived properties."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from index.fields import BY_REQUEST_ATTR, Filters

# The callbacks of long operations (import, reindex, export): ``progress(done, total, message)`` and
# ``cancel() -> True`` to stop. Defined here only; everything else imports them.
Progress = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]

# Fields a librarian may correct; an edit of one of these survives re-import.
EDITABLE_FIELDS: tuple[str, ...] = ("title", "kicker", "subtitle", "reporters", "streets", "topics")


@dataclass(frozen=True)
class Caption:
    """A photo caption: its text and who made or provided the picture."""

    text: str
    photographer: str = ""  # from "X摄"
    credit: str = ""  # from "图片由…提供": the provider, e.g. "平城区文慧小学"


@dataclass
class ParsedArticle:
    """One article as the parser and the enricher leave it (before it has a catalog id)."""

    title: str
    kicker: str = ""
    subtitle: str = ""
    section: str | None = None
    page: int | None = None
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    streets: list[str] = field(default_factory=list)  # official names, for the facet
    streets_printed: list[str] = field(default_factory=list)  # as printed in the text
    topics: list[str] = field(default_factory=list)  # primary first
    fragment: bool = False  # the article's beginning was lost

    @property
    def body(self) -> str:
        """The paragraphs joined by newlines."""
        return "\n".join(self.paragraphs)


@dataclass
class ParsedEdition:
    """A whole edition file after parsing and enrichment."""

    source_name: str
    sha256: str
    date: dt.date | None
    name: str  # human name, e.g. "2026-01-05" or "第2期"
    articles: list[ParsedArticle] = field(default_factory=list)
    unassigned: list[str] = field(default_factory=list)  # text that could not be placed: kept
    warnings: list[str] = field(default_factory=list)
    encoding: str = "utf-8"


@dataclass(frozen=True)
class EditionRecord:
    """An edition as stored in the catalog."""

    id: int
    date: dt.date
    name: str
    source_path: str
    sha256: str
    article_count: int
    sections: tuple[str, ...] = ()
    unassigned: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleRecord:
    """An article as stored in the catalog, with librarian edits applied."""

    id: int
    edition_id: int
    date: dt.date
    edition_name: str
    seq: int  # reading order inside the edition
    title: str
    kicker: str
    subtitle: str
    section: str | None
    page: int | None
    reporters: tuple[str, ...]
    correspondents: tuple[str, ...]
    photographers: tuple[str, ...]
    captions: tuple[Caption, ...]
    body: str
    streets: tuple[str, ...]
    streets_printed: tuple[str, ...]
    topics: tuple[str, ...]
    fragment: bool
    edited: frozenset[str] = frozenset()  # names of fields that carry a librarian edit

    @property
    def paragraphs(self) -> list[str]:
        """The body split into paragraphs (none for an empty body)."""
        return self.body.split("\n") if self.body else []


@dataclass(frozen=True, init=False)
class SearchRequest:
    """What the user asked for. ``text`` uses the query syntax of :mod:`index.search.syntax`.

    Facet filters are ``filters`` (field name → values, see :mod:`index.fields`); each facet's
    request keyword works too: ``SearchRequest("x", streets=("古城街道",), photographers=("杨宇",))``.
    """

    text: str
    filters: Filters
    date_from: dt.date | None
    date_to: dt.date | None
    sort: str  # "relevance", "date" (newest first) or "date_asc"
    limit: int  # how many Hit rows to fetch with the result (ids are always all)

    def __init__(
        self,
        text: str = "",
        *,
        filters: Mapping[str, object] | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        sort: str = "relevance",
        limit: int = 20,
        **by_attr: Sequence[str],
    ) -> None:
        merged: dict[str, object] = dict(filters or {})
        for attr, values in by_attr.items():
            fld = BY_REQUEST_ATTR.get(attr)
            if fld is None:
                raise TypeError(f"SearchRequest got an unexpected keyword argument {attr!r}")
            merged[fld.name] = tuple(values)
        object.__setattr__(self, "text", text)
        done = isinstance(filters, Filters) and not by_attr
        object.__setattr__(self, "filters", filters if done else Filters(merged))
        object.__setattr__(self, "date_from", date_from)
        object.__setattr__(self, "date_to", date_to)
        object.__setattr__(self, "sort", sort)
        object.__setattr__(self, "limit", limit)

    def __getattr__(self, attr: str) -> tuple[str, ...]:
        fld = BY_REQUEST_ATTR.get(attr)
        if fld is None:
            raise AttributeError(attr)
        return self.filters.get(fld.name, ())


@dataclass(frozen=True)
class Hit:
    """One result row: ``excerpt`` is plain text, ``spans`` its matches as ``(start, end)``
    offsets; ``snippet`` is the same rendered as HTML (matches in ``<b>…</b>``)."""

    id: int
    title: str
    date: dt.date
    section: str | None
    page: int | None
    reporters: tuple[str, ...]
    streets: tuple[str, ...]
    topics: tuple[str, ...]
    snippet: str
    score: float = 0.0
    excerpt: str = ""
    spans: tuple[tuple[int, int], ...] = ()
    edited: frozenset[str] = frozenset()  # fields a librarian corrected (marked ✎ in lists)


@dataclass(frozen=True)
class FacetCount:
    """One facet value and how many matching articles carry it."""

    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    """All matching ids in order (cheap), the first ``limit`` hits, exact facet counts."""

    total: int
    ids: tuple[int, ...]
    hits: tuple[Hit, ...]
    facets: dict[str, tuple[FacetCount, ...]]  # keys: index.fields.facet_names()
    terms: tuple[str, ...] = ()  # the query as segmented: for the hint and for highlighting
    elapsed_ms: float = 0.0
    resolved: tuple[tuple[str, str], ...] = ()  # street names as typed → the street they resolved to


@dataclass
class ImportReport:
    """Summary of one import run."""

    editions_added: int = 0
    editions_updated: int = 0
    editions_unchanged: int = 0
    articles: int = 0
    fragments: int = 0
    unassigned_blocks: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # files refused, with the reason
    cancelled: bool = False
