"""The benchmark runner end to end on a tiny corpus (figures are not asserted: speed is for benchmarks).

It checks what the figures stand on: every generated article is imported, every query runs and
returns exact facet counts, every quoted phrase taken from the corpus text is found, one more edition
becomes searchable, and ``docs/benchmarks.md`` sections are replaced per N without touching the rest.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
RUN = REPO / "benchmarks" / "run.py"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", REPO / "benchmarks" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "corpus").is_dir(), reason=f"shared material absent ({SHARED})")
def test_run_on_a_tiny_corpus(tmp_path: Path) -> None:
    n = 60
    cmd = [sys.executable, str(RUN), "--articles", str(n), "--workdir", str(tmp_path), "--json"]
    cmd += ["--viewer-runs", "0", "--jieba-chars", "50000"]
    proc = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(proc.stdout)
    assert results["errors"] == []
    assert results["import"]["articles"] == n
    assert results["import"]["errors"] == 0
    search = results["search"]
    assert search["failed"] == 0 and search["queries"] >= 200
    assert search["missed_phrases"] == []  # phrases copied from the corpus text must be found
    assert "note" not in search  # street, topic and reporter facets present in every result
    extra = results["one_more_edition"]
    assert extra["articles"] > 0 and extra["found"] > 0
    assert results["disk"]["index_bytes"] > 0 and results["disk"]["catalog_bytes"] > 0
    # the second run reuses the corpus and the archive, and adds another edition
    again = subprocess.run(
        cmd,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert again.returncode == 0, again.stderr[-2000:]
    second = json.loads(again.stdout)
    assert second["corpus"]["reused"] and second["import"]["reused"]
    assert second["one_more_edition"]["date"] > extra["date"]


def test_docs_section_is_replaced_per_n(tmp_path: Path) -> None:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        report = _load("_report")
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    docs = tmp_path / "benchmarks.md"
    docs.write_text("# Benchmarks\n\nNotes by hand.\n", encoding="utf-8")

    def results(n: int, p50: float) -> dict[str, object]:
        r: dict[str, object] = {
            "n_articles": n,
            "seed": 1,
            "when": "2026-01-01T00:00:00",
            "machine": report.machine(),
            "search": {"p50_ms": p50},
        }
        r["targets"] = report.check_targets(r)
        return r

    report.update_docs(docs, results(100, 11.0), "cmd")
    report.update_docs(docs, results(200, 22.0), "cmd")
    report.update_docs(docs, results(100, 33.0), "cmd")
    text = docs.read_text(encoding="utf-8")
    assert text.startswith("# Benchmarks\n\nNotes by hand.\n")
    assert (
        text.count("<!-- benchmark:N=100:start -->") == 1
        and text.count("<!-- benchmark:N=200:start -->") == 1
    )
    assert "| search p50 <= 30.0 ms | 33.00 | **no** |" in text
    assert "| search p50 <= 30.0 ms | 22.00 | yes |" in text
    assert "11.00" not in text
