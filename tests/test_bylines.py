"""Datelines, closing bylines, photo credits and name normalisation."""

from __future__ import annotations

import pytest

from index.ingest.bylines import (
    parse_closing,
    parse_credit,
    parse_dateline,
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
