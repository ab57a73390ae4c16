"""Character grams for exact text matching (Lucene's CJK bigram idea, for every script).

Each searchable text is read as code points with ASCII letters folded to lower case. Every pair
of neighbouring characters gives a *bigram* key ``(a << 21) | b`` and every character a *unigram*
key ``a << 21``; newlines (the joints between an article's fields) take part in none. A string of
two or more characters occurs in a text only if every one of its bigrams does, and a string of two
characters (or one) occurs exactly when its key does, so:

* one or two characters: the key's postings are the exact answer;
* longer strings: the AND of their bigrams is a superset, confirmed against the catalog text.

Keys are exact integers (no hashing), so no false matches come from the keys themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

logger = logging.getLogger(__name__)

SHIFT = 21  # code points are < 2**21
_NEWLINE = 0x0A
_FOLD = str.maketrans({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})

Keys = npt.NDArray[np.int64]


def fold(text: str) -> str:
    """``text`` as grams see it: ASCII letters in lower case (nothing else changes)."""
    return text.translate(_FOLD)


def searchable_text(
    title: str, kicker: str, subtitle: str, body: str, captions: Iterable[Sequence[str]]
) -> str:
    """The text an exact match looks in: headline parts, body, caption texts and credits."""
    parts = [title, kicker, subtitle, body]
    for cap in captions:
        parts.extend(cap)
    return "\n".join(p for p in parts if p)


def text_keys(text: str) -> Keys:
    """The distinct gram keys of a text, sorted (see the module docstring)."""
    if not text:
        return np.zeros(0, dtype=np.int64)
    cps = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    cps[(cps >= 0x41) & (cps <= 0x5A)] += 0x20  # ASCII A-Z → a-z, as fold()
    ok = cps != _NEWLINE
    pair = ok[:-1] & ok[1:]
    keys = np.concatenate((cps[ok] << SHIFT, (cps[:-1][pair] << SHIFT) | cps[1:][pair]))
    if not len(keys):
        return keys
    keys.sort()
    keep = np.empty(len(keys), dtype=np.bool_)
    keep[0] = True
    np.not_equal(keys[1:], keys[:-1], out=keep[1:])
    return keys[keep]


def query_keys(text: str) -> list[int]:
    """The keys whose AND finds every text holding ``text``: its one character, or its bigrams."""
    cps = [ord(c) for c in fold(text)]
    if not cps:
        return []
    if len(cps) == 1:
        return [cps[0] << SHIFT]
    return list(dict.fromkeys((a << SHIFT) | b for a, b in pairwise(cps)))


def exact_by_keys(text: str) -> bool:
    """True if the keys of ``text`` alone decide a match (one or two characters)."""
    return len(text) <= 2
