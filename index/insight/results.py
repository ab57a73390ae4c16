"""Plain results of the similarity queries (no behaviour beyond their JSON shape)."""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from typing import Literal

logger = logging.getLogger(__name__)

Kind = Literal["reprint", "related"]


@dataclass(frozen=True)
class Related:
    """One article similar to another: ``kind`` reprint (same text) or related (same story)."""

    id: int
    title: str
    date: dt.date
    similarity: float
    kind: Kind

    def as_dict(self) -> dict[str, object]:
        """``{"id", "title", "date", "similarity", "kind"}`` as in ``related --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "date": self.date.isoformat(),
            "similarity": round(self.similarity, 3),
            "kind": self.kind,
        }


@dataclass
class SyncReport:
    """What a sync did, and the reprint pairs (lower id, higher id) it found for the new articles."""

    editions: int = 0
    articles: int = 0
    removed: int = 0
    reprints: list[tuple[int, int]] | None = None
    seconds: float = 0.0
