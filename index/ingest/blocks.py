"""Headline blocks and paragraph layout: which line is the title, how paragraphs are wrapped."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from index.ingest import bylines
from index.ingest.lines import Kind, Line

_DASH = re.compile(r"^\s*(?:——|—|--|－－|─)+\s*")


# A line naming a place or an organisation is a kicker (引题) rather than the title.
_ENTITY = re.compile(
    r"(?:街道|社区|小区|村|乡|镇|中心|学校|小学|中学|幼儿园|医院|公司|委员会|局|所|站|馆|院)$"
)


def _weight(text: str) -> int:
    """How title-like a headline line is: its length, less if it only names a place or body."""
    n = len(re.sub(r"[\s“”‘’\"'《》「」]", "", text))
    return n - 8 if _ENTITY.search(text) else n


_QUOTED = re.compile(r"[“「『\"].+[”」』\"]")
_SLOGAN = re.compile(r"^[\u4e00-\u9fff“”]{3,10}(?:\s+[\u4e00-\u9fff“”]{3,10})+$")
_COLUMN_LABEL = re.compile(r"(?:>{2,}|》{2,}|[▶►▷→]+|[■□●◆]+)\s*$")
_ENDS_TITLE = re.compile(r"(?:——|－－|--|[:：])$")


def _kicker_first(first: str, second: str, lines: int = 2) -> bool:
    """Whether the first of two unmarked headline lines is a kicker (引题) over the title.

    The first line is the title (the second a subtitle) unless it is a column label, only names a
    place or body, asks or exclaims, introduces a quotation (``某某：…``), is a two-phrase slogan
    (two-line blocks only), or the second line is a quotation or
    an exclamation (a headline quoting someone, under a line that says who and where).

    Args:
        first: The first headline line.
        second: The second headline line.
        lines: How many headline lines come before the subtitle.
    """
    if _COLUMN_LABEL.search(first):
        return True  # a column label over the title: 帮忙>>>, 求助▶
    if _ENDS_TITLE.search(first):
        return False  # "外交部发言人——" / "某某表示：" lead into the line below but are the title
    if "，" in second and len(second) >= 16:
        return False  # a sentence-like second line is a summary subtitle
    if _ENTITY.search(first) and len(first) <= 12:
        return True
    core = first.rstrip("”’」』）) ")
    if core.endswith(("？", "?", "！", "!")) or re.search(r"[:：].", first):
        return True
    if lines == 2 and _SLOGAN.match(first):
        return True  # a two-phrase slogan over the title: 擦亮天际线 守牢安全关
    tail = second.rstrip("”’」』 ")
    return bool(_QUOTED.search(second) and not _QUOTED.search(first)) or tail.endswith(("！", "!", "？", "?"))


def headline(heads: list[Line]) -> tuple[str, str, str, int]:
    """Split a headline block into (kicker, title, subtitle, title level)."""
    texts = [h.text for h in heads]
    sub = next((k for k, t in enumerate(texts) if k and _DASH.match(t)), len(texts))
    cands = list(range(sub))
    marked = [k for k in cands if heads[k].level]
    if marked and len(marked) < len(cands):
        cands = marked
    if marked:
        top = min(heads[k].level for k in cands)
        cands = [k for k in cands if heads[k].level == top]
    if marked or len(cands) < 2:
        t = max(cands, key=lambda k: (_weight(texts[k]), -k))
    else:
        t = cands[1] if _kicker_first(texts[cands[0]], texts[cands[1]], len(cands)) else cands[0]
    subtitle = " ".join(_DASH.sub("", x) for x in texts[t + 1 :])
    return " ".join(texts[:t]), _DASH.sub("", texts[t]), subtitle, heads[t].level


@dataclass(frozen=True)
class Layout:
    """How paragraphs are laid out in the file (found from the lines themselves)."""

    indented: bool = False  # paragraphs start with indentation; unindented lines continue them
    width: int = 0  # hard-wrapped at this many characters (0: not hard-wrapped)

    def continues(self, prev: Line, line: Line) -> bool:
        """Whether ``line`` directly under ``prev`` (no blank line) continues the same paragraph."""
        if line.blanks:
            return False
        if self.indented and not line.indent:
            return True
        return bool(self.width) and len(prev.text) >= self.width - 1

    def retag(self, lines: list[Line]) -> None:
        """Headline-shaped lines that are really pieces of a wrapped paragraph become text."""
        for i in range(1, len(lines)):
            line, prev = lines[i], lines[i - 1]
            if line.kind is not Kind.HEAD or line.level or line.flush:
                continue
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            cut = bool(self.width) and len(line.text) >= self.width - 1 and nxt is not None and not nxt.blanks
            if cut or (prev.kind is Kind.TEXT and self.continues(prev, line)):
                line.kind = Kind.TEXT


def detect_layout(lines: list[Line]) -> Layout:
    """Find indentation-marked paragraphs and hard wrapping (most lines cut at one width)."""
    texts = [ln for ln in lines if ln.kind is not Kind.HEAD and len(ln.text) > 8]
    indented = bool(texts) and sum(ln.indent for ln in texts) >= 0.5 * len(texts)
    flow = (Kind.TEXT, Kind.HEAD)
    followed = [a for a, b in itertools.pairwise(lines) if not b.blanks and a.kind in flow and b.kind in flow]
    width = 0
    if len(followed) >= 5:
        length, count = Counter(len(ln.text) for ln in followed).most_common(1)[0]
        if length >= 12 and count >= 0.4 * len(followed):
            width = length
    return Layout(indented=indented, width=width)


def find_captions(lines: list[Line]) -> dict[int, int]:
    """Credit line index → index of the caption line printed just before it.

    A short text line right above a credit is its caption; a headline-shaped one (no full stop) only
    when it stands under a headline after a picture gap (two or more blank lines).
    """
    out: dict[int, int] = {}
    for i, ln in enumerate(lines):
        credit = bylines.parse_credit(ln.text) if ln.kind is Kind.CREDIT else None
        if credit is None or credit.caption or i == 0 or (i - 1) in out.values():
            continue
        prev = lines[i - 1]
        short_text = prev.kind is Kind.TEXT and (len(prev.text) <= 100 or prev.blanks >= 2)
        # a headline-shaped caption (no full stop) only under a headline and after a picture gap
        head_caption = (
            i >= 2 and prev.kind is Kind.HEAD and prev.blanks >= 2 and lines[i - 2].kind is Kind.HEAD
        )
        if short_text or head_caption:
            out[i] = i - 1
    return out
