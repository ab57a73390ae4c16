"""The citation line and the small labels every export format shares.

One citation style everywhere, missing parts left out::

    《平城区报》2026年1月5日 平城头条 第2版，《标题》，记者 邸东芳、郑林 通讯员 张三

Paper and date, then where it was printed (section, page), then the title in 《》 (any 《》 inside
the title become 〈〉, as Chinese usage wants for nested titles), then who wrote it.
"""

from __future__ import annotations

import datetime as dt
import re

from index.models import ArticleRecord, Caption

DEFAULT_PAPER = "平城区报"

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


def citation(article: ArticleRecord, paper: str = DEFAULT_PAPER) -> str:
    """The citation line of one article.

    Args:
        article: The article as stored in the catalog (librarian edits applied).
        paper: The newspaper's name; surrounding 《》 are optional.

    Returns:
        One line, e.g. ``《平城区报》2026年1月5日 平城头条 第2版，《标题》，记者 邸东芳``. Parts that
        are unknown (section, page, title, reporters) are left out with their separators.
    """
    name = paper_name(paper)
    head_parts = [f"《{name}》{date_cn(article.date)}" if name else date_cn(article.date)]
    head_parts += [part for part in (issue_label(article), placement(article)) if part]
    pieces = [" ".join(head_parts), quoted_title(article.title), people(article)]
    return "，".join(piece for piece in pieces if piece)


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
