"""Article drafts while the parser reads, and the last pass over them: trailing bylines, fragments.

The last pass keeps every article that has text or a photo, drops repeated paragraphs, takes a
byline printed at the end of the last paragraph, and flags fragments: an article without a title
(its text goes to the unassigned blocks instead: no article has an empty title), one whose text
starts mid-sentence, and an unsigned article that starts after a photo in a paper whose articles
(nearly) all carry a dateline or byline. Warnings name the class of problem and the line.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from index.i18n import _
from index.ingest import bylines
from index.ingest.lines import BAD_START, Line
from index.models import ParsedArticle

logger = logging.getLogger(__name__)

_SIGNED_SHARE = 0.85
# An author line under a headline: 任寰宇 / ◆ 韩浩月 / 文/付秀宏 / 许瓒 北京市第一七一中学 初三（20）班
_AUTHOR = re.compile(
    r"^(?:[◆◇■□●★☆]\s*)?(?:文\s*[/／]\s*)?[\u4e00-\u9fff·]{2,10}(?:\s+[^。，！？：]{1,30})?$"
    r"|^[^，。！？：]{2,24}(?:研究员|教授|主任|院长|所长|会长|大使|专家|学者|评论员|主编|作家)\s+[\u4e00-\u9fff·]{2,4}$"
)


@dataclass
class Draft:
    """An article being read, with what the parser knows about it."""

    article: ParsedArticle
    level: int = 0  # '#' level of the title, 0 if unmarked
    dateline: bool = False
    attributed: bool = False  # a dateline or byline was seen
    closed: bool = False  # a closing byline was seen
    open: bool = False  # the last paragraph continues in the next text line
    last: Line | None = None  # the line that ended the last paragraph
    subheads: list[int] = field(default_factory=list)
    heads: list[Line] = field(default_factory=list)  # the headline block
    lead: int = 0  # paragraphs at the start of the body that are lead-photo captions
    reopened: bool = False  # a sub-story went on after a closing byline
    page_no: int = 0  # how many page labels came before the article
    start: int = -1  # 0-based line number of its first line
    byline: Line | None = None  # the closing byline line, while nothing followed it
    ended: bool = False  # a dated closing note (（本报平壤6月19日电）) ended the report


@dataclass
class Leftover:
    """Text that belongs to no article, and why (for the warning)."""

    text: str
    why: str  # "" for page furniture (masthead, editor lines): kept without a warning
    line: Line | None = None
    first: int = -1  # 0-based line number where the block starts (-1: not known)


@dataclass
class ParseResult:
    """Articles, unassigned text blocks and warnings of one edition."""

    articles: list[ParsedArticle]
    unassigned: list[str]
    warnings: list[str]


def at(no: int) -> str:
    """`` (line N)`` for a 0-based line number, empty when it is not known."""
    return _(" (line {line})").format(line=no + 1) if no >= 0 else ""


def _trailing_byline(d: Draft) -> None:
    art = d.article
    last, trailing = bylines.split_trailing_byline(art.paragraphs[-1] if art.paragraphs else "")
    if trailing:
        if last.endswith(("）", ")")) or not bylines.bare_trailing(art.paragraphs[-1]):
            art.paragraphs[-1] = last  # （记者 A）: the byline leaves the text; a bare one stays
        art.reporters += [n for n in trailing.reporters if n not in art.reporters]
        art.correspondents += [n for n in trailing.correspondents if n not in art.correspondents]
        d.attributed = True


def _first_text(d: Draft) -> str:
    """The first paragraph after the lead-photo captions."""
    paras = d.article.paragraphs
    return paras[min(d.lead, len(paras) - 1)] if paras else ""


def finish(drafts: list[Draft], leftovers: list[Leftover], warnings: list[str]) -> ParseResult:
    """The parse result: kept articles with fragment flags, unassigned blocks, warnings."""
    kept: list[Draft] = []
    for d in drafts:
        art = d.article
        art.paragraphs = list(dict.fromkeys(p.strip() for p in art.paragraphs if p.strip()))
        _trailing_byline(d)
        if not art.title:  # never an article without a title: its text is unassigned
            for text in art.paragraphs + [c.text for c in art.captions]:
                leftovers.append(Leftover(text, _("text without a headline"), None, d.start))
        elif art.paragraphs or art.captions:
            kept.append(d)
        else:
            for text in (art.kicker, art.title, art.subtitle):
                if text:
                    leftovers.append(Leftover(text, _("headline without text"), None, d.start))
    for d in kept:
        if _AUTHOR.match(_first_text(d)):
            d.attributed = True  # an author line opens a column or commentary
    signed = sum(d.attributed for d in kept)
    others = len(kept) - 1
    for d in kept:
        art = d.article
        first = _first_text(d)
        bad_start = bool(first) and first[0] in BAD_START
        unsigned_alone = others >= 3 and not d.attributed and signed >= _SIGNED_SHARE * others and d.lead > 0
        art.fragment = bad_start or unsigned_alone
        if art.fragment:
            warnings.append(
                _("fragment{at}: the beginning of “{title}” is missing").format(
                    at=at(d.start), title=art.title
                )
            )
    for left in leftovers:
        if left.why:
            warnings.append(
                _("unassigned text{at} ({why}): {text}").format(
                    at=at(left.first), why=left.why, text=left.text[:30]
                )
            )
    for w in warnings:
        logger.debug("parse warning: %s", w)
    return ParseResult([d.article for d in kept], [left.text for left in leftovers], warnings)
