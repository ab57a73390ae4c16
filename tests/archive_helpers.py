"""Small hand-made editions for the catalog, search and archive tests (text written for the tests)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from index.models import Caption, ParsedArticle, ParsedEdition


def article(
    title: str,
    *paragraphs: str,
    reporters: Sequence[str] = (),
    streets: Sequence[str] = (),
    topics: Sequence[str] = ("民生",),
    section: str | None = "要闻",
    kicker: str = "",
    subtitle: str = "",
    captions: Sequence[Caption] = (),
    fragment: bool = False,
    photographers: Sequence[str] = (),
) -> ParsedArticle:
    return ParsedArticle(
        title=title,
        kicker=kicker,
        subtitle=subtitle,
        section=section,
        reporters=list(reporters),
        photographers=list(photographers),
        captions=list(captions),
        paragraphs=list(paragraphs),
        streets=list(streets),
        streets_printed=list(streets),
        topics=list(topics),
        fragment=fragment,
    )


def edition(
    date: dt.date,
    articles: Sequence[ParsedArticle],
    *,
    name: str | None = None,
    unassigned: Sequence[str] = (),
) -> ParsedEdition:
    """A parsed edition whose hash follows its content (a changed edition has a new hash)."""
    content = json.dumps(
        [[a.title, a.kicker, a.subtitle, a.paragraphs, a.reporters, a.streets, a.topics] for a in articles],
        ensure_ascii=False,
    )
    return ParsedEdition(
        source_name=f"{date.isoformat()}.txt",
        sha256=hashlib.sha256(content.encode()).hexdigest(),
        date=date,
        name=name or date.isoformat(),
        articles=list(articles),
        unassigned=list(unassigned),
    )


def edition_text(articles: Sequence[tuple[str, str, str]]) -> str:
    """Raw edition text in the papers' layout: ``(title, reporter, body)`` per article."""
    parts = []
    for title, reporter, body in articles:
        parts.append(f"## {title}\n\n本报讯（记者 {reporter}）{body}\n")
    return "\n".join(parts)


def write_edition(folder: Path, date: dt.date, articles: Sequence[tuple[str, str, str]]) -> Path:
    path = folder / f"{date.isoformat()}.txt"
    path.write_text(edition_text(articles), encoding="utf-8")
    return path


# Sentences written for these tests; each article draws a few of them.
FILLER = (
    "社区工作人员逐户走访，了解居民的实际需求。",
    "活动现场气氛热烈，居民纷纷表示受益匪浅。",
    "下一步，街道将继续完善服务机制，推动工作落地见效。",
    "据了解，此次活动共发放宣传资料三百余份。",
    "区直各部门负责人参加会议并作表态发言。",
    "志愿者们耐心讲解相关政策，解答群众疑问。",
)
