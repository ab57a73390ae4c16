"""Highlighting as spans (character offsets), and the one renderer of spans to HTML.

The result list and the reader both mark :func:`spans` of the same terms, so a text is marked
the same way everywhere. Rules: plain substring search of the query's terms (longest first,
case-insensitive, no overlaps); when any term has two or more characters, single characters are
not marked (a lone ``化`` would light up inside every ``美化``); field terms (``记者:李满``) and
negated terms are never passed in.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Sequence
from functools import lru_cache

logger = logging.getLogger(__name__)

WIDTH = 110  # characters of text in a snippet
LEAD = 30  # characters shown before the first match

Span = tuple[int, int]


def marked_terms(terms: Sequence[str]) -> tuple[str, ...]:
    """The terms that are marked (see the module docstring), longest first."""
    kept = tuple(t.strip() for t in terms if t.strip() and ":" not in t and "：" not in t)
    if any(len(t) > 1 for t in kept):
        kept = tuple(t for t in kept if len(t) > 1)
    return tuple(sorted(set(kept), key=lambda t: (-len(t), t)))


@lru_cache(maxsize=256)
def _pattern(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    kept = marked_terms(terms)
    if not kept:
        return None
    return re.compile("|".join(re.escape(t) for t in kept), re.IGNORECASE)


def spans(text: str, terms: Sequence[str]) -> list[Span]:
    """Where the terms occur in ``text``: ``(start, end)`` offsets, in order, not overlapping."""
    pattern = _pattern(tuple(terms))
    if pattern is None:
        return []
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def render(text: str, marks: Sequence[Span], open_tag: str = "<b>", close_tag: str = "</b>") -> str:
    """``text`` HTML-escaped with each span wrapped in ``open_tag``…``close_tag``."""
    out: list[str] = []
    last = 0
    for start, end in marks:
        out.append(html.escape(text[last:start]))
        out.append(f"{open_tag}{html.escape(text[start:end])}{close_tag}")
        last = end
    out.append(html.escape(text[last:]))
    return "".join(out)


def mark(text: str, terms: Sequence[str]) -> str:
    """All of ``text`` HTML-escaped, with every occurrence of a term in ``<b>…</b>``."""
    return render(text, spans(text, terms))


def snippet_spans(text: str, terms: Sequence[str], width: int = WIDTH) -> tuple[str, list[Span]]:
    """A short excerpt of ``text`` around the first match (with ``…`` ends) and its spans."""
    flat = text.replace("\n", " ")
    pattern = _pattern(tuple(terms))
    m = pattern.search(flat) if pattern is not None else None
    start = 0
    if m is not None and m.start() > LEAD:
        start = m.start() - LEAD
        # prefer starting right after a sentence end near the cut
        cut = max(flat.rfind(p, max(0, start - 15), m.start()) for p in "。！？；")
        if cut >= 0 and cut + 1 < m.start():
            start = cut + 1
    end = min(len(flat), start + width)
    excerpt = ("…" if start > 0 else "") + flat[start:end].strip() + ("…" if end < len(flat) else "")
    return excerpt, spans(excerpt, terms)


def best_snippet_spans(
    texts: Sequence[str], terms: Sequence[str], width: int = WIDTH
) -> tuple[str, list[Span]]:
    """The excerpt of the first of ``texts`` (body, captions, headline…) holding a term."""
    pattern = _pattern(tuple(terms))
    for text in texts:
        if text and pattern is not None and pattern.search(text):
            return snippet_spans(text, terms, width)
    return snippet_spans(next((t for t in texts if t), ""), terms, width)


def snippet(text: str, terms: Sequence[str], width: int = WIDTH) -> str:
    """An excerpt of ``text`` as HTML with the matches in ``<b>…</b>``."""
    return render(*snippet_spans(text, terms, width))


def best_snippet(texts: Sequence[str], terms: Sequence[str], width: int = WIDTH) -> str:
    """The HTML snippet of the first of ``texts`` holding a term."""
    return render(*best_snippet_spans(texts, terms, width))
