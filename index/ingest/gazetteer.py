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
from index.i18n import _

# A match followed by these characters is part of a longer word, e.g. 迎宾街 + 道路 ("迎宾街道路").
_NOT_AFTER = "路"
_SUFFIX = "街道"
_LISTY = re.compile(r"[、，,和及与等个]")
_WINDOW = 80  # characters before 街道 that a list of short forms may take


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
        # short forms (新华 for 新华街道), read only in a list the context closes with 街道
        self.short = {n[: -len(_SUFFIX)]: t for n, t in self.canonical.items() if n.endswith(_SUFFIX)}
        shorts = "|".join(re.escape(n) for n in sorted(self.short, key=len, reverse=True) if len(n) >= 2)
        self._list_re = (
            re.compile(
                rf"(?P<items>(?:{shorts})(?:\s*[、，,和及与]\s*(?:{shorts}))+|(?:{shorts}))"
                rf"\s*(?:等)?\s*(?:[0-9０-９一二三四五六七八九十两]+\s*个)?\s*{_SUFFIX}$"
            )
            if shorts
            else None
        )
        self._sep = re.compile(r"\s*[、，,和及与]\s*")

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Gazetteer:
        """Gazetteer from parsed TOML data (official, historic and alias names)."""
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
            raise ArchiveError(
                _("cannot read the gazetteer {path}: {reason}").format(path=path, reason=exc)
            ) from exc

    @property
    def names(self) -> list[str]:
        """Every name the gazetteer recognises (official, historic, aliases)."""
        return list(self.canonical)

    def find(self, text: str) -> list[tuple[str, str]]:
        """All street offices printed in ``text``, in order of first appearance, without repeats."""
        hits: list[tuple[int, str, str]] = []
        for m in self._re.finditer(text):
            printed = m.group(0).removesuffix("办事处")
            after = text[m.end() : m.end() + 1]
            if after and after in _NOT_AFTER:
                continue
            hits.append((m.start(), printed, self.canonical[printed]))
        if self._list_re is not None and _SUFFIX in text:
            hits += self._short_forms(text)
        found: dict[str, str] = {}
        for _pos, printed, name in sorted(hits):
            found.setdefault(printed, name)
        return list(found.items())

    def _short_forms(self, text: str) -> list[tuple[int, str, str]]:
        """Street offices named by short forms in a list closed by 街道: 涉及新华、大庆路、开源3个街道."""
        assert self._list_re is not None
        out: list[tuple[int, str, str]] = []
        for end in re.finditer(_SUFFIX, text):  # look back from each 街道 over a short window
            base = max(0, end.start() - _WINDOW)
            if not _LISTY.search(text, base, end.start()):
                continue  # no list separator or count before this 街道
            m = self._list_re.search(text, base, end.end())
            if m is None:
                continue
            items = m.group("items")
            pos = m.start("items")
            parts = self._sep.split(items)
            if m.group(0).endswith(items + _SUFFIX):
                parts = parts[:-1]  # the last one is a full name (开源街道), found by the name pattern
            for item in parts:
                out.append((pos + items.find(item), item, self.short[item]))
        return out
