"""Search requests → query plans (:mod:`index.search.tree`). The syntax is :mod:`index.search.syntax`.

* A word or a quoted phrase matches the articles whose text (title, kicker, subtitle, body,
  captions, photo credits) holds it exactly (:class:`Text`, via character grams), or whose
  reporter, photographer or street it names (street aliases resolved). Its jieba search-mode
  tokens rank the matches (BM25, :mod:`index.search.ranking`).
* ``标题:x`` matches the text in the headline only.
* Field terms and the request's facet filters are exact keyword terms (the fields, their value
  normalisation and their request keywords all come from :mod:`index.fields`); dates are ranges.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from index import fields, grams
from index.analysis import Analyzer, is_word
from index.errors import BadQuery
from index.i18n import _
from index.models import SearchRequest
from index.search import syntax
from index.search.tree import And, AndNot, DayRange, Every, Or, Plan, Term, Text, all_of, any_of

logger = logging.getLogger(__name__)

StreetResolver = Callable[[str], str | None]
TEXT_FIELDS = ("title", "body")
NAME_FIELDS = tuple(f for f in fields.KEYWORD_FIELDS if f.normalise is not fields.Normalise.PLAIN)


@dataclass(frozen=True)
class QueryContext:
    """Services the planning needs (passed in, never looked up)."""

    street_resolver: StreetResolver | None = None
    analyzer: Analyzer | None = None

    def street(self, name: str) -> str:
        """The official name of a street as typed (alias, old name), else the name itself."""
        resolved = self.street_resolver(name) if self.street_resolver else None
        return resolved or name.strip()

    def value(self, fld: fields.Field, typed: str) -> str:
        """A typed value as stored in ``fld``."""
        if fld.normalise is fields.Normalise.STREET:
            return self.street(typed)
        return fld.clean(typed)

    def tokens(self, text: str) -> list[str]:
        """Search-mode tokens of ``text`` (for ranking)."""
        return self.analyzer.index_tokens(text) if self.analyzer is not None else []

    def scoring_tokens(self, text: str) -> list[str]:
        """The tokens that rank a match: single characters only when there is nothing longer
        (a lone 去 or 的 holds almost every article: it costs time and orders nothing)."""
        toks = list(dict.fromkeys(self.tokens(text)))
        longer = [t for t in toks if len(t) > 1]
        return longer or toks

    def certain(self, text: str) -> tuple[str, ...]:
        """Tokens of ``text`` whose documents surely hold it (see :class:`Text`)."""
        low = text.lower()
        if (
            len(text) <= 2
            or low != grams.fold(text)
            or not all(c.isascii() or c.lower() == c.upper() for c in text)
        ):
            return ()  # short strings need no check; other cased scripts: case rules differ
        return tuple(t for t in dict.fromkeys(self.tokens(text)) if low in t)


@dataclass(frozen=True)
class Compiled:
    """A planned request."""

    plan: Plan
    terms: tuple[str, ...]  # what to highlight, longest first
    scoring: tuple[tuple[str, str], ...]  # (text field, token) pairs that rank
    has_text: bool  # the query ranks by text relevance
    resolved: dict[str, str] = field(default_factory=dict)  # street as typed → official name


class _Planner:
    def __init__(self, ctx: QueryContext) -> None:
        self.ctx = ctx
        self.terms: list[str] = []
        self.scoring: dict[tuple[str, str], None] = {}
        self.resolved: dict[str, str] = {}
        self.has_text = False

    def _names(self, text: str) -> list[Plan]:
        out: list[Plan] = []
        for fld in NAME_FIELDS:
            value = self.ctx.value(fld, text)
            if fld.normalise is fields.Normalise.STREET and value != text.strip():
                self.resolved[text.strip()] = value
            out.append(Term(fld.name, value))
        return out

    def text(self, text: str, positive: bool, *, quoted: bool) -> Plan:
        """A word or phrase: exact text, or a name it is."""
        text = syntax.normalise_phrase(text) if quoted else text.strip()
        if not is_word(text):
            raise BadQuery(
                (
                    _("The phrase {text!r} holds no word to search for")
                    if quoted
                    else _("The query {text!r} holds no word to search for")
                ).format(text=text)
            )
        self.has_text = True
        if positive:
            self.terms.append(text)
            for tok in self.ctx.scoring_tokens(text):
                for f in TEXT_FIELDS:
                    self.scoring[(f, tok)] = None
        return any_of([Text(text, certain=self.ctx.certain(text)), *self._names(text)])

    def field_term(self, name: str, value: str, positive: bool) -> Plan:
        """``prefix:value``: headline text or exact keyword terms."""
        fld = fields.field(name)
        if fld.kind is fields.Kind.TEXT:  # 标题:x
            value = syntax.normalise_phrase(value)
            if not is_word(value):
                raise BadQuery(_("{text!r} holds no word to search for").format(text=value))
            self.has_text = True
            if positive:
                self.terms.append(value)
                for tok in self.ctx.scoring_tokens(value):
                    self.scoring[(name, tok)] = None
            return Text(value, headline_only=True, certain=self.ctx.certain(value))
        return field_plan(fld, [value], self.ctx, self.resolved)

    def node(self, node: syntax.Node, positive: bool = True) -> Plan | None:
        """The plan of a syntax node (None: nothing to search for)."""
        if isinstance(node, syntax.Word):
            return self.text(node.text, positive, quoted=False) if is_word(node.text) else None
        if isinstance(node, syntax.Phrase):
            return self.text(node.text, positive, quoted=True)
        if isinstance(node, syntax.FieldTerm):
            return self.field_term(node.field, node.value, positive)
        if isinstance(node, syntax.DateRange):
            return DayRange(node.start, node.end)
        if isinstance(node, syntax.Not):
            inner = self.node(node.node, positive=not positive)
            return None if inner is None else AndNot(Every(), inner)
        if isinstance(node, syntax.AnyOf):
            parts = [q for q in (self.node(n, positive) for n in node.nodes) if q is not None]
            return any_of(parts) if parts else None
        pos = [
            q
            for n in node.nodes
            if not isinstance(n, syntax.Not) and (q := self.node(n, positive)) is not None
        ]
        neg = [
            q
            for n in node.nodes
            if isinstance(n, syntax.Not) and (q := self.node(n.node, not positive)) is not None
        ]
        if not pos and not neg:
            return None
        base = all_of(pos)
        return AndNot(base, any_of(neg)) if neg else base


def field_plan(
    fld: fields.Field, values: Sequence[str], ctx: QueryContext, resolved: dict[str, str] | None = None
) -> Plan:
    """Exact keyword terms: any of ``values`` in ``fld`` (typed values normalised by the field)."""
    stored = []
    for v in values:
        value = ctx.value(fld, v)
        if resolved is not None and fld.normalise is fields.Normalise.STREET and value != v.strip():
            resolved[v.strip()] = value
        stored.append(value)
    return any_of([Term(fld.name, v) for v in dict.fromkeys(stored)])


def build(request: SearchRequest, ctx: QueryContext) -> Compiled:
    """The plan for a request: its text (query syntax) AND its facet and date filters."""
    planner = _Planner(ctx)
    parts: list[Plan] = []
    tree = syntax.parse(request.text)
    if tree is not None:
        q = planner.node(tree)
        if q is None:
            raise BadQuery(
                _("The query {text!r} holds no word to search for").format(text=request.text.strip())
            )
        parts.append(q)
    for name, values in request.filters.items():
        if values:
            parts.append(field_plan(fields.field(name), values, ctx, planner.resolved))
    if request.date_from or request.date_to:
        parts.append(DayRange(request.date_from, request.date_to))
    terms = sorted({t for t in planner.terms if t}, key=lambda t: (-len(t), t))
    return Compiled(all_of(parts), tuple(terms), tuple(planner.scoring), planner.has_text, planner.resolved)


__all__ = ["And", "Compiled", "Or", "QueryContext", "StreetResolver", "build", "field_plan"]
