"""Edition text → articles: headlines, sections, bylines, captions, column breaks, fragments, leftovers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.ingest import bylines
from index.ingest.lines import Kind, classify
from index.ingest.parser import ParseResult, parse_text
from index.ingest.reader import read_text
from index.models import ParsedArticle

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _load(name: str) -> str:
    return read_text((FIXTURES / name).read_bytes(), name).text


MARKED = _load("edition_marked_2025-03-08.txt")
PLAIN = _load("edition_plain_20250309.txt")


def _by_title(result: ParseResult) -> dict[str, ParsedArticle]:
    return {a.title: a for a in result.articles}


@pytest.fixture(scope="module")
def marked() -> dict[str, ParsedArticle]:
    return _by_title(parse_text(MARKED))


@pytest.fixture(scope="module")
def plain() -> ParseResult:
    return parse_text(PLAIN)


def test_headline_blocks_with_marks(marked: dict[str, ParsedArticle]) -> None:
    assert list(marked) == [
        "平城区召开春季植树动员会",
        "春风送岗位 就业暖人心",
        "老旧小区改造让居民住得更舒心",
        "文慧小学开展读书月活动",
    ]
    jobs = marked["春风送岗位 就业暖人心"]
    assert jobs.subtitle == "平城区举办春季专场招聘会"  # leading —— removed
    assert marked["老旧小区改造让居民住得更舒心"].kicker == "古城街道"


def test_headline_blocks_without_marks(plain: ParseResult) -> None:
    arts = _by_title(plain)
    assert arts["村集体经济迈出新步伐"].kicker == "水泊寺街道"
    assert arts["居民议事会解决停车难题"].subtitle == "议事协商 共商共治"
    assert all(not a.kicker for t, a in arts.items() if t != "村集体经济迈出新步伐")


def test_marks_do_not_change_the_articles() -> None:
    unmarked = parse_text(re.sub(r"(?m)^#+\s*", "", MARKED))
    marked = parse_text(MARKED)
    key = [(a.kicker, a.title, a.subtitle, a.section, a.paragraphs) for a in marked.articles]
    assert key == [(a.kicker, a.title, a.subtitle, a.section, a.paragraphs) for a in unmarked.articles]


def test_section_labels_start_sections_and_are_not_articles(
    marked: dict[str, ParsedArticle], plain: ParseResult
) -> None:
    assert [a.section for a in marked.values()] == [None, None, "要闻", "要闻"]
    assert {(a.section, a.page) for a in plain.articles} == {("综合新闻", 2)}
    assert not any(a.title in ("要闻", "综合新闻") for a in plain.articles)


def test_dateline_names_go_to_reporters_and_correspondents(marked: dict[str, ParsedArticle]) -> None:
    art = marked["平城区召开春季植树动员会"]
    assert (art.reporters, art.correspondents) == (["李满", "王芳"], ["赵小东"])
    assert art.body.startswith("3月6日，平城区召开")
    assert "本报讯" not in art.body and "赵小东" not in art.body
    assert marked["老旧小区改造让居民住得更舒心"].reporters == ["陈一鸣", "刘洋"]


def test_closing_byline_is_removed_from_the_body(marked: dict[str, ParsedArticle]) -> None:
    art = marked["春风送岗位 就业暖人心"]
    assert art.reporters == ["周晓"]
    assert "本报记者" not in art.body and art.body.endswith("登记信息。")


def test_column_break_is_joined_and_repeats_kept_once(marked: dict[str, ParsedArticle]) -> None:
    art = marked["平城区召开春季植树动员会"]
    assert "后期养护管理，切实提高成活率。" in art.body
    assert art.body.count("会议指出") == 1
    assert len(art.paragraphs) == 2


def test_subhead_stays_inside_its_article(marked: dict[str, ParsedArticle]) -> None:
    art = marked["老旧小区改造让居民住得更舒心"]
    assert "新建管网" in art.paragraphs
    assert art.body.endswith("不用担心漏水了。”")


def test_captions_and_credits_leave_the_body(marked: dict[str, ParsedArticle]) -> None:
    art = marked["文慧小学开展读书月活动"]
    assert art.photographers == ["孙萌"]
    assert [(c.text, c.photographer, c.credit) for c in art.captions] == [
        ("学生们在图书馆里安静地阅读。", "孙萌", ""),
        ("同学们展示自己制作的读书卡片。", "", "平城区图书馆"),
    ]
    # the lead photo's caption opens the body as printed; later captions and every credit stay out
    assert art.paragraphs[0] == "学生们在图书馆里安静地阅读。"
    assert art.paragraphs[1].startswith("近日，平城区文慧小学")
    for leaked in ("读书卡片", "摄", "提供"):
        assert leaked not in art.body


def test_fragment_keeps_its_title_and_is_flagged(plain: ParseResult) -> None:
    arts = _by_title(plain)
    frag = arts["冬季供暖保障有力"]
    assert frag.fragment and not frag.reporters
    assert frag.paragraphs[:2] == [
        "社区工作人员入户查看暖气温度。",
        "户检查管道阀门，对发现的问题当场登记，并联系供热企业及时处理。",
    ]
    assert "刘星" not in frag.body
    assert frag.captions[0].text == "社区工作人员入户查看暖气温度。" and frag.photographers == ["刘星"]
    assert [t for t, a in arts.items() if a.fragment] == ["冬季供暖保障有力"]
    assert any("冬季供暖保障有力" in w for w in plain.warnings)


def test_text_without_an_article_is_kept_as_unassigned(plain: ParseResult) -> None:
    assert plain.unassigned == [
        "上接第一版的一段文字，没有标题也没有电头，只能作为未归属文本保存。",
        "散落在版面角落的一段文字，它不属于任何文章。",
    ]
    assert sum("unassigned" in w for w in plain.warnings) == 2
    assert _by_title(plain)["平城区举办社区书画展"].body.endswith("前来观展。")


@pytest.mark.parametrize("text", [MARKED, PLAIN])
def test_no_text_is_lost(text: str) -> None:
    result = parse_text(text)
    out = "\n".join(
        [*result.unassigned]
        + [
            x
            for a in result.articles
            for x in (a.kicker, a.title, a.subtitle, a.section or "", *a.paragraphs)
        ]
        + [c.text for a in result.articles for c in a.captions]
    )
    compact = out.replace("\n", "")
    for line in classify(text):
        if line.kind is Kind.DATELINE:
            dl = bylines.parse_dateline(line.text)
            assert dl is not None and dl.rest in compact
        elif line.kind in (Kind.TEXT, Kind.HEAD):
            assert line.text.lstrip("—") in compact, line.text


def test_dateline_article_closed_by_a_byline_after_a_subhead_is_split() -> None:
    text = (
        "第一篇标题\n\n本报讯（记者 林森）第一篇正文。\n\n第二篇标题没有电头\n\n第二篇正文第一段。\n\n"
        "第二篇正文第二段。\n\n本报记者 何静\n"
    )
    arts = parse_text(text).articles
    assert [(a.title, a.reporters, a.paragraphs) for a in arts] == [
        ("第一篇标题", ["林森"], ["第一篇正文。"]),
        ("第二篇标题没有电头", ["何静"], ["第二篇正文第一段。", "第二篇正文第二段。"]),
    ]


def test_dateline_without_headline_continues_the_open_article() -> None:
    text = "标题一\n\n本报讯（记者 林森）正文一。\n\n本报讯（记者 何静）正文二。\n"
    result = parse_text(text)
    assert [(a.title, a.fragment, a.reporters, a.paragraphs) for a in result.articles] == [
        ("标题一", False, ["林森", "何静"], ["正文一。", "本报讯（记者 何静）正文二。"]),
    ]
    assert all(a.title for a in result.articles)


def test_dateline_without_headline_after_a_closed_article_is_unassigned() -> None:
    text = (
        "标题一\n\n本报讯（记者 林森）正文一。\n\n本报记者 林森\n\n本报讯（记者 何静）正文二。\n\n正文三。\n"
    )
    result = parse_text(text)
    assert [(a.title, a.body) for a in result.articles] == [("标题一", "正文一。")]
    assert result.unassigned[:2] == ["本报讯（记者 何静）正文二。", "正文三。"]
    assert (
        "unassigned text (line 7) (dateline without a headline): 本报讯（记者 何静）正文二。"
        in result.warnings
    )


def test_body_starting_mid_sentence_is_a_fragment() -> None:
    arts = parse_text("标题\n\n，居民们纷纷表示满意。\n").articles
    assert arts[0].fragment


def test_indented_paragraphs_without_blank_lines() -> None:
    text = (
        "标题\n\n"
        "\u3000\u3000本报讯（记者 林森）第一段的前半部分在这里断开。\n"
        "第一段的后半部分，到此结束。\n"
        "\u3000\u3000第二段单独成段。\n"
        "\u3000\u3000第三段也单独成段。\n"
    )
    arts = parse_text(read_text(text.encode(), "x.txt").text).articles
    assert arts[0].paragraphs == [
        "第一段的前半部分在这里断开。第一段的后半部分，到此结束。",
        "第二段单独成段。",
        "第三段也单独成段。",
    ]


def test_hard_wrapped_paragraphs() -> None:
    first = "第一段文字较长，在固定宽度处换行。换行的位置可能正好在句号之后。但段落并没有结束，还在继续。直到这里才结束。"
    second = "第二段同样较长，也按照固定宽度换行，行与行之间没有空行，段与段之间有一个空行。"
    width = 12

    def wrap(p: str) -> str:
        return "\n".join(p[i : i + width] for i in range(0, len(p), width))

    text = f"标题\n\n本报讯（记者 林森）\n\n{wrap(first)}\n\n{wrap(second)}\n"
    arts = parse_text(text).articles
    assert arts[0].paragraphs == [first, second]


def test_headline_missed_by_the_shape_rules_is_recovered_above_a_dateline() -> None:
    title = "“边关有我，请祖国放心！”（来自边海防一线的报告之三十五：一个很长的题目）"
    text = f"第一篇\n\n本报讯（记者 林森）正文一。\n\n{title}\n\n本报讯（记者 何静）正文二。\n"
    arts = parse_text(text).articles
    assert [(a.title, a.body, a.fragment) for a in arts] == [
        ("第一篇", "正文一。", False),
        (title, "正文二。", False),
    ]


def test_label_like_line_right_above_a_dateline_is_a_title() -> None:
    text = (
        "要闻\n\n第一篇\n\n本报讯（记者 林森）正文一。\n\n春节演出信息速递\n\n本报讯（记者 何静）正文二。\n"
    )
    arts = parse_text(text).articles
    assert [(a.title, a.section) for a in arts] == [("第一篇", "要闻"), ("春节演出信息速递", "要闻")]


def test_long_dash_subtitle_with_commas_stays_a_subtitle() -> None:
    text = "本报记者 林森\n\n冲着实事办 守在一线干\n\n——总结经验，把握规律，提高工作水平\n\n本报讯（记者 何静）正文。\n"
    result = parse_text(text)
    art = result.articles[0]
    assert (art.title, art.subtitle, art.body) == (
        "冲着实事办 守在一线干",
        "总结经验，把握规律，提高工作水平",
        "正文。",
    )
    assert result.unassigned == ["本报记者 林森"]


def test_masthead_and_page_furniture_are_kept_without_becoming_articles() -> None:
    text = (
        "平城区报\n\n2026年1月5日 星期一\n\n标题\n\n本报讯（记者 林森）正文。\n\n责任编辑：张三 校对：李四\n"
    )
    result = parse_text(text)
    assert [a.title for a in result.articles] == ["标题"]
    assert "2026年1月5日 星期一" in result.unassigned and "责任编辑：张三 校对：李四" in result.unassigned
    assert result.articles[0].body == "正文。"


@pytest.mark.parametrize(
    "credit", ["（责任编辑：张三）", "责编 王五", "编辑/李四", "本版责编：赵六", "版式设计：钱七"]
)
def test_editor_and_layout_credits_are_page_furniture(credit: str) -> None:
    result = parse_text(f"标题\n\n本报讯（记者 林森）正文。\n\n{credit}\n")
    assert [(a.title, a.body) for a in result.articles] == [("标题", "正文。")]
    assert result.unassigned == [credit] and not result.warnings


def test_exclaiming_title_over_a_photo_and_a_dateline_with_its_kicker() -> None:
    text = (
        "第一篇\n\n本报讯（记者 林森）第一篇正文。\n\n弘扬新风正气 促进反腐倡廉\n\n“祝乡亲们日子越过越红火！”\n\n\n\n"
        "村民们在新居前合影。\n\n图片由某某村提供\n\n本报讯（记者 何静）第二篇正文。\n"
    )
    first, second = parse_text(text).articles
    assert (first.title, first.body) == ("第一篇", "第一篇正文。")
    assert (second.kicker, second.title, second.reporters) == (
        "弘扬新风正气 促进反腐倡廉",
        "“祝乡亲们日子越过越红火！”",
        ["何静"],
    )
