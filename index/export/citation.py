"""The citation line and the small labels every export format shares.

One citation style everywhere, the newspaper form of GB/T 7714-2015 (信息与文献 参考文献著录规则)::

    邸东芳, 郑林, 张三. 平城区票决区政府2026年10件民生实事项目[N]. 平城区报, 2026-01-05(1).

Authors (reporters, then correspondents; more than three: the first three and ``等``), title with
the document type ``[N]``, paper, ISO date and the page (版次) in brackets when known. The reader's
"copy citation" button and every export format use :func:`citation`.
"""

from __future__ import annotations

import datetime as dt
import re

from index.models import ArticleRecord, Caption

DEFAULT_PAPER = "平城区报"
MAX_GBT_AUTHORS = 3  # GB/T 7714-2015 8.1.2: the first three authors, then "等"

# An edition name worth citing: an issue number such as "第2期" or "总第1234期". Names that only
# repeat the date ("2026-01-05") or look like file names are left out.
_ISSUE_NAME = re.compile(r"^(总)?第\s*[0-9０-９一二三四五六七八九十百千零〇]+\s*期")


def date_cn(day: dt.date) -> str:
    """``2026年1月5日`` (no leading zeros, as printed in Chinese papers)."""
    return f"{day.year}年{day.month}月{day.day}日"


def page_label(page: int | None) -> str:
    """``第2版`` for page 2, empty when the page is unknown."""
    return f"第{page}版" if page is not None else ""


def placement(article: ArticleRecord) -> str:
    """Section and page, e.g. ``平城头条 第2版``; a section that already names the page is not doubled."""
    section = (article.section or "").strip()
    page = page_label(article.page)
    if page and page in section:
        page = ""
    return " ".join(part for part in (section, page) if part)


def issue_label(article: ArticleRecord) -> str:
    """The edition's issue number when its name is one (``第2期``), else empty."""
    name = article.edition_name.strip()
    return name if _ISSUE_NAME.match(name) else ""


def quoted_title(title: str) -> str:
    """``《title》`` with nested book-title marks turned into 〈〉; empty for an empty title."""
    title = title.strip()
    if not title:
        return ""
    return "《" + title.replace("《", "〈").replace("》", "〉") + "》"


def people(article: ArticleRecord, *, photographers: bool = False) -> str:
    """``记者 A、B 通讯员 C`` (and ``摄影 D`` when asked); empty when nobody is named."""
    groups = [("记者", article.reporters), ("通讯员", article.correspondents)]
    if photographers:
        groups.append(("摄影", article.photographers))
    return " ".join(f"{label} {'、'.join(names)}" for label, names in groups if names)


def paper_name(paper: str) -> str:
    """The paper's name without surrounding 《》 or blanks."""
    return paper.strip().strip("《》").strip()


def authors(article: ArticleRecord) -> list[str]:
    """The article's authors in byline order: reporters, then correspondents (no one twice)."""
    seen: list[str] = []
    for name in (*article.reporters, *article.correspondents):
        name = name.strip()
        if name and name not in seen:
            seen.append(name)
    return seen


def gbt_authors(names: list[str]) -> str:
    """Authors as GB/T 7714-2015 lists them: up to three joined by ``, ``, more as ``A, B, C, 等``."""
    if len(names) > MAX_GBT_AUTHORS:
        return ", ".join([*names[:MAX_GBT_AUTHORS], "等"])
    return ", ".join(names)


def citation(article: ArticleRecord, paper: str = DEFAULT_PAPER) -> str:
    """The GB/T 7714-2015 reference of one newspaper article.

    Args:
        article: The article as stored in the catalog (librarian edits applied).
        paper: The newspaper's name; surrounding 《》 are optional.

    Returns:
        ``作者. 题名[N]. 报纸名, 出版日期(版次).``, e.g.
        ``邸东芳. 平城区票决区政府2026年10件民生实事项目[N]. 平城区报, 2026-01-05(1).``; the
        author part is left out when nobody is named, ``(版次)`` when the page is unknown.
    """
    names = gbt_authors(authors(article))
    head = f"{names}. " if names else ""
    title = display_title(article)
    page = f"({article.page})" if article.page is not None else ""
    return f"{head}{title}[N]. {paper_name(paper) or DEFAULT_PAPER}, {article.date.isoformat()}{page}."


def caption_line(caption: Caption) -> str:
    """A caption with its credit: ``text（张三 摄）`` or ``text（图片由某小学提供）``."""
    credits = []
    if caption.photographer:
        credits.append(f"{caption.photographer} 摄")
    if caption.credit:
        credits.append(f"图片由{caption.credit}提供")
    suffix = f"（{'，'.join(credits)}）" if credits else ""
    return caption.text.strip() + suffix


def display_title(article: ArticleRecord) -> str:
    """The title to print as a heading; a headless fragment gets a placeholder."""
    if article.title.strip():
        return article.title.strip()
    return "（无标题）"


FRAGMENT_NOTE = "（本文开头在原版中缺失，以下为保存下来的部分。）"
