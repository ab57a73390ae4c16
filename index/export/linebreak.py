"""Line breaking for Chinese text (with Latin words and numbers kept whole) for the PDF writer.

Rules (the common subset of GB/T 15834 and JIS X 4051 "kinsoku" practice):

* a line may break between any two Chinese characters;
* runs of Latin letters and digits (``2026``, ``361.9``, ``PM2.5``) are not split unless a run alone
  is wider than the line;
* closing punctuation (，。、；：？！）》” …) never starts a line: the character before it moves down
  with it;
* opening punctuation (（《“ …) never ends a line: it moves down to the word it opens;
* spaces at a break disappear.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NO_LINE_START = frozenset("，。、；：？！）》」』”’〉】〕｝…—·%‰,.;:?!)]}>℃")
NO_LINE_END = frozenset("（《「『“‘〈【〔｛([{<")

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:%/+_'&@-]*[A-Za-z0-9%]|[A-Za-z0-9]|\s+|.", re.S)

Width = Callable[[str], float]


def tokens(text: str) -> list[str]:
    """Split into unbreakable pieces: Latin/number runs, whitespace runs, single other characters."""
    return _TOKEN.findall(text)


def _split_long(token: str, width: Width, avail: float) -> list[str]:
    pieces: list[str] = []
    current = ""
    for ch in token:
        if current and width(current + ch) > avail:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, width: Width, max_width: float, first_indent: float = 0.0) -> list[str]:
    """Break one paragraph into lines no wider than ``max_width``.

    Args:
        text: The paragraph (no newlines expected; any are treated as spaces).
        width: Width of a string in the caller's unit.
        max_width: Available line width.
        first_indent: Space taken at the start of the first line (a two-character indent).

    Returns:
        The lines, without the spaces at the breaks. Every line holds at least one token, so a
        character wider than the line still makes progress instead of looping.
    """
    lines: list[list[str]] = []
    line: list[str] = []
    used = 0.0
    pending = tokens(text.replace("\n", " "))
    pending.reverse()  # pop() from the end = next token

    def avail() -> float:
        return max_width - (first_indent if not lines else 0.0)

    def flush() -> None:
        nonlocal line, used
        while line and line[-1].isspace():
            line.pop()
        lines.append(line)
        line, used = [], 0.0

    while pending:
        token = pending.pop()
        if token.isspace():
            if line:
                line.append(" ")
                used += width(" ")
            continue
        w = width(token)
        if used + w <= avail() or not line:
            if not line and w > avail() and len(token) > 1:
                pieces = _split_long(token, width, avail())
                pending.extend(reversed(pieces[1:]))
                token, w = pieces[0], width(pieces[0])
            line.append(token)
            used += w
            continue
        # The token does not fit: break before it, keeping punctuation rules.
        carry = [token]
        if token[0] in NO_LINE_START:
            # Take the last characters of the line down with it (at most 3, never the whole line).
            while len(line) > 1 and len(carry) < 4 and (carry[0][0] in NO_LINE_START):
                moved = line.pop()
                if moved.isspace():
                    break
                carry.insert(0, moved)
        while len(line) > 1 and line[-1] in NO_LINE_END:
            carry.insert(0, line.pop())
        flush()
        pending.extend(reversed(carry))
    if line or not lines:
        flush()
    return ["".join(parts) for parts in lines]
