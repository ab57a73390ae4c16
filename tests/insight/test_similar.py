"""Related articles and reprints: a reprint with a new headline and a paragraph dropped is found."""

from __future__ import annotations

import datetime as dt
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from index.archive import Archive
from index.errors import ArchiveError
from index.insight import sketch
from index.insight.morelike import more_like_this
from index.insight.similar import FILE_NAME, Similarity
from index.models import ParsedArticle
from tests.archive_helpers import FILLER, article, edition
from tests.insight.helpers import random_article

STORY = [
    "御河东岸的冰雪嘉年华今天开园，滑冰场、冰滑梯和雪雕长廊吸引了大批市民。",
    "嘉年华由区文旅局联合六个街道举办，设置了十二处冰雕和一条三百米的雪道。",
    "开园首日，游客排队体验冰上自行车，孩子们在雪雕长廊前合影留念。",
    "园区还开设了暖心驿站，免费提供热水、姜茶和应急药品，方便游客休息。",
    "据主办方介绍，冰雪嘉年华将持续到元宵节，每晚六点至九点有灯光秀。",
]
FOLLOW_UP = [
    "冰雪嘉年华开园一周，御河东岸的雪道和冰雕迎来第五万名游客。",
    "区文旅局介绍，雪雕长廊新增了两组冰雕，灯光秀延长到晚上十点。",
]


def _editions() -> list:
    rnd = random.Random(3)
    original = article("御河冰雪嘉年华开园", *STORY, topics=("文化",))
    reprint = article("冰雪嘉年华迎客 市民畅享冰雪乐趣", *(STORY[:2] + STORY[3:]), topics=("文化",))
    follow = article("冰雪嘉年华游客突破五万", *FOLLOW_UP, *rnd.sample(FILLER, 2), topics=("文化",))
    day = dt.date(2025, 1, 3)
    eds = []
    for i in range(8):
        arts: list[ParsedArticle] = [random_article(rnd, 100 * i + k) for k in range(4)]
        if i == 1:
            arts.insert(2, original)
        if i == 5:
            arts.insert(1, reprint)
        if i == 6:
            arts.append(follow)
        eds.append(edition(day + dt.timedelta(days=7 * i), arts))
    return eds


def _sim(a: Archive) -> Similarity:
    return Similarity(a.root / FILE_NAME, a.catalog, lambda i, n: more_like_this(a, i, n))


def _by_title(a: Archive, title: str) -> int:
    return next(r.id for e in a.editions() for r in a.edition_articles(e.id) if r.title == title)


@pytest.fixture()
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "arch") as a:
        a.import_editions(_editions())
        yield a


def test_reprint_then_related_story(archive: Archive) -> None:
    sim = _sim(archive)
    report = sim.sync()
    assert report.articles == archive.catalog.article_count() and report.reprints is None
    orig, rep = (
        _by_title(archive, "御河冰雪嘉年华开园"),
        _by_title(archive, "冰雪嘉年华迎客 市民畅享冰雪乐趣"),
    )
    follow = _by_title(archive, "冰雪嘉年华游客突破五万")
    hits = sim.related(orig, limit=5)
    assert hits[0].id == rep and hits[0].kind == "reprint" and 0.7 <= hits[0].similarity <= 1.0
    assert hits[0].date == dt.date(2025, 2, 7) and hits[0].title == "冰雪嘉年华迎客 市民畅享冰雪乐趣"
    assert [h.kind for h in hits].count("reprint") == 1
    related = [h for h in hits if h.kind == "related"]
    assert related and related[0].id == follow
    assert all(h.id != orig for h in hits)
    back = sim.related(rep, limit=1)
    assert [(h.id, h.kind) for h in back] == [(orig, "reprint")]
    assert hits[0].as_dict()["date"] == "2025-02-07"
    sim.close()


