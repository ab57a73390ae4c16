"""Enrichment: street offices from the gazetteer, topics from the taxonomy, the jieba user dictionary."""

from __future__ import annotations

import csv
import json
import logging
import re
from pathlib import Path

import pytest

from index.errors import ArchiveError
from index.ingest.enrich import GAZETTEER_PATH, TAXONOMY_PATH, USERDICT_PATH, Enricher, default_gazetteer
from index.ingest.gazetteer import Gazetteer
from index.ingest.parser import parse_text
from index.ingest.taxonomy import Taxonomy
from index.models import Caption, ParsedArticle

REFERENCE = Path(__file__).resolve().parents[1].parent / "shared" / "reference"
DEFAULT_TOPICS = [
    "时政",
    "经济",
    "民生",
    "就业",
    "社区治理",
    "城市建设",
    "教育",
    "卫生健康",
    "文化旅游",
    "平安法治",
    "生态环保",
]


def test_official_historic_and_alias_names_map_to_facet_names() -> None:
    gaz = default_gazetteer()
    text = "古城街道与原东街街道办事处、清源街道、文瀾湖街道、新旺乡和南关街道的干部参加了会议。"
    assert gaz.find(text) == [
        ("古城街道", "古城街道"),
        ("东街街道", "古城街道"),
        ("清源街道", "清远街道"),
        ("文瀾湖街道", "文瀛湖街道"),
        ("新旺乡", "新旺街道"),
        ("南关街道", "南关街道"),  # no documented successor: keeps its own name
    ]


def test_street_names_inside_other_words_are_not_streets() -> None:
    gaz = default_gazetteer()
    assert gaz.find("在迎宾街道路口增设停车区，清源西街社区和各街道社区参加。") == []
    # the longest name wins: 新华街街道 (historic) is not read as 新华街道
    assert gaz.find("新华街街道") == [("新华街街道", "新华街道")]


def test_gazetteer_matches_the_shared_reference() -> None:
    if not REFERENCE.is_dir():
        pytest.skip(f"shared reference absent ({REFERENCE})")
    with (REFERENCE / "pingcheng_streets_2022.csv").open(encoding="utf-8") as fh:
        current = [row["name"] for row in csv.DictReader(fh)]
    history = (REFERENCE / "pingcheng_streets_history_2018_2022.txt").read_text(encoding="utf-8")
    old = {re.sub("办事处$", "", n) for n in re.findall(r'"([^"]+)"', history)} - set(current)
    gaz = default_gazetteer()
    assert list(gaz.official) == current and len(current) == 18
    assert old <= set(gaz.names)
    assert {gaz.canonical[n] for n in ("东街街道", "西街街道", "南街街道", "北街街道")} == {"古城街道"}


def test_streets_come_from_the_article_text_only() -> None:
    text = (
        "关爱特殊群体\n\n本报讯（记者 林森）新华街道和鹿苑街道开展走访慰问活动。\n\n"
        "振华街道\n\n物业治理见成效\n\n本报讯（记者 何静）振华街道推进物业治理。\n"
    )
    enricher = Enricher()
    first, second = (enricher.enrich(a) for a in parse_text(text).articles)
    assert first.streets == ["新华街道", "鹿苑街道"]
    assert second.streets == ["振华街道"] and second.kicker == "振华街道"


def test_printed_and_official_names_are_both_kept() -> None:
    art = ParsedArticle(
        title="清源街道开展活动", paragraphs=["清远街道社区居民参加。"], captions=[Caption("文瀾湖街道")]
    )
    Enricher().enrich(art)
    assert art.streets == ["清远街道", "文瀛湖街道"]
    assert art.streets_printed == ["清源街道", "清远街道", "文瀾湖街道"]


def test_default_taxonomy_has_the_agreed_topics() -> None:
    assert Taxonomy.load(TAXONOMY_PATH).names == DEFAULT_TOPICS


@pytest.mark.parametrize(
    ("title", "body", "primary"),
    [
        ("春季招聘会举行", "六十余家企业提供就业岗位，吸引求职者参加招聘。", "就业"),
        ("小学开展读书活动", "学校组织学生阅读，师生共读经典。", "教育"),
        ("社区召开物业议事会", "业主代表与物业共同商议小区治理问题。", "社区治理"),
        ("医院开展义诊", "医生为居民体检，普及健康知识。", "卫生健康"),
        ("非遗年画展开展", "展览吸引市民观展，演出精彩。", "文化旅游"),
    ],
)
def test_topics_have_a_primary_topic(title: str, body: str, primary: str) -> None:
    art = Enricher().enrich(ParsedArticle(title=title, paragraphs=[body]))
    assert art.topics[0] == primary


