"""Datelines, closing bylines and photo credits: who wrote, who took the picture, who provided it.

* Dateline: ``本报讯（记者 A B 通讯员 C）正文…`` (full- or half-width parentheses, 实习记者/见习记者,
  names separated by spaces or 、), also ``本报1月5日讯`` and agency lines ``新华社北京1月5日电（记者 A）``.
* Closing byline: a line that is only ``本报记者 A``, ``记者 A B``, ``通讯员 X``, ``（本报记者 A）``,
  ``文/A``; or such a byline in parentheses at the end of the last paragraph.
* Photo credit: ``A摄`` / ``记者 A 摄`` / ``（A 摄）``, ``图片由X提供``, ``X供图``; alone on a line or at the
  end of the caption line.

Names are normalised: spaces inside a name are removed (``李 满`` → ``李满``) while spaces between
names separate them, using name lengths (Chinese names have 2-4 characters, a lone character is
part of a neighbouring name).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_NAME_CH = r"[\u4e00-\u9fff·•]"
_ROLE = r"(?:本报|[\u4e00-\u9fff]{1,4}(?:社|报|网|台))?(?:特约|实习|见习|首席|驻\S{1,6}|摄影)?记者|(?:本报)?(?:特约)?通讯员|实习生|(?:本报)?摄影"
_ROLE_RE = re.compile(f"({_ROLE})")
_NAMES = rf"{_NAME_CH}+(?:[ 、，,/／]+{_NAME_CH}+)*"
_OPEN, _CLOSE = "[（(〔【]", "[）)〕】]"
_SHORT_NAMES = rf"{_NAME_CH}{{1,4}}(?:[ 、/／]+{_NAME_CH}{{1,4}})*"

_DATELINE = re.compile(
    rf"^[【\[■●]?\s*(?P<lead>本报[^\s（(，,。通]{{0,14}}[讯电]|(?![据另综])[\u4e00-\u9fff]{{1,6}}社[^\s（(，,。、]{{0,14}}电(?=\s|{_OPEN})"
    rf"|(?P<other>(?![据另综])[\u4e00-\u9fff]{{0,6}}(?:报|网|财经|体育|科技|娱乐|汽车)"
    rf"(?:[^\s（(，,。、通]{{0,14}}讯|[^\s（(，,。、通]{{0,14}}电(?=\s|{_OPEN}))))"
    rf"\s*[】\]]?\s*(?:{_OPEN}(?P<inner>[^）)〕】]{{0,60}}){_CLOSE})?\s*[:：]?\s*(?P<rest>.*)$"
)
_CLOSING = re.compile(
    rf"^{_OPEN}?\s*(?P<inner>(?:{_ROLE})[\s:：]*{_SHORT_NAMES}(?:\s+(?:{_ROLE})[\s:：]*{_SHORT_NAMES})*)\s*{_CLOSE}?$"
)
_WRITER = re.compile(
    rf"^{_OPEN}?\s*文\s*(?P<photo>[/／、]?\s*图)?\s*[/／:：]\s*(?P<names>{_NAMES})\s*{_CLOSE}?$"
)
_TRAILING = re.compile(
    rf"^(?P<body>.*[。！？!?”’」』…])\s*{_OPEN}(?P<inner>(?:{_ROLE})[\s:：]*{_NAMES}(?:\s+(?:{_ROLE})[\s:：]*{_NAMES})*)\s*{_CLOSE}$"
)
# …。（徐国杰） / …。（全景网/陈丹蓉） / …。(陈 墨): only the writer's name in parentheses
_TRAILING_NAMES = re.compile(
    rf"^(?P<body>.*[。！？!?”’」』…])\s*{_OPEN}(?:[^（()）/／]{{2,10}}[/／])?"
    rf"(?P<inner>{_NAME_CH}{{1,3}}(?: ?{_NAME_CH}{{1,2}})?(?:[、，, ]{_NAME_CH}{{2,3}})*){_CLOSE}$"
)
# Words in parentheses at a paragraph's end that are not a writer: （完）, （新华）, （综合报道）
_NOT_WRITER = re.compile("完|待续|新华|中新|综合|编译|摘编|供稿|资料|图|本报|报道|社|网|图表|漫画|附|注|续")
_CAP = r"(?P<cap>(?:.*?[\s。！？!?”’）)…])?)\s*"
_PHOTO = re.compile(
    rf"^{_CAP}{_OPEN}?\s*(?:(?:本报|[\u4e00-\u9fff]{{1,6}}社)?(?:摄影)?(?:记者|通讯员)\s*)?(?P<names>{_SHORT_NAMES})\s*[/／]?\s*摄(?:影)?\s*{_CLOSE}?$"
)
_PHOTO_ONLY = re.compile(_PHOTO.pattern.replace(_CAP, "(?P<cap>)"))
# 图/A, 摄影：A, （图 A B）
_PHOTO_BY = re.compile(
    rf"^{_CAP}{_OPEN}?\s*(?:图|摄影|照片)\s*[/／:：]\s*(?P<names>{_SHORT_NAMES})\s*{_CLOSE}?$"
)
# 本报讯 记者 A 通讯员 B 正文…: a dateline's names without parentheses, then the text
_BARE_ROLES = re.compile(
    rf"^(?P<inner>(?:{_ROLE})\s+{_NAME_CH}{{2,4}}(?:\s+{_NAME_CH}{{2,4}})*"
    rf"(?:\s+(?:{_ROLE})\s+{_NAME_CH}{{2,4}}(?:\s+{_NAME_CH}{{2,4}})*)*)(?:\s*报道)?(?:\s*[:：]\s*|\s+)(?=\S)"
)
_PROVIDED = re.compile(
    rf"^{_CAP}{_OPEN}?\s*(?:图片|照片|图)由\s*(?P<who>[^，。,\s]{{2,30}}?)\s*提供\s*{_CLOSE}?$"
)
# A picture agency's credit: 新华社发, 人民图片, 人民视觉, 视觉中国, 资料图片
_AGENCY = re.compile(
    rf"^{_CAP}{_OPEN}?\s*(?P<who>[\u4e00-\u9fff]{{1,6}}社发|人民图片|人民视觉|视觉中国|资料图片)\s*{_CLOSE}?$"
)
_AGENCY_WORD = re.compile("社发|人民图片|人民视觉|视觉中国|资料图片")
_SUPPLIED = re.compile(rf"^{_CAP}{_OPEN}?\s*(?P<who>[^，。,\s（(]{{2,20}}?)\s*供图\s*{_CLOSE}?$")
# Words that make a token an organisation or a verb, not a person's name.
_NOT_NAME = re.compile(
    "中心|社区|学校|小学|中学|街道|政府|公司|单位|部门|提供|资料|图片|报道$|摄$|拍$|^[他她它我你]"
)
# A byline printed at the end of the last paragraph without parentheses: …的状态。本报记者 左妍
_TRAILING_BARE = re.compile(
    rf"^(?P<body>.*[。！？!?”’」』…])\s*(?P<inner>(?:本报|首席|特约)(?:{_ROLE})?[\s:：]*{_SHORT_NAMES}"
    rf"(?:\s+(?:{_ROLE})[\s:：]*{_SHORT_NAMES})*|(?:{_ROLE})\s+{_SHORT_NAMES}(?:\s+(?:{_ROLE})\s+{_SHORT_NAMES})*)$"
)
_NOT_PROVIDER = re.compile("[，。；！？]")


@dataclass
class Byline:
    """People named in a dateline, closing byline or credit."""

    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reporters or self.correspondents)


@dataclass(frozen=True)
class Dateline:
    """A dateline byline opening a paragraph, and the text after it."""

    byline: Byline
    rest: str  # the paragraph text after the dateline


@dataclass(frozen=True)
class Credit:
    """A photo credit line: the caption before it, the photographers and the provider."""

    caption: str  # caption text printed on the same line before the credit ("" if none)
    photographers: tuple[str, ...] = ()
    provider: str = ""


def split_names(text: str) -> list[str]:
    """Split a run of names; spaces inside a name are dropped (``李 满 王芳`` → ``李满``, ``王芳``)."""
    tokens = [t for t in re.split(r"[\s、，,/／]+", text) if t]
    names: list[str] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if len(tok) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) <= 2:
            tok += tokens[i + 1]  # 李 满 → 李满, 王 小明 → 王小明
            i += 1
        elif len(tok) == 1 and names and len(names[-1]) <= 3:
            names[-1] += tok  # 欧阳 明 → 欧阳明
            i += 1
            continue
        names.append(tok)
        i += 1
    return [n for n in names if not _NOT_NAME.search(n) and re.fullmatch(f"{_NAME_CH}{{2,8}}", n)]


def _roles(inner: str) -> Byline:
    """``记者 A B 通讯员 C`` → reporters [A, B], correspondents [C]."""
    out = Byline()
    parts = _ROLE_RE.split(inner)
    if parts[0].strip() and len(parts) == 1:
        out.reporters += split_names(parts[0])  # （A B）: no role word, reporters
    for role, names in zip(parts[1::2], parts[2::2], strict=True):
        bucket = out.correspondents if "通讯员" in role else out.reporters
        for name in split_names(names.strip(" :：")):
            if name not in bucket:
                bucket.append(name)
    return out


_TRADITIONAL = (
    "報訊記電員攝責編輯圖聞綜實習見駐約際團體網發讀導評論專欄頭畫經濟財娛樂視覺資總郵號對審設計組攝"
)
_SIMPLIFIED = "报讯记电员摄责编辑图闻综实习见驻约际团体网发读导评论专栏头画经济财娱乐视觉资总邮号对审设计组摄"
_FOLD = str.maketrans(_TRADITIONAL, _SIMPLIFIED)


_HAS_TRADITIONAL = re.compile(f"[{_TRADITIONAL}]")


def fold(text: str) -> str:
    """Traditional forms of the byline and label vocabulary in simplified form (same length)."""
    return text.translate(_FOLD) if _HAS_TRADITIONAL.search(text) else text


def parse_dateline(line: str) -> Dateline | None:
    """Parse a line that opens with a dateline; None if it does not (traditional forms too)."""
    key = fold(line[:60]) + line[60:]
    head = key[:40]
    if "讯" not in head and "电" not in head:
        return None
    m = _DATELINE.match(key)
    if not m:
        return None
    inner, rest = m.group("inner"), line[m.start("rest") :].strip()
    if m.group("other") and not (inner or rest):
        return None  # a label such as 体育快讯, not a dateline
    bare = None if inner else _BARE_ROLES.match(rest)
    if bare:
        inner, rest = bare.group("inner"), rest[bare.end() :]
    return Dateline(_roles(inner) if inner else Byline(), rest)


def parse_closing(line: str) -> Byline | None:
    """Parse a line that is only a byline (``本报记者 A``, ``通讯员 X``, ``文/A``); None otherwise."""
    text = fold(line.strip())
    if len(text) > 40:
        return None
    m = _CLOSING.match(text)
    if m:
        byline = _roles(m.group("inner"))
        return byline or None
    m = _WRITER.match(text)
    if m:
        return Byline(reporters=split_names(m.group("names"))) or None
    return None


def split_trailing_byline(paragraph: str) -> tuple[str, Byline | None]:
    """``…新台阶。（记者 A 通讯员 B）`` or ``…新台阶。（A）`` → (``…新台阶。``, byline); else unchanged."""
    key = paragraph[:-80] + fold(paragraph[-80:])
    m = _TRAILING.match(key) or _TRAILING_BARE.match(key)
    if not m:
        named = _TRAILING_NAMES.match(key) if key.endswith(("）", ")")) else None
        if named and not _NOT_WRITER.search(named.group("inner")):
            names = split_names(named.group("inner"))
            return (paragraph[: named.end("body")], Byline(reporters=names)) if names else (paragraph, None)
        return paragraph, None
    byline = _roles(m.group("inner"))
    return (paragraph[: m.end("body")], byline) if byline else (paragraph, None)


_ENDNOTE = re.compile(
    rf"^{_OPEN}(?P<inner>[^（()）]*(?:[讯电]|作者|整理|报道|采写|执笔|参与记者|记者)[^（()）]*){_CLOSE}$"
)
_ENDNOTE_AGENCY = re.compile(r"(?:本报|[\u4e00-\u9fff]{1,6}社)[^\s，,。]{0,20}[讯电]\s*")


_PAGE_CREDIT = re.compile(r"^本版(?:图片|照片|图)?.{0,24}(?:提供|供图|摄)$")


def is_endnote(line: str) -> bool:
    """Whether a line is a closing note: （本报平壤6月19日电）, （作者为…）, 本版图片由…提供."""
    text = fold(line.strip())
    return len(text) <= 120 and bool(_ENDNOTE.match(text) or _PAGE_CREDIT.match(text))


def is_dated_endnote(line: str) -> bool:
    """Whether a closing note carries the report's dateline: （本报平壤6月19日电）, （新华社…电 记者 A）."""
    m = _ENDNOTE.match(fold(line.strip()))
    return m is not None and _ENDNOTE_AGENCY.search(m.group("inner")) is not None


