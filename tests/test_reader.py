"""Reading edition files: encodings, BOMs, line ends, odd spaces, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import ImportRefused
from index.ingest.reader import normalise, read_text

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = (FIXTURES / "enc_source_utf8.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "encoding"),
    [
        ("enc_source_utf8.txt", "utf-8"),
        ("enc_utf8_bom_crlf.txt", "utf-8-sig"),
        ("enc_cr_only.txt", "utf-8"),
        ("enc_gb18030.txt", "gb18030"),
        ("enc_utf16le_bom.txt", "utf-16-le"),
        ("enc_utf16be_nobom.txt", "utf-16-be"),
    ],
)
def test_every_encoding_gives_the_same_text(name: str, encoding: str) -> None:
    decoded = read_text((FIXTURES / name).read_bytes(), name)
    assert decoded.encoding == encoding
    assert decoded.text == normalise(SOURCE)
    assert "\r" not in decoded.text and "\ufeff" not in decoded.text


def test_gbk_subset_is_read_as_gb18030() -> None:
    data = "平城区召开会议。\n".encode("gbk")
    assert read_text(data, "x.txt").text == "平城区召开会议。\n"


def test_odd_spaces_become_ascii_spaces_and_trailing_spaces_go() -> None:
    text = read_text("记者\u3000林森\u00a0报道  \r\n第二行\u200b。\t\r\n".encode(), "x.txt").text
    assert text == "记者 林森 报道\n第二行。\n"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace_only.txt", "no text"),
        ("binary.bin", "binary"),
        ("undecodable.txt", "cannot be decoded"),
    ],
)
def test_bad_files_are_refused_with_the_file_and_reason(name: str, reason: str) -> None:
    with pytest.raises(ImportRefused) as err:
        read_text((FIXTURES / name).read_bytes(), name)
    assert name in str(err.value)
    assert reason in str(err.value)


def test_text_with_many_control_characters_is_binary() -> None:
    data = ("正文" * 50 + "\x01\x02\x03\x04\x05").encode()
    with pytest.raises(ImportRefused, match="control characters"):
        read_text(data, "ctl.txt")


def test_a_stray_control_character_is_removed_with_a_warning() -> None:
    decoded = read_text(("正文内容" * 200 + "\x07结尾。\x1a").encode(), "bell.txt")
    assert "\x07" not in decoded.text and "\x1a" not in decoded.text
    assert decoded.text.endswith("结尾。")
    assert any("control" in w for w in decoded.warnings)


def test_bom_that_lies_is_refused() -> None:
    with pytest.raises(ImportRefused, match="byte-order mark"):
        read_text(b"\xef\xbb\xbf\xff\xfe\xfa", "bom.txt")


TRADITIONAL = "臺北市政府今日舉行記者會，宣布擴大補助計畫。市長表示，這項政策將使更多家庭受惠。\n"


def test_big5_is_read_as_big5() -> None:
    decoded = read_text(TRADITIONAL.encode("big5"), "x.txt")
    assert (decoded.encoding, decoded.text) == ("big5hkscs", TRADITIONAL)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk"])
def test_gbk_bytes_that_are_also_valid_big5_are_read_as_gbk(encoding: str) -> None:
    text = "平城区召开会议，部署今年的民生实事项目，各街道社区积极参与。\n" * 3
    data = text.encode(encoding)
    try:
        data.decode("big5hkscs")
        both = True
    except UnicodeDecodeError:
        both = False
    decoded = read_text(data, "x.txt")
    assert decoded.text == text and decoded.encoding == "gb18030", both