def test_title_counts_more_than_the_body() -> None:
    tax = Taxonomy.from_dict(
        {"topics": {"甲": {"学校": 1}, "乙": {"医院": 1}}, "scoring": {"title_weight": 3}}
    )
    assert tax.classify("学校", "医院 医院") == ["甲", "乙"]
    assert tax.classify("", "医院 医院 学校") == ["乙", "甲"]


def test_every_article_gets_at_least_one_topic() -> None:
    art = Enricher().enrich(ParsedArticle(title="无关键词", paragraphs=["这里什么都没有。"]))
    assert art.topics == [Taxonomy.load(TAXONOMY_PATH).fallback]


def test_an_edited_taxonomy_file_is_used(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.toml"
    path.write_text(
        '[scoring]\nfallback = "其他"\n\n[topics."体育"]\n"足球" = 2\n\n[topics."其他"]\n', encoding="utf-8"
    )
    enricher = Enricher(taxonomy=Taxonomy.load(path))
    assert enricher.enrich(
        ParsedArticle(title="校园足球联赛开幕", paragraphs=["学生参加足球比赛。"])
    ).topics == ["体育"]
    assert enricher.enrich(ParsedArticle(title="学校开学", paragraphs=[])).topics == ["其他"]


@pytest.mark.parametrize(
    "content", ["not toml [", '[topics."甲"]\n"词" = "重"\n', '[scoring]\nfallback = "无"\n']
)
def test_a_broken_taxonomy_file_is_reported(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"bad\.toml"):
        Taxonomy.load(path)


def test_a_broken_gazetteer_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gaz.json"
    path.write_text('{"official": [{"nom": 1}]}', encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"gaz\.json"):
        Gazetteer.load(path)


def test_userdict_lists_every_gazetteer_name() -> None:
    words = {
        line.split()[0] for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines() if line.strip()
    }
    data = json.loads(GAZETTEER_PATH.read_text(encoding="utf-8"))
    assert set(Gazetteer.from_dict(data).names) <= words


def test_jieba_keeps_userdict_names_whole(tmp_path: Path) -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tok = jieba.Tokenizer()
    tok.tmp_dir = str(tmp_path)
    with USERDICT_PATH.open("rb") as fh:  # a path would leave the file open (ResourceWarning)
        tok.load_userdict(fh)
    for line in USERDICT_PATH.read_text(encoding="utf-8").splitlines():
        word = line.split()[0]
        for sentence in (word, f"近日{word}开展活动", f"本报记者{word}报道"):
            assert word in tok.lcut(sentence, HMM=False), sentence


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "此次检查涉及新华、大庆路、开源3个街道。",
            [("新华", "新华街道"), ("大庆路", "大庆路街道"), ("开源", "开源街道")],
        ),
        (
            "新华、大庆路和开源街道联合开展活动。",
            [("新华", "新华街道"), ("大庆路", "大庆路街道"), ("开源街道", "开源街道")],
        ),
        ("古城、振华等街道积极响应。", [("古城", "古城街道"), ("振华", "振华街道")]),
        ("新华、开源两个街道办事处参加。", [("新华", "新华街道"), ("开源", "开源街道")]),
    ],
)
def test_short_forms_count_in_a_list_closed_by_jiedao(text: str, found: list[tuple[str, str]]) -> None:
    assert default_gazetteer().find(text) == found


@pytest.mark.parametrize(
    "text",
    ["新华社记者报道。", "开源节流，新华书店开业。", "沿新华路、开源路向北。", "新华、开源两个社区参加。"],
)
def test_short_forms_without_jiedao_are_not_streets(text: str) -> None:
    assert default_gazetteer().find(text) == []


def test_short_forms_agree_with_a_brute_force_reading() -> None:
    """Every list of short forms closed by 街道 names exactly its items (compared item by item)."""
    gaz = default_gazetteer()
    shorts = sorted(n.removesuffix("街道") for n in gaz.official)
    for k in range(len(shorts) - 2):
        items = shorts[k : k + 3]
        text = f"会议涉及{'、'.join(items)}{len(items)}个街道。"
        assert [p for p, _ in gaz.find(text)] == items
        assert [o for _, o in gaz.find(text)] == [i + "街道" for i in items]
