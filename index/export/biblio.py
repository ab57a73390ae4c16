"""Reference-manager formats: RIS (``TY  - NEWS``), BibTeX and CSL-JSON (``article-newspaper``).

Zotero, EndNote, NoteExpress and JabRef import these as newspaper articles: authors, title, paper,
date, page (版次) and section; topics become keywords; the GB/T 7714 line goes into the note.
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

from index.export.citation import authors, citation, display_title, paper_name
from index.export.job import Job
from index.models import ArticleRecord

logger = logging.getLogger(__name__)

LANGUAGE = "zh-CN"


def entry_key(article: ArticleRecord) -> str:
    """A citation key stable across exports: ``pingcheng-2026-01-05-123``."""
    return f"pingcheng-{article.date.isoformat()}-{article.id}"


# -- RIS ------------------------------------------------------------------------------------------

_RIS_BREAK = re.compile(r"[\r\n]+")


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {_RIS_BREAK.sub(' ', value).strip()}"


def ris_record(article: ArticleRecord, paper: str) -> list[str]:
    """One RIS record (``TY  - NEWS`` … ``ER  - ``)."""
    lines = [_ris_line("TY", "NEWS")]
    lines += [_ris_line("AU", name) for name in authors(article)]
    lines.append(_ris_line("TI", display_title(article)))
    lines.append(_ris_line("T2", paper_name(paper)))
    lines.append(_ris_line("PY", str(article.date.year)))
    lines.append(_ris_line("DA", article.date.strftime("%Y/%m/%d")))
    if article.page is not None:
        lines.append(_ris_line("SP", str(article.page)))
    if article.section:
        lines.append(_ris_line("SE", article.section))
    lines += [_ris_line("KW", topic) for topic in article.topics]
    lines.append(_ris_line("LA", LANGUAGE))
    lines.append(_ris_line("ID", entry_key(article)))
    lines.append(_ris_line("N1", citation(article, paper)))
    lines.append("ER  - ")
    return lines


def write_ris(job: Job, path: Path) -> None:
    """Write every article as a RIS record (UTF-8, CRLF as the RIS specification has it)."""
    lines: list[str] = []
    for article in job.each():
        lines += [*ris_record(article, job.paper), ""]
    path.write_bytes("\r\n".join(lines).encode("utf-8"))


# -- BibTeX ---------------------------------------------------------------------------------------

_BIB_SPECIAL = re.compile(r"([\\{}%&$#_~^])")
_BIB_REPLACE = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bib_escape(text: str) -> str:
    """Text safe inside a braced BibTeX field (LaTeX specials escaped, no line breaks)."""
    text = _RIS_BREAK.sub(" ", text)
    return _BIB_SPECIAL.sub(lambda m: _BIB_REPLACE.get(m.group(1), "\\" + m.group(1)), text)


def bibtex_entry(article: ArticleRecord, paper: str) -> str:
    """One ``@article`` entry with ``entrysubtype = {newspaper}`` (biblatex) and BibTeX fields."""
    names = " and ".join("{" + bib_escape(n) + "}" for n in authors(article))  # a Chinese name is one unit
    fields: list[tuple[str, str]] = []
    if names:
        fields.append(("author", names))
    fields += [
        ("title", bib_escape(display_title(article))),
        ("journal", bib_escape(paper_name(paper))),
        ("journaltitle", bib_escape(paper_name(paper))),
        ("entrysubtype", "newspaper"),
        ("date", article.date.isoformat()),
        ("year", str(article.date.year)),
        ("month", str(article.date.month)),
    ]
    if article.page is not None:
        fields.append(("pages", str(article.page)))
    if article.section:
        fields.append(("section", bib_escape(article.section)))
    if article.topics:
        fields.append(("keywords", bib_escape(", ".join(article.topics))))
    fields += [("langid", "chinese"), ("note", bib_escape(citation(article, paper)))]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{entry_key(article)},\n{body}\n}}\n"


def write_bibtex(job: Job, path: Path) -> None:
    """Write every article as a BibTeX entry (UTF-8)."""
    entries = [bibtex_entry(article, job.paper) for article in job.each()]
    path.write_text("\n".join(entries), encoding="utf-8")


# -- CSL-JSON -------------------------------------------------------------------------------------


def csl_item(article: ArticleRecord, paper: str) -> dict[str, Any]:
    """One CSL-JSON item of type ``article-newspaper``."""
    item: dict[str, Any] = {
        "id": entry_key(article),
        "type": "article-newspaper",
        "title": display_title(article),
        "container-title": paper_name(paper),
        "issued": {"date-parts": [[article.date.year, article.date.month, article.date.day]]},
        "language": LANGUAGE,
        "note": citation(article, paper),
    }
    names = authors(article)
    if names:
        item["author"] = [{"literal": name} for name in names]
    if article.page is not None:
        item["page"] = str(article.page)
    if article.section:
        item["section"] = article.section
    if article.topics:
        item["keyword"] = ", ".join(article.topics)
    return item


def write_csljson(job: Job, path: Path) -> None:
    """Write the articles as a CSL-JSON array (what Zotero and pandoc's citeproc read)."""
    items = [csl_item(article, job.paper) for article in job.each()]
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
