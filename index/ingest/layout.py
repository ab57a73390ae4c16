"""Physical lines → logical lines: hard-wrapped paragraphs joined, indentation and blank lines read.

Exports lay paragraphs out in three ways, often mixed with headings that are never indented:

* one paragraph per line, separated by blank lines (or not);
* full-width indentation (``　　``) opens each paragraph;
* hard wrapping at a fixed width: most lines have the same length (counted with or without the
  indentation) and a paragraph ends with a shorter line.

:func:`physical_lines` reads the lines, :func:`wrap_width` finds a fixed wrap width, and
:func:`join_wrapped` joins the pieces of wrapped paragraphs so that later stages see one line per
paragraph, heading or label.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

logger = logging.getLogger(__name__)

_RULE = re.compile(r"^[\s\-=_*~—－·•.。…]{3,}$")
_CLOSERS = "”’」』）)》〉】\"'"
_ENDS = "。！？!?；;…"
# A line that starts a new unit even directly under a full-width line.
_STARTER = re.compile(
    r"^(?:[#＃]|第\s*[0-9一二三四五六七八九十]+(?:\s*[/／、-]\s*[0-9一二三四五六七八九十]+)?\s*版|"
    r"本报讯|本报[^\s，。通]{0,12}[讯电]|责任编辑|本版责编|版式设计)"
)
# Where paragraphs are indented, a byline of its own is indented too: a flush one under a full
# line is the paragraph's last piece (…扫码失败。本报通讯员 马桥 记者 鲁哲, cut by the wrap).
_BYLINE_START = re.compile(r"^[（(]?(?:本报|首席|特约|实习|见习)?(?:记者|通讯员)")


@dataclass
class Physical:
    """One non-blank line as it stands in the file."""

    no: int  # 0-based line number
    raw: str  # the line without trailing spaces
    blanks: int  # blank lines (or rules) before it
    indent: int = field(init=False)  # leading spaces (a full-width space was normalised to one)
    body: str = field(init=False)  # the line without its indentation

    def __post_init__(self) -> None:
        self.body = self.raw.strip()
        self.indent = len(self.raw) - len(self.raw.lstrip(" "))


def physical_lines(text: str) -> list[Physical]:
    """The non-blank lines of normalised text, with the number of blank lines before each."""
    out: list[Physical] = []
    blanks = 0
    for no, raw in enumerate(text.split("\n")):
        stripped = raw.strip()
        if not stripped or _RULE.match(stripped):
            blanks += 1
            continue
        out.append(Physical(no, raw.rstrip(), blanks))
        blanks = 0
    return out


def columns(text: str) -> int:
    """Display width: two columns for CJK characters and full-width forms, one for ASCII."""
    return (len(text.encode("utf-8")) + len(text)) // 2


@dataclass(frozen=True)
class Wrap:
    """A fixed wrap width, counted in characters or in display columns."""

    width: int = 0
    in_columns: bool = False

    def __bool__(self) -> bool:
        return self.width > 0

    def size(self, text: str) -> int:
        """The length of ``text`` in this wrap's unit."""
        return columns(text) if self.in_columns else len(text)

    def size_indented(self, ln: Physical) -> int:
        """The length of the line with its indentation (a full-width space is two columns)."""
        return self.size(ln.body) + ln.indent * (2 if self.in_columns else 1)


def wrap_width(lines: list[Physical]) -> Wrap:
    """The fixed width the text is hard-wrapped at, in characters or display columns (0: not wrapped).

    A wrapped text has most of its lines, among those followed directly by another line, at one
    length (with or without the indentation); at least five such lines and 30 % of the long ones.
    A wrap by display columns (CJK counting two) shows as one column count where mixed ASCII makes
    the character counts differ; the unit whose commonest length is commoner wins.
    """
    followed = [a for a, b in itertools.pairwise(lines) if not b.blanks]
    if len(followed) < 5:
        return Wrap()
    long_lines = sum(1 for ln in followed if len(ln.body) >= 12)
    if not long_lines:
        return Wrap()
    best = Wrap()
    best_count = 0
    for in_columns in (False, True):
        unit = Wrap(1, in_columns)
        counts: Counter[int] = Counter()
        for ln in followed:
            counts[unit.size(ln.body)] += 1
            if ln.indent:
                counts[unit.size_indented(ln)] += 1
        if in_columns:  # a wide character that does not fit leaves the line one column short
            counts = Counter({w: counts[w] + counts[w - 1] for w in list(counts)})
        width, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
        if count > best_count and width >= 12 * (1 + in_columns):
            best, best_count = Wrap(width, in_columns), count
    if best_count < 5 or best_count < 0.3 * long_lines:
        return Wrap()
    return best


def _full(ln: Physical, wrap: Wrap) -> bool:
    return wrap.size_indented(ln) >= wrap.width - 1 - wrap.in_columns


def _closed(text: str) -> bool:
    core = text.rstrip(_CLOSERS + " ")
    return not core or core[-1] in _ENDS


def _heading_shaped(ln: Physical, wrap: Wrap) -> bool:
    return not ln.indent and not _closed(ln.body) and wrap.size(ln.body) < 0.8 * wrap.width


def continues(prev: Physical, ln: Physical, wrap: Wrap, indented: bool, nxt: Physical | None = None) -> bool:
    """Whether ``ln`` is the next piece of the hard-wrapped paragraph ``prev`` ends.

    Not when ``ln`` is indented (a new paragraph), longer than the width (never wrapped: a heading
    or a one-line paragraph), or opens with a label, dateline or byline. Under a full line that
    ends a sentence, a short unfinished line is a heading when it is not a clause (no comma) or
    when another such line follows it (a headline block); otherwise it ends the paragraph.
    """
    if not wrap or ln.blanks or not _full(prev, wrap):
        return False
    if (indented and ln.indent) or wrap.size(ln.body) > wrap.width + 1 + wrap.in_columns:
        return False
    body = ln.body
    if _STARTER.match(body):
        return False
    if _BYLINE_START.match(body):
        return indented  # flush where bylines are indented: the wrapped paragraph's last piece
    if not _closed(prev.body) or not _heading_shaped(ln, wrap):
        return True
    clause = any(c in body for c in "，、,")
    block = nxt is not None and not nxt.blanks and _heading_shaped(nxt, wrap)
    return clause and not block


def join_wrapped(lines: list[Physical]) -> tuple[list[Physical], Wrap]:
    """Join hard-wrapped paragraph pieces; returns the joined lines and the wrap (falsy: none)."""
    wrap = wrap_width(lines)
    if not wrap:
        return lines, wrap
    indented = sum(1 for ln in lines if ln.indent) >= 0.1 * len(lines)
    out: list[Physical] = []
    last: Physical | None = None  # the last physical piece of out[-1]
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        if out and last is not None and continues(last, ln, wrap, indented, nxt):
            joined = out[-1]
            out[-1] = Physical(joined.no, joined.raw + ln.body, joined.blanks)
        else:
            out.append(Physical(ln.no, ln.raw, ln.blanks))
        last = ln
    unit = "columns" if wrap.in_columns else "characters"
    logger.debug("hard-wrapped at %d %s: %d lines → %d", wrap.width, unit, len(lines), len(out))
    return out, wrap
