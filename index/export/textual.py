"""Text formats: Markdown, plain text, CSV (UTF-8 with BOM for Excel) and JSON."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

from index.export.citation import (
    FRAGMENT_NOTE,
    caption_line,
    citation,
    display_title,
    paper_name,
    people,
    placement,
)
from index.export.job import Job
from index.models import ArticleRecord

LIST_SEPARATOR = "、"  # inside one CSV cell: 古城街道、新华街道

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "date",
    "edition",
    "section",
    "page",
    "title",
    "kicker",
    "subtitle",
    "reporters",
    "streets",
    "topics",
    "citation",
    "body",
)


def collection_title(job: Job) -> str:
    """Heading of a whole export, e.g. ``《平城区报》文章选辑（共 3 篇）``."""
    name = paper_name(job.paper)
    paper = f"《{name}》" if name else ""
    return f"{paper}文章选辑（共 {job.total} 篇）"


# -- Markdown ---------------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+)([.)]?)(?=\s|$)")


def md_escape(text: str) -> str:
    """Escape what Markdown would read as markup, so the text shows as printed."""
    text = _MD_INLINE.sub(r"\\\1", text)

    def marker(m: re.Match[str]) -> str:
        lead, mark, dot = m.groups()
        if mark.isdigit():  # "1. " is a list item: escape the dot ("1\. ")
            return f"{lead}{mark}\\{dot}" if dot else m.group(0)
        return f"{lead}\\{mark}"

    return _MD_LINE_START.sub(marker, text)


def _markdown_article(article: ArticleRecord, paper: str) -> list[str]:
    lines: list[str] = []
    if article.kicker:
        lines += [md_escape(article.kicker), ""]
    lines += [f"## {md_escape(display_title(article))}", ""]
    if article.subtitle:
        lines += [f"**——{md_escape(article.subtitle)}**", ""]
    lines += [f"> {md_escape(citation(article, paper))}", ""]
    meta = [
        ("日期", article.date.isoformat()),
        ("版面", placement(article)),
        ("作者", people(article, photographers=True)),
        ("街道", LIST_SEPARATOR.join(article.streets)),
        ("主题", LIST_SEPARATOR.join(article.topics)),
    ]
    lines += [f"- {label}：{md_escape(value)}" for label, value in meta if value]
    lines.append("")
    if article.fragment:
        lines += [f"*{md_escape(FRAGMENT_NOTE)}*", ""]
    for paragraph in article.paragraphs:
        lines += [md_escape(paragraph), ""]
    for caption in article.captions:
        lines += [f"*图：{md_escape(caption_line(caption))}*", ""]
    return lines


def write_markdown(job: Job, path: Path) -> None:
    """Write the job's articles to ``path`` as one Markdown document."""
    lines = [f"# {md_escape(collection_title(job))}", ""]
    for article in job.each():
        lines += ["---", ""]
        lines += _markdown_article(article, job.paper)
    path.write_text("\n".join(lines), encoding="utf-8")


# -- plain text -------------------------------------------------------------------------------------

RULE = "=" * 40


def _text_article(article: ArticleRecord, paper: str) -> list[str]:
    lines = [RULE]
    if article.kicker:
        lines.append(article.kicker)
    lines.append(display_title(article))
    if article.subtitle:
        lines.append(f"——{article.subtitle}")
    byline = people(article, photographers=True)
    if byline:
        lines.append(byline)
    lines += [f"出处：{citation(article, paper)}", ""]
    if article.fragment:
        lines += [FRAGMENT_NOTE, ""]
    for paragraph in article.paragraphs:
        lines += [paragraph, ""]
    for caption in article.captions:
        lines += [f"［图］{caption_line(caption)}", ""]
    return lines


def write_text(job: Job, path: Path) -> None:
    """Write the job's articles to ``path`` as plain UTF-8 text."""
    lines = [collection_title(job), ""]
    for article in job.each():
        lines += _text_article(article, job.paper)
    path.write_text("\n".join(lines), encoding="utf-8")


# -- CSV ---------------------------------------------------------------------------------------------


def _csv_row(article: ArticleRecord, paper: str) -> list[str]:
    return [
        str(article.id),
        article.date.isoformat(),
        article.edition_name,
        article.section or "",
        "" if article.page is None else str(article.page),
        article.title,
        article.kicker,
        article.subtitle,
        LIST_SEPARATOR.join(article.reporters),
        LIST_SEPARATOR.join(article.streets),
        LIST_SEPARATOR.join(article.topics),
        citation(article, paper),
        article.body,
    ]


def write_csv(job: Job, path: Path) -> None:
    """Write the job's articles to ``path`` as CSV, one row each, with a BOM for Excel."""
    # utf-8-sig writes the BOM Excel needs to read the file as UTF-8 rather than the ANSI code page.
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(CSV_COLUMNS)
        for article in job.each():
            writer.writerow(_csv_row(article, job.paper))


# -- JSON --------------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, frozenset | set):
        return sorted(_jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def article_dict(article: ArticleRecord, paper: str) -> dict[str, Any]:
    """Every field of the record (lists for tuples, ISO dates) plus ``paper`` and ``citation``."""
    data: dict[str, Any] = _jsonable(article)
    data["paper"] = paper_name(paper)
    data["citation"] = citation(article, paper)
    return data


def write_json(job: Job, path: Path) -> None:
    """Write the job's articles to ``path`` as a JSON list of objects."""
    items = [article_dict(article, job.paper) for article in job.each()]
    path.write_text(json.dumps(items, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
