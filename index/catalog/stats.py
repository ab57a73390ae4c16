"""Counts and value lists of the facets, derived from the field registry (:mod:`index.fields`).

A ``KEYWORDS`` field with a catalog column counts the values of its JSON list (librarian edits
applied when the column is editable), a ``KEYWORD`` field its single column, ``MONTH`` the
edition dates. A facet added to the registry appears here with no change.
"""

from __future__ import annotations

import logging
import sqlite3

from index.catalog.schema import RECORD_FROM
from index.fields import FACETS, Field, Kind, field
from index.models import EDITABLE_FIELDS

logger = logging.getLogger(__name__)


def _counts_sql(fld: Field) -> str:
    col = fld.column
    if fld.kind is Kind.MONTH:
        return f"SELECT substr(e.date, 1, 7) v, count(*) n {RECORD_FROM} GROUP BY v ORDER BY v"
    if col is None:
        raise ValueError(f"facet {fld.name!r} has no catalog column")
    if fld.kind is Kind.KEYWORD:
        return (
            f"SELECT {col} v, count(*) n FROM articles WHERE {col} IS NOT NULL GROUP BY v ORDER BY n DESC, v"
        )
    source = f"a.{col}"
    join = ""
    if col in EDITABLE_FIELDS:
        join = f"LEFT JOIN edits ed ON ed.akey = a.akey AND ed.field = '{col}'"
        source = f"COALESCE(ed.value, a.{col})"
    return f"SELECT j.value v, count(*) n FROM articles a {join}, json_each({source}) j GROUP BY v ORDER BY n DESC, v"


def facet_counts(con: sqlite3.Connection, name: str) -> dict[str, int]:
    """Value → number of articles of one facet (by count, or by value for months)."""
    return {str(r[0]): int(r[1]) for r in con.execute(_counts_sql(_facet(name)))}


def facet_values(con: sqlite3.Connection, name: str) -> list[str]:
    """Every value of a facet in the catalog, sorted; ``ValueError`` for an unknown facet."""
    return sorted(facet_counts(con, name))


def stats(con: sqlite3.Connection) -> dict[str, dict[str, int]]:
    """Counts of every facet (by name); totals under ``"total"``."""
    out = {f.name: facet_counts(con, f.name) for f in FACETS}
    totals = con.execute(
        "SELECT (SELECT count(*) FROM editions), count(*), coalesce(sum(fragment), 0), "
        "(SELECT count(*) FROM edits) FROM articles"
    ).fetchone()
    out["total"] = dict(zip(("editions", "articles", "fragments", "edits"), map(int, totals), strict=True))
    return out


def _facet(name: str) -> Field:
    try:
        fld = field(name)
    except KeyError:
        raise ValueError(f"unknown facet {name!r}") from None
    if not fld.facet:
        raise ValueError(f"{name!r} is not a facet")
    return fld
