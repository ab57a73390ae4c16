"""Datelines, closing bylines, photo credits and name normalisation."""

from __future__ import annotations

import pytest

from index.ingest.bylines import (
    bare_trailing,
    is_endnote,
    parse_closing,
    parse_credit,
    parse_dateline,
    parse_endnote,
    split_names,
    split_trailing_byline,
)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("李 满", ["李满"]),
        ("李 满 王芳", ["李满", "王芳"]),
        ("王芳、张小东", ["王芳", "张小东"]),
        ("王 小明 陈一鸣", ["王小明", "陈一鸣"]),
        ("欧阳 明", ["欧阳明"]),
        ("林森 周晓 何静", ["林森", "周晓", "何静"]),
    ],
)
def test_names_are_split_between_and_joined_within(text: str, names: list[str]) -> None:
    assert split_names(text) == names


def test_dateline_with_several_reporters_and_correspondents() -> None:
    dl = parse_dateline("本报讯（记者 李 满 王芳 通讯员 赵小东、钱多）3月6日，会议召开。")
    assert dl is not None
    assert dl.byline.reporters == ["李满", "王芳"]
    assert dl.byline.correspondents == ["赵小东", "钱多"]
    assert dl.rest == "3月6日，会议召开。"


@pytest.mark.parametrize(
    "line",
    [
        "本报讯(实习记者 陈一鸣、见习记者 刘洋)近日，街道启动改造。",
        "本报讯 （实习记者 陈一鸣 见习记者 刘洋） 近日，街道启动改造。",
        "本报3月6日讯（实习记者 陈一鸣 刘洋）近日，街道启动改造。",
    ],
)
def test_dateline_variants(line: str) -> None:
    dl = parse_dateline(line)
    assert dl is not None
    assert dl.byline.reporters == ["陈一鸣", "刘洋"]
    assert dl.rest == "近日，街道启动改造。"


def test_agency_dateline_and_dateline_without_names() -> None:
    dl = parse_dateline("新华社北京3月5日电（记者 张 三）今天上午召开会议。")
    assert dl is not None and dl.byline.reporters == ["张三"]
    bare = parse_dateline("本报讯 近日，社区开展活动。")
    assert bare is not None and not bare.byline and bare.rest == "近日，社区开展活动。"


@pytest.mark.parametrize(
    "line",
    [
        "压电缆、增设12台真空断路器工程优化供电设",
        "本报记者近日走访发现，居民很满意。",
        "会议要求各单位认真落实。",
    ],
)
def test_body_lines_are_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("line", "reporters", "correspondents"),
    [
        ("本报记者 周 晓", ["周晓"], []),
        ("记者 何静", ["何静"], []),
        ("通讯员 高远", [], ["高远"]),
        ("（本报记者 马腾 通讯员 高远）", ["马腾"], ["高远"]),
        ("文/林森", ["林森"], []),
    ],
)
def test_closing_bylines(line: str, reporters: list[str], correspondents: list[str]) -> None:
    byline = parse_closing(line)
    assert byline is not None
    assert (byline.reporters, byline.correspondents) == (reporters, correspondents)


@pytest.mark.parametrize(
    "line", ["记者 李四表示，这项工作很好。", "本报记者近日从区里了解到的情况如下，工作进展顺利。"]
)
def test_sentences_mentioning_reporters_are_not_bylines(line: str) -> None:
    assert parse_closing(line) is None


def test_trailing_byline_in_parentheses_is_split_off() -> None:
    body, byline = split_trailing_byline("推动工作再上新台阶。（记者 张三 通讯员 李四）")
    assert body == "推动工作再上新台阶。"
    assert byline is not None and byline.reporters == ["张三"] and byline.correspondents == ["李四"]
    assert split_trailing_byline("没有署名。") == ("没有署名。", None)


