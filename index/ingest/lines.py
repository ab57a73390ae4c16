"""Edition text → classified lines: headlines, subheads, labels, datelines, bylines, notes, credits.

The physical lines are first joined where the text is hard-wrapped (:mod:`index.ingest.layout`);
each logical line is then read once, its decoration removed (``#`` marks, separators), and given
one kind. The rules are about the shape of the line and its layout, not about any paper:

* a headline candidate is short, has no sentence punctuation at its end and no full stop inside;
  where paragraphs are indented and headings stand flush, any flush line that does not read as a
  sentence is one, and an indented headline-shaped line is an in-article ``SUBHEAD``;
* a section/page label is a short line such as ``平城头条``, ``要闻``, ``第2版：上海新闻``,
  ``第4/5版 新民印象/目击``, ``【综合新闻】`` or a label between separator rules (``—— 第3版 ——``);
* datelines, closing bylines, closing notes and photo credits are recognised by
  :mod:`index.ingest.bylines`;
* masthead and page-furniture lines (``星期一``, ``总第123期``, ``责任编辑：``, ``版式设计：``) are ``META``.
"""

from __future__ import annotations

import enum
import itertools
import logging
import re
from dataclasses import dataclass

from index.ingest import bylines, layout

logger = logging.getLogger(__name__)


class Kind(enum.Enum):
    """What a line of an edition is: text, headline, subhead, byline, credit and so on."""

    TEXT = "text"
    HEAD = "head"
    SUBHEAD = "subhead"
    ENDNOTE = "endnote"  # a closing note in parentheses: （本报平壤6月19日电）, （作者为…）  # an in-article subhead: indented where headlines are not (never a headline)
    SECTION = "section"
    DATELINE = "dateline"
    BYLINE = "byline"
    CREDIT = "credit"
    META = "meta"


@dataclass
class Line:
    """One non-blank line of the edition."""

    no: int  # 0-based line number in the text
    text: str  # without decoration
    kind: Kind = Kind.TEXT
    level: int = 0  # markdown heading level (number of #), 0 if unmarked
    blanks: int = 0  # blank lines before it
    indent: bool = False  # starts with indentation
    flush: bool = False  # unindented in a layout whose paragraphs are indented (a heading position)
    section: str = ""  # for SECTION lines: the label without its page part
    page: int | None = None  # for SECTION lines with a page number


TERMINAL = "。！？!?；;：:…"
_CLOSERS = "”’」』）)》〉】\"'"
_SENTENCE_PUNCT = "。，、；：,;:"
BAD_START = "，。、；：！？）》」』”’,.;:!?)"  # characters no heading or sentence starts with
_MARK = re.compile(r"^(?P<marks>[#＃]{1,6})\s*(?P<text>.*?)\s*[#＃]*$")
_SPACES = re.compile(r" {2,}")
_BOLD = re.compile(r"^\*\*(?P<text>[^*]+)\*\*$")
_RULED_LABEL = re.compile(r"^[\-=_*~—－]{2,}\s*(?P<text>[^\-=_*~—－]{1,20}?)\s*[\-=_*~—－]{2,}$")
_ENUM = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+[、.．](?!\d)|[①-⑳])"
)
_META = re.compile(
    r"[\d年月日]\s*(?:星期|周)[一二三四五六日天]|总第\s*\d+\s*期|^第\s*\d+\s*期$|CN\s*\d{2}\s*[-－]\s*\d{4}|邮发代号|"
    r"^[（(【]?\s*(?:本版)?(?:责任|美术|图片|文字)?(?:编辑|责编|编审)\s*[:：/／]|"
    r"^[（(【]?\s*(?:校对|美编|版式设计|版式|版面设计|组版|审读|照排|设计|制图)\s*[:：/／]|"
    r"^[（(]?(?:本版)?(?:责编|编辑)\s+[\u4e00-\u9fff]{2,4}[）)]?$|^[（(](?:上接|下转|转自|接)第?.{0,4}版[）)]$"
)
_PAGE = re.compile(
    r"第\s*(?P<n>[0-9一二三四五六七八九十〇零两]+)(?:\s*[/／、-]\s*[0-9一二三四五六七八九十〇零两]+)*\s*版|^(?P<m>[A-Da-d]?\d{1,2})\s*版|^(?P<a>[A-D]\d{1,2})(?=\s|$)"
)
_LABEL_SUFFIX = (
    "头条",
    "要闻",
    "新闻",
    "综合",
    "专题",
    "专版",
    "副刊",
    "时评",
    "评论",
    "言论",
    "理论",
    "视点",
    "特刊",
    "周刊",
    "专刊",
    "广告",
    "公告",
    "文艺",
    "快讯",
    "简讯",
    "资讯",
    "速递",
    "万象",
    "纵横",
    "视窗",
    "之窗",
    "园地",
    "专栏",
    "广角",
    "时讯",
    "短讯",
)
_LABEL_WORDS = frozenset(
    (
        "社会",
        "民生",
        "文化",
        "教育",
        "健康",
        "法治",
        "生活",
        "旅游",
        "经济",
        "党建",
        "人物",
        "体育",
        "财经",
        "国际",
        "国内",
        "本地",
        "动态",
        "观察",
        "关注",
        "聚焦",
        "一线",
        "天地",
        "图片",
        "影像",
        "科技",
        "农业",
        "城建",
        "政务",
        "时政",
    )
)
_CN_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}


