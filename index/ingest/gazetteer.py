"""Street offices (街道) of the district: official names, historic names and printed aliases.

The data lives in ``resources/gazetteer.json`` (see its ``about`` field). :meth:`Gazetteer.find`
returns every street office printed in a text as ``(printed, official)`` pairs, where *official* is
the name the street facet shows: the current official name, the successor of a historic name, or
a historic name itself when it has no documented successor.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from index.errors import ArchiveError

# A match followed by these characters is part of a longer word, e.g. 迎宾街 + 道路 ("迎宾街道路").
_NOT_AFTER = "路"


class Gazetteer:
    """Printed street-office names and the facet name each one maps to.

    Args:
        official: The current official names (the facet's vocabulary).
        canonical: Printed form → facet name, for official, historic and alias spellings.
    """

    def __init__(self, official: tuple[str, ...], canonical: dict[str, str]) -> None:
        self.official = official
        self.canonical = dict(canonical)
        names = sorted(self.canonical, key=len, reverse=True)
        pattern = "|".join(re.escape(n) for n in names) or r"(?!x)x"
        self._re = re.compile(f"(?:{pattern})(?:办事处)?")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Gazetteer:
        official = tuple(str(o["name"]) for o in data.get("official", []))
        canonical = {n: n for n in official}
        for h in data.get("historic", []):
            canonical.setdefault(str(h["name"]), str(h.get("successor") or h["name"]))
        for alias, target in data.get("aliases", {}).items():
            canonical[str(alias)] = canonical.get(str(target), str(target))
        return cls(official=official, canonical=canonical)

    @classmethod
    def load(cls, path: Path) -> Gazetteer:
        """Load a gazetteer JSON file.

        Raises:
            ArchiveError: The file is missing or not a valid gazetteer.
        """
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls.from_dict(data)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ArchiveError(f"cannot read the gazetteer {path}: {exc}") from exc

    @property
    def names(self) -> list[str]:
        """Every name the gazetteer recognises (official, historic, aliases)."""
        return list(self.canonical)

    def find(self, text: str) -> list[tuple[str, str]]:
        """All street offices printed in ``text``, in order of first appearance, without repeats."""
        found: dict[str, str] = {}
        for m in self._re.finditer(text):
            printed = m.group(0).removesuffix("办事处")
            after = text[m.end() : m.end() + 1]
            if after and after in _NOT_AFTER:
                continue
            found.setdefault(printed, self.canonical[printed])
        return list(found.items())