@pytest.mark.parametrize(
    ("line", "caption", "photographers", "provider"),
    [
        ("孙 萌摄", "", ("孙萌",), ""),
        ("（记者 张 三 摄）", "", ("张三",), ""),
        ("李四 王五 摄", "", ("李四", "王五"), ""),
        ("社区工作人员入户查看暖气温度。 刘星摄", "社区工作人员入户查看暖气温度。", ("刘星",), ""),
        ("居民制作中国结。（本报记者 李四 摄）", "居民制作中国结。", ("李四",), ""),
        ("图片由平城区图书馆提供", "", (), "平城区图书馆"),
        ("平城区文慧小学供图", "", (), "平城区文慧小学"),
    ],
)
def test_photo_credits(line: str, caption: str, photographers: tuple[str, ...], provider: str) -> None:
    credit = parse_credit(line)
    assert credit is not None
    assert (credit.caption, credit.photographers, credit.provider) == (caption, photographers, provider)


@pytest.mark.parametrize("line", ["他拍摄", "正在拍摄", "今天下午，张三摄", "记者现场拍摄"])
def test_sentences_ending_in_she_are_not_credits(line: str) -> None:
    assert parse_credit(line) is None


@pytest.mark.parametrize(
    ("text", "reporters", "rest"),
    [
        ("本报北京7月10日电 （记者张璁）国务委员会见客人。", ["张璁"], "国务委员会见客人。"),
        ("本报首尔、平壤8月31日电 （记者马菲、王莉）朝韩双方表示。", ["马菲", "王莉"], "朝韩双方表示。"),
        ("新华社北京6月20日电 代表团抵达。", [], "代表团抵达。"),
    ],
)
def test_datelines_of_every_form(text: str, reporters: list[str], rest: str) -> None:
    dl = parse_dateline(text)
    assert dl is not None and (dl.byline.reporters, dl.rest) == (reporters, rest)


def test_second_hand_datelines_are_text() -> None:
    assert parse_dateline("据新华社北京4月2日电（记者 张三）试点范围再次扩大。") is None


@pytest.mark.parametrize(
    ("text", "reporters", "correspondents"),
    [
        ("本报记者 孙一 陈二 摄影报道", ["孙一", "陈二"], []),
        ("首席记者 潘 高", ["潘高"], []),
        ("本报驻外记者 万 宇 本报驻外记者 程一 周二", ["万宇", "程一", "周二"], []),
        ("本报特约通讯员 龙钢 记者 袁玮", ["袁玮"], ["龙钢"]),
    ],
)
def test_bylines_of_every_form(text: str, reporters: list[str], correspondents: list[str]) -> None:
    byline = parse_closing(text)
    assert byline is not None and (byline.reporters, byline.correspondents) == (reporters, correspondents)


@pytest.mark.parametrize(
    ("text", "reporters"),
    [
        ("（本报平壤6月19日电）", []),
        ("（新华社北京8月2日电 记者郝薇薇）", ["郝薇薇"]),
        ("（记者郑琪、王恬）", ["郑琪", "王恬"]),
        ("（作者为中国驻外大使）", []),
        ("（本报记者 李四采访整理）", ["李四"]),
        ("本版图片由受访者提供", []),
    ],
)
def test_closing_notes(text: str, reporters: list[str]) -> None:
    assert is_endnote(text)
    note = parse_endnote(text)
    assert (note.reporters if note else []) == reporters


@pytest.mark.parametrize("text", ["（1949年10月—2019年9月）", "（国际时评）", "本报记者 林森"])
def test_not_closing_notes(text: str) -> None:
    assert not is_endnote(text)


def test_bare_byline_at_the_end_of_a_paragraph() -> None:
    body, byline = split_trailing_byline("居民们说，心里踏实多了。本报记者 左妍")
    assert body == "居民们说，心里踏实多了。" and byline is not None and byline.reporters == ["左妍"]
    assert bare_trailing("居民们说，心里踏实多了。本报记者 左妍")
    assert not bare_trailing("推动工作再上新台阶。（记者 张三）")
    assert split_trailing_byline("他说。记者们都来了")[1] is None


def test_agency_photo_credit() -> None:
    credit = parse_credit("新华社记者 李 涛摄")
    assert credit is not None and credit.photographers == ("李涛",)


