"""A deterministic set of real search queries, drawn from the generated article texts.

Kinds (``QUERY_MIX``): single words, two words, quoted phrases (runs of two or three consecutive
jieba words as printed, so every phrase occurs in the corpus), each with and without street, topic,
reporter and date filters, plus a few filter-only queries. Words come from ``jieba.lcut`` of sampled
articles, so they exist in the archive.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

# how many queries of each kind (sums to 240)
QUERY_MIX: tuple[tuple[str, int], ...] = (
    ("word", 50),
    ("two_words", 40),
    ("phrase", 40),
    ("word+street", 20),
    ("word+topic", 20),
    ("word+reporter", 20),
    ("two_words+date", 20),
    ("phrase+month", 10),
    ("street+year", 10),
    ("word+street+topic+year", 10),
)
_CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,4}")
_STOP = frozenset(
    re.findall(
        r"\S+",
        "我们 他们 你们 一个 没有 进行 这个 可以 已经 表示 目前 以及 同时 其中 通过 就是 因为 所以 但是 "
        "如果 这些 那些 这样 自己 什么 还是 对于 并且 不是 今年 去年 相关 方面 要求 问题",
    )
)


@dataclass(frozen=True)
class BenchQuery:
    """One query: its kind and the fields of an ``index.models.SearchRequest``."""

    kind: str
    text: str = ""
    streets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    reporters: tuple[str, ...] = ()
    months: tuple[str, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def request_kwargs(self) -> dict[str, object]:
        """Keyword arguments for ``SearchRequest`` (limit 20 hits, relevance order)."""
        return {
            "text": self.text,
            "streets": self.streets,
            "topics": self.topics,
            "reporters": self.reporters,
            "months": self.months,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "limit": 20,
        }


def _article_words(text: str, cut: Callable[[str], list[str]]) -> list[list[str]]:
    """Sentences of ``text`` as jieba words."""
    return [cut(s) for s in re.split(r"[。！？\n]", text) if len(s) >= 8]


def build_queries(
    texts: Sequence[str],
    *,
    cut: Callable[[str], list[str]],
    streets: Sequence[str],
    topics: Sequence[str],
    reporters: Sequence[str],
    years: Sequence[int],
    seed: int,
) -> list[BenchQuery]:
    """Draw the queries of :data:`QUERY_MIX` from ``texts``.

    Args:
        texts: article texts (title and body) that are in the archive.
        cut: the segmenter (``jieba.lcut``), used to pick words and phrases as printed.
        streets: street facet values to filter by (official names).
        topics: topic facet values; if empty, topic filters are replaced by street filters.
        reporters: reporter names to filter by.
        years: the years the archive covers.
        seed: makes the set reproducible.

    Returns:
        The queries, in a shuffled but fixed order.
    """
    rng = random.Random(f"queries:{seed}")
    pool = list(texts)
    if not pool:
        raise ValueError("no article texts to draw queries from")
    topics = list(topics) or list(streets)

    def words() -> list[str]:
        for _ in range(50):
            sentences = _article_words(rng.choice(pool), cut)
            found = [w for s in sentences for w in s if _CJK_WORD.fullmatch(w) and w not in _STOP]
            if len(found) >= 2:
                return found
        raise ValueError("the sampled texts hold too few Chinese words")

    def phrase() -> str:
        for _ in range(2000):
            sentence = rng.choice(_article_words(rng.choice(pool), cut) or [[]])
            if len(sentence) < 3:
                continue
            k = rng.randrange(len(sentence) - 2)
            words = sentence[k : k + rng.choice((2, 3))]
            run = "".join(words)
            # content words as a user would type them: no single-character particles at the edges
            if len(words[0]) > 1 and len(words[-1]) > 1 and re.fullmatch(r"[\u4e00-\u9fff]{4,8}", run):
                return f'"{run}"'
        raise ValueError("no phrase found in the sampled texts")

    def year_range() -> tuple[dt.date, dt.date]:
        year = rng.choice(list(years))
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    def text_for(base: str) -> str:
        if base == "word":
            return rng.choice(words())
        if base == "two_words":
            first, second = rng.sample(sorted(set(words())), 2)
            return f"{first} {second}"
        if base == "phrase":
            return phrase()
        return ""

    queries: list[BenchQuery] = []
    for kind, count in QUERY_MIX:
        parts = kind.split("+")
        for _ in range(count):
            q: dict[str, object] = {"kind": kind, "text": text_for(parts[0])}
            if "street" in parts:
                q["streets"] = (rng.choice(list(streets)),)
            if "topic" in parts:
                q["topics"] = (rng.choice(topics),)
            if "reporter" in parts:
                q["reporters"] = (rng.choice(list(reporters)),)
            if "date" in parts:
                start, _end = year_range()
                start += dt.timedelta(days=rng.randrange(0, 180))
                q["date_from"], q["date_to"] = start, start + dt.timedelta(days=rng.randrange(30, 720))
            if "year" in parts:
                q["date_from"], q["date_to"] = year_range()
            if "month" in parts:
                year = rng.choice(list(years))
                q["months"] = tuple(f"{year}-{m:02d}" for m in sorted(rng.sample(range(1, 13), 3)))
            queries.append(BenchQuery(**q))  # type: ignore[arg-type]
    rng.shuffle(queries)
    return queries
