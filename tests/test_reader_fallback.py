"""Encoding detection falls back to charset-normalizer before refusing a file."""

from __future__ import annotations

import pytest

from index.errors import ImportRefused
from index.ingest.reader import detect_fallback, read_text

BIG5_TEXT = "## 平城區舉辦讀書月活動\n\n本報訊（記者 鄭林）全校師生共讀經典，分享閱讀心得。臺灣同胞參觀。\n"


def test_big5_is_read_through_the_fallback() -> None:
    data = BIG5_TEXT.encode("big5")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    decoded = read_text(data, "big5.txt")
    assert decoded.encoding.replace("_", "").lower() in ("big5", "cp950", "big5hkscs")
    assert decoded.text == BIG5_TEXT


def test_the_fallback_refuses_what_is_not_text() -> None:
    noise = bytes(range(0x80, 0x100)) * 8
    assert detect_fallback(noise) is None
    with pytest.raises(ImportRefused, match="cannot be decoded"):
        read_text(noise, "noise.txt")
