"""Quoted phrases and unquoted words find exactly the articles whose text holds them (issue 8).

An archive is built from generated editions (random filler, names, digits and Latin mixed in,
text in captions and photo credits); many random substrings of 1–5 characters are searched quoted
and unquoted and compared with a brute-force scan of every article's text.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from itertools import pairwise

import pytest

from index.archive import Archive
from index.errors import BadQuery
from index.models import ArticleRecord, Caption, SearchRequest
from tests.archive_helpers import FILLER, article, edition

EXTRA = [
    "5G基站",
    "MU5735航班",
    "2026年",
    "金正恩",
    "这说明朝方",
    "平城区实验中学",
    "COVID-19",
    "美化",
    "绿化",
]
NAMES = ["邸东芳", "锦秀", "贾欣怡"]


def _text(a: ArticleRecord) -> str:
    parts = [a.title, a.kicker, a.subtitle, a.body]
    for c in a.captions:
        parts += [c.text, c.photographer, c.credit]
    return "\n".join(parts)


@pytest.fixture(scope="module")
def arch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    rnd = random.Random(11)
    eds = []
    for e in range(10):
        arts = []
        for i in range(12):
            body = [rnd.choice(FILLER) + rnd.choice(["", *EXTRA]) for _ in range(rnd.randint(1, 4))]
            caps = []
            if rnd.random() < 0.3:
                caps = [
                    Caption(
                        rnd.choice(FILLER),
                        photographer=rnd.choice(NAMES),
                        credit=rnd.choice(["", "平城区实验中学"]),
                    )
                ]
            arts.append(
                article(
                    f"第{e}期第{i}篇" + rnd.choice(["", "5G", "Mu5735"]),
                    *body,
                    kicker=rnd.choice(["", "金正恩会见"]),
                    reporters=rnd.sample(NAMES, rnd.randint(0, 1)),
                    captions=caps,
                )
            )
        eds.append(edition(dt.date(2025, 1, 6) + dt.timedelta(days=7 * e), arts))
    a = Archive(tmp_path_factory.mktemp("exact"), street_resolver=lambda s: None)
    assert not a.import_editions(eds).errors
    yield a
    a.close()


@pytest.fixture(scope="module")
def records(arch: Archive) -> list[ArticleRecord]:
    return [r for e in arch.editions() for r in arch.edition_articles(e.id)]


def _found(arch: Archive, text: str) -> set[int]:
    return set(arch.search(SearchRequest(text, limit=0)).ids)


def _samples(records: list[ArticleRecord], n: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        text = rnd.choice(records).body
        size = rnd.choice([1, 2, 2, 3, 4, 5])
        if len(text) <= size:
            continue
        start = rnd.randrange(len(text) - size)
        s = text[start : start + size]
        if s.strip() == s and "\n" not in s and '"' not in s and any(c.isalnum() for c in s):
            out.append(s)
    return out


def test_quoted_substrings_recall_and_precision_are_one(arch: Archive, records: list[ArticleRecord]) -> None:
    for s in [*_samples(records, 150, 1), *EXTRA, "正恩", "说明", "平城区实验中学", "5g", "mu5735"]:
        truth = {r.id for r in records if s.lower() in _text(r).lower()}
        assert _found(arch, f'"{s}"') == truth, s


def test_unquoted_words_find_the_text_and_the_people_named(
    arch: Archive, records: list[ArticleRecord]
) -> None:
    for s in [*_samples(records, 150, 2), "正恩", "说明", "平城区实验中学", "2026年"]:
        if " " in s or s.startswith("-") or s in ("OR", "AND", "NEAR", "NOT") or ":" in s or "：" in s:
            continue
        truth = {r.id for r in records if s.lower() in _text(r).lower()}
        truth |= {r.id for r in records if s in r.reporters or s in r.photographers}
        assert _found(arch, s) == truth, s


def test_whole_words_rank_before_other_cuts(tmp_path_factory: pytest.TempPathFactory) -> None:
    arts = [article(f"稿件{i}", "这说明朝方同意。") for i in range(3)]
    arts += [article("说明会", "他作了说明。"), article("稿件9", "他作了说明。")]
    with Archive(tmp_path_factory.mktemp("rank")) as a:
        a.import_editions([edition(dt.date(2025, 3, 3), arts)])
        res = a.search(SearchRequest("说明", limit=10))
        assert res.total == 5  # every text holding 说明, also where jieba cut 说|明朝
        titles = [h.title for h in res.hits]
        assert titles[:2] == ["说明会", "稿件9"]  # whole word in the title first, then in the body
        assert [h.score for h in res.hits[2:]] == [0.0, 0.0, 0.0]  # the gram match is the floor


def test_title_prefix_looks_in_the_headline_only(arch: Archive, records: list[ArticleRecord]) -> None:
    for s in ("5G", "金正恩", "第3期"):
        truth = {r.id for r in records if s.lower() in "\n".join((r.kicker, r.title, r.subtitle)).lower()}
        assert truth and _found(arch, f"标题:{s}") == truth == _found(arch, f"title:{s}")


def test_unknown_prefix_and_overlong_query_are_refused(arch: Archive) -> None:
    with pytest.raises(BadQuery, match=r"作者:.*标题:"):
        arch.search(SearchRequest("作者:李满"))
    with pytest.raises(BadQuery, match="at most 500"):
        arch.search(SearchRequest("平城" * 5000))


def test_gram_keys_equal_a_plain_python_reference() -> None:
    from index import grams

    rnd = random.Random(5)
    alphabet = "平城区实验中学5GMUmu7350年\n，。 ABCxyz"
    for _ in range(200):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        low = "".join(c.lower() if c.isascii() else c for c in text)
        ref = {ord(c) << grams.SHIFT for c in low if c != "\n"}
        ref |= {(ord(a) << grams.SHIFT) | ord(b) for a, b in pairwise(low) if "\n" not in (a, b)}
        assert grams.text_keys(text).tolist() == sorted(ref)


def test_gram_varints_round_trip() -> None:
    import numpy as np

    from index.engine import gramstore

    rnd = np.random.default_rng(3)
    for size in (0, 1, 7, 5000):  # values of 1 to 4 bytes, mixed
        values = rnd.integers(0, 1 << rnd.integers(1, 23, size=size), dtype=np.int64)
        data, starts = gramstore._varint(values)
        assert gramstore._unvarint(data).tolist() == values.tolist()
        assert len(starts) == size and (size == 0 or int(starts[0]) == 0)
