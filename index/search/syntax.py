"""The query syntax: text → a small syntax tree (:mod:`index.search.plan` plans it).

Syntax (``parse``)::

    垃圾分类 社区            words: all must occur in the text (AND)
    "天安门广场"             a phrase: the exact text (also “…” and 「…」)
    -招聘                    leave out articles matching a word, phrase or field term
    古城 OR 御河             either side (binds tighter than AND: ``a b OR c`` = a AND (b OR c))
    标题:垃圾分类            the text occurs in the headline (title, kicker, subtitle); title: too
    记者:李满  reporter:李满  街道:古城街道  street:…  主题:教育  topic:…  版面:平城头条  section:…
    摄影:杨宇  photographer:…   (every prefix comes from :mod:`index.fields`)
    日期:2025-10..2026-01    date range; also 日期:2025, 日期:2025-10, 日期:2025-10-05, open ends
                             (日期:2025-10.., 日期:..2026-01); date: works too

Nonsense (an unclosed quote, a dangling OR, an empty field, an unknown prefix such as ``作者:``,
a bad date, a query over :data:`MAX_QUERY_CHARS` characters) raises :class:`index.errors.BadQuery`
with a message naming the problem.
"""

from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from dataclasses import dataclass, field

from index import fields
from index.errors import BadQuery
from index.i18n import _

logger = logging.getLogger(__name__)

MAX_QUERY_CHARS = 500
FIELD_NAMES = {prefix: fld.name for prefix, fld in fields.PREFIXES.items()}
_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "”": "“"}
_FIELD_RE = re.compile(r"(" + "|".join(sorted(FIELD_NAMES, key=len, reverse=True)) + r")[:：]", re.I)
_UNKNOWN_FIELD_RE = re.compile(r"([^\W\d_]{1,12})[:：]")
_OPERATORS = {
    "NEAR": lambda: _("NEAR: NEAR is not supported; put the words in quotes for the exact text"),
    "NOT": lambda: _("NOT: write -word to leave a word out"),
}
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Word:
    """An unquoted word: its text must occur."""

    text: str


@dataclass(frozen=True)
class Phrase:
    """A quoted phrase: its exact text must occur."""

    text: str


@dataclass(frozen=True)
class FieldTerm:
    """``prefix:value``: ``field`` is a name of :mod:`index.fields` (reporter, street, title…)."""

    field: str
    value: str


