"""The core (``index``) never loads Qt: every module is imported in a fresh interpreter."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import index

REPO = Path(__file__).resolve().parents[1]


def test_every_index_module_imports_without_pyside6() -> None:
    modules = sorted(m.name for m in pkgutil.walk_packages(index.__path__, prefix="index."))
    assert {
        "index.archive",
        "index.catalog",
        "index.engine.whoosh_engine",
        "index.search.plan",
        "index.search.facets",
        "index.cli",
    } <= set(modules)
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(len(sys.modules)); assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr


def test_a_search_does_not_load_pyside6(tmp_path: Path) -> None:
    code = (
        "import sys, datetime as dt\n"
        "from pathlib import Path\n"
        "from index.archive import Archive\n"
        "from index.models import SearchRequest\n"
        "from tests.archive_helpers import article, edition\n"
        f"a = Archive(Path({str(tmp_path / 'a')!r}))\n"
        "a.import_editions([edition(dt.date(2025, 1, 1), [article('标题', '社区正文。')])])\n"
        "assert a.search(SearchRequest(text='社区')).total == 1\n"
        "a.close()\n"
        "assert 'PySide6' not in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
