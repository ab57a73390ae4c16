"""Topics from an editable keyword taxonomy (``resources/taxonomy.toml`` by default).

Each topic has keywords with weights. An article's score for a topic is the sum over its keywords
of ``weight × (occurrences in the body and captions + title_weight × occurrences in the title,
kicker and subtitle)``. The best topic is the primary one; further topics are kept when they reach
``secondary_share`` of the best score (at most ``max_topics``). An article no keyword matches gets
the ``fallback`` topic, so every article has at least one.
"""

from __future__ import annotations

import functools
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import ArchiveError
from index.i18n import _


@dataclass(frozen=True)
class Taxonomy:
    """Topics in file order, each with ``{keyword: weight}``, and the scoring settings."""

    topics: dict[str, dict[str, float]]
    title_weight: float = 3.0
    secondary_share: float = 0.5
    max_topics: int = 3
    fallback: str = ""
    source: str = field(default="", compare=False)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "") -> Taxonomy:
        """Taxonomy from parsed TOML data; raises ``ValueError`` naming what is wrong."""
        raw = data.get("topics")
        if not isinstance(raw, dict) or not raw:
            raise ValueError('no [topics."…"] tables')
        topics = {str(name): {str(k): float(w) for k, w in kws.items()} for name, kws in raw.items()}
        opts = data.get("scoring", {})
        fallback = str(opts.get("fallback", next(iter(topics))))
        if fallback not in topics:
            raise ValueError(f"fallback topic {fallback!r} is not one of the topics")
        return cls(
            topics=topics,
            title_weight=float(opts.get("title_weight", 3.0)),
            secondary_share=float(opts.get("secondary_share", 0.5)),
            max_topics=max(1, int(opts.get("max_topics", 3))),
            fallback=fallback,
            source=source,
        )

    @classmethod
    def load(cls, path: Path) -> Taxonomy:
        """Load a taxonomy TOML file.

        Raises:
            ArchiveError: The file is missing or malformed (the message says where).
        """
        try:
            with path.open("rb") as fh:
                return cls.from_dict(tomllib.load(fh), source=str(path))
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise ArchiveError(
                _("cannot read the taxonomy {path}: {reason}").format(path=path, reason=exc)
            ) from exc

    @property
    def names(self) -> list[str]:
        """Topic names in file order."""
        return list(self.topics)

    @functools.cached_property
    def _by_first_char(self) -> dict[str, list[str]]:
        """Keywords grouped by their first character, for one pass over the text."""
        out: dict[str, list[str]] = {}
        for kw in sorted({kw for kws in self.topics.values() for kw in kws if kw}):
            out.setdefault(kw[0], []).append(kw)
        return out

    def _counts(self, text: str) -> Counter[str]:
        """Occurrences of every keyword (nested keywords each count)."""
        first = self._by_first_char
        counts: Counter[str] = Counter()
        for i, ch in enumerate(text):
            for kw in first.get(ch, ()):
                if text.startswith(kw, i):
                    counts[kw] += 1
        return counts

    def scores(self, headline: str, body: str) -> dict[str, float]:
        """Score every topic for an article (see the module docstring)."""
        in_body, in_head = self._counts(body), self._counts(headline)
        return {
            topic: sum(w * (in_body[kw] + self.title_weight * in_head[kw]) for kw, w in keywords.items())
            for topic, keywords in self.topics.items()
        }

    def classify(self, headline: str, body: str) -> list[str]:
        """Topics of an article, primary first; never empty."""
        scores = self.scores(headline, body)
        order = {t: i for i, t in enumerate(self.topics)}
        ranked = sorted((t for t in scores if scores[t] > 0), key=lambda t: (-scores[t], order[t]))
        if not ranked:
            return [self.fallback]
        best = scores[ranked[0]]
        return [t for t in ranked if scores[t] >= self.secondary_share * best][: self.max_topics]
