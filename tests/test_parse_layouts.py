"""One small invented edition laid out the ways exports do: every layout must give the same articles.

Layouts: blank lines between paragraphs, full-width indentation with single line breaks (headings
flush), the same hard-wrapped at a fixed width, and GB18030 / UTF-16 encodings of it.
"""

from __future__ import annotations

import pytest

from index.ingest.lines import Kind, classify
from index.ingest.parser import ParseResult, parse_text
from index.ingest.pipeline import parse_bytes
from index.ingest.reader import read_text

# (kind, text): "page" and "head" lines stand flush, "para" lines are paragraphs.
EDITION: list[tuple[str, str]] = [
    ("page", "第2/3版：城区新闻"),
    ("head", "河畔公园改造完工"),
    ("para", "近日，河畔公园改造工程全部完工，新增步道三公里、座椅六十张，周边居民纷纷前来散步健身。"),
    (
        "para",
        "公园管理处负责人介绍，改造期间共栽种乔木400余株、灌木1200丛，铺设2.5公里透水路面，并修复了2座老桥。",
    ),
    ("para", "本报记者 林森"),
    ("page", "第4/5版 城区新闻/社区"),
    ("head", "十多天没回家，每天守在社区一线"),
    ("head", "“网格长”跑出服务加速度"),
    ("para", "首席记者 何静"),
    ("para", "清晨六点，网格长老周已经在小区门口忙碌起来，登记、测温、解答居民的各种问题。"),
    ("sub", "夜里也有人值守"),
    ("para", "到了夜里，值班室的灯依然亮着，志愿者轮流守在电话旁，随时回应居民的求助。"),
    ("para", "居民们说，有他们在，心里踏实多了。"),
    ("para", "本报记者 何静 通讯员 赵小东"),
    ("page", "第6版：城区新闻"),
    ("head", "图书馆延长开放时间"),
    ("head", "——周末开放至晚上九点"),
    ("para", "本报讯 记者从区图书馆获悉，自本月起周末开放时间延长至晚上九点，方便上班族借阅图书。"),
    ("para", "馆方表示，将根据读者反馈继续优化服务。"),
    ("para", "责任编辑：张三 版式设计：李四"),
]
LONG = "这是一段足够长的正文，用来让版式判断有据可依，段落以句号结束，读起来像一句完整的话。"
TITLES = ["河畔公园改造完工", "“网格长”跑出服务加速度", "图书馆延长开放时间"]


def _blank_lines(edition: list[tuple[str, str]]) -> str:
    return "\n\n".join(text for _, text in edition) + "\n"


def _cols(text: str) -> int:
    return sum(1 if ord(ch) < 0x2000 else 2 for ch in text)


def _cut(line: str, wrap: int, columns: bool) -> int:
    """How many characters of ``line`` fit in ``wrap`` characters (or display columns)."""
    if not columns:
        return wrap
    k = used = 0
    while k < len(line) and used + _cols(line[k]) <= wrap:
        used += _cols(line[k])
        k += 1
    return k


def _indented(edition: list[tuple[str, str]], wrap: int = 0, columns: bool = False) -> str:
    out: list[str] = []
    for kind, text in edition:
        if kind in ("page", "head"):
            out.append(text)
            continue
        line = "\u3000\u3000" + text
        while wrap and (_cols(line) if columns else len(line)) > wrap:
            k = _cut(line, wrap, columns)
            out.append(line[:k])
            line = line[k:]
        out.append(line)
    return "\n".join(out) + "\n"


def _parse(text: str) -> ParseResult:
    return parse_text(read_text(text.encode("utf-8"), "x.txt").text)


def _key(result: ParseResult) -> list[tuple[object, ...]]:
    return [
        (a.kicker, a.title, a.subtitle, a.section, a.page, a.reporters, a.correspondents, a.body)
        for a in result.articles
    ]


LAYOUTS = {
    "blank-lines": _blank_lines(EDITION),
    "indented-single-breaks": _indented(EDITION),
    "hard-wrapped-24": _indented(EDITION, wrap=24),
    "hard-wrapped-31": _indented(EDITION, wrap=31),
    "hard-wrapped-48-columns": _indented(EDITION, wrap=48, columns=True),
}


@pytest.fixture(scope="module")
def reference() -> ParseResult:
    return _parse(LAYOUTS["indented-single-breaks"])


def test_reference_layout_reads_every_class(reference: ParseResult) -> None:
    arts = {a.title: a for a in reference.articles}
    assert list(arts) == TITLES
    park = arts["河畔公园改造完工"]  # a headline followed directly by body text, no 本报讯
    assert (park.section, park.page, park.reporters) == ("城区新闻", 2, ["林森"])
    assert park.body.startswith("近日，河畔公园") and "本报记者" not in park.body
    grid = arts["“网格长”跑出服务加速度"]
    assert grid.kicker == "十多天没回家，每天守在社区一线"  # kicker over a quoted title
    assert (grid.section, grid.page) == ("城区新闻/社区", 4)  # 第4/5版 X/Y: page and whole section
    assert (grid.reporters, grid.correspondents) == (["何静"], ["赵小东"])
    assert "夜里也有人值守" in grid.paragraphs  # an indented subhead stays in its article
    assert grid.body.endswith("心里踏实多了。")
    library = arts["图书馆延长开放时间"]
    assert library.subtitle == "周末开放至晚上九点"
    assert library.body.startswith("记者从区图书馆获悉") and library.reporters == []
    assert "责任编辑：张三 版式设计：李四" in reference.unassigned  # page furniture, not body
    assert not any("unassigned" in w for w in reference.warnings)
    assert not any(a.fragment for a in reference.articles)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_gives_the_same_articles(layout: str, reference: ParseResult) -> None:
    assert _key(_parse(LAYOUTS[layout])) == _key(reference)


