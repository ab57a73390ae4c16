"""Save to disk, one file per article, named by a template such as ``{date}_{title}`` (like calibre)."""

from __future__ import annotations

import logging
import re
import string
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ExportError
from index.export.citation import DEFAULT_PAPER, display_title
from index.i18n import _
from index.models import ArticleRecord

if TYPE_CHECKING:
    from index.archive import CancelCheck, Progress

logger = logging.getLogger(__name__)

TEMPLATE_FIELDS: tuple[str, ...] = ("date", "title", "id", "section", "page", "edition")
MAX_NAME = 120  # characters of a file name before its extension (file systems allow 255 bytes)
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def check_template(template: str) -> None:
    """Refuse a template with unknown fields or bad braces (before anything is written).

    Raises:
        ExportError: A field other than :data:`TEMPLATE_FIELDS`, or unbalanced braces.
    """
    try:
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None]
    except ValueError as exc:
        raise ExportError(
            _("Bad file name template {template!r}: {reason}").format(template=template, reason=exc)
        ) from exc
    unknown = [n for n in names if n not in TEMPLATE_FIELDS]
    if unknown or not names:
        raise ExportError(
            _("Bad file name template {template!r}: use the fields {fields}.").format(
                template=template, fields=" ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
            )
        )


def file_stem(article: ArticleRecord, template: str) -> str:
    """The file name (without extension) of one article: template filled, unsafe characters removed."""
    values = {
        "date": article.date.isoformat(),
        "title": display_title(article),
        "id": str(article.id),
        "section": article.section or "",
        "page": "" if article.page is None else str(article.page),
        "edition": article.edition_name,
    }
    name = _UNSAFE.sub("_", template.format(**values)).strip(" ._")
    return name[:MAX_NAME].rstrip(" ._") or str(article.id)


def write_each(
    articles: list[ArticleRecord],
    fmt: str,
    folder: Path,
    template: str,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    paper: str = DEFAULT_PAPER,
) -> list[Path]:
    """Write each article to its own file in ``folder`` (created if missing); returns the files.

    Names that come out equal get `` (2)``, `` (3)`` …; an existing file of the same name is
    replaced (as saving the same selection again should).

    Raises:
        ExportError: Bad template, a folder that cannot be made, or what :func:`write_export` raises.
        Cancelled: ``cancel()`` returned true; the files already written stay.
    """
    from index.export import EXTENSIONS, normalise_format, write_export

    key = normalise_format(fmt)
    check_template(template)
    if not articles:
        raise ExportError(_("Nothing to export: no articles were selected."))
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(_("{folder} is not a folder.").format(folder=folder))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            _("Cannot create the folder {folder}: {reason}.").format(folder=folder, reason=exc)
        ) from exc
    ext = EXTENSIONS[key][0]
    used: set[str] = set()
    written: list[Path] = []
    for done, article in enumerate(articles):
        if cancel is not None and cancel():
            from index.errors import Cancelled

            raise Cancelled(_("Export cancelled; {count} file(s) were written.").format(count=done))
        stem = file_stem(article, template)
        name, n = stem, 1
        while name.lower() in used:
            n += 1
            name = f"{stem} ({n})"
        used.add(name.lower())
        written.append(write_export([article], key, folder / f"{name}{ext}", paper=paper))
        if progress is not None:
            progress(done + 1, len(articles), written[-1].name)
    return written
