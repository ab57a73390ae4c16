"""What :class:`index.archive.Archive` does with the catalog alone: reference data, export, parsing.

* :func:`gazetteer_resolver` — street names as typed → facet names, from the shipped gazetteer.
* :func:`known_facet_values` — the values an edit form offers for a facet.
* :func:`export_articles` — articles by id to one file, refusing unknown ids.
* :func:`parse_file` — one file read, parsed and enriched, without any archive.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ArchiveError
from index.i18n import _
from index.models import CancelCheck, ParsedEdition, Progress
from index.search.plan import StreetResolver

if TYPE_CHECKING:
    from index.catalog import Catalog

logger = logging.getLogger(__name__)


def gazetteer_resolver() -> StreetResolver | None:
    """Street names → facet names from the shipped gazetteer (aliases, old names); None if absent."""
    try:
        from index.ingest.enrich import default_gazetteer

        canonical = default_gazetteer().canonical
    except (ImportError, ArchiveError):
        return None

    def resolve(name: str) -> str | None:
        name = name.strip()
        return (
            canonical.get(name) or canonical.get(name + "街道") or canonical.get(name.removesuffix("办事处"))
        )

    return resolve


def known_facet_values(catalog: Catalog, facet: str) -> list[str]:
    """Every known value of ``facet`` in ``catalog``, plus the shipped streets or topics, sorted."""
    values = set(catalog.facet_values(facet))
    try:
        if facet == "street":
            from index.ingest.enrich import default_gazetteer

            values.update(default_gazetteer().official)
        elif facet == "topic":
            from index.ingest.enrich import default_taxonomy

            values.update(default_taxonomy().names)
    except (ImportError, ArchiveError):
        pass
    return sorted(values)


def export_articles(
    catalog: Catalog,
    ids: Iterable[int],
    fmt: str,
    out: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
) -> Path:
    """Write the articles ``ids`` of ``catalog`` to ``out`` as ``fmt``; unknown ids are refused."""
    from index.export import write_export

    wanted = list(ids)
    records = catalog.articles(wanted)
    missing = sorted(set(wanted) - {r.id for r in records})
    if missing:
        raise ArchiveError(_("No article with id {id}").format(id=", ".join(map(str, missing))))
    if not records:
        raise ArchiveError(_("Nothing to export: no article ids given"))
    written: Path = write_export(records, fmt, Path(out), progress=progress, cancel=cancel)
    return written


def parse_file(path: Path, *, date: dt.date | None = None) -> ParsedEdition:
    """Read, parse and enrich one file without touching any archive."""
    from index.ingest.pipeline import parse_path

    return parse_path(Path(path), date=date)