def parse_endnote(line: str) -> Byline | None:
    """The reporters named in a closing note (（新华社北京8月2日电 记者郝薇薇）), or None."""
    m = _ENDNOTE.match(fold(line.strip()))
    if not m:
        return None
    inner = _ENDNOTE_AGENCY.sub("", m.group("inner")).strip()
    inner = re.sub(r"\s*(?:采访)?(?:整理|采写|执笔|报道)$", "", inner)
    if not _ROLE_RE.search(inner) or "作者" in inner:
        return None
    return _roles(inner) or None


def bare_trailing(paragraph: str) -> bool:
    """Whether a paragraph ends with a byline printed without parentheses (kept in the text)."""
    key = paragraph[:-80] + fold(paragraph[-80:])
    return _TRAILING.match(key) is None and _TRAILING_BARE.match(key) is not None


def _credit_only(text: str, names: str) -> bool:
    """Whether a line that parses as names + 摄 is really only a credit (no caption before it)."""
    if re.match(f"{_OPEN}|{_ROLE}", text):
        return True
    tokens = re.split(r"[ 、/／]+", names.strip())
    return len(tokens) == 1 or all(len(t) <= 3 for t in tokens)


def parse_credit(line: str) -> Credit | None:
    """Parse a photo credit line (optionally with the caption before it); None if it is not one."""
    original = line.strip()
    text = original[:-40] + fold(original[-40:])
    if text.startswith("本版"):
        return None  # 本版图片由…提供 credits the whole page, not one photo
    m = _AGENCY.match(text) if _AGENCY_WORD.search(text[-8:]) else None
    if m:
        cap = original[m.start("cap") : m.end("cap")].strip()
        return Credit(
            cap, provider=original[m.start("who") : m.end("who")].removesuffix("发").removesuffix("發")
        )
    if "摄" not in text and "提供" not in text and "供图" not in text and "图" not in text:
        return None
    patterns = (
        (_PHOTO_ONLY, True),
        (_PHOTO, True),
        (_PHOTO_BY, True),
        (_PROVIDED, False),
        (_SUPPLIED, False),
    )
    for pattern, is_photo in patterns:
        m = pattern.match(text)
        if m and pattern is _PHOTO_ONLY and not _credit_only(text, m.group("names")):
            continue
        if not m:
            continue
        cap = original[m.start("cap") : m.end("cap")].strip() if m.group("cap") else ""
        if is_photo:
            names = split_names(m.group("names"))
            if names:
                return Credit(cap, photographers=tuple(names))
        elif not _NOT_PROVIDER.search(m.group("who")):
            return Credit(cap, provider=original[m.start("who") : m.end("who")].strip())
    return None
