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
    r"本报讯|本报[^\s，。]{0,12}[讯电]|[（(]?(?:本报|首席|特约|实习|见习)?记者|通讯员|责任编辑|本版责编|版式设计)"
)


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


def wrap_width(lines: list[Physical]) -> int:
    """The fixed width the text is hard-wrapped at (in characters), or 0 if it is not wrapped.

    A wrapped text has most of its lines, among those followed directly by another line, at one
    length (with or without the indentation); at least five such lines and 30 % of the long ones.
    """
    followed = [a for a, b in itertools.pairwise(lines) if not b.blanks]
    if len(followed) < 5:
        return 0
    counts: Counter[int] = Counter()
    for ln in followed:
        counts[len(ln.body)] += 1
        if ln.indent:
            counts[len(ln.raw)] += 1
    long_lines = sum(1 for ln in followed if len(ln.body) >= 12)
    if not counts or not long_lines:
        return 0
    width, count = max(counts.items(), key=lambda kv: (kv[1], kv[0]))
    if width < 12 or count < 5 or count < 0.3 * long_lines:
        return 0
    return width


def _full(ln: Physical, width: int) -> bool:
    return max(len(ln.body), len(ln.raw)) >= width - 1


def _closed(text: str) -> bool:
    core = text.rstrip(_CLOSERS + " ")
    return not core or core[-1] in _ENDS


def continues(prev: Physical, ln: Physical, width: int, indented: bool) -> bool:
    """Whether ``ln`` is the next piece of the hard-wrapped paragraph ``prev`` ends."""
    if not width or ln.blanks or not _full(prev, width):
        return False
    if indented and ln.indent:
        return False  # a new paragraph
    body = ln.body
    if _STARTER.match(body):
        return False
    # a short unfinished line (no comma: not a clause) under a finished paragraph is a heading
    heading = not _closed(body) and len(body) < 0.8 * width and not any(c in body for c in "，、,")
    return not (_closed(prev.body) and heading)


def join_wrapped(lines: list[Physical]) -> tuple[list[Physical], int]:
    """Join hard-wrapped paragraph pieces; returns the joined lines and the wrap width (0: none)."""
    width = wrap_width(lines)
    if not width:
        return lines, 0
    indented = sum(1 for ln in lines if ln.indent) >= 0.1 * len(lines)
    out: list[Physical] = []
    last: Physical | None = None  # the last physical piece of out[-1]
    for ln in lines:
        if out and last is not None and continues(last, ln, width, indented):
            joined = out[-1]
            out[-1] = Physical(joined.no, joined.raw + ln.body, joined.blanks)
        else:
            out.append(Physical(ln.no, ln.raw, ln.blanks))
        last = ln
    logger.debug("hard-wrapped at %d characters: %d lines → %d", width, len(lines), len(out))
    return out, width
