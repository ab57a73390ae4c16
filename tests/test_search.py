"""Search over a real Whoosh index: phrases, names, facets, filters, order, snippets, updates."""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections import Counter
from collections.abc import Iterable, Iterator
from math import log
from pathlib import Path
from typing import Any

import pytest

from index.analysis import Analyzer
from index.archive import Archive
from index.documents import index_doc, prepare_record, prepare_text
from index.engine.schema import make_schema, whoosh_document
from index.errors import BadQuery
from index.models import ArticleRecord, Caption, ParsedArticle, SearchRequest
from index.search.evaluate import Evaluator
from index.search.plan import build
from index.search.ranking import ranked
from tests.archive_helpers import FILLER, article, edition

PHRASES = {
    "垃圾分类": [
        "推进垃圾分类工作。",
        "做好垃圾分类。",
        "生活垃圾分类投放点已经建成。",
        "开展垃圾分类宣传。",
    ],
    "天安门广场": ["他们到北京天安门广场观看升旗。", "在天安门广场上合影。", "游览天安门广场的游客很多。"],
    "共和国成立": ["庆祝中华人民共和国成立七十五周年。", "共和国成立以来，城市面貌巨变。"],
    "老旧小区改造": ["推进老旧小区改造。", "老旧小区改造工程开工。"],
    "供暖": ["冬季供暖保障有力。", "集中供暖覆盖全区。"],
}
NEAR_MISSES = ["垃圾，分类。", "分类垃圾。", "天安门和广场。", "共和国的成立。", "老旧小区的改造。"]
REPORTERS = ["邸东芳", "锦秀", "贾欣怡", "司马云霞", "郭志强", "欧阳娜娜"]
PHOTOGRAPHERS = ["杨宇", "刘星", "上官明"]
STREETS = ["古城街道", "御河街道", "新旺街道", "北关街道"]
TOPICS = ["民生", "教育", "城市建设", "社区治理"]
ALIASES = {"东街": "古城街道", "东街街道": "古城街道"}


def _corpus(seed: int = 7, editions: int = 8, per: int = 9) -> list[tuple[dt.date, list[ParsedArticle]]]:
    rnd = random.Random(seed)
    out = []
    for e in range(editions):
        date = dt.date(2024, 1, 5) + dt.timedelta(days=23 * e)
        arts = []
        for i in range(per):
            body = [rnd.choice(FILLER) for _ in range(rnd.randint(1, 3))]
            phrase = rnd.choice([*PHRASES, None])
            if phrase:
                body.insert(rnd.randint(0, len(body)), rnd.choice(PHRASES[phrase]))
            if rnd.random() < 0.4:
                body.append(rnd.choice(NEAR_MISSES))
            title = f"第{e}期第{i}篇稿件"
            if rnd.random() < 0.15:
                title = rnd.choice(["垃圾分类进社区", "天安门广场见闻", "老旧小区改造提速"])
            captions = (
                [Caption(rnd.choice(PHRASES["供暖"]), photographer="刘星")] if rnd.random() < 0.1 else []
            )
            arts.append(
                article(
                    title,
                    *body,
                    reporters=rnd.sample(REPORTERS, rnd.randint(0, 2)),
                    streets=rnd.sample(STREETS, rnd.randint(0, 2)),
                    topics=rnd.sample(TOPICS, rnd.randint(1, 2)),
                    section=rnd.choice(["要闻", "平城头条", None]),
                    captions=captions,
                    photographers=rnd.sample(PHOTOGRAPHERS, rnd.choice([0, 0, 1, 2])),
                )
            )
        out.append((date, arts))
    return out


def _text(a: ArticleRecord) -> str:
    return "\n".join([a.kicker, a.title, a.subtitle, a.body, *(c.text for c in a.captions)])


@pytest.fixture(scope="module")
def arch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archive]:
    a = Archive(tmp_path_factory.mktemp("arch"), street_resolver=ALIASES.get)
    report = a.import_editions([edition(d, arts) for d, arts in _corpus()])
    assert report.articles == 72 and not report.errors
    yield a
    a.close()


@pytest.fixture(scope="module")
def records(arch: Archive) -> list[ArticleRecord]:
    return [r for e in arch.editions() for r in arch.edition_articles(e.id)]


