"""Read the real newspaper text in ``../shared`` into pools the corpus generator draws from.

Everything is read at run time and kept in memory only. The pools:

* ``docs``: source articles as ordered lists of clean sentences (THUCNews lines, People's Daily
  articles, 新民晚报 articles, the two real editions). Sentences that would confuse an edition parser
  (bylines, ``摄`` credits, datelines, ``——`` lines) are dropped; street-office names printed in the
  real editions are replaced by :data:`STREET_MARK` so the generator can put a street that existed at
  the article's date in their place.
* ``headlines``: People's Daily headlines (column labels such as ``（今日谈）`` removed).
* ``kickers``: two-phrase slogans (``AAAA BBBB``) from the headlines, for the line above a title.
* ``captions``: short sentences, for photo captions.
* ``streets_old`` / ``streets_new`` / ``street_aliases``: the 平城区 street offices before and after
  the 2021 reorganisation, and the spellings seen in print that are not in the official list.

Iteration orders are fixed (sorted file names, file order), so a seed gives the same corpus.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

from _shared import shared_path

STREET_MARK = "\ue000"  # private-use character: "a street office name goes here"

_SENTENCE = re.compile(r"[^。！？]+[。！？]+[”’」』）]*")
_DATELINE = re.compile(r"^本报讯（[^）]*）")
# another paper's or agency's dateline ("新华社北京9月9日电 ", "据新华社电 "): it starts an article
_AGENCY = re.compile(r"^[^。]{0,40}?(?:新华社|中新社|本报)[^，。\s]{0,14}电\s*")
_LABEL = re.compile(r"（[^（）]{1,14}）$")
_SPACES = re.compile(r"[\s\u3000\xa0]+")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Sentences containing any of these are dropped: they look like bylines, credits, datelines or
# headings to an edition parser, or are crawl debris.
_BAD = ("记者", "通讯员", "摄", "本报讯", "图片由", "作者", "——", "#", ">>>", "http", "www", "□", "⊙", "\t")
_TERMINAL = ("。", "！", "？", "”", "’", "」", "』", "）")
# Spellings printed in the real editions that are not the official names (reference/README.md).
ALIASES = {"文瀾湖街道": "文瀛湖街道", "清源街道": "清远街道"}
RENAME_NOTE = "2021-04-12: 古城街道 replaced 东街/西街/南街/北街 (reference/README.md)"


@dataclass
class Sources:
    """The text pools; see the module docstring."""

    docs: list[list[str]] = field(default_factory=list)
    headlines: list[str] = field(default_factory=list)
    kickers: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    streets_old: list[str] = field(default_factory=list)
    streets_new: list[str] = field(default_factory=list)
    street_aliases: dict[str, str] = field(default_factory=dict)


def _sentences(paragraph: str, street_re: re.Pattern[str]) -> list[str]:
    text = _SPACES.sub(" ", paragraph).strip()
    out = []
    for sent in _SENTENCE.findall(text):
        sent = _AGENCY.sub("", sent.strip())
        if not 8 <= len(sent) <= 260 or any(b in sent for b in _BAD) or not _CJK.search(sent):
            continue
        out.append(street_re.sub(STREET_MARK, sent))
    return out


def _edition_paragraphs(text: str) -> list[str]:
    """Paragraphs of a real edition, column breaks joined, headings and datelines dropped."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    paras: list[str] = []
    pending = ""
    for block in blocks:
        if not block or block.startswith("#"):
            continue
        block = pending + _DATELINE.sub("", block)
        pending = ""
        if len(block) > 40 and not block.endswith(_TERMINAL):
            pending = block  # broken mid-sentence by a column break: join with the next block
            continue
        if len(block) > 40:
            paras.append(block)
    return paras


def _read_streets() -> tuple[list[str], list[str]]:
    """The street offices before the 2021 reorganisation (last list dated before 2021) and now."""
    with shared_path("reference", "pingcheng_streets_2022.csv").open(encoding="utf-8") as fh:
        new = [row["name"] for row in csv.DictReader(fh)]
    blocks: list[tuple[str, list[str]]] = []
    history = shared_path("reference", "pingcheng_streets_history_2018_2022.txt")
    for line in history.read_text(encoding="utf-8").splitlines():
        if line.startswith("##"):
            blocks.append((line, []))
        elif blocks and line.count(",") >= 2:
            blocks[-1][1].append(line.split(",")[1].strip('"').replace("办事处", ""))
    old: list[str] = []
    for header, names in blocks:
        year = re.search(r"截止时间：(\d{4})", header)
        if year and int(year.group(1)) < 2021 and names:
            old = names
    if not new or not old:
        raise RuntimeError("could not read the street lists from ../shared/reference")
    return old, new


def _read_docs(street_re: re.Pattern[str]) -> list[list[str]]:
    docs: list[list[str]] = []

    def add(paragraphs: list[str]) -> None:
        sents = [s for p in paragraphs for s in _sentences(p, street_re)]
        if sum(map(len, sents)) >= 300:
            docs.append(sents)

    for name in ("cnews.val.txt", "cnews.test.txt"):
        for line in shared_path("corpus", name).read_text(encoding="utf-8").splitlines():
            _label, _, text = line.partition("\t")
            add([text])
    korea = shared_path("corpus", "rmrb_korea")
    for path in sorted(korea.glob("*.txt"), key=lambda p: p.name):
        current: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("作者："):
                add(current)
                current = []
            elif line.startswith("\u3000\u3000"):
                current.append(line.strip())
        add(current)
    with shared_path("corpus", "xinmin_2022.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            add(re.split(r"(?: {2,}|\u3000{2,})", row["content"]))
    for path in sorted(shared_path("editions").glob("*.txt"), key=lambda p: p.name):
        add(_edition_paragraphs(path.read_text(encoding="utf-8-sig")))
    return docs


def _read_headlines() -> list[str]:
    seen: dict[str, None] = {}
    path = shared_path("corpus", "rmrb_headlines_2000_2022_sample.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if not row:
                continue
            title = _SPACES.sub(" ", _LABEL.sub("", row[0].strip())).strip()
            if (
                6 <= len(title) <= 30
                and not title.endswith(("。", "！", "？", "："))
                and not any(b in title for b in _BAD)
            ):
                seen.setdefault(title, None)
    return list(seen)


def load_sources() -> Sources:
    """Read and clean every pool from ``../shared``.

    Returns:
        The pools, in a fixed order.

    Raises:
        _shared.SharedMissing: if the shared folder or one of its files is absent.
    """
    old, new = _read_streets()
    names = sorted({*old, *new, *ALIASES}, key=len, reverse=True)
    street_re = re.compile("|".join(map(re.escape, names)))
    docs = _read_docs(street_re)
    headlines = _read_headlines()
    # kicker slogans as the real editions print them: two short phrases ("擦亮天际线 守牢安全关")
    kickers = [h for h in headlines if re.fullmatch(r"[^\s“”《》]{3,7} [^\s“”《》]{3,7}", h)]
    captions = [s for d in docs for s in d if 14 <= len(s) <= 40 and STREET_MARK not in s]
    return Sources(
        docs=docs,
        headlines=headlines,
        kickers=kickers,
        captions=captions,
        streets_old=old,
        streets_new=new,
        street_aliases=dict(ALIASES),
    )


def describe(sources: Sources) -> dict[str, int]:
    """Sizes of the pools (for the manifest and the log)."""
    return {
        "docs": len(sources.docs),
        "sentences": sum(map(len, sources.docs)),
        "sentence_chars": sum(len(s) for d in sources.docs for s in d),
        "headlines": len(sources.headlines),
    }
