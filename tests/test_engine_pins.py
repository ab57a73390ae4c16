"""The engine is written against one Whoosh release and a list of its private names: pinned here."""

from __future__ import annotations

import ast
import importlib
import inspect
from importlib import metadata
from pathlib import Path

import pytest

from index.engine import private_names
from index.engine.gramstore import GramStore
from index.engine.tuning import FastWriter

ROOT = Path(__file__).resolve().parents[1]


def test_whoosh_version_is_the_pinned_one() -> None:
    got = metadata.version(private_names.WHOOSH_DISTRIBUTION)
    assert got == private_names.WHOOSH_VERSION, (
        f"whoosh-reloaded {got} is installed but index/engine was written for "
        f"{private_names.WHOOSH_VERSION}: check every name in index/engine/private_names.py"
    )


def _instances(tmp_path: Path) -> dict[str, object]:
    """Live objects for the names that exist only on instances (marked ``()``)."""
    from whoosh import fields, index

    ix = index.create_in(str(tmp_path), fields.Schema(t=fields.TEXT(), n=fields.NUMERIC(int)))
    w = FastWriter(ix, GramStore(tmp_path / "grams"))
    w.add_document(t="a b a", n=3)
    w.commit()
    reader = ix.reader()
    perdoc = reader._perdoc
    del perdoc
    out: dict[str, object] = {
        "SegmentWriter": ix.writer(),
        "SegmentReader": reader,
        "W3TermsReader": reader._terms,
    }
    return out


def test_every_private_name_still_exists(tmp_path: Path) -> None:
    live = _instances(tmp_path)
    missing = []
    for module, obj, attr in private_names.PRIVATE_NAMES:
        mod = importlib.import_module(module)
        name = attr.removesuffix("()")
        if obj == module.rsplit(".", 1)[-1]:  # a module attribute
            target: object = mod
        elif attr.endswith("()") and obj in live:
            target = live[obj]
        elif attr.endswith("()"):  # set in the constructor of a class hard to make here
            cls: object = mod
            for part in obj.split("."):
                cls = getattr(cls, part)
            if f"self.{name} =" not in inspect.getsource(cls):  # type: ignore[arg-type]
                missing.append(f"{module}.{obj}.{name}")
            continue
        else:
            target = mod
            for part in obj.split("."):
                target = getattr(target, part)
        if not hasattr(target, name):
            missing.append(f"{module}.{obj}.{name}")
    live["SegmentWriter"].cancel()  # type: ignore[attr-defined]
    live["SegmentReader"].close()  # type: ignore[attr-defined]
    assert missing == [], f"private Whoosh names gone (upgrade?): {missing}"


def _private_attributes_used() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "index" / "engine").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                value = node.value
                if isinstance(value, ast.Name) and value.id == "self":
                    continue
                names.add(node.attr)
    return names


def test_the_list_names_every_private_attribute_the_engine_reaches_for() -> None:
    listed = {attr.removesuffix("()") for _, _, attr in private_names.PRIVATE_NAMES}
    ours = {
        "_mm",
        "_open",
        "_parts",
        "_gram_builder",
        "_engine",
        "_stats",
        "_w",
        "_clear",
        "_items",
        "_lengths",
        "_size",
        "_lock",
        "_store",
        "_segments",
        "_tables",
        "_local",
        "_searchers",
        "_buf",
        "_pos",
        "_length_lists",
    }
    unlisted = _private_attributes_used() - listed - ours
    assert unlisted == set(), f"private names used in index/engine but not listed: {sorted(unlisted)}"


@pytest.mark.parametrize("package", ["search", "ingest", "export"])
def test_only_the_engine_imports_whoosh(package: str) -> None:
    files = [*(ROOT / "index" / package).rglob("*.py"), *(ROOT / "index").glob("*.py")]
    offenders = []
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                mods = [node.module]
            if any(m == "whoosh" or m.startswith("whoosh.") for m in mods):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
