"""Export articles to one file: docx, pdf, md, csv, json, txt, ris, bibtex or csljson, with citations.

``write_export`` is what :meth:`index.archive.Archive.export` calls. It writes to a temporary file in
the target folder and renames it at the end, so a cancelled or failed export leaves no partial file
(and an existing file at the target is only replaced by a complete one).

Modules: :mod:`.citation` (the GB/T 7714 line), :mod:`.textual` (md, txt, csv, json),
:mod:`.biblio` (ris, bibtex, csljson), :mod:`.each` (one file per article),
:mod:`.docx_writer`, :mod:`.pdf_writer` with :mod:`.fonts`, :mod:`.fontbuild`, :mod:`.linebreak`,
and :mod:`.job` (progress, cancel, atomic write). Heavy libraries load only when their format is used.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import ExportError
from index.export import biblio, textual
from index.export.citation import DEFAULT_PAPER, citation
from index.export.job import Job, atomic_target, check_target
from index.i18n import _
from index.models import ArticleRecord

if TYPE_CHECKING:
    from index.archive import CancelCheck, Progress

__all__ = [
    "DEFAULT_PAPER",
    "EXTENSIONS",
    "FORMATS",
    "FORMAT_LABELS",
    "TEXT_FORMATS",
    "citation",
    "normalise_format",
    "target_path",
    "write_export",
]

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
    "ris": biblio.write_ris,
    "bibtex": biblio.write_bibtex,
    "csljson": biblio.write_csljson,
}
FORMATS: tuple[str, ...] = tuple(WRITERS)
TEXT_FORMATS: tuple[str, ...] = ("md", "csv", "json", "txt", "ris", "bibtex", "csljson")
# The file name extensions of each format; the first is added to a name without one.
EXTENSIONS: dict[str, tuple[str, ...]] = {
    "docx": (".docx",),
    "pdf": (".pdf",),
    "md": (".md", ".markdown"),
    "csv": (".csv",),
    "json": (".json",),
    "txt": (".txt",),
    "ris": (".ris",),
    "bibtex": (".bib",),
    "csljson": (".json",),
}
# What a format is called in a file dialog or a menu: (Chinese, English).
FORMAT_LABELS: dict[str, tuple[str, str]] = {
    "docx": ("Word 文档", "Word document"),
    "pdf": ("PDF 文档", "PDF document"),
    "md": ("Markdown 文本", "Markdown"),
    "csv": ("CSV 表格（Excel）", "CSV table (Excel)"),
    "json": ("JSON 数据", "JSON data"),
    "txt": ("纯文本", "Plain text"),
    "ris": ("RIS 题录（EndNote、NoteExpress、Zotero）", "RIS references (EndNote, NoteExpress, Zotero)"),
    "bibtex": ("BibTeX 题录（JabRef、LaTeX）", "BibTeX references (JabRef, LaTeX)"),
    "csljson": ("CSL-JSON 题录（Zotero、Pandoc）", "CSL-JSON references (Zotero, Pandoc)"),
}
_ALIASES = {"markdown": "md", "text": "txt", "word": "docx", "bib": "bibtex", "csl": "csljson"}


def normalise_format(fmt: str) -> str:
    """``"PDF"``, ``".pdf"`` → ``"pdf"``; also ``markdown``/``text``/``word``.

    Raises:
        ExportError: Not a format we write.
    """
    key = fmt.strip().lower().lstrip(".")
    key = _ALIASES.get(key, key)
    if key not in WRITERS:
        raise ExportError(
            _("Unknown export format {fmt!r}: choose one of {formats}.").format(
                fmt=fmt, formats=", ".join(FORMATS)
            )
        )
    return key


def target_path(out: Path, fmt: str) -> Path:
    """The file an export to ``out`` writes: the format's extension added when ``out`` has none.

    Raises:
        ExportError: ``out`` has another extension (``x.doc`` for docx): the format decides the
            extension, so a file never holds something else than its name says.
    """
    key = normalise_format(fmt)
    out = Path(out)
    if not out.suffix and not out.is_dir():
        return out.with_name(f"{out.name}{EXTENSIONS[key][0]}")
    if out.suffix and out.suffix.lower() not in EXTENSIONS[key]:
        raise ExportError(
            _("{name}: a {fmt} export is written to a file ending in {ext}, not {suffix}.").format(
                name=out.name, fmt=key, ext=" / ".join(EXTENSIONS[key]), suffix=out.suffix
            )
        )
    return out


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
        fmt: One of :data:`FORMATS` (case and a leading dot ignored).
        out: The file to write; the format's extension is added when ``out`` has none, another
            extension is refused. An existing file is replaced, but only once the new one is
            complete.
        progress: ``progress(done, total, message)``, called as articles are written.
        cancel: ``cancel() -> bool``, polled between articles.
        paper: The newspaper's name for the citation lines.

    Returns:
        The path written.

    Raises:
        ExportError: Unknown format, an extension that is not the format's, no articles, a path
            that cannot be written, or (PDF) no CJK font installed; nothing is written.
        Cancelled: ``cancel()`` returned true; nothing is written.
    """
    key = normalise_format(fmt)
    out = target_path(Path(out), key)
    if not articles:
        raise ExportError(_("Nothing to export: no articles were selected."))
    check_target(out)
    job = Job(list(articles), paper, progress, cancel)
    job.check()
    with atomic_target(out) as tmp:
        WRITERS[key](job, tmp)
        job.check()
    if progress is not None:
        progress(
            job.total,
            job.total,
            _("Exported {count} article(s) to {name}").format(count=job.total, name=out.name),
        )
    return out