@pytest.mark.parametrize("encoding", ["gb18030", "utf-16", "utf-8-sig"])
def test_encodings_give_the_same_articles(encoding: str, reference: ParseResult) -> None:
    data = LAYOUTS["hard-wrapped-24"].replace("\n", "\r\n").encode(encoding)
    edition = parse_bytes(data, "2026-01-05.txt")
    assert [(a.title, a.section, a.body) for a in edition.articles] == [
        (a.title, a.section, a.body) for a in reference.articles
    ]


def test_flush_headline_over_text_starts_an_article_even_after_an_open_paragraph() -> None:
    text = (
        f"第一篇标题\n\u3000\u3000{LONG}\n\u3000\u3000第一篇的正文没有写完就被截断了，后面没有标点\n"
        f"第二篇标题\n\u3000\u3000{LONG}\n\u3000\u3000第二段{LONG}\n\u3000\u3000本报记者 林森\n"
    )
    result = _parse(text)
    assert [(a.title, a.paragraphs) for a in result.articles] == [
        ("第一篇标题", [LONG, "第一篇的正文没有写完就被截断了，后面没有标点"]),
        ("第二篇标题", [LONG, "第二段" + LONG]),
    ]


def test_two_unmarked_headline_lines() -> None:
    def block(first: str, second: str) -> tuple[str, str]:
        art = _parse(f"{first}\n{second}\n" + f"\u3000\u3000{LONG}\n" * 3).articles[0]
        return art.kicker, art.title

    assert block("区长：把实事办到群众心坎上", "十件民生实事全部完成") == (
        "区长：把实事办到群众心坎上",
        "十件民生实事全部完成",
    )
    assert block("新城区公园开放", "市民游客纷至沓来") == ("", "新城区公园开放")  # title, subtitle
    assert block("区政府发言人——", "今年将新建三所学校") == ("", "区政府发言人——")
    assert block("社区志愿者谈防疫", "“我们一起守护家园！”") == ("社区志愿者谈防疫", "“我们一起守护家园！”")


def test_closing_notes_and_agency_datelines_stay_in_the_body() -> None:
    text = (
        "外国游客数量创新高\n\n\u3000\u3000本报驻外记者 王小明\n\n\u3000\u3000今年前八个月入境游客大幅增加。\n\n"
        "\u3000\u3000（本报首都9月8日电）\n\n"
        "代表团访问友好城市\n\n\u3000\u3000新华社北京9月9日电 代表团结束访问回到北京。\n\n"
        "\u3000\u3000（新华社北京9月9日电 记者李四）\n"
    )
    tourists, visit = _parse(text).articles
    assert tourists.paragraphs[0] == "本报驻外记者 王小明" and tourists.reporters == ["王小明"]
    assert tourists.body.endswith("（本报首都9月8日电）")
    assert visit.body.startswith("代表团结束访问") and visit.body.endswith("记者李四）")
    assert visit.reporters == ["李四"]


def test_author_lines_and_photo_reports() -> None:
    text = (
        f"春天的味道\n\u3000\u3000◆ 林小雨\n\u3000\u3000春风一吹，街边的玉兰就开了。{LONG}\n"
        "夜色中的忙碌身影\n\u3000\u3000凌晨三点，环卫工人已经开始清扫街道。\n"
        "\u3000\u3000本报记者 孙一 陈二 摄影报道\n"
        "居民楼里的好邻居\n\u3000\u3000楼里的年轻人主动帮老人买菜送药，大家都说这是远亲不如近邻。本报记者 周三\n"
    )
    spring, night, neighbours = _parse(text).articles
    assert spring.paragraphs[0] == "◆ 林小雨" and not spring.fragment
    assert night.reporters == ["孙一", "陈二"]  # 摄影报道 is not a name
    assert neighbours.reporters == ["周三"]  # a byline at the end of the last paragraph


def test_unplaceable_text_is_unassigned_with_its_line() -> None:
    text = "无题的一段文字，没有标题也没有电头。\n\n标题\n\n本报讯（记者 林森）正文。\n"
    result = _parse(text)
    assert [a.title for a in result.articles] == ["标题"] and all(a.title for a in result.articles)
    assert result.unassigned == ["无题的一段文字，没有标题也没有电头。"]
    assert result.warnings == ["unassigned text (line 1) (no article): 无题的一段文字，没有标题也没有电头。"]