@dataclass(frozen=True)
class DateRange:
    """Edition dates from ``start`` to ``end`` (inclusive; None: open)."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Not:
    """Leave out what ``node`` matches."""

    node: Node


@dataclass(frozen=True)
class AnyOf:
    """Either of the nodes (OR)."""

    nodes: tuple[Node, ...]


@dataclass(frozen=True)
class AllOf:
    """All of the nodes (AND)."""

    nodes: tuple[Node, ...] = field(default_factory=tuple)


Node = Word | Phrase | FieldTerm | DateRange | Not | AnyOf | AllOf
_OR = object()


def _read_quoted(text: str, i: int) -> tuple[str, int]:
    close = _QUOTES[text[i]]
    j = text.find(close, i + 1)
    if j < 0:
        raise BadQuery(_("Unclosed quote in the query: {text}").format(text=text[i:]))
    inner = text[i + 1 : j].strip()
    if not inner:
        raise BadQuery(_("Empty quotes: put the exact words between the quotes"))
    return inner, j + 1


def _read_word(text: str, i: int) -> tuple[str, int]:
    j = i
    while j < len(text) and not text[j].isspace() and text[j] not in _QUOTES:
        j += 1
    return text[i:j], j


def _lex(text: str) -> list[object]:
    items: list[object] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        negate = False
        if text[i] == "-":
            negate, i = True, i + 1
            if i >= n or text[i].isspace():
                raise BadQuery(_("A minus sign must stand right before the word to leave out, e.g. -招聘"))
        m = _FIELD_RE.match(text, i)
        node: Node
        if m is None and (u := _UNKNOWN_FIELD_RE.match(text, i)) is not None:
            raise BadQuery(
                _(
                    "Unknown field {field} — the known ones are {known} "
                    "(put text with a colon in quotes to search for it)"
                ).format(field=u.group(0), known=fields.prefix_help())
            )
        if m:
            name = FIELD_NAMES[m.group(1).lower()]
            i = m.end()
            if i < n and text[i] in _QUOTES:
                value, i = _read_quoted(text, i)
            else:
                value, i = _read_word(text, i)
            if not value:
                raise BadQuery(
                    _("Nothing after {field}: write e.g. {example}").format(
                        field=m.group(0), example=m.group(1) + _example(name)
                    )
                )
            node = parse_dates(value) if name == "date" else FieldTerm(name, value)
        elif text[i] in _QUOTES:
            value, i = _read_quoted(text, i)
            node = Phrase(value)
        else:
            value, i = _read_word(text, i)
            if value in ("OR", "|") and not negate:
                items.append(_OR)
                continue
            if value == "AND" and not negate:  # AND is what words do anyway
                continue
            if value in _OPERATORS:
                raise BadQuery(_OPERATORS[value]())
            node = Word(value)
        items.append(Not(node) if negate else node)
    return items


def _example(name: str) -> str:
    return ":" + fields.field(name).example


def parse(text: str) -> Node | None:
    """Parse query text into a tree; ``None`` for an empty query. Raises :class:`BadQuery`."""
    if len(text) > MAX_QUERY_CHARS:
        raise BadQuery(
            _(
                "The query is {length:,} characters long; at most {limit} are searched. "
                "Shorten it to the words that matter, or quote the exact phrase."
            ).format(length=len(text), limit=MAX_QUERY_CHARS)
        )
    items = _lex(text)
    units: list[Node] = []
    pending_or = False
    for item in items:
        if item is _OR:
            if not units or pending_or:
                raise BadQuery(_("OR must stand between two search terms, e.g. 古城 OR 御河"))
            pending_or = True
            continue
        node: Node = item  # type: ignore[assignment]
        if pending_or:
            prev = units.pop()
            left = prev.nodes if isinstance(prev, AnyOf) else (prev,)
            units.append(AnyOf((*left, node)))
            pending_or = False
        else:
            units.append(node)
    if pending_or:
        raise BadQuery(_("OR must stand between two search terms, e.g. 古城 OR 御河"))
    if not units:
        return None
    return units[0] if len(units) == 1 else AllOf(tuple(units))


_DATE_PART = re.compile(r"^(\d{4})(?:[-./年](\d{1,2})(?:[-./月](\d{1,2})日?)?月?)?年?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})?$")


def _date_bounds(text: str) -> tuple[dt.date, dt.date]:
    m = _DATE_PART.match(text) or _COMPACT.match(text)
    if not m:
        raise BadQuery(_("Not a date: {text!r}; write 2025, 2025-10 or 2025-10-05").format(text=text))
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        mo = int(month)
        if day is None:
            return dt.date(year, mo, 1), dt.date(year, mo, calendar.monthrange(year, mo)[1])
        d = dt.date(year, mo, int(day))
        return d, d
    except ValueError:
        raise BadQuery(_("Not a date: {text!r}").format(text=text)) from None


def parse_dates(value: str) -> DateRange:
    """``2025-10..2026-01``, ``2025-10``, ``2025-10..``, ``..2026-01`` (ends inclusive)."""
    if ".." not in value:
        first, last = _date_bounds(value)
        return DateRange(first, last)
    lo, _sep, hi = value.partition("..")
    if not lo and not hi:
        raise BadQuery(_("A date range needs at least one end, e.g. 日期:2025-10..2026-01"))
    start = _date_bounds(lo)[0] if lo else None
    end = _date_bounds(hi)[1] if hi else None
    if start and end and start > end:
        raise BadQuery(_("The date range {range} ends before it starts").format(range=value))
    return DateRange(start, end)


def normalise_phrase(text: str) -> str:
    """Drop white space between CJK characters (``垃圾 分类`` → ``垃圾分类``), keep it elsewhere."""
    text = _SPACE.sub(" ", text.strip())
    return re.sub(r"(?<=[^\x00-\x7f]) | (?=[^\x00-\x7f])", "", text)