def _cn_number(text: str) -> int | None:
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return _CN_DIGITS.get(tens, 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return _CN_DIGITS.get(text) if len(text) == 1 else None


def is_closed(text: str) -> bool:
    """Whether a paragraph ends where a paragraph can end (sentence punctuation, maybe quoted)."""
    core = text.rstrip(_CLOSERS + " ")
    return not core or core[-1] in TERMINAL


def section_label(text: str, ruled: bool = False) -> tuple[str, int | None] | None:
    """Return (label, page) if ``text`` is a section/page label, else None."""
    if len(text) > 24:
        return None
    core = re.sub(r"^[【〖\[■□●◆▲★☆\s]+|[】〗\]\s]+$", "", text).strip()
    if not core or any(p in core for p in "。，！？；"):
        return None
    page_m = _PAGE.search(core)
    if len(core.replace(" ", "")) > (24 if page_m and page_m.start() == 0 else 12):
        return None
    page: int | None = None
    if page_m:
        raw = page_m.group("n") or page_m.group("m") or page_m.group("a") or ""
        page = _cn_number(re.sub(r"^[A-Da-d]", "", raw))
        name = (core[: page_m.start()] + core[page_m.end() :]).strip(" ：:·-—|｜/")
        return (name or core, page)
    compact = bylines.fold(core.replace(" ", ""))
    if ruled or (compact.endswith(_LABEL_SUFFIX) and len(compact) <= 8) or compact in _LABEL_WORDS:
        return core, None
    return None


def is_heading(text: str, level: int) -> bool:
    """Whether a line is shaped like a headline (kicker, title, subtitle or subhead)."""
    n = len(text.replace(" ", ""))
    if level:
        return 0 < n <= 80
    if n == 0 or n > 40 or _ENUM.match(text) or text[0] in BAD_START or any(c in text for c in "。；;"):
        return False
    core = text.rstrip(_CLOSERS)
    if not core or core[-1] in TERMINAL + _SENTENCE_PUNCT:
        return False
    if re.match(r"——|－－|--", text):
        return True  # a subtitle: "——总结经验，把握规律"
    return text.count("，") + text.count(",") <= (1 if n <= 32 else 0)


def is_flush_heading(text: str) -> bool:
    """A flush line where paragraphs are indented: a heading unless it reads as a sentence."""
    n = len(text.replace(" ", ""))
    if n == 0 or n > 90 or text[0] in BAD_START or "。" in text:
        return False
    core = text.rstrip(_CLOSERS + " ")
    return bool(core) and core[-1] not in "。，、；;,"


def is_title_like(text: str) -> bool:
    """A text line that could still be a headline the shape rules missed (no sentence end, short)."""
    return 0 < len(text) <= 60 and "。" not in text and not is_closed(text)


def _decorations(raw: str) -> tuple[str, int, bool]:
    """Strip heading marks; return (text, level, ruled-label flag)."""
    text = raw.strip()
    m = _MARK.match(text)
    if m:
        return m.group("text"), len(m.group("marks")), False
    m = _BOLD.match(text)
    if m:
        return m.group("text").strip(), 1, False
    m = _RULED_LABEL.match(text)
    if m:
        return m.group("text"), 0, True
    return text, 0, False


def classify(text: str) -> list[Line]:
    """Split normalised edition text into classified non-blank lines (hard-wrapped lines joined)."""
    physical, _width = layout.join_wrapped(layout.physical_lines(text))
    out: list[Line] = []
    flags: list[bool] = []
    for p in physical:
        body, level, ruled = _decorations(p.raw)
        if "  " in body:
            body = _SPACES.sub(" ", body)
        out.append(Line(p.no, body, level=level, blanks=p.blanks, indent=p.indent > 0))
        flags.append(ruled)
    marks = indent_marks_paragraphs(out)
    for line, ruled in zip(out, flags, strict=True):
        line.flush = marks and not line.indent
        line.kind = _kind(line, ruled)
        if marks and line.indent and line.kind is Kind.HEAD and not line.level:
            line.kind = Kind.SUBHEAD
    for prev, line in itertools.pairwise(out):  # a flush byline tight under indented text ends it
        if marks and line.flush and line.kind is Kind.BYLINE and prev.kind is Kind.TEXT and not line.blanks:
            line.kind = Kind.TEXT
    for i in range(len(out) - 2, -1, -1):  # a subhead-shaped line right over a headline is its kicker
        nxt = out[i + 1]
        tight = nxt.kind is Kind.HEAD and (nxt.flush or nxt.level) and not nxt.blanks
        clause = "，" in out[i].text and len(out[i].text) > 16  # an unfinished paragraph, more likely
        if out[i].kind is Kind.SUBHEAD and tight and not clause:
            out[i].kind = Kind.HEAD
    _headline_neighbours(out)
    return out


def _headline_neighbours(lines: list[Line]) -> None:
    """Lines printed tight against a headline line (no blank line between) in a blank-line layout.

    A long kicker (``某某：…，…``) right above a headline, or an exclaiming or asking title
    (``不必恐慌，春天临近了！``) right below one, is part of the headline block, not body text.
    """
    if sum(1 for ln in lines if ln.blanks) < 0.5 * len(lines):
        return  # single line breaks: lines without a blank line between them say nothing
    for i, line in enumerate(lines):
        if line.kind is not Kind.TEXT or line.indent or not is_flush_heading(line.text):
            continue
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        prev = lines[i - 1] if i else None
        above = nxt is not None and not nxt.blanks and nxt.kind is Kind.HEAD and len(line.text) <= 64
        short = len(line.text) <= 30 or line.text.startswith(("——", "--", "－－"))
        below = prev is not None and not line.blanks and prev.kind is Kind.HEAD and short
        if above or below:
            line.kind = Kind.HEAD
    for i, line in enumerate(lines[1:], 1):  # a summary line under a flush headline (no blank line)
        prev = lines[i - 1]
        if line.kind is Kind.TEXT and line.flush and not line.blanks and prev.kind is Kind.HEAD:
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            if len(line.text) <= 150 and (nxt is None or nxt.blanks or nxt.indent):
                line.kind = Kind.HEAD


def _body_like(line: Line) -> bool:
    n = len(line.text)
    return n >= 40 or (n >= 12 and is_closed(line.text) and "。" in line.text)


def indent_marks_paragraphs(lines: list[Line]) -> bool:
    """Whether indentation opens paragraphs while headings stand flush (so flush lines are headings).

    True when most paragraph-like lines are indented and some other lines are not; when every
    line is indented (or none is) indentation says nothing.
    """
    body = [ln for ln in lines if _body_like(ln)]
    if len(body) < 2 or sum(ln.indent for ln in body) < 0.7 * len(body):
        return False
    flush = [ln for ln in lines if not ln.indent and not ln.level]
    return len(flush) >= 1 and len(flush) <= 0.6 * len(lines)


_LONGEST_SHORT = 240  # longer lines are never credits, labels, bylines, notes or headings


def _kind(line: Line, ruled: bool) -> Kind:
    text = line.text
    if not text:
        return Kind.META
    if len(text) > _LONGEST_SHORT:  # a long line: a paragraph, maybe opening with a dateline
        return Kind.DATELINE if bylines.parse_dateline(text) else Kind.TEXT
    if len(text) <= 60 and "。" not in text and "，" not in text and _META.search(bylines.fold(text)):
        return Kind.META
    if bylines.parse_credit(text):
        return Kind.CREDIT
    if bylines.parse_dateline(text):
        return Kind.DATELINE
    if bylines.is_endnote(text):
        return Kind.ENDNOTE  # （本报平壤6月19日电）, （记者 A、B）: printed as the body's last line
    if bylines.parse_closing(text):
        return Kind.BYLINE
    label = section_label(text, ruled)
    if label and (ruled or is_heading(text, line.level) or text.startswith(("【", "〖", "["))):
        line.section, line.page = label
        return Kind.SECTION
    if is_heading(text, line.level) or (line.flush and is_flush_heading(text)):
        return Kind.HEAD
    return Kind.TEXT