def _ids(arch: Archive, **kw: object) -> set[int]:
    res = arch.search(SearchRequest(limit=0, **kw))  # type: ignore[arg-type]
    assert res.total == len(res.ids) == len(set(res.ids))
    return set(res.ids)


@pytest.mark.parametrize("phrase", [*PHRASES, "广场", "共和国成立七十五周年"])
def test_phrase_finds_every_article_containing_it(
    arch: Archive, records: list[ArticleRecord], phrase: str
) -> None:
    truth = {r.id for r in records if phrase in _text(r)}
    assert truth, "the corpus should hold the phrase"
    assert _ids(arch, text=f'"{phrase}"') == truth
    assert _ids(arch, text=f"“{phrase}”") == truth


def test_phrase_never_matches_across_punctuation(arch: Archive, records: list[ArticleRecord]) -> None:
    assert _ids(arch, text='"垃圾，分类"') == {r.id for r in records if "垃圾，分类" in _text(r)}
    spaced = {r.id for r in records if "垃圾分类" in _text(r)}
    assert _ids(arch, text='"垃圾 分类"') == spaced  # white space between CJK characters is ignored


@pytest.mark.parametrize("name", REPORTERS)
def test_reporter_name_alone_finds_their_articles(
    arch: Archive, records: list[ArticleRecord], name: str
) -> None:
    theirs = {r.id for r in records if name in r.reporters}
    assert theirs
    assert _ids(arch, text=name) == theirs | {r.id for r in records if name in _text(r)}
    assert _ids(arch, text=f"记者:{name}") == theirs == _ids(arch, reporters=(name,))


def test_street_name_alone_and_old_names(arch: Archive, records: list[ArticleRecord]) -> None:
    gucheng = {r.id for r in records if "古城街道" in r.streets}
    assert gucheng and _ids(arch, text="古城街道") >= gucheng
    assert _ids(arch, text="街道:古城街道") == gucheng == _ids(arch, text="街道:东街")
    assert _ids(arch, streets=("东街街道",)) == gucheng


def _brute_facets(records: list[ArticleRecord], ids: set[int]) -> dict[str, Counter[str]]:
    sel = [r for r in records if r.id in ids]
    return {
        "street": Counter(s for r in sel for s in r.streets),
        "topic": Counter(t for r in sel for t in r.topics),
        "reporter": Counter(p for r in sel for p in r.reporters),
        "photographer": Counter(p for r in sel for p in r.photographers),
        "section": Counter(r.section for r in sel if r.section),
        "month": Counter(r.date.strftime("%Y-%m") for r in sel),
    }


@pytest.mark.parametrize(
    "req",
    [
        SearchRequest(),
        SearchRequest(text="社区"),
        SearchRequest(text='"垃圾分类"'),
        SearchRequest(text="-社区"),
        SearchRequest(text="记者:郭志强 OR 记者:锦秀"),
        SearchRequest(streets=("御河街道",), topics=("教育",)),
        SearchRequest(text="日期:2024-03..2024-06", sort="date"),
    ],
)
def test_facet_counts_equal_brute_force(
    arch: Archive, records: list[ArticleRecord], req: SearchRequest
) -> None:
    res = arch.search(req)
    assert res.total > 0
    truth = _brute_facets(records, set(res.ids))
    for name, counts in res.facets.items():
        assert {fc.value: fc.count for fc in counts} == dict(truth[name]), name
        assert [fc.count for fc in counts] == sorted(
            (fc.count for fc in counts), reverse=True
        ) or name == "month"


