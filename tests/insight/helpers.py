"""Generated editions for the insight tests (text made up from the shared filler sentences)."""

from __future__ import annotations

import datetime as dt
import random

from index.models import ParsedArticle, ParsedEdition
from tests.archive_helpers import FILLER, article, edition

STREETS = ("古城街道", "新平旺街道", "北关街道", "南关街道")
TOPICS = ("民生", "教育", "文化", "环境")
REPORTERS = ("李满", "王芳", "邸东芳", "贾欣怡")
SECTIONS = ("要闻", "综合", "社区", None)
WORDS = "供暖垃圾分类读书健身养老义诊消防植树图书馆广场舞春节元宵非遗剪纸社火庙会"


def random_article(rnd: random.Random, n: int) -> ParsedArticle:
    """An article with random facet values (0-2 streets, 1-2 topics, 0-2 reporters)."""
    topic_words = "".join(rnd.sample(WORDS, 6))
    own = "".join(rnd.choice(WORDS) for _ in range(60))  # text of its own: not a reprint of another
    body = [f"{topic_words}第{n}号。", f"{own}。", *rnd.sample(FILLER, 2)]
    return article(
        f"{topic_words[:4]}活动{n}",
        *body,
        reporters=rnd.sample(REPORTERS, rnd.randint(0, 2)),
        streets=rnd.sample(STREETS, rnd.randint(0, 2)),
        topics=rnd.sample(TOPICS, rnd.randint(1, 2)),
        section=rnd.choice(SECTIONS),
    )


def random_editions(seed: int = 7, count: int = 30) -> list[ParsedEdition]:
    """``count`` editions, one every 9 days from 2024-11-01, 2-5 random articles each."""
    rnd = random.Random(seed)
    out = []
    n = 0
    for i in range(count):
        arts = []
        for _ in range(rnd.randint(2, 5)):
            n += 1
            arts.append(random_article(rnd, n))
        out.append(edition(dt.date(2024, 11, 1) + dt.timedelta(days=9 * i), arts))
    return out
