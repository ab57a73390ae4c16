"""Raw edition bytes → clean text: encoding detection, BOMs, line ends, odd spaces.

Supported: UTF-8 (with or without BOM), UTF-16/32 (BOM, or BOM-less UTF-16/32 recognised by the
NUL bytes of its characters, such as line ends), GB18030 (which covers GBK and GB2312), and, as a
last try, what charset-normalizer recognises (Big5, …) when it reads as text. Anything else, and
empty, whitespace-only or binary files, raise :class:`~index.errors.ImportRefused` with a message naming the file and the reason.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field

from index.errors import ImportRefused
from index.i18n import _

logger = logging.getLogger(__name__)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Spaces that are normalised to an ASCII space: NBSP, ideographic (full-width) space, the
# typographic spaces U+2000-U+200A, narrow NBSP, medium mathematical space.
_ODD_SPACES = re.compile("[\u00a0\u3000\u2000-\u200a\u202f\u205f]")
# Invisible characters removed outright: zero-width space/joiners, word joiner, stray BOMs.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff]")
# Control characters that do not belong in text (tab, LF, CR, FF, VT are fine).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_MAX_CONTROL_SHARE = 0.002  # more than this share of control characters: the file is binary


@dataclass(frozen=True)
class DecodedText:
    """The text of an edition file and how it was read."""

    text: str
    encoding: str  # codec name: utf-8, utf-8-sig, utf-16-le, gb18030, …
    warnings: list[str] = field(default_factory=list)


def _plausible(text: str) -> bool:
    """True if ``text`` looks like human text (mostly CJK, ASCII printable, punctuation)."""
    if not text:
        return False
    good = sum(
        1
        for ch in text
        if ch in "\n\r\t "
        or " " <= ch <= "~"
        or "\u3000" <= ch <= "\u303f"  # CJK punctuation
        or "\u4e00" <= ch <= "\u9fff"  # CJK unified ideographs
        or "\uff00" <= ch <= "\uffef"  # full-width forms
        or "\u2010" <= ch <= "\u206f"  # general punctuation (dashes, quotes, …)
        or ch in "\u00a0\u00b7\u00d7"
    )
    return good / len(text) >= 0.85


# Everyday characters (simplified and traditional): frequent in a right reading, rare in a wrong one.
_COMMON = frozenset(
    "的一是不了在人有我他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后"
    "小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
    "們這個說來為國會時後過還發對裡麼開從動兩長點實現產經進與關報記者訊區務"
)


def _common_share(text: str) -> float:
    """Share of everyday characters among the CJK characters of ``text``."""
    cjk = [ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff"]
    return sum(ch in _COMMON for ch in cjk) / len(cjk) if cjk else 0.0


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Recognise BOM-less UTF-32 or UTF-16 (their characters carry NUL bytes, e.g. line ends).

    UTF-32 is tried first: UTF-16 bytes read as UTF-32 give code points beyond U+10FFFF and fail.
    """
    if len(data) % 2:
        return None
    encodings = ("utf-32-le", "utf-32-be") if len(data) % 4 == 0 else ()
    for enc in (*encodings, "utf-16-le", "utf-16-be"):
        text = _try(data, enc)
        if text is not None and "\x00" not in text and _plausible(text):
            return text, enc
    return None


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text = _try(data, enc)
            if text is None:
                raise ImportRefused(
                    _("{name}: starts with a {enc} byte-order mark but is not valid {enc}").format(
                        name=name, enc=enc
                    )
                )
            return text.removeprefix("\ufeff"), enc
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found is None:
            raise ImportRefused(
                _("{name}: binary file (contains NUL bytes), not an edition text").format(name=name)
            )
        return found
    text = _try(data, "utf-8")
    if text is not None:
        return text, "utf-8"
    readings: list[tuple[str, str]] = []
    for enc in ("gb18030", "big5hkscs"):
        decoded = _try(data, enc)
        if decoded is not None and _plausible(decoded):
            readings.append((decoded, enc))
    if readings:  # bytes valid in both: the reading with more everyday characters is the right one
        return max(readings, key=lambda te: _common_share(te[0]))
    found = detect_fallback(data)
    if found is not None:
        return found
    raise ImportRefused(
        _("{name}: cannot be decoded as UTF-8, UTF-16, UTF-32, GB18030/GBK or another text encoding").format(
            name=name
        )
    )


def detect_fallback(data: bytes) -> tuple[str, str] | None:
    """The last try before refusing: charset-normalizer's best guess (Big5, …) if it reads as text."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        return None
    text = _try(data, best.encoding)
    if text is None or not _plausible(text):
        return None
    logger.info("decoded as %s by charset-normalizer", best.encoding)
    return text, best.encoding


def normalise(text: str) -> str:
    """Line ends to LF, odd spaces to ASCII spaces, invisible characters and trailing spaces removed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text).replace("\t", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def read_text(data: bytes, name: str) -> DecodedText:
    """Decode an edition file.

    Args:
        data: The raw bytes of the file.
        name: The file name, used in error messages.

    Returns:
        The normalised text, the detected encoding and any warnings.

    Raises:
        ImportRefused: The file is empty, whitespace only, binary or undecodable.
    """
    if not data:
        raise ImportRefused(_("{name}: empty file (0 bytes)").format(name=name))
    text, encoding = _decode(data, name)
    warnings: list[str] = []
    text = text.rstrip("\x1a")  # DOS end-of-file marker
    controls = len(_CONTROL.findall(text))
    if controls:
        if "\x00" in text or controls > max(2, len(text) * _MAX_CONTROL_SHARE):
            raise ImportRefused(
                _("{name}: binary file ({count} control characters), not an edition text").format(
                    name=name, count=controls
                )
            )
        text = _CONTROL.sub("", text)
        warnings.append(
            _("{name}: removed {count} stray control character(s)").format(name=name, count=controls)
        )
    text = normalise(text)
    if not text.strip():
        raise ImportRefused(_("{name}: contains no text (only whitespace)").format(name=name))
    return DecodedText(text=text, encoding=encoding, warnings=warnings)