def test_incremental_sync_names_new_reprints(archive: Archive) -> None:
    sim = _sim(archive)
    sim.sync()
    assert sim.sync().editions == 0  # nothing new: nothing done
    again = article("嘉年华再次见报", *STORY[1:], topics=("文化",))
    archive.import_editions([edition(dt.date(2025, 6, 1), [again, random_article(random.Random(9), 999)])])
    report = sim.sync()
    assert (report.editions, report.articles) == (1, 2)
    new_id = _by_title(archive, "嘉年华再次见报")
    orig, rep = (
        _by_title(archive, "御河冰雪嘉年华开园"),
        _by_title(archive, "冰雪嘉年华迎客 市民畅享冰雪乐趣"),
    )
    assert report.reprints is not None
    assert {p for p in report.reprints if new_id in p} == {(orig, new_id), (rep, new_id)}
    assert {h.id for h in sim.related(new_id) if h.kind == "reprint"} == {orig, rep}
    sim.close()


def test_changed_edition_is_redone_and_file_is_derived(archive: Archive) -> None:
    sim = _sim(archive)
    sim.sync()
    eds = _editions()
    eds[5].articles.pop(1)  # the reprint removed from its edition by a corrected file
    eds[5].sha256 = "0" * 64
    archive.import_editions([eds[5]])
    report = sim.sync()
    assert (report.editions, report.removed, report.articles, report.reprints) == (1, 5, 4, [])
    orig = _by_title(archive, "御河冰雪嘉年华开园")
    assert not [h for h in sim.related(orig) if h.kind == "reprint"]
    before = [(h.id, h.kind) for h in sim.related(orig)]
    sim.close()
    (archive.root / FILE_NAME).unlink()
    fresh = _sim(archive)
    assert [(h.id, h.kind) for h in fresh.related(orig)] == before  # rebuilt on demand, same answer
    with pytest.raises(ArchiveError, match="No article"):
        fresh.related(10**6)
    fresh.close()


def test_minhash_estimates_jaccard() -> None:
    rnd = random.Random(5)
    chars = "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(3000))
    a, b = chars[:2000], chars[600:2600]
    ha, hb = sketch.shingle_hashes(a), sketch.shingle_hashes(b)
    exact = len(set(ha.tolist()) & set(hb.tolist())) / len(set(ha.tolist()) | set(hb.tolist()))
    est = sketch.jaccard(sketch.minhash(ha), sketch.minhash(hb))
    assert abs(est - exact) < 0.15
    assert sketch.jaccard(sketch.minhash(ha), sketch.minhash(sketch.shingle_hashes("，".join(a)))) == 1.0
    sig = sketch.minhash(ha)
    assert np.array_equal(sketch.sig_from(sketch.sig_bytes(sig)), sig)
    assert len(set(sketch.band_keys(sig))) == sketch.BANDS


def test_version_change_resets_the_file(archive: Archive) -> None:
    sim = _sim(archive)
    sim.sync()
    sim.close()
    con = sqlite3.connect(archive.root / FILE_NAME)
    con.execute("UPDATE meta SET value = 'old' WHERE key = 'version'")
    con.execute("DROP TABLE sigs")
    con.execute("CREATE TABLE sigs(article_id INTEGER PRIMARY KEY, other BLOB)")  # an older layout
    con.commit()
    con.close()
    sim = _sim(archive)
    assert sim.stale_editions()[0] == [e.id for e in archive.editions()]
    assert sim.sync().articles == archive.catalog.article_count()
    sim.close()


def test_more_like_this_weighs_words_by_the_index(archive: Archive) -> None:
    from index.insight.morelike import doc_frequencies

    df, n_docs = doc_frequencies(archive, ["嘉年华", "社区"])
    assert n_docs == archive.catalog.article_count()
    assert df["嘉年华"] == 3 and df["社区"] > df["嘉年华"]
    orig = _by_title(archive, "御河冰雪嘉年华开园")
    hits = more_like_this(archive, orig, 3)
    assert hits and all(0 < s <= 1 for _, s in hits) and orig not in {i for i, _ in hits}
    assert hits == sorted(hits, key=lambda x: -x[1])


