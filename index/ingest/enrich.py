"""Enrichment of parsed articles: street offices (gazetteer) and topics (taxonomy).

Streets are looked up in the article's own text only (kicker, title, subtitle, body, captions), so
a kicker that belongs to the next article never adds a street here. ``streets`` holds the facet
names (official or successor names), ``streets_printed`` the spellings as printed.
"""

from __future__ import annotations

import functools

from index import paths
from index.ingest.gazetteer import Gazetteer
from index.ingest.taxonomy import Taxonomy
from index.models import ParsedArticle

RESOURCES = paths.resources_dir()
GAZETTEER_PATH = paths.gazetteer_path()
TAXONOMY_PATH = paths.taxonomy_path()
USERDICT_PATH = paths.jieba_userdict_path()


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The gazetteer shipped in ``resources/`` (loaded once)."""
    return Gazetteer.load(GAZETTEER_PATH)


@functools.cache
def default_taxonomy() -> Taxonomy:
    """The taxonomy shipped in ``resources/`` (loaded once)."""
    return Taxonomy.load(TAXONOMY_PATH)


class Enricher:
    """Adds streets and topics to parsed articles.

    Args:
        gazetteer: Street-office names; the shipped one if None.
        taxonomy: Topic keywords; the shipped one if None (an archive may pass its own copy).
    """

    def __init__(self, gazetteer: Gazetteer | None = None, taxonomy: Taxonomy | None = None) -> None:
        self.gazetteer = gazetteer or default_gazetteer()
        self.taxonomy = taxonomy or default_taxonomy()

    def streets(self, article: ParsedArticle) -> tuple[list[str], list[str]]:
        """(facet names, printed names) of the street offices the article mentions."""
        text = "\n".join(
            [article.kicker, article.title, article.subtitle, *article.paragraphs]
            + [c.text for c in article.captions]
        )
        official: list[str] = []
        printed: list[str] = []
        for as_printed, name in self.gazetteer.find(text):
            printed.append(as_printed)
            if name not in official:
                official.append(name)
        return official, printed

    def topics(self, article: ParsedArticle) -> list[str]:
        """Topics of the article, primary first (at least one)."""
        headline = "\n".join([article.kicker, article.title, article.subtitle])
        body = "\n".join(article.paragraphs + [c.text for c in article.captions])
        return self.taxonomy.classify(headline, body)

    def enrich(self, article: ParsedArticle) -> ParsedArticle:
        """Fill ``streets``, ``streets_printed`` and ``topics`` in place; returns the article."""
        article.streets, article.streets_printed = self.streets(article)
        article.topics = self.topics(article)
        return article
