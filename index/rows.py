"""Kept for older imports: the row conversions now live in :mod:`index.catalog.rows`."""

from __future__ import annotations

import logging

from index.catalog.edits import LIST_FIELDS, normalise_edit
from index.catalog.rows import (
    article_keys,
    article_params,
    article_record,
    dumps,
    edition_key,
    edition_record,
    parsed_record,
)

logger = logging.getLogger(__name__)

__all__ = [
    "LIST_FIELDS",
    "article_keys",
    "article_params",
    "article_record",
    "dumps",
    "edition_key",
    "edition_record",
    "normalise_edit",
    "parsed_record",
]
