"""The packed per-document values (id, date, reading order, keyword fields), by field name.

One document's values are ``name=value`` items joined by :data:`SEP`; a field with several values
joins them with :data:`VSEP`. Items are found by name, never by position, so adding a field to
:mod:`index.fields` needs no change here. The only definition of both separators.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from index import fields

logger = logging.getLogger(__name__)

SEP, VSEP, EQ = "\x1f", "\x1e", "\x1d"


def encode(article_id: int, date_ordinal: int, seq: int, values: dict[str, tuple[str, ...]]) -> bytes:
    """Pack one document's values (``values``: keyword field name → its values)."""
    items = [f"id{EQ}{article_id}", f"date{EQ}{date_ordinal}", f"seq{EQ}{seq}"]
    for fld in fields.KEYWORD_FIELDS:
        value = values.get(fld.name, ())
        text = VSEP.join(value) if fld.multi else (value[0] if value else "")
        if text:
            items.append(f"{fld.name}{EQ}{text}")
    return SEP.join(items).encode("utf-8")


@dataclass(frozen=True)
class SegmentTable:
    """Decoded per-document values of one index segment (deleted documents included).

    ``columns`` holds, per keyword field name, a tuple of values (several-valued fields) or a
    value or ``None`` (single-valued fields) for each document; a table loaded from disk keeps
    only ``codes`` (the same values, coded: :meth:`column` decodes them).
    """

    ids: array[int]
    dates: array[int]  # date ordinals
    seqs: array[int]
    columns: dict[str, list[Any]]
    codes: dict[str, tuple[bytes, list[Any]]] = field(default_factory=dict)  # see encode_codes

    def column(self, name: str) -> list[Any]:
        """One field's value(s) per document (from the codes when the columns were not kept)."""
        col = self.columns.get(name)
        if col is not None:
            return col
        got = self.codes.get(name)
        if got is None:
            return [None] * len(self.ids)
        raw, values = got
        return [values[c] for c in array("i", raw)]


def decode(column: Iterable[bytes]) -> SegmentTable:
    """Decode a segment's packed values (see :func:`encode`)."""
    ids, dates, seqs = array("q"), array("l"), array("l")
    names = [f.name for f in fields.KEYWORD_FIELDS]
    multi = {f.name: f.multi for f in fields.KEYWORD_FIELDS}
    cols: dict[str, list[Any]] = {n: [] for n in names}
    interned: dict[str, tuple[str, ...]] = {}
    for raw in column:
        found: dict[str, str] = {}
        if raw:
            for item in raw.decode("utf-8").split(SEP):
                key, _, val = item.partition(EQ)
                found[key] = val
        ids.append(int(found.get("id", -1)))
        dates.append(int(found.get("date", 0)))
        seqs.append(int(found.get("seq", 0)))
        for name in names:
            text = found.get(name, "")
            if multi[name]:
                tup = interned.get(text)
                if tup is None:
                    tup = interned[text] = tuple(text.split(VSEP)) if text else ()
                cols[name].append(tup)
            else:
                cols[name].append(text or None)
    return SegmentTable(ids, dates, seqs, cols, {n: encode_codes(c) for n, c in cols.items()})


def encode_codes(values: list[Any]) -> tuple[bytes, list[Any]]:
    """Each document's value (or tuple of values) as a small integer code (int32 bytes), and the
    distinct values by code: facet counting works on the codes (stored with the table)."""
    index: dict[Any, int] = {}
    codes = array("i", [index.setdefault(v, len(index)) for v in values])
    return codes.tobytes(), list(index)
