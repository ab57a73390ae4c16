"""The docs name real modules: every path in docs/architecture.md exists in the tree."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
ARCHITECTURE = REPO / "docs" / "architecture.md"
_PATH = re.compile(r"`((?:index|viewer|tests|docs|benchmarks|resources)/[\w./-]*|main\.py)`")


def named_paths(text: str) -> list[str]:
    """Every code-quoted project path in a Markdown text."""
    return sorted(set(_PATH.findall(text)))


def test_architecture_names_only_existing_modules() -> None:
    names = named_paths(ARCHITECTURE.read_text(encoding="utf-8"))
    assert len(names) > 40, "the page should name the modules it describes"
    missing = [n for n in names if not (REPO / n).exists()]
    assert not missing, f"docs/architecture.md names modules that do not exist: {missing}"


def test_every_core_package_is_described() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    packages = sorted(p.parent.relative_to(REPO).as_posix() for p in (REPO / "index").glob("*/__init__.py"))
    undescribed = [p for p in packages if f"`{p}/" not in text]
    assert not undescribed, f"core packages missing from docs/architecture.md: {undescribed}"


def test_path_pattern_finds_a_missing_module() -> None:
    assert named_paths("see `index/nowhere.py` and `viewer/app.py`") == ["index/nowhere.py", "viewer/app.py"]
