"""Street offices and topics applied again to every article, with the archive's own lists.

An archive may carry its own copies of the gazetteer (``gazetteer.json``) and the taxonomy
(``taxonomy.toml``) in its folder (:func:`copy_lists` puts the shipped ones there for editing);
:func:`archive_enricher` prefers them. :func:`reenrich` stores the new parsed values; librarian
corrections live in their own table and still apply over them, so none is lost. :func:`follow_imports`
applies the archive's own lists to what each import adds (the viewer and the CLI turn it on).
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from index import paths
from index.catalog import Catalog
from index.catalog.rows import dumps
from index.changes import Changes
from index.errors import Cancelled
from index.i18n import _
from index.ingest.enrich import Enricher
from index.ingest.gazetteer import Gazetteer
from index.ingest.taxonomy import Taxonomy
from index.models import CancelCheck, ParsedArticle, Progress

if TYPE_CHECKING:
    from index.archive import Archive

logger = logging.getLogger(__name__)
GAZETTEER_NAME = "gazetteer.json"
TAXONOMY_NAME = "taxonomy.toml"


def archive_enricher(root: Path) -> Enricher:
    """An enricher with the archive's own gazetteer and taxonomy where it has them."""
    gazetteer = root / GAZETTEER_NAME
    taxonomy = root / TAXONOMY_NAME
    return Enricher(
        Gazetteer.load(gazetteer) if gazetteer.is_file() else None,
        Taxonomy.load(taxonomy) if taxonomy.is_file() else None,
    )


def copy_lists(root: Path) -> list[Path]:
    """Copy the shipped gazetteer and taxonomy into the archive folder (existing copies are kept)."""
    out = []
    for name, shipped in ((GAZETTEER_NAME, paths.gazetteer_path()), (TAXONOMY_NAME, paths.taxonomy_path())):
        target = root / name
        if not target.exists():
            shutil.copyfile(shipped, target)
            logger.info("copied %s into %s", shipped.name, root)
        out.append(target)
    return out


def has_own_lists(root: Path) -> bool:
    """True when the archive folder carries its own gazetteer or taxonomy."""
    return (root / GAZETTEER_NAME).is_file() or (root / TAXONOMY_NAME).is_file()


def follow_imports(archive: Archive) -> None:
    """Apply the archive's own lists to every edition an import adds or updates, right after it.

    Subscribe this first (before the views): listeners run in order, so the views hear of the import
    once the new editions carry the archive's own street offices and topics.
    """
    root = archive.root

    def listener(changes: Changes) -> None:
        editions = sorted(changes.editions_added | changes.editions_updated)
        if not editions or changes.reindexed or archive.readonly or not has_own_lists(root):
            return
        with archive.catalog.write_lock:
            changed = reenrich(archive.catalog, archive_enricher(root), edition_ids=editions)
            if changed:
                archive.indexer.sync(editions)
        logger.info(
            "own lists applied to %d imported edition(s): %d article(s) changed", len(editions), changed
        )

    archive.subscribe(listener)


def reenrich(
    catalog: Catalog,
    enricher: Enricher,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    *,
    edition_ids: list[int] | None = None,
) -> int:
    """Store new streets and topics for every article, or those of some editions (one transaction);
    returns how many changed.

    Raises:
        Cancelled: ``cancel()`` said so; nothing was stored.
    """
    total = catalog.article_count() if edition_ids is None else 0
    updates: list[tuple[str, str, str, int]] = []
    done = 0
    for batch in catalog.iter_articles(edition_ids):
        for rec in batch:
            art = ParsedArticle(
                title=rec.title,
                kicker=rec.kicker,
                subtitle=rec.subtitle,
                paragraphs=rec.paragraphs,
                captions=list(rec.captions),
            )
            streets, printed = enricher.streets(art)
            topics = enricher.topics(art)
            if (tuple(streets), tuple(printed), tuple(topics)) != _parsed(catalog, rec.id):
                updates.append((dumps(streets), dumps(printed), dumps(topics), rec.id))
        done += len(batch)
        if progress is not None:
            progress(done, total, "")
        if cancel is not None and cancel():
            raise Cancelled(_("re-applying street offices and topics was cancelled; nothing changed"))
    if updates:
        with catalog.write() as w:
            w.executemany(
                "UPDATE articles SET streets = ?, streets_printed = ?, topics = ? WHERE id = ?", updates
            )
    logger.info("re-enriched %d of %d articles", len(updates), total)
    return len(updates)


def reenrich_archive(
    archive: Archive, progress: Progress | None = None, cancel: CancelCheck | None = None
) -> int:
    """Re-enrich an open archive with its own lists, then rebuild its index (which announces the
    change to the archive's listeners); returns how many articles changed."""
    if archive.readonly:
        from index.errors import ArchiveError

        raise ArchiveError(_("The archive is open read-only"))
    with archive.catalog.write_lock:
        changed = reenrich(archive.catalog, archive_enricher(archive.root), progress, cancel)
    archive.reindex(progress=progress, cancel=cancel)
    return changed


def _parsed(catalog: Catalog, article_id: int) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    """The stored (parsed, not corrected) streets, printed streets and topics of an article."""
    row = (
        catalog.conn()
        .execute("SELECT streets, streets_printed, topics FROM articles WHERE id = ?", (article_id,))
        .fetchone()
    )
    return tuple(json.loads(row[0])), tuple(json.loads(row[1])), tuple(json.loads(row[2]))
