"""The one registry of searchable fields and facets.

Every place that knows about a field derives it from :data:`FIELDS`: the index schema and the packed
per-document values (:mod:`index.engine`), the query syntax prefixes (``记者:``, ``reporter:``), the
request filters (:class:`index.models.SearchRequest`), facet counting (:mod:`index.search.facets`),
catalog reads (the article column and whether librarians edit it), the CLI flags and JSON keys, and
the viewer's facet panel.

Adding a facet is one :class:`Field` entry here (plus, for a value the parser does not fill yet, the
parser/enricher work); nothing else lists facets by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum

_SPACE = re.compile(r"\s+")


class Kind(Enum):
    """How a field's values are held and matched."""

    TEXT = "text"  # full text, segmented (title, body)
    KEYWORDS = "keywords"  # several exact values per article (streets, topics, reporters…)
    KEYWORD = "keyword"  # at most one exact value per article (section)
    MONTH = "month"  # ``YYYY-MM`` derived from the edition date
    DATE = "date"  # the edition date (ranges)


class Normalise(Enum):
    """How a value typed by a user (query, filter, edit) becomes a stored value."""

    PLAIN = "plain"  # stripped
    NAME = "name"  # a person's name: white space removed (``王 芳`` → ``王芳``)
    STREET = "street"  # mapped through the street resolver (aliases, old names)


@dataclass(frozen=True)
class Field:
    """One field: what it is called, how it is searched, stored, filtered and shown.

    Attributes:
        name: Internal name: facet key, index field, JSON key, ``FieldTerm.field`` (``street``).
        label_zh: Chinese label for people (``街道``).
        label_en: English label (``Street office``).
        prefixes: Query syntax prefixes, each followed by ``:`` or ``：`` (``街道``, ``street``).
        kind: How values are held (:class:`Kind`).
        normalise: How typed values become stored ones (:class:`Normalise`).
        record_attr: Attribute of :class:`index.models.ArticleRecord` holding the value(s), if any.
        request_attr: Keyword of :class:`index.models.SearchRequest` filtering on it (``streets``).
        column: Catalog column of the parsed value (JSON list for ``KEYWORDS``), if stored.
        facet: Counted per result and shown in the facet panel.
        by_value: Facet values ordered by value (months) instead of by count.
        cli_flag: Long option of ``search`` filtering on it (``--street``), if any.
        example: An example value for messages (``古城街道``).
    """

    name: str
    label_zh: str
    label_en: str
    prefixes: tuple[str, ...]
    kind: Kind
    normalise: Normalise = Normalise.PLAIN
    record_attr: str | None = None
    request_attr: str | None = None
    column: str | None = None
    facet: bool = False
    by_value: bool = False
    cli_flag: str | None = None
    example: str = ""

    @property
    def multi(self) -> bool:
        """True when an article can have several values."""
        return self.kind is Kind.KEYWORDS

    def clean(self, value: str) -> str:
        """A typed value without the white space that never belongs to it (not street resolution)."""
        if self.normalise is Normalise.NAME:
            return _SPACE.sub("", value)
        return value.strip()