def test_one_permutation_minhash_accuracy_and_short_texts() -> None:
    rnd = random.Random(11)
    pool = "".join(chr(0x4E00 + rnd.randrange(3000)) for _ in range(6000))
    errors = []
    for _ in range(40):
        start, shift, size = rnd.randrange(2000), rnd.randrange(50, 1200), rnd.randrange(800, 2000)
        a, b = pool[start : start + size], pool[start + shift : start + shift + size]
        ha, hb = sketch.shingle_hashes(a), sketch.shingle_hashes(b)
        sa, sb = set(ha.tolist()), set(hb.tolist())
        errors.append(
            abs(len(sa & sb) / len(sa | sb) - sketch.jaccard(sketch.minhash(ha), sketch.minhash(hb)))
        )
    assert sum(errors) / len(errors) < 0.06 and max(errors) < 0.2
    short = sketch.minhash(sketch.shingle_hashes("冰雪乐园开园"))  # 3 shingles: most bins borrowed
    assert np.array_equal(short, sketch.minhash(sketch.shingle_hashes("冰雪 乐园，开园！")))
    assert sketch.jaccard(short, sketch.minhash(sketch.shingle_hashes("图书馆开馆"))) < 0.2
    assert sketch.shingle_hashes("ＡＢＣ１２３abc").tolist() == sketch.shingle_hashes("abc123ABC").tolist()


def test_shingles_keep_letters_of_every_plane() -> None:
    plain = sketch.shingle_hashes("冰雪𠀋乐园开园")  # U+2000B, a CJK extension B character
    assert len(plain) == 4 and sketch.shingle_hashes("冰雪𠀋 乐园·开园").tolist() == plain.tolist()
    assert len(sketch.shingle_hashes("，。！？——")) == 0


def test_related_sees_editions_imported_since_and_readonly_archives(tmp_path: Path) -> None:
    root = tmp_path / "arch"
    with Archive(root) as a:
        a.import_editions(_editions())
        sim = _sim(a)
        orig = _by_title(a, "御河冰雪嘉年华开园")
        assert len([h for h in sim.related(orig) if h.kind == "reprint"]) == 1
        again = article("嘉年华再次见报", *STORY[1:], topics=("文化",))
        a.import_editions([edition(dt.date(2025, 6, 1), [again])])
        new_id = _by_title(a, "嘉年华再次见报")
        assert new_id in {h.id for h in sim.related(orig) if h.kind == "reprint"}  # no explicit sync
        sim.close()
    with Archive(root, readonly=True) as r:
        sim = _sim(r)
        assert new_id in {h.id for h in sim.related(orig) if h.kind == "reprint"}
        sim.close()
    (root / FILE_NAME).unlink()
    for extra in root.glob(FILE_NAME + "-*"):
        extra.unlink()
    with Archive(root, readonly=True) as r:
        sim = _sim(r)
        hits = sim.related(orig)
        assert hits and all(h.kind == "related" for h in hits)  # no file: no reprints, no error
        assert not (root / FILE_NAME).exists()
        sim.close()


def test_more_like_this_falls_back_to_the_search(archive: Archive, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.insight import morelike

    orig = _by_title(archive, "御河冰雪嘉年华开园")
    by_engine = more_like_this(archive, orig, 3)

    def broken(*_: object) -> list[tuple[int, float]]:
        raise AttributeError("no snapshot")

    monkeypatch.setattr(morelike, "_ranked_by_engine", broken)
    by_search = more_like_this(archive, orig, 3)
    assert by_search and by_search[0][0] == by_engine[0][0]  # the same best match either way


def test_document_frequencies_come_from_the_term_dictionary_and_match_the_postings(archive: Archive) -> None:
    from index.insight.morelike import article_words, doc_frequencies

    snapshot = archive.index.snapshot()
    assert snapshot is not None
    records = [r for batch in archive.catalog.iter_articles() for r in batch]
    words = sorted({w for rec in records for w in article_words(archive, rec)})
    df, n_docs = doc_frequencies(archive, words)
    assert n_docs == archive.catalog.article_count() and len(words) > 20
    for word in words:  # brute force: the documents in the word's decoded postings
        assert df[word] == sum(len(p.ids) for _, p in snapshot.postings("body", word)), word
    assert max(df.values()) > 1
