"""The engine's stored texts confirm exact-text candidates exactly (issue 8, phrase speed).

Checked against Python's ``in`` on the same texts: random strings over an alphabet with ASCII
case, characters outside the BMP and byte patterns that occur misaligned in UTF-16; headline-only
checks; merges with deleted documents; and an archive grown by several imports, edits and a
removal, whose quoted searches must equal a brute-force scan with and without the text files.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import numpy as np
import pytest

from index import grams
from index.archive import Archive
from index.engine import textstore
from index.engine.textstore import TextBuilder, TextFile, TextStore
from index.models import ArticleRecord, ParsedEdition, SearchRequest
from tests.archive_helpers import FILLER, article, edition

# 中 U+4E2D and 文 U+6587 are the bytes 2D 4E 87 65: U+874E (蝎) lies across them, misaligned
ALPHABET = "中文蝎平城区实验5GgMm𠀀𠀁\n，"


def _random_texts(rnd: random.Random, n: int) -> list[tuple[str, int]]:
    out = []
    for _ in range(n):
        text = "".join(rnd.choice(ALPHABET) for _ in range(rnd.randint(0, 30)))
        out.append((text, rnd.randint(0, len(text))))
    return out


def _needles(rnd: random.Random, texts: list[tuple[str, int]]) -> list[str]:
    out = ["蝎", "蝎蝎", "𠀀𠀁", "5g", "mm", "中文", "文中"]
    for text, _ in texts:
        if len(text) > 3:
            i = rnd.randrange(len(text) - 2)
            out.append(text[i : i + rnd.randint(1, 3)])
    return [s for s in out if "\n" not in s]


def _file(tmp_path: Path, texts: list[tuple[str, int]]) -> TextFile:
    store = TextStore(tmp_path)
    b = TextBuilder(store)
    for d, (text, head) in enumerate(texts):
        b.add(d, text, head)
    b.write("seg", len(texts))
    got = store.get("seg")
    assert got is not None
    return got


def test_holding_equals_python_in(tmp_path: Path) -> None:
    rnd = random.Random(4)
    texts = _random_texts(rnd, 300)
    tf = _file(tmp_path, texts)
    docs = np.arange(len(texts), dtype=np.int64)
    misaligned = 0
    for s in _needles(rnd, texts):
        want = [grams.fold(s) in grams.fold(t) for t, _ in texts]
        assert tf.holding(docs, s).tolist() == want, s
        heads = [grams.fold(s) in grams.fold(t[:h]) for t, h in texts]
        assert tf.holding(docs, s, headline_only=True).tolist() == heads, s
        raw = [s.encode("utf-16-le") in t.encode("utf-16-le") for t, _ in texts]
        misaligned += sum(r and not w for r, w in zip(raw, want, strict=True))
    assert misaligned  # the alphabet does produce byte matches that are not character matches
    some = np.array(sorted(rnd.sample(range(len(texts)), 50)), dtype=np.int64)
    assert tf.holding(some, "中文").tolist() == ["中文" in texts[d][0] for d in some]


@pytest.mark.parametrize("chunk", [5, 8 << 20])
def test_merges_keep_live_documents_in_whoosh_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    monkeypatch.setattr(textstore, "_CHUNK", chunk)  # copies split anywhere, even inside a character
    rnd = random.Random(8)
    store = TextStore(tmp_path)
    first = _random_texts(rnd, 40)
    _file(tmp_path, first)  # segment "seg"
    live = sorted(rnd.sample(range(40), 25))
    added = _random_texts(rnd, 7)
    b = TextBuilder(store)
    for d, (text, head) in enumerate(added):  # new documents first, as Whoosh numbers them
        b.add(d, text, head)
    b.merge("seg", len(added), live)
    b.write("new", len(added) + len(live))
    tf = store.get("new")
    assert tf is not None
    expect = added + [first[d] for d in live]
    for d, (text, head) in enumerate(expect):
        s, e = int(tf.offsets[d]), int(tf.offsets[d + 1])
        assert e - s == len(text.encode("utf-16-le")) // 2
        assert int(tf.heads[d]) == len(text[:head].encode("utf-16-le")) // 2
    docs = np.arange(len(expect), dtype=np.int64)
    for s in _needles(rnd, expect):
        assert tf.holding(docs, s).tolist() == [grams.fold(s) in grams.fold(t) for t, _ in expect], s


def test_a_document_without_text_leaves_the_segment_without_a_file(tmp_path: Path) -> None:
    store = TextStore(tmp_path)
    b = TextBuilder(store)
    b.add(0, "平城", 0)
    b.add(1, None, 0)
    b.write("seg", 2)
    assert store.get("seg") is None and not store.path("seg").exists()
    b = TextBuilder(store)
    b.merge("missing", 0, [0, 1])  # from a segment written before text files existed
    b.write("seg2", 2)
    assert not store.path("seg2").exists()


def _all_text(r: ArticleRecord) -> str:
    parts = [r.title, r.kicker, r.subtitle, r.body]
    for c in r.captions:
        parts += [c.text, c.photographer, c.credit]
    return grams.fold("\n".join(parts))


def test_grown_archive_matches_brute_force_with_and_without_text_files(tmp_path: Path) -> None:
    rnd = random.Random(12)

    def ed(k: int) -> ParsedEdition:
        arts = [
            article(f"第{k}期{i}" + rnd.choice(["", "5G"]), *rnd.sample(FILLER, rnd.randint(1, 3)))
            for i in range(8)
        ]
        return edition(dt.date(2025, 2, 3) + dt.timedelta(days=k), arts)

    folder = tmp_path / "arch"
    with Archive(folder, street_resolver=lambda s: None) as a:
        for k in range(12):  # one commit per import: several segments and merges
            assert not a.import_editions([ed(k)]).errors
        eds = a.editions()
        a.remove_editions([eds[3].id])
        victim = a.edition_articles(eds[5].id)[0]
        a.edit_article(victim.id, title="改过的标题蝎子")
        records = [r for e in a.editions() for r in a.edition_articles(e.id)]
        samples = ["改过的", "蝎子", "5g"]
        while len(samples) < 60:
            body = rnd.choice(records).body
            i = rnd.randrange(max(1, len(body) - 5))
            s = body[i : i + rnd.randint(3, 5)].strip()
            if len(s) >= 3 and "\n" not in s and '"' not in s:
                samples.append(s)

        def check() -> None:
            for s in samples:
                truth = {r.id for r in records if grams.fold(s) in _all_text(r)}
                assert set(a.search(SearchRequest(f'"{s}"', limit=0)).ids) == truth, s
                head = {
                    r.id
                    for r in records
                    if grams.fold(s) in grams.fold(f"{r.kicker}\n{r.title}\n{r.subtitle}")
                }
                assert set(a.search(SearchRequest(f"标题:{s}", limit=0)).ids) == head, s

        check()
        texts = list((folder / "index" / "grams").glob("*.texts"))
        assert texts
    for path in texts:  # an index written before text files existed: the catalog decides
        path.unlink()
    with Archive(folder, street_resolver=lambda s: None) as a:
        check()
    shutil.rmtree(folder)


@pytest.mark.parametrize("n", [0, 1])
def test_empty_and_tiny_segments(tmp_path: Path, n: int) -> None:
    tf = _file(tmp_path, [("平城区", 2)] * n)
    docs = np.arange(n, dtype=np.int64)
    assert tf.holding(docs, "城区").tolist() == [True] * n
    assert tf.holding(docs, "平城区", headline_only=True).tolist() == [False] * n