def test_filters_match_brute_force(arch: Archive, records: list[ArticleRecord]) -> None:
    def brute(pred: object) -> set[int]:
        return {r.id for r in records if pred(r)}  # type: ignore[operator]

    assert _ids(arch, topics=("教育", "民生")) == brute(lambda r: {"教育", "民生"} & set(r.topics))
    assert _ids(arch, streets=("御河街道",), reporters=("贾欣怡",)) == brute(
        lambda r: "御河街道" in r.streets and "贾欣怡" in r.reporters
    )
    assert _ids(arch, sections=("平城头条",)) == brute(lambda r: r.section == "平城头条")
    assert _ids(arch, months=("2024-02",)) == brute(lambda r: r.date.strftime("%Y-%m") == "2024-02")
    lo, hi = dt.date(2024, 2, 1), dt.date(2024, 5, 31)
    assert _ids(arch, date_from=lo, date_to=hi) == brute(lambda r: lo <= r.date <= hi)
    assert _ids(arch, text="日期:2024-02..2024-05") == brute(lambda r: lo <= r.date <= hi)
    assert _ids(arch, text="日期:2024-04..") == brute(lambda r: r.date >= dt.date(2024, 4, 1))
    with_phrase = brute(lambda r: "供暖" in _text(r))
    assert _ids(arch, text='社区 -"供暖"') == _ids(arch, text="社区") - with_phrase
    assert _ids(arch, text='"供暖" OR "垃圾分类"') == with_phrase | brute(lambda r: "垃圾分类" in _text(r))


def test_date_order_and_all_ids(arch: Archive, records: list[ArticleRecord]) -> None:
    by_id = {r.id: r for r in records}
    res = arch.search(SearchRequest(sort="date", limit=5))
    assert res.total == len(records) == len(res.ids) and len(res.hits) == 5
    keys = [(by_id[i].date, -by_id[i].seq) for i in res.ids]
    assert keys == sorted(keys, reverse=True)
    asc = arch.search(SearchRequest(sort="date_asc", limit=0)).ids
    assert [by_id[i].date for i in asc] == sorted(r.date for r in records)
    assert [h.id for h in res.hits] == list(res.ids[:5])


def test_relevance_puts_title_matches_first(arch: Archive, records: list[ArticleRecord]) -> None:
    res = arch.search(SearchRequest(text='"老旧小区改造"', limit=50))
    in_title = {r.id for r in records if "老旧小区改造" in r.title}
    assert in_title and set(res.ids[: len(in_title)]) == in_title
    assert res.hits[0].score >= res.hits[-1].score


def _reference_bm25(searcher: Any, scoring: Iterable[tuple[str, str]]) -> dict[int, float]:
    """BM25 as the evaluator defines it, recomputed one posting at a time through Whoosh's own
    matchers and length readers (not the evaluator's decoded arrays)."""
    leaves = [(r, b) for r, b in searcher.reader().leaf_readers() if r.segment() is not None]
    total = sum(r.doc_count_all() for r, _ in leaves)
    scores: dict[int, float] = {}
    for field, text in scoring:
        postings = []
        for reader, base in leaves:
            btext = reader._text_to_bytes(field, text)
            if (field, btext) in reader._terms:
                m = reader.postings(field, btext)
                while m.is_active():
                    postings.append((reader, base, m.id(), m.weight()))
                    m.next()
        idf = log(total / (len(postings) + 1)) + 1
        for reader, base, doc, w in postings:
            avg = reader.field_length(field) / reader.doc_count_all()
            length = reader.doc_field_length(doc, field) or 0
            part = w * 2.2 / (w + 1.2 * 0.25 + 1.2 * 0.75 / avg * length)
            scores[base + doc] = scores.get(base + doc, 0.0) + idf * part
    return scores


def test_ranking_is_exact_bm25_for_any_result_size(arch: Archive) -> None:
    service = arch._search
    snap = service.engine.snapshot()
    assert snap is not None
    table = snap.table()
    for text in ["社区", "社区 居民", '"垃圾分类"', "街道 -供暖", "供暖 OR 广场"]:
        ev = Evaluator(snap, table, arch.catalog.ids_containing, service._headline_containing)
        compiled = build(SearchRequest(text=text), service.context())
        mask = ev.docnums(compiled.plan)
        ref = {d: s for d, s in _reference_bm25(snap.searcher, compiled.scoring).items() if mask[d]}
        assert len(ref) > 5
        for top in (3, len(ref) + 10):
            got = ranked(snap, mask, compiled.scoring, top)
            assert [d for d, _ in got] == sorted(ref, key=lambda d: (-ref[d], -d))[: len(got)]
            assert len(got) >= min(top, len(ref))
            assert all(s == pytest.approx(ref[d]) for d, s in got)
        res = arch.search(SearchRequest(text=text, limit=0))
        head = [int(table.ids[d]) for d, _ in ranked(snap, mask, compiled.scoring, 500)]
        assert list(res.ids[: len(head)]) == head and len(res.ids) == int(mask.sum())


