"""Our query plan: a small tree of matching operations (no engine objects).

:mod:`index.search.plan` builds it from a request; :mod:`index.search.evaluate` turns it into a
boolean mask over a snapshot's document numbers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """Documents holding an exact term of a field (keyword fields, or a text field's token)."""

    field: str
    text: str


@dataclass(frozen=True)
class Text:
    """Documents whose text holds ``text`` exactly (``headline_only``: in the headline).

    ``certain``: index tokens that contain ``text``; a document holding one of them holds the
    text (tokens are pieces of the text), so only the other candidates need the catalog check.
    """

    text: str
    headline_only: bool = False
    certain: tuple[str, ...] = ()


@dataclass(frozen=True)
class DayRange:
    """Documents dated from ``start`` to ``end`` (inclusive; None: open)."""

    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Every:
    """Every document."""


@dataclass(frozen=True)
class Nothing:
    """No document."""


@dataclass(frozen=True)
class Or:
    """Any of the parts."""

    parts: tuple[Plan, ...]


@dataclass(frozen=True)
class And:
    """All of the parts."""

    parts: tuple[Plan, ...]


@dataclass(frozen=True)
class AndNot:
    """``base`` without ``drop``."""

    base: Plan
    drop: Plan


Plan = Term | Text | DayRange | Every | Nothing | Or | And | AndNot


def any_of(parts: list[Plan]) -> Plan:
    """One part, or their OR (Nothing for none)."""
    if not parts:
        return Nothing()
    return parts[0] if len(parts) == 1 else Or(tuple(parts))


def all_of(parts: list[Plan]) -> Plan:
    """One part, or their AND (Every for none)."""
    if not parts:
        return Every()
    return parts[0] if len(parts) == 1 else And(tuple(parts))


def terms_of(plan: Plan, field: str) -> set[str]:
    """Every term of ``field`` in a plan (for tests and hints)."""
    if isinstance(plan, Term):
        return {plan.text} if plan.field == field else set()
    if isinstance(plan, (Or, And)):
        return set().union(*(terms_of(p, field) for p in plan.parts))
    if isinstance(plan, AndNot):
        return terms_of(plan.base, field) | terms_of(plan.drop, field)
    return set()