def test_indented_kicker_right_over_a_flush_title_is_the_kicker() -> None:
    """A re-layout that indents every unmarked line: a kicker over a flush title stays the kicker."""
    text = (
        f"第一篇标题\n\u3000\u3000{LONG}\n\u3000\u3000本报记者 林森\n"
        f"\u3000\u3000振华街道\n精准施策破解难题\n\u3000\u3000振华街道{LONG}\n"
        f"\u3000\u3000第二段{LONG}\n"
    )
    first, second = _parse(text).articles
    assert first.body == LONG and first.reporters == ["林森"]
    assert (second.kicker, second.title) == ("振华街道", "精准施策破解难题")


def test_traditional_characters_in_big5() -> None:
    text = (
        "要聞\n\n臺北市政府擴大補助計畫\n\n本報訊（記者 林森 通訊員 王小明）臺北市政府今日舉行記者會，宣布擴大補助計畫。\n\n"
        "市長表示，這項政策將使更多家庭受惠，並會持續檢討執行成效。\n\n民眾在服務處排隊申請。 記者 陳一攝\n\n責任編輯：張三\n"
    )
    edition = parse_bytes(text.encode("big5hkscs"), "2026-01-05.txt")
    (art,) = edition.articles
    assert (art.section, art.title) == ("要聞", "臺北市政府擴大補助計畫")
    assert (art.reporters, art.correspondents, art.photographers) == (["林森"], ["王小明"], ["陳一"])
    assert art.body.startswith("臺北市政府今日舉行記者會") and "攝" not in art.body
    assert edition.unassigned == ["責任編輯：張三"]


def test_a_paged_story_told_in_parts_stays_one_article() -> None:
    pages = "".join(f"第{n}版 城区新闻\n\n城区报道{n}\n\n{LONG}\n\n本报记者 何静\n\n" for n in (2, 3))
    text = (
        "第1版 要闻\n\n社区战疫群像\n\n第一部分的正文，写得很长很长，讲述了很多细节和故事。\n\n本报记者 林森\n\n"
        "第二部分的小标题\n\n第二部分的正文，同样写得很长，讲述了志愿者的故事。\n\n本报记者 王芳\n\n" + pages
    )
    result = _parse(text)
    first = result.articles[0]
    assert [a.title for a in result.articles] == ["社区战疫群像", "城区报道2", "城区报道3"]
    assert "第二部分的小标题" in first.paragraphs and first.body.endswith("志愿者的故事。")
    assert first.reporters == ["王芳"]  # the closing byline of the whole story


def test_on_a_page_a_headline_over_a_dateline_still_starts_an_article() -> None:
    pages = "".join(f"第{n}版 城区新闻\n\n城区报道{n}\n\n{LONG}\n\n本报记者 何静\n\n" for n in (2, 3))
    text = (
        "第1版 要闻\n\n第一篇\n\n第一篇的正文，写得很长很长，讲述了很多细节和故事。\n\n本报记者 林森\n\n"
        "第二篇\n\n据新华社北京1月2日电 第二篇的正文。\n\n" + pages
    )
    assert [a.title for a in _parse(text).articles][:2] == ["第一篇", "第二篇"]


@pytest.mark.parametrize("author", ["任寰宇", "◆ 韩浩月", "文/付秀宏", "本报评论员"])
def test_author_line_under_a_headline_opens_the_body(author: str) -> None:
    text = f"第一篇\n\n本报讯（记者 林森）{LONG}\n\n评论的标题\n\n{author}\n\n{LONG}\n"
    _first, comment = _parse(text).articles
    assert (comment.title, comment.subtitle) == ("评论的标题", "")
    assert comment.paragraphs == [author, LONG] and not comment.fragment


def test_column_label_over_a_headline_is_the_kicker() -> None:
    text = f"帮忙>>>\n独居老人家中断水三天\n\n本报讯（记者 林森）{LONG}\n"
    art = _parse(text).articles[0]
    assert (art.kicker, art.title) == ("帮忙>>>", "独居老人家中断水三天")


def test_expert_author_line_under_a_headline_opens_the_body() -> None:
    text = f"第一篇\n\n本报讯（记者 林森）{LONG}\n\n半岛缓和的又一重举\n\n中国国际问题研究院研究员 阮宗泽\n\n{LONG}\n"
    comment = _parse(text).articles[1]
    assert (comment.title, comment.subtitle) == ("半岛缓和的又一重举", "")
    assert comment.paragraphs[0] == "中国国际问题研究院研究员 阮宗泽" and not comment.fragment


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_no_text_is_lost_in_any_layout(layout: str) -> None:
    text = read_text(LAYOUTS[layout].encode("utf-8"), "x.txt").text
    result = parse_text(text)
    out = "".join(
        [*result.unassigned]
        + [x for a in result.articles for x in (a.kicker, a.title, a.subtitle, *a.paragraphs)]
        + [c.text for a in result.articles for c in a.captions]
    ).replace("\n", "")
    kept = (Kind.TEXT, Kind.HEAD, Kind.SUBHEAD, Kind.ENDNOTE, Kind.META)
    for line in classify(text):
        if line.kind in kept:
            assert line.text.lstrip("—") in out, line.text