@pytest.mark.parametrize(
    ("text", "reporters", "rest"),
    [
        ("新浪体育讯如今，本赛季进入末段。", [], "如今，本赛季进入末段。"),
        ("晚报讯（记者 钱妤）昨天，基金分红。", ["钱妤"], "昨天，基金分红。"),
        ("人民网北京1月2日电 （记者 张三）今天召开会议。", ["张三"], "今天召开会议。"),
    ],
)
def test_datelines_of_other_papers_and_sites(text: str, reporters: list[str], rest: str) -> None:
    dl = parse_dateline(text)
    assert dl is not None and (dl.byline.reporters, dl.rest) == (reporters, rest)


@pytest.mark.parametrize("text", ["体育快讯", "人民日报电子版显示，销量上升。", "通讯员说，活动很成功。"])
def test_lines_that_only_look_like_datelines(text: str) -> None:
    assert parse_dateline(text) is None


@pytest.mark.parametrize(
    ("text", "reporters", "correspondents", "rest"),
    [
        (
            "本报讯 记者 林森 通讯员 赵小东 近日，平城区召开会议。",
            ["林森"],
            ["赵小东"],
            "近日，平城区召开会议。",
        ),
        ("本报讯 记者 林森 报道：近日，会议召开。", ["林森"], [], "近日，会议召开。"),
        ("本报讯 记者从区图书馆获悉，开放时间延长。", [], [], "记者从区图书馆获悉，开放时间延长。"),
    ],
)
def test_dateline_names_without_parentheses(
    text: str, reporters: list[str], correspondents: list[str], rest: str
) -> None:
    dl = parse_dateline(text)
    assert dl is not None
    assert (dl.byline.reporters, dl.byline.correspondents, dl.rest) == (reporters, correspondents, rest)


@pytest.mark.parametrize(
    ("text", "caption", "names"),
    [
        ("图/张三", "", ("张三",)),
        ("摄影：李四 王五", "", ("李四", "王五")),
        ("居民在看图。 图/张三", "居民在看图。", ("张三",)),
    ],
)
def test_photo_credits_with_a_slash(text: str, caption: str, names: tuple[str, ...]) -> None:
    credit = parse_credit(text)
    assert credit is not None and (credit.caption, credit.photographers) == (caption, names)


@pytest.mark.parametrize("text", ["地图显示", "示意图", "看图说话"])
def test_words_with_tu_are_not_credits(text: str) -> None:
    assert parse_credit(text) is None


@pytest.mark.parametrize(
    ("text", "body", "names"),
    [
        ("今日可能复牌交易。(徐国杰)", "今日可能复牌交易。", ["徐国杰"]),
        ("有效认购户数为12400户。（全景网/陈丹蓉）", "有效认购户数为12400户。", ["陈丹蓉"]),
        ("红利发放日为4月15日。(陈 墨)", "红利发放日为4月15日。", ["陈墨"]),
    ],
)
def test_writer_name_alone_in_parentheses_at_the_end(text: str, body: str, names: list[str]) -> None:
    out, byline = split_trailing_byline(text)
    assert out == body and byline is not None and byline.reporters == names


@pytest.mark.parametrize(
    "text", ["结束。（完）", "据报道。（新华）", "活动很成功。（综合报道）", "他说。（笑）"]
)
def test_other_words_in_parentheses_at_the_end_are_not_writers(text: str) -> None:
    assert split_trailing_byline(text) == (text, None)


def test_agency_reporters_byline() -> None:
    byline = parse_closing("新华社记者 李学仁 王晔")
    assert byline is not None and byline.reporters == ["李学仁", "王晔"]
    assert (
        parse_closing("新华社记者 李 涛摄") is None
        or "李涛摄" not in parse_closing("新华社记者 李 涛摄").reporters
    )


@pytest.mark.parametrize(
    ("text", "names"), [("晨报记者 周治宏", ["周治宏"]), ("新京报记者 王五 李四", ["王五", "李四"])]
)
def test_other_papers_reporters(text: str, names: list[str]) -> None:
    byline = parse_closing(text)
    assert byline is not None and byline.reporters == names
    assert split_trailing_byline(f"他说。{text}")[1] == byline
