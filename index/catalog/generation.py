"""The catalog's identity and generation: what a search index records to prove it is up to date.

Every catalog transaction that changes content (an edition stored, an edit set or removed) bumps
the generation and records a fresh random token for it in ``generations``. The index stores the
:class:`CatalogState` it was built from; on open the catalog is consistent with the index when it
has the same id and, at the index's generation, the same token (the same history, not a copy that
went its own way or an older one restored). The changes made after that generation flagged their
editions stale (``editions.indexed = 0``), so syncing those editions brings the index up to date;
anything else means the index is rebuilt from the catalog.
"""

from __future__ import annotations

import logging
import secrets
import sqlite3
from dataclasses import dataclass

logger = logging.getLogger(__name__)

KEEP_GENERATIONS = 10_000  # tokens kept; an index older than that is rebuilt


@dataclass(frozen=True)
class CatalogState:
    """One catalog's identity and the generation (with its token) it has reached."""

    catalog_id: str
    generation: int
    token: str

    def as_dict(self) -> dict[str, object]:
        """A JSON-able form (for the index manifest)."""
        return {"catalog_id": self.catalog_id, "generation": self.generation, "token": self.token}

    @classmethod
    def from_dict(cls, data: object) -> CatalogState | None:
        """The state from :meth:`as_dict` output, or None if it is not one."""
        if not isinstance(data, dict):
            return None
        cid, gen, tok = data.get("catalog_id"), data.get("generation"), data.get("token")
        if isinstance(cid, str) and isinstance(gen, int) and isinstance(tok, str):
            return cls(cid, gen, tok)
        return None


def has_state(con: sqlite3.Connection) -> bool:
    """True when the catalog has the state tables (schema 2 and later)."""
    return con.execute("SELECT 1 FROM sqlite_master WHERE name = 'catalog_state'").fetchone() is not None


def current(con: sqlite3.Connection) -> CatalogState | None:
    """The catalog's state now (None for a catalog older than schema 2, opened read-only)."""
    if not has_state(con):
        return None
    row = con.execute(
        "SELECT s.catalog_id, s.generation, g.token FROM catalog_state s "
        "LEFT JOIN generations g ON g.gen = s.generation"
    ).fetchone()
    if row is None or row[2] is None:
        return None
    return CatalogState(str(row[0]), int(row[1]), str(row[2]))


def token_at(con: sqlite3.Connection, generation: int) -> str | None:
    """The token recorded for a generation, if it is still kept."""
    if not has_state(con):
        return None
    row = con.execute("SELECT token FROM generations WHERE gen = ?", (generation,)).fetchone()
    return None if row is None else str(row[0])


def descends_from(con: sqlite3.Connection, state: CatalogState) -> bool:
    """True when this catalog's history contains ``state`` (same id, same token at its generation)."""
    now = current(con)
    if now is None or now.catalog_id != state.catalog_id or state.generation > now.generation:
        return False
    return token_at(con, state.generation) == state.token


def bump(w: sqlite3.Connection) -> int:
    """Advance the generation inside the write transaction ``w``; returns the new generation."""
    gen = int(
        w.execute("UPDATE catalog_state SET generation = generation + 1 RETURNING generation").fetchone()[0]
    )
    w.execute("INSERT OR REPLACE INTO generations(gen, token) VALUES (?, ?)", (gen, secrets.token_hex(16)))
    if gen % 1000 == 0:
        w.execute("DELETE FROM generations WHERE gen <= ?", (gen - KEEP_GENERATIONS,))
    return gen
