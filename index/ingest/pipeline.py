"""One edition file → :class:`~index.models.ParsedEdition`: read, parse, enrich.

The edition date comes from the ``date`` argument or from the file name (``2026-01-05``,
``2026_01_05``, ``2026.01.05``, ``20260105``, ``2026年1月5日``); with neither, ``date`` is None and a
warning says so (the importer refuses undated files; ``parse`` only warns).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import re
from pathlib import Path

from index.errors import ImportRefused
from index.i18n import _
from index.ingest.enrich import Enricher
from index.ingest.parser import parse_text
from index.ingest.reader import read_text
from index.models import ParsedEdition

_DATE_PATTERNS = (
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})[-_.](?P<m>\d{1,2})[-_.](?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>\d{2})(?P<d>\d{2})(?!\d)"),
)


def date_from_name(name: str) -> dt.date | None:
    """The first valid date written in a file name, or None."""
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(name):
            try:
                return dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
    return None


@functools.cache
def _default_enricher() -> Enricher:
    return Enricher()


def parse_bytes(
    data: bytes, source_name: str, date: dt.date | None = None, *, enricher: Enricher | None = None
) -> ParsedEdition:
    """Parse the raw bytes of an edition file.

    Args:
        data: The file's bytes.
        source_name: The file name (for the date, the edition name and messages).
        date: The edition date; taken from ``source_name`` when None.
        enricher: Gazetteer and taxonomy to use; the shipped ones (loaded once) when None.

    Raises:
        ImportRefused: The file is empty, binary or undecodable.
    """
    decoded = read_text(data, source_name)
    parsed = parse_text(decoded.text)
    enricher = enricher or _default_enricher()
    for article in parsed.articles:
        enricher.enrich(article)
    warnings = list(decoded.warnings) + [
        _("{name}: {warning}").format(name=source_name, warning=w) for w in parsed.warnings
    ]
    when = date or date_from_name(Path(source_name).name)
    if when is None:
        warnings.append(
            _("{name}: no edition date (name the file like 2026-01-05.txt or pass --date)").format(
                name=source_name
            )
        )
    if not parsed.articles:
        warnings.append(_("{name}: no articles found; all text kept as unassigned").format(name=source_name))
    return ParsedEdition(
        source_name=source_name,
        sha256=hashlib.sha256(data).hexdigest(),
        date=when,
        name=when.isoformat() if when else Path(source_name).stem,
        articles=parsed.articles,
        unassigned=parsed.unassigned,
        warnings=warnings,
        encoding=decoded.encoding,
    )


def parse_path(path: Path, date: dt.date | None = None, *, enricher: Enricher | None = None) -> ParsedEdition:
    """Read and parse an edition file (see :func:`parse_bytes`).

    Raises:
        ImportRefused: The file cannot be read, or is empty, binary or undecodable.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ImportRefused(
            _("{path}: cannot be read ({reason})").format(path=path, reason=exc.strerror or exc)
        ) from exc
    return parse_bytes(data, Path(path).name, date, enricher=enricher)