FIELDS: tuple[Field, ...] = (
    Field("title", "标题", "Title", ("标题", "title"), Kind.TEXT, example="垃圾分类"),
    Field("body", "正文", "Text", (), Kind.TEXT),
    Field(
        "street",
        "街道",
        "Street office",
        ("街道", "street"),
        Kind.KEYWORDS,
        Normalise.STREET,
        record_attr="streets",
        request_attr="streets",
        column="streets",
        facet=True,
        cli_flag="--street",
        example="古城街道",
    ),
    Field(
        "topic",
        "主题",
        "Topic",
        ("主题", "topic"),
        Kind.KEYWORDS,
        record_attr="topics",
        request_attr="topics",
        column="topics",
        facet=True,
        cli_flag="--topic",
        example="教育",
    ),
    Field(
        "reporter",
        "记者",
        "Reporter",
        ("记者", "reporter"),
        Kind.KEYWORDS,
        Normalise.NAME,
        record_attr="reporters",
        request_attr="reporters",
        column="reporters",
        facet=True,
        cli_flag="--reporter",
        example="李满",
    ),
    Field(
        "photographer",
        "摄影",
        "Photographer",
        ("摄影", "photographer"),
        Kind.KEYWORDS,
        Normalise.NAME,
        record_attr="photographers",
        request_attr="photographers",
        column="photographers",
        facet=True,
        cli_flag="--photographer",
        example="杨宇",
    ),
    Field(
        "month",
        "年月",
        "Year/month",
        (),
        Kind.MONTH,
        request_attr="months",
        facet=True,
        by_value=True,
        cli_flag="--month",
        example="2025-10",
    ),
    Field(
        "section",
        "版面",
        "Section",
        ("版面", "section"),
        Kind.KEYWORD,
        record_attr="section",
        request_attr="sections",
        column="section",
        facet=True,
        cli_flag="--section",
        example="平城头条",
    ),
    Field("date", "日期", "Date", ("日期", "date"), Kind.DATE, example="2025-10..2026-01"),
)

BY_NAME: Mapping[str, Field] = {f.name: f for f in FIELDS}
FACETS: tuple[Field, ...] = tuple(f for f in FIELDS if f.facet)
KEYWORD_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.kind in (Kind.KEYWORDS, Kind.KEYWORD))
TEXT_FIELDS: tuple[Field, ...] = tuple(f for f in FIELDS if f.kind is Kind.TEXT)
BY_REQUEST_ATTR: Mapping[str, Field] = {f.request_attr: f for f in FIELDS if f.request_attr}
PREFIXES: Mapping[str, Field] = {p.lower(): f for f in FIELDS for p in f.prefixes}


def field(name: str) -> Field:
    """The field called ``name``; ``KeyError`` with the known names if there is none."""
    try:
        return BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown field {name!r}; known: {', '.join(BY_NAME)}") from None


def facet_names() -> tuple[str, ...]:
    """Names of the facets, in display order."""
    return tuple(f.name for f in FACETS)


def prefix_help() -> str:
    """The query prefixes for messages: ``标题: 街道: …`` (Chinese first, then the English ones)."""
    zh = [p for f in FIELDS for p in f.prefixes if not p.isascii()]
    en = [p for f in FIELDS for p in f.prefixes if p.isascii()]
    return " ".join(f"{p}:" for p in (*zh, *en))


class Filters(Mapping[str, tuple[str, ...]]):
    """Immutable, hashable facet filters: field name → accepted values (any of them)."""

    __slots__ = ("_items",)

    def __init__(self, values: Mapping[str, object] | None = None) -> None:
        items: list[tuple[str, tuple[str, ...]]] = []
        for name, vals in (values or {}).items():
            fld = field(name)
            if not fld.facet:
                raise KeyError(f"{name!r} is not a facet; facets: {', '.join(facet_names())}")
            seq = (vals,) if isinstance(vals, str) else tuple(vals)  # type: ignore[arg-type]
            if seq:
                items.append((name, tuple(str(v) for v in seq)))
        self._items = tuple(sorted(items))

    def __getitem__(self, key: str) -> tuple[str, ...]:
        for name, vals in self._items:
            if name == key:
                return vals
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return (name for name, _ in self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Filters):
            return self._items == other._items
        return isinstance(other, Mapping) and dict(self) == dict(other)

    def __repr__(self) -> str:
        return f"Filters({dict(self._items)!r})"

    def with_values(self, name: str, values: tuple[str, ...]) -> Filters:
        """A copy with one facet's values replaced (empty: the facet is no longer filtered)."""
        out: dict[str, object] = dict(self._items)
        out[name] = values
        return Filters(out)
