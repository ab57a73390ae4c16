"""The full-text engine: the only package that imports Whoosh.

:mod:`index.engine.base` is the interface (:class:`Engine`, :class:`Snapshot`,
:class:`EngineWriter`, :class:`IndexDoc`); :mod:`index.engine.whoosh_engine` implements it.
"""

from __future__ import annotations

from index.engine.base import Engine, EngineWriter, IndexDoc, Prepared, Snapshot, TermPostings
from index.engine.tables import DocTable
from index.engine.whoosh_engine import INDEX_VERSION, LockError, WhooshEngine

__all__ = [
    "INDEX_VERSION",
    "DocTable",
    "Engine",
    "EngineWriter",
    "IndexDoc",
    "LockError",
    "Prepared",
    "Snapshot",
    "TermPostings",
    "WhooshEngine",
]
