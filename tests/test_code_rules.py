"""Code rules of issue 7: small modules, and a one-line docstring on every public name."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PACKAGES = ("index", "viewer")
MAX_LINES = 400

_Definition = ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef


def _public(name: str) -> bool:
    return not name.startswith("_")


def _undocumented(body: list[ast.stmt], prefix: str) -> list[str]:
    """Public functions and classes in ``body`` (recursing into public classes) without a docstring."""
    missing: list[str] = []
    for node in body:
        if not isinstance(node, _Definition) or not _public(node.name):
            continue
        name = f"{prefix}{node.name}"
        if ast.get_docstring(node) is None:
            missing.append(name)
        if isinstance(node, ast.ClassDef):
            missing.extend(_undocumented(node.body, f"{name}."))
    return missing


def rule_breaks(source: str, label: str) -> list[str]:
    """Every rule the module ``source`` (shown as ``label``) breaks, one message each."""
    problems: list[str] = []
    lines = len(source.splitlines())
    if lines > MAX_LINES:
        problems.append(f"{label}: {lines} lines (more than {MAX_LINES})")
    tree = ast.parse(source, filename=label)
    if ast.get_docstring(tree) is None:
        problems.append(f"{label}: no module docstring")
    problems.extend(f"{label}: {name} has no docstring" for name in _undocumented(tree.body, ""))
    return problems


def test_modules_are_small_and_public_names_documented() -> None:
    files = sorted(p for package in PACKAGES for p in (REPO / package).rglob("*.py"))
    assert len(files) > 50, "the walk should see the whole core and viewer"
    problems = [
        problem
        for path in files
        for problem in rule_breaks(path.read_text(encoding="utf-8"), path.relative_to(REPO).as_posix())
    ]
    assert not problems, "code rules broken:\n" + "\n".join(problems)


def test_checker_catches_an_offending_module() -> None:
    source = "\n".join(
        [
            "import os",
            "def shown(): pass",
            "def _hidden(): pass",
            "class Model:",
            "    def rowCount(self): return 0",
            "    def _helper(self): pass",
            "    class Inner:",
            "        def data(self): pass",
            "class _Private:",
            "    def visible(self): pass",
            "async def fetch():",
            '    """Fetches."""',
        ]
        + ["x = 1"] * MAX_LINES
    )
    assert rule_breaks(source, "bad.py") == [
        f"bad.py: {MAX_LINES + 12} lines (more than {MAX_LINES})",
        "bad.py: no module docstring",
        "bad.py: shown has no docstring",
        "bad.py: Model has no docstring",
        "bad.py: Model.rowCount has no docstring",
        "bad.py: Model.Inner has no docstring",
        "bad.py: Model.Inner.data has no docstring",
    ]


def test_checker_passes_a_clean_module() -> None:
    source = (
        '"""A module."""\n\ndef shown() -> None:\n    """Shows."""\n\n\nclass Model:\n    """A model."""\n'
    )
    assert rule_breaks(source, "good.py") == []