def test_snippets_mark_terms_and_escape_html(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        body = ["前面的一段话。" * 10, "居民关心垃圾分类问题，<b>&amp;注意</b>。"]
        a.import_editions([edition(dt.date(2024, 1, 1), [article("标题", *body)])])
        [hit] = a.search(SearchRequest(text="垃圾分类")).hits
        assert "<b>垃圾分类</b>" in hit.snippet and "&lt;b&gt;&amp;amp;" in hit.snippet
        assert hit.snippet.count("<b>") == 1


def test_one_more_edition_is_searchable_at_once(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions([edition(d, arts) for d, arts in _corpus(editions=3)])
        assert a.search(SearchRequest(text="鼓楼东街夜市")).total == 0
        segments_before = len(a.index.tables._segments)
        a.import_editions([edition(dt.date(2025, 6, 1), [article("鼓楼东街夜市开市", "夜市今晚开市。")])])
        res = a.search(SearchRequest(text="鼓楼东街夜市"))
        assert res.total == 1 and res.hits[0].title == "鼓楼东街夜市开市"
        assert len(a.index.tables._segments) == segments_before + 1  # old segments were not decoded again


def test_edits_update_the_index(tmp_path: Path) -> None:
    with Archive(tmp_path / "a") as a:
        a.import_editions(
            [edition(dt.date(2024, 1, 1), [article("原来的标题", "正文讲供暖。", reporters=["李满"])])]
        )
        aid = a.search(SearchRequest(text="原来的标题")).ids[0]
        rec = a.edit_article(aid, title="更正的题目", reporters=["王 芳"], streets=["御河街道"])
        assert rec.title == "更正的题目" and rec.reporters == ("王芳",) and "title" in rec.edited
        assert a.search(SearchRequest(text="更正的题目")).ids == (aid,)
        assert a.search(SearchRequest(text='"原来的标题"')).total == 0
        assert (
            a.search(SearchRequest(text="王芳")).ids == (aid,)
            and a.search(SearchRequest(text="记者:李满")).total == 0
        )
        assert {fc.value for fc in a.search(SearchRequest()).facets["street"]} == {"御河街道"}
        a.revert_edit(aid, "title")
        assert a.search(SearchRequest(text='"原来的标题"')).ids == (aid,)


def test_reindex_gives_the_same_results(arch: Archive) -> None:
    queries = ["社区", '"垃圾分类"', "记者:锦秀", "古城街道 -供暖", ""]
    before = [arch.search(SearchRequest(text=q, sort="date", limit=0)).ids for q in queries]
    assert arch.reindex() == 72
    assert [arch.search(SearchRequest(text=q, sort="date", limit=0)).ids for q in queries] == before


def test_bad_query_is_reported(arch: Archive) -> None:
    with pytest.raises(BadQuery):
        arch.search(SearchRequest(text='"未闭合'))


def test_searches_from_several_threads(arch: Archive) -> None:
    expected = {q: arch.search(SearchRequest(text=q, limit=0)).ids for q in ("社区", '"供暖"', "记者:锦秀")}
    arch._search._cache.clear()
    errors: list[BaseException] = []

    def work() -> None:
        try:
            for q, ids in expected.items():
                assert arch.search(SearchRequest(text=q, limit=3)).ids == ids
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


def test_hits_for_a_slice_and_segment_hint(arch: Archive) -> None:
    res = arch.search(SearchRequest(text="社区", limit=0))
    rows = arch.hits(res.ids[3:7], res.terms)
    assert [h.id for h in rows] == list(res.ids[3:7]) and all("<b>" in h.snippet for h in rows)
    hint = arch.segment('垃圾分类 "天安门广场" 记者:锦秀 -招聘')
    assert '"天安门广场"' in hint and "reporter:锦秀" in hint and "-招聘" in hint
    assert "".join(h for h in hint if not h.startswith(('"', "reporter", "-"))) == "垃圾分类"


def test_prepared_postings_count_the_search_mode_tokens() -> None:
    an = Analyzer()
    text = "平城区推进垃圾分类，垃圾分类进社区。COVID-19 Covid"
    tokens = Counter(an.index_tokens(text))
    for name, boost in (("title", 2.0), ("body", 1.0)):
        prepared = prepare_text(an, name, text)
        assert sorted(prepared.postings) == sorted((t.encode(), n, n * boost, b"") for t, n in tokens.items())
        assert prepared.length == sum(tokens.values())
    assert (b"covid", 2, 2.0, b"") in prepare_text(an, "body", text).postings


def test_tuned_writer_writes_what_whoosh_writes(tmp_path: Path) -> None:
    from whoosh import index as wi

    from index.engine.gramstore import GramStore
    from index.engine.tuning import FastWriter
    from tests.archive_helpers import FILLER

    rnd = random.Random(3)
    an = Analyzer()
    recs = [
        ArticleRecord(
            id=i + 1,
            edition_id=1,
            date=dt.date(2024, 1, 1 + i % 28),
            edition_name="x",
            seq=i,
            title=f"第{i}篇",
            kicker="",
            subtitle="",
            section="要闻",
            page=None,
            reporters=("锦秀",),
            correspondents=(),
            photographers=(),
            captions=(),
            body="".join(rnd.choice(FILLER) for _ in range(rnd.randint(1, 40))),
            streets=("古城街道",),
            streets_printed=(),
            topics=("民生",),
            fragment=False,
        )
        for i in range(300)
    ]
    docs = [whoosh_document(index_doc(r, prepare_record(an, r))) for r in recs]
    readers = []
    for name, make in (
        ("plain", lambda ix: ix.writer(limitmb=1)),
        ("fast", lambda ix: FastWriter(ix, GramStore(tmp_path / "grams"), limitmb=1)),
    ):
        (tmp_path / name).mkdir()
        ix = wi.create_in(str(tmp_path / name), make_schema())
        w = make(ix)
        for doc in docs:
            w.add_document(**doc)
        w.commit()
        readers.append(ix.reader())
    plain, fast = readers
    terms = list(plain.all_terms())
    assert terms == list(fast.all_terms()) and len(terms) > 100
    for field, text in terms:
        a, b = plain.postings(field, text), fast.postings(field, text)
        assert list(a.all_items()) == list(b.all_items())
        assert (a.block_max_weight(), a.block_min_length(), a.block_max_length()) == (
            b.block_max_weight(),
            b.block_min_length(),
            b.block_max_length(),
        )
        ta, tb = plain.term_info(field, text), fast.term_info(field, text)
        stats = ("weight", "doc_frequency", "min_length", "max_length", "max_weight", "min_id", "max_id")
        assert [getattr(ta, s)() for s in stats] == [getattr(tb, s)() for s in stats]
    for r in readers:
        r.close()


def test_two_archives_in_one_process_segment_by_their_own_names(tmp_path: Path) -> None:
    text = "贾欣蕊走访司马云霞"  # neither name is in jieba's or the project's dictionary
    with Archive(tmp_path / "a") as a, Archive(tmp_path / "b") as b:
        a.import_editions([edition(dt.date(2024, 1, 5), [article("稿件", "社区。", reporters=["贾欣蕊"])])])
        b.import_editions([edition(dt.date(2024, 1, 5), [article("稿件", "社区。", reporters=["司马云霞"])])])
        cut_a, cut_b = a.segment(text), b.segment(text)
        assert "贾欣蕊" in cut_a and "司马云霞" not in cut_a
        assert "司马云霞" in cut_b and "贾欣蕊" not in cut_b


def test_photographer_facet_end_to_end(arch: Archive, records: list[ArticleRecord]) -> None:
    for name in PHOTOGRAPHERS:
        theirs = {r.id for r in records if name in r.photographers}
        assert theirs
        assert _ids(arch, text=f"摄影:{name}") == theirs == _ids(arch, photographers=(name,))
        assert _ids(arch, filters={"photographer": name}) == theirs
        assert _ids(arch, text=f"photographer:{name}") == theirs
    res = arch.search(SearchRequest(limit=0))
    truth = Counter(p for r in records for p in r.photographers)
    assert {fc.value: fc.count for fc in res.facets["photographer"]} == dict(truth)


def test_result_names_the_street_an_alias_resolved_to(arch: Archive) -> None:
    assert arch.search(SearchRequest(text="街道:东街")).resolved == (("东街", "古城街道"),)
    assert arch.search(SearchRequest(text="社区")).resolved == ()
