"""``check``: is the catalog file sound, is the index authentic, and do the two agree?"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from index.catalog import Catalog
from index.engine import WhooshEngine
from index.integrity.opening import judge

logger = logging.getLogger(__name__)


@dataclass
class CheckReport:
    """What :func:`check` found; ``ok`` when there is no problem."""

    catalog_articles: int = 0
    index_documents: int = 0
    problems: list[str] = field(default_factory=list)
    advice: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems


def check(catalog: Catalog, index: WhooshEngine) -> CheckReport:
    """SQLite's integrity check, the index files' MACs, and index documents against catalog ids."""
    report = CheckReport()
    problems = catalog.integrity_problems()
    if problems:
        report.problems += [f"catalog {catalog.path}: {p}" for p in problems]
        report.advice.append(
            "Restore the last backup of the catalog (see 'backup'), or import the editions into a new archive."
        )
        return report
    ids = {r.id for batch in catalog.iter_articles() for r in batch}
    report.catalog_articles = len(ids)
    trouble = index.storage.verify_all() if index.ix is not None else (index.problem or "there is no index")
    if not trouble:
        verdict = judge(catalog, index)
        trouble = "" if verdict.consistent else verdict.reason
    if not trouble:
        counts = Counter(index.document_ids())
        report.index_documents = sum(counts.values())
        missing, extra = ids - counts.keys(), counts.keys() - ids
        twice = [i for i, n in counts.items() if n > 1]
        pending = set(catalog.pending_editions())
        if missing and not pending:
            report.problems.append(f"{len(missing)} article(s) of the catalog are not in the index")
        if extra:
            report.problems.append(f"{len(extra)} index document(s) have no article in the catalog")
        if twice:
            report.problems.append(f"{len(twice)} article(s) are in the index more than once")
        if pending:
            report.advice.append(
                f"{len(pending)} edition(s) wait to be indexed again (done on the next opening)"
            )
    else:
        report.problems.append(f"search index: {trouble}")
    if any("index" in p for p in report.problems):
        report.advice.append("Run 'reindex' to rebuild the search index from the catalog.")
    for p in report.problems:
        logger.info("check: %s", p)
    return report
