"""Export articles to one file: docx, pdf, md, csv, json or txt, each article with a citation line.

``write_export`` is what :meth:`index.archive.Archive.export` calls. It writes to a temporary file in
the target folder and renames it at the end, so a cancelled or failed export leaves no partial file
(and an existing file at the target is only replaced by a complete one).

Modules: :mod:`.citation` (the citation line), :mod:`.textual` (md, txt, csv, json),
:mod:`.docx_writer`, :mod:`.pdf_writer` with :mod:`.fonts`, :mod:`.fontbuild`, :mod:`.linebreak`,
and :mod:`.job` (progress, cancel, atomic write). Heavy libraries load only when their format is used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ExportError
from index.export import textual
from index.export.citation import DEFAULT_PAPER, citation
from index.export.job import Job, atomic_target, check_target
from index.models import ArticleRecord

if TYPE_CHECKING:
    from index.archive import CancelCheck, Progress

__all__ = ["DEFAULT_PAPER", "FORMATS", "citation", "normalise_format", "write_export"]

Writer = Callable[[Job, Path], None]


def _docx(job: Job, path: Path) -> None:
    from index.export.docx_writer import write_docx

    write_docx(job, path)


def _pdf(job: Job, path: Path) -> None:
    from index.export.pdf_writer import write_pdf

    write_pdf(job, path)


WRITERS: dict[str, Writer] = {
    "docx": _docx,
    "pdf": _pdf,
    "md": textual.write_markdown,
    "csv": textual.write_csv,
    "json": textual.write_json,
    "txt": textual.write_text,
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
_ALIASES = {"markdown": "md", "text": "txt", "word": "docx"}


def normalise_format(fmt: str) -> str:
    """``"PDF"``, ``".pdf"`` → ``"pdf"``; also ``markdown``/``text``/``word``.

    Raises:
        ExportError: Not a format we write.
    """
    key = fmt.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in WRITERS:
        raise ExportError(f"Unknown export format {fmt!r}: choose one of {', '.join(FORMATS)}.")
    return key


def write_export(
    articles: list[ArticleRecord],
    fmt: str,
    out: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelCheck | None = None,
    paper: str = DEFAULT_PAPER,
) -> Path:
    """Write ``articles`` (in the given order) to one file.

    Args:
        articles: The articles to export.
        fmt: ``docx``, ``pdf``, ``md``, ``csv``, ``json`` or ``txt`` (case and a leading dot ignored).
        out: The file to write; the format's suffix is added when ``out`` has none. An existing
            file is replaced, but only once the new one is complete.
        progress: ``progress(done, total, message)``, called as articles are written.
        cancel: ``cancel() -> bool``, polled between articles.
        paper: The newspaper's name for the citation lines.

    Returns:
        The path written.

    Raises:
        ExportError: Unknown format, no articles, a path that cannot be written, or (PDF) no CJK
            font installed; nothing is written.
        Cancelled: ``cancel()`` returned true; nothing is written.
    """
    key = normalise_format(fmt)
    out = Path(out)
    if not out.suffix and not out.is_dir():
        out = out.with_name(f"{out.name}.{key}")
    if not articles:
        raise ExportError("Nothing to export: no articles were selected.")
    check_target(out)
    job = Job(list(articles), paper, progress, cancel)
    job.check()
    with atomic_target(out) as tmp:
        WRITERS[key](job, tmp)
        job.check()
    if progress is not None:
        progress(job.total, job.total, f"Exported {job.total} article(s) to {out.name}")
    return out
