"""Search requests → Whoosh queries. The syntax itself is in :mod:`index.query_syntax`.

* A word must match in title or body (its search-mode pieces AND-ed; see
  :func:`index.analysis.split_tokens`), or be a reporter's name or a street (aliases and old names
  are mapped to the official name by the street resolver passed in).
* A quoted phrase (:class:`TextPhrase`) matches the articles that hold every piece of it and,
  checked in the catalog text, the exact phrase (the index stores no positions).
* Field terms and the request's facet filters are exact keyword terms; dates are numeric ranges.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from whoosh import query as wq

from index.analysis import query_tokens, split_tokens
from index.errors import BadQuery
from index.models import SearchRequest
from index.query_syntax import (
    AnyOf,
    DateRange,
    FieldTerm,
    Node,
    Not,
    Phrase,
    Word,
    normalise_phrase,
    parse,
)

StreetResolver = Callable[[str], str | None]
TEXT_FIELDS = ("title", "body")
_SPACE = re.compile(r"\s+")

__all__ = ["Compiled", "QueryContext", "TextPhrase", "build", "parse"]


@dataclass(frozen=True)
class QueryContext:
    """Services the translation needs (passed in, never looked up)."""

    street_resolver: StreetResolver | None = None

    def street(self, name: str) -> str:
        resolved = self.street_resolver(name) if self.street_resolver else None
        return resolved or name.strip()


@dataclass(frozen=True)
class Compiled:
    query: wq.Query
    terms: tuple[str, ...]  # what to highlight, longest first
    has_text: bool  # the query ranks by text relevance


class TextPhrase(wq.Query):  # type: ignore[misc]
    """Articles whose text holds ``text`` exactly: the articles matching ``pieces`` (every
    piece of the phrase), checked against the catalog text by :mod:`index.evaluate`."""

    def __init__(self, text: str, pieces: wq.Query) -> None:
        self.text = text
        self.pieces = pieces
        self.boost = 1.0

    def __repr__(self) -> str:
        return f"TextPhrase({self.text!r}, {self.pieces!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TextPhrase) and (other.text, other.pieces) == (self.text, self.pieces)

    def __hash__(self) -> int:
        return hash((self.text, self.pieces))

    def is_leaf(self) -> bool:
        return False

    def children(self) -> list[wq.Query]:
        return [self.pieces]

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        raise NotImplementedError("TextPhrase is evaluated by index.evaluate")


def _either(token: str) -> wq.Query:
    return wq.Or([wq.Term(f, token) for f in TEXT_FIELDS])


def _all(queries: Sequence[wq.Query]) -> wq.Query:
    return queries[0] if len(queries) == 1 else wq.And(list(queries))


def _any(queries: Sequence[wq.Query]) -> wq.Query:
    return queries[0] if len(queries) == 1 else wq.Or(list(queries))


class _Compiler:
    def __init__(self, ctx: QueryContext) -> None:
        self.ctx = ctx
        self.terms: list[str] = []
        self.has_text = False

    def _names(self, text: str) -> list[wq.Query]:
        return [wq.Term("reporter", _SPACE.sub("", text)), wq.Term("street", self.ctx.street(text))]

    def word(self, text: str, positive: bool) -> wq.Query | None:
        tokens = query_tokens(text)
        if not tokens:
            return None
        required, optional = split_tokens(text, tokens)
        q = _all([_either(t) for t in required])
        if optional:
            q = wq.AndMaybe(q, _any([_either(t) for t in optional]))
        if positive:
            self.terms += [text, *required, *optional]
        return wq.Or([q, *self._names(text)])

    def phrase(self, text: str, positive: bool) -> wq.Query:
        text = normalise_phrase(text)
        tokens = query_tokens(text)
        if not tokens:
            raise BadQuery(f"The phrase {text!r} holds no word to search for")
        if positive:
            self.terms.append(text)
        if len(tokens) == 1 and tokens[0] == text.lower():  # one word: its token is exact
            return wq.Or([_either(tokens[0]), *self._names(text)])
        required, _ = split_tokens(text, tokens)
        pieces = _all([_either(t) for t in required])
        return wq.Or([TextPhrase(text, pieces), *self._names(text)])

    def node(self, node: Node, positive: bool = True) -> wq.Query | None:
        if isinstance(node, Word):
            self.has_text = True
            return self.word(node.text, positive)
        if isinstance(node, Phrase):
            self.has_text = True
            return self.phrase(node.text, positive)
        if isinstance(node, FieldTerm):
            return field_query(node.field, [node.value], self.ctx)
        if isinstance(node, DateRange):
            return date_query(node.start, node.end)
        if isinstance(node, Not):
            inner = self.node(node.node, positive=not positive)
            return None if inner is None else wq.AndNot(wq.Every(), inner)
        if isinstance(node, AnyOf):
            parts = [q for q in (self.node(n, positive) for n in node.nodes) if q is not None]
            return _any(parts) if parts else None
        pos = [q for n in node.nodes if not isinstance(n, Not) and (q := self.node(n, positive)) is not None]
        neg = [
            q for n in node.nodes if isinstance(n, Not) and (q := self.node(n.node, not positive)) is not None
        ]
        if not pos and not neg:
            return None
        base = _all(pos) if pos else wq.Every()
        return wq.AndNot(base, _any(neg)) if neg else base


def field_query(field: str, values: Sequence[str], ctx: QueryContext) -> wq.Query:
    """Exact keyword terms: any of ``values`` in ``field`` (reporter, street, topic, section, month)."""
    if field == "street":
        values = [ctx.street(v) for v in values]
    elif field == "reporter":
        values = [_SPACE.sub("", v) for v in values]
    else:
        values = [v.strip() for v in values]
    return _any([wq.Term(field, v) for v in dict.fromkeys(values)])


def _day(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def date_query(start: dt.date | None, end: dt.date | None) -> wq.Query:
    return wq.NumericRange("day", _day(start) if start else None, _day(end) if end else None)


def build(request: SearchRequest, ctx: QueryContext) -> Compiled:
    """The Whoosh query for a request: its text (query syntax) AND its facet and date filters."""
    comp = _Compiler(ctx)
    parts: list[wq.Query] = []
    tree = parse(request.text)
    if tree is not None:
        q = comp.node(tree)
        if q is None:
            raise BadQuery(f"The query {request.text.strip()!r} holds no word to search for")
        parts.append(q)
    for name, values in (
        ("street", request.streets),
        ("topic", request.topics),
        ("reporter", request.reporters),
        ("section", request.sections),
        ("month", request.months),
    ):
        if values:
            parts.append(field_query(name, values, ctx))
    if request.date_from or request.date_to:
        parts.append(date_query(request.date_from, request.date_to))
    query = _all(parts) if parts else wq.Every()
    terms = sorted({t for t in comp.terms if t}, key=lambda t: (-len(t), t))
    return Compiled(query, tuple(terms), comp.has_text)
