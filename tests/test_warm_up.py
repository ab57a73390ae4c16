"""Opening work that the first search would otherwise pay for (issue 8: first search after opening).

* ``rjieba`` is loaded without its package ``__init__``, which builds a default dictionary this
  program never uses (checked in a fresh interpreter).
* :meth:`Archive.warm_up` loads the segmenter once; searches after it build no other.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from index import analysis
from index.archive import Archive
from index.models import SearchRequest
from tests.archive_helpers import article, edition


def test_rjieba_loads_without_its_default_instance() -> None:
    code = (
        "import sys\n"
        "from index.analysis import Analyzer\n"
        "print(Analyzer().index_tokens('平城区基金经理'))\n"
        "print('rjieba' in sys.modules, 'rjieba.rjieba' in sys.modules)\n"
    )
    root = Path(__file__).resolve().parents[1]
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out[-1] == "False True"  # the extension alone; rjieba/__init__.py never ran
    assert "基金" in out[0] and "经理" in out[0]


def test_plain_rjieba_import_still_works_after_the_direct_load() -> None:
    cls = analysis._rjieba_class()
    import rjieba

    assert rjieba.Jieba is cls
    assert rjieba.cut_for_search("电力设备", False) == cls().cut_for_search("电力设备", False)


def test_warm_up_loads_the_segmenter_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = analysis.make_segmenter

    def counting(tmp_dir: str, kind: str | None = None) -> analysis.Segmenter:
        made.append(tmp_dir)
        return real(tmp_dir, kind)

    monkeypatch.setattr(analysis, "make_segmenter", counting)
    with Archive(tmp_path / "a") as a:
        a.import_editions([edition(dt.date(2025, 1, 6), [article("基金经理谈市场", "电力设备。")])])
        a.close()
    made.clear()
    with Archive(tmp_path / "a") as a:
        assert not made  # opening alone loads nothing
        a.warm_up()
        assert len(made) == 1
        a.warm_up()
        assert a.search(SearchRequest("基金经理")).total == 1
        assert len(made) == 1
