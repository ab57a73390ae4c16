"""Write a benchmark archive: N articles as raw edition files in the format of ``../shared/editions``.

Usage::

    python benchmarks/make_corpus.py --articles 100000 --out bench-data/corpus [--seed 1]

Layout of the generated archive (chosen so that N = 100,000 spans about ten years):

* one edition file per publication day, named ``YYYY-MM-DD.txt`` (UTF-8, LF), in ``--out``;
* the editions are spread evenly over 2016-01-01 .. 2025-12-31 (3,653 days); their number is
  ``round(N / 27.5)`` (at most one a day), so each edition holds ~27 articles (about 18-37). N = 100,000
  gives 3,636 editions, i.e. a daily paper with a few days skipped; a small N gives fewer editions
  spread over the same ten years, so every N has editions before and after the 2021 street reform;
* articles: a headline (People's Daily headline pool), sometimes a kicker line above it (a street
  office and community, an organisation, or a two-phrase slogan, as the real editions print them) or a
  ``——`` subtitle below; in the plain style an article without a dateline always has one of the two,
  since a lone one-line head between paragraphs reads as an intertitle; a body of ~1,000-2,000
  characters (mean ~1,500) assembled from runs of real sentences (``../shared/corpus`` and the real
  editions); a ``本报讯（记者 X）`` dateline (1-2 reporters from a fixed pool of 40 invented names, sometimes
  ``通讯员``) or, for about one article in eight, a closing ``本报记者 X`` byline instead (never both); photo
  captions followed by ``X摄`` or ``图片由…提供`` (on their own line or inline); section labels (``平城头条``,
  ``平城要闻``, ``综合新闻``, ``民生视点``) after 1-4 front-page articles; paragraphs broken mid-sentence by
  column breaks (a blank line inside a sentence); now and then a paragraph printed twice or a soft
  line break (two trailing spaces); street-office mentions with the names in force at the edition's
  date (before 2021-04-12 the old list, e.g. ``东街街道``, ``南关街道``; after it the 18 official names and
  the two printed aliases);
* sentences that would read as another article's start or a byline in the source text (agency
  datelines such as ``新华社北京9月9日电``, ``记者``, ``摄``) are left out or trimmed (``_sources.py``);
* about 60% of the editions use the Markdown-like style (``#``/``##``/``###`` headings) of the first
  real edition, the rest the plain style of the second.

The same seed gives byte-identical files: each edition has its own random generator seeded from
``(seed, edition number)``, and the pools are read in a fixed order. ``manifest.json`` records N, the
seed, the files (name, articles, characters) and totals, so ``run.py`` can reuse a built corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from _shared import SharedMissing
from _sources import STREET_MARK, Sources, describe, load_sources

GENERATOR_VERSION = 1
START = dt.date(2016, 1, 1)
END = dt.date(2025, 12, 31)
STREET_REFORM = dt.date(2021, 4, 12)
MEAN_PER_EDITION = 27.5

# Invented people (not the real paper's staff): 40 reporters, 12 correspondents.
REPORTERS = (
    "王嘉禾", "李若溪", "张振宇", "刘晓彤", "陈思远", "杨书航", "赵一鸣", "黄婧文", "周明轩", "吴凯丽",
    "徐子涵", "孙立新", "马骁", "朱雨桐", "胡海燕", "郭志强", "何晓梅", "高远", "林慧", "罗文博",
    "郑佳琪", "梁振华", "谢雨欣", "宋立平", "唐诗雨", "韩冬", "冯晓东", "邓晓琳", "曹文静", "彭程",
    "曾繁荣", "萧雅", "田野", "董晓宁", "潘一帆", "袁梦", "蒋丹", "蔡明远", "贾欣怡", "魏来",
)  # fmt: skip
CORRESPONDENTS = (
    "石磊", "白雪梅", "崔建国", "康宁", "范文涛", "温馨", "秦川", "龚丽", "侯晓军", "薛敏", "段志华", "雷鸣",
)  # fmt: skip
SECTIONS = ("平城头条", "平城要闻", "综合新闻", "民生视点")
PROVIDERS = (
    "平城区第一小学", "平城区实验中学", "平城区文化馆", "平城区融媒体中心", "平城区卫生健康局",
    "平城区教育局", "大同市图书馆", "平城区应急管理局",
)  # fmt: skip
ORGANISATIONS = (
    "平城区园林中心", "平城区人民医院", "平城区市场监管局", "平城区环卫中心", "平城区图书馆",
    "平城区税务局", "平城区第二中学", "和顺家园小区", "阳光花园小区", "金地华府小区", "云冈路小区",
)  # fmt: skip
COMMUNITIES = (
    "向阳社区", "和平社区", "友谊社区", "新兴社区", "文苑社区", "福泰社区", "康乐社区", "锦华社区",
    "安居社区", "晨光社区", "东风里社区", "红旗社区", "南园社区", "北苑社区", "欣荣社区", "静安社区",
)  # fmt: skip
ACTIVITIES = (
    "垃圾分类宣传", "义诊", "反诈宣传", "消防演练", "文艺汇演", "志愿服务", "法律咨询", "健康讲座",
    "环境整治", "植树", "读书分享", "便民服务", "敬老慰问", "安全生产检查", "非遗展示", "全民健身",
)  # fmt: skip
WORKS = (
    "老旧小区改造", "物业服务提升", "冬季供暖保障", "背街小巷整治", "养老服务", "就业帮扶",
    "垃圾分类", "社区治理", "文明城市创建", "防汛安全", "便民市场建设", "网格化管理",
)  # fmt: skip
# Street sentences written for this generator ({s}: street office, {c}: community, {a}, {w}).
STREET_TEMPLATES = (
    "近日，{s}{c}组织辖区居民开展{a}活动，吸引了不少居民参与。",
    "{s}相关负责人表示，将持续做好{w}工作，切实提升群众的获得感和幸福感。",
    "在{s}，社区工作人员深入{c}逐户走访，了解居民在{w}方面的实际需求。",
    "此外，{s}{c}也同步推进{w}工作，并发动居民共同参与。",
    "{s}联合辖区单位开展{a}活动，为群众送去实实在在的服务。",
    "据了解，{s}今年以来把{w}列为重点工作，建立台账、逐项推进。",
)


@dataclass
class Article:
    """One generated article (what a correct parser should recover)."""

    title: str
    paragraphs: list[str]
    reporters: list[str] = field(default_factory=list)
    streets: list[str] = field(default_factory=list)

    @property
    def text_chars(self) -> int:
        """Characters of title, newline, body (paragraphs joined by newlines): the text segmented."""
        return len(self.title) + sum(map(len, self.paragraphs)) + len(self.paragraphs)


def edition_dates(n_articles: int) -> list[dt.date]:
    """The publication dates for ``n_articles``: evenly spread over START..END, at most one a day."""
    days = (END - START).days + 1
    count = max(1, min(days, round(n_articles / MEAN_PER_EDITION)))
    return [START + dt.timedelta(days=(k * days) // count) for k in range(count)]


def edition_sizes(n_articles: int, count: int, seed: int) -> list[int]:
    """Split ``n_articles`` over ``count`` editions (±35% around the mean, every edition ≥ 1)."""
    rng = random.Random(f"sizes:{seed}:{n_articles}")
    weights = [rng.uniform(0.65, 1.35) for _ in range(count)]
    total = sum(weights)
    sizes = [max(1, int(n_articles * w / total)) for w in weights]
    diff = n_articles - sum(sizes)
    order = list(range(count))
    rng.shuffle(order)
    k = 0
    while diff:  # fix the rounding, one edition at a time in a shuffled order
        i = order[k % count]
        if diff > 0:
            sizes[i] += 1
            diff -= 1
        elif sizes[i] > 1:
            sizes[i] -= 1
            diff += 1
        k += 1
    return sizes


class EditionWriter:
    """Builds the text of one edition from the pools with its own random generator."""

    def __init__(self, sources: Sources, rng: random.Random, date: dt.date) -> None:
        self.src = sources
        self.rng = rng
        self.date = date
        if date < STREET_REFORM:
            self.streets = sources.streets_old
        else:
            # the printed aliases (文瀾湖街道, 清源街道) appear about a tenth as often as the official names
            self.streets = sources.streets_new * 10 + list(sources.street_aliases)
        self.markdown = rng.random() < 0.6

    # -- pieces ---------------------------------------------------------------------------------
    def _street(self) -> str:
        return self.rng.choice(self.streets)

    def _street_sentence(self, street: str) -> str:
        r = self.rng
        return r.choice(STREET_TEMPLATES).format(
            s=street, c=r.choice(COMMUNITIES), a=r.choice(ACTIVITIES), w=r.choice(WORKS)
        )

    def _body(self, streets: list[str]) -> list[str]:
        """Paragraphs of ~1,000-2,000 characters: runs of real sentences plus street sentences."""
        r = self.rng
        docs = self.src.docs
        target = int(r.triangular(1000, 2000, 1500))
        doc = docs[r.randrange(len(docs))]
        i = r.randrange(len(doc))
        sentences: list[str] = []
        size = 0
        street_iter = iter(list(streets))
        while size < target:
            if i >= len(doc) or r.random() < 0.04:  # continue in another source article
                doc = docs[r.randrange(len(docs))]
                i = r.randrange(len(doc))
            s = doc[i]
            i += 1
            while STREET_MARK in s:  # a street printed in a real edition: one in force at this date
                street = next(street_iter, None) or self._street()
                if street not in streets:
                    streets.append(street)
                s = s.replace(STREET_MARK, street, 1)
            if size + len(s) > 2000 and size >= 1000:
                break
            sentences.append(s)
            size += len(s)
        for street in street_iter:  # streets not yet printed get a sentence of their own
            sentences.insert(r.randrange(len(sentences) + 1), self._street_sentence(street))
        paragraphs: list[str] = []
        current = ""
        limit = r.randint(80, 360)
        for s in sentences:
            current += s
            if len(current) >= limit:
                paragraphs.append(current)
                current = ""
                limit = r.randint(80, 360)
        if current:
            paragraphs.append(current)
        return paragraphs

    def _column_break(self, para: str) -> str:
        """Break a paragraph mid-sentence with a blank line, as a column break does in print."""
        r = self.rng
        if len(para) < 140:
            return para
        pos = r.randint(60, len(para) - 60)
        for p in range(pos, min(pos + 12, len(para) - 50)):
            if para[p - 1] not in "，。、；：！？“”（）《》 " and para[p] not in "，。、；：！？“”（）《》 ":
                return para[:p] + "\n\n" + para[p:]
        return para

    def _caption(self, reporters: list[str]) -> list[str]:
        r = self.rng
        text = r.choice(self.src.captions)
        roll = r.random()
        if roll < 0.25:
            return ["", text, f"图片由{r.choice(PROVIDERS)}提供"]
        who = r.choice(reporters) if reporters and r.random() < 0.7 else r.choice(REPORTERS)
        if roll < 0.45:
            return ["", f"{text} {who}摄"]
        return ["", text, f"{who}摄"]

    def _headline(self, title: str, kicker: str, subtitle: str, in_section: bool) -> list[str]:
        if not self.markdown:
            return [x for x in (kicker, title, subtitle and "——" + subtitle) if x]
        if subtitle:
            return [x for x in (kicker, f"# {title}", f"## ——{subtitle}") if x]
        level = "### " if in_section and kicker and self.rng.random() < 0.5 else "## "
        return [x for x in (kicker, level + title) if x]

    # -- one article ----------------------------------------------------------------------------
    def article(self, in_section: bool) -> tuple[list[str], Article]:
        """The blocks (separated by blank lines) of one article, and what they contain."""
        r = self.rng
        title = r.choice(self.src.headlines)
        n_streets = 0 if r.random() < 0.55 else (1 if r.random() < 0.7 else 2)
        streets = [self._street() for _ in range(n_streets)]
        kicker = subtitle = ""
        dateline = r.random() >= 0.125
        roll = r.random()
        if not dateline and not self.markdown and roll >= 0.20:
            # plain style without a dateline: a one-line head would read as an intertitle, so give it
            # a kicker or a subtitle, as the real plain-style edition does
            roll = r.random() * 0.20
        # kickers as the real editions print them: a street office (and community), an organisation,
        # or a two-phrase slogan
        if roll < 0.05 and streets:
            kicker = streets[0] + (r.choice(COMMUNITIES) if r.random() < 0.4 else "")
        elif roll < 0.09:
            kicker = r.choice(ORGANISATIONS)
        elif roll < 0.12:
            kicker = r.choice(self.src.kickers)
        elif roll < 0.20:
            subtitle = r.choice(self.src.headlines)
        reporters = r.sample(REPORTERS, 2 if r.random() < 0.2 else 1)
        paragraphs = self._body(streets)
        art = Article(title=title, paragraphs=list(paragraphs), reporters=reporters, streets=streets)

        blocks = self._headline(title, kicker, subtitle, in_section)
        photo = r.random() < 0.2
        if photo and r.random() < 0.7:
            blocks += self._caption(reporters)
            photo = False
        printed = list(paragraphs)
        if dateline:
            who = (" " if r.random() < 0.9 else "、").join(reporters)
            if r.random() < 0.15:
                who += f" 通讯员 {r.choice(CORRESPONDENTS)}"
            printed[0] = f"本报讯（记者 {who}）{printed[0]}"
        if len(printed) > 3 and r.random() < 0.02:  # a paragraph printed twice (layout glitch)
            k = r.randrange(1, len(printed) - 1)
            printed.insert(k + 2, printed[k])
        breaks = r.choice((0, 0, 1, 1, 2))
        for _ in range(breaks):
            k = r.randrange(len(printed))
            printed[k] = self._column_break(printed[k])
        if len(printed) > 2 and r.random() < 0.03 and "\n" not in printed[0]:  # soft line break
            printed[0:2] = [printed[0] + "  \n" + printed[1]]
        blocks += printed
        if not dateline:
            blocks.append("本报记者 " + " ".join(reporters))
        if photo:
            blocks += self._caption(reporters)
        return blocks, art

    def text(self, n_articles: int) -> tuple[str, list[Article]]:
        """The whole edition: front-page articles, then one or two labelled sections."""
        r = self.rng
        front = n_articles if n_articles < 4 else r.randint(1, 4)
        labels = [] if n_articles < 4 else r.sample(SECTIONS, r.choice((1, 2, 2, 3)))
        split = sorted(r.sample(range(front + 1, n_articles), len(labels) - 1)) if len(labels) > 1 else []
        starts = dict(zip([front, *split], labels, strict=False))
        blocks: list[str] = []
        articles: list[Article] = []
        in_section = False
        for k in range(n_articles):
            if k in starts:
                blocks.append(("## " if self.markdown else "") + starts[k])
                in_section = True
            art_blocks, art = self.article(in_section)
            blocks += art_blocks
            articles.append(art)
        return "\n\n" + "\n\n".join(blocks) + "\n", articles


def generate_edition(
    sources: Sources, seed: int, key: str, date: dt.date, n_articles: int
) -> tuple[str, list[Article]]:
    """Text and articles of one edition; ``key`` names it inside the seed (e.g. the edition number).

    Args:
        sources: the pools from :func:`_sources.load_sources`.
        seed: the corpus seed.
        key: distinguishes editions of the same seed; the same (seed, key, date, n) gives the same text.
        date: the publication date (chooses the street names in force).
        n_articles: how many articles.

    Returns:
        The edition text and the generated articles in reading order.
    """
    rng = random.Random(f"edition:{seed}:{key}")
    return EditionWriter(sources, rng, date).text(n_articles)


def iter_editions(
    sources: Sources, n_articles: int, seed: int
) -> Iterator[tuple[dt.date, str, list[Article]]]:
    """Yield ``(date, text, articles)`` for every edition of the corpus, oldest first."""
    dates = edition_dates(n_articles)
    for k, (date, size) in enumerate(zip(dates, edition_sizes(n_articles, len(dates), seed), strict=True)):
        text, articles = generate_edition(sources, seed, str(k), date, size)
        yield date, text, articles


def build_corpus(n_articles: int, out: Path, seed: int = 1, *, log: bool = False) -> dict[str, object]:
    """Write the edition files and ``manifest.json`` into ``out``; return the manifest.

    Args:
        n_articles: how many articles in total (≥ 1).
        out: the folder to write (created; dated ``YYYY-MM-DD.txt`` files already in it are removed).
        seed: the seed; the same seed gives byte-identical files.
        log: print progress to stderr.

    Returns:
        The manifest (also written to ``out/manifest.json``).
    """
    if n_articles < 1:
        raise ValueError("--articles must be at least 1")
    t0 = time.perf_counter()
    sources = load_sources()
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9].txt"):
        old.unlink()  # an earlier corpus in the same folder (only dated edition files are removed)
    files: list[dict[str, str | int]] = []
    dates: list[str] = []
    total_chars = text_chars = body_chars = 0
    for date, text, articles in iter_editions(sources, n_articles, seed):
        name = f"{date.isoformat()}.txt"
        (out / name).write_text(text, encoding="utf-8", newline="\n")
        files.append({"name": name, "articles": len(articles), "chars": len(text)})
        dates.append(date.isoformat())
        total_chars += len(text)
        text_chars += sum(a.text_chars for a in articles)
        body_chars += sum(a.text_chars - len(a.title) - 1 for a in articles)
        if log and len(files) % 500 == 0:
            print(f"  {len(files)} editions, {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    manifest: dict[str, object] = {
        "generator": GENERATOR_VERSION,
        "articles": n_articles,
        "seed": seed,
        "editions": len(files),
        "date_from": dates[0],
        "date_to": dates[-1],
        "total_chars": total_chars,
        "text_chars": text_chars,  # title + "\n" + body of every article (what is segmented)
        "mean_body_chars": round(body_chars / n_articles),
        "sources": describe(sources),
        "files": files,
    }
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    if log:
        print(
            f"{n_articles} articles, {len(files)} editions in {time.perf_counter() - t0:.1f} s",
            file=sys.stderr,
        )
    return manifest


def read_manifest(out: Path, n_articles: int, seed: int) -> dict[str, object] | None:
    """The manifest of a complete corpus built with these parameters in ``out``, else ``None``."""
    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (manifest.get("generator"), manifest.get("articles"), manifest.get("seed")) != (
        GENERATOR_VERSION,
        n_articles,
        seed,
    ):
        return None
    if not all((out / f["name"]).is_file() for f in manifest["files"]):
        return None
    return dict(manifest)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True, help="number of articles (N)")
    parser.add_argument("--out", type=Path, required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")
    args = parser.parse_args(argv)
    try:
        manifest = build_corpus(args.articles, args.out, args.seed, log=not args.quiet)
    except SharedMissing as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"{manifest['articles']} articles in {manifest['editions']} editions "
        f"({manifest['date_from']} .. {manifest['date_to']}), {manifest['total_chars']:,} characters "
        f"-> {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
