"""The insight commands through ``index.cli.main`` and a real process: ``stats --by``, ``timeline``,
``related`` and the reprints named by ``import``."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from index.archive import Archive
from index.cli import main
from index.insight.timeline import period_of
from index.models import SearchRequest
from tests.archive_helpers import write_edition

REPO = Path(__file__).resolve().parents[1]
LONG = (
    "平城区启动老旧小区改造工程，今年计划改造小区四十个，涉及居民一万二千户。改造内容包括外墙保温、"
    "管网更新、加装电梯和增设停车位。区住建局负责人介绍，工程采取居民议事会的方式征求意见，"
    "每个小区的改造方案都经过公示。施工期间，社区将安排专人协调，减少对居民生活的影响。"
)
A1 = ("老旧小区改造工程启动", "邸东芳", LONG)
A2 = ("御河街道开展垃圾分类宣传", "锦秀", "御河街道组织志愿者走进社区，讲解垃圾分类知识和投放时间。")
A3 = ("文慧小学举办读书月活动", "邸东芳", "全校师生共读经典，分享阅读心得，评选书香班级。")
A4 = ("四十个小区今年完成改造", "锦秀", LONG)  # the same text under another headline: a reprint


@pytest.fixture(autouse=True)
def english(english_locale: None) -> None:
    """The CLI runs in English here (see ``tests/conftest.py``)."""


@pytest.fixture
def arch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    write_edition(src, dt.date(2025, 2, 3), [A3])
    write_edition(src, dt.date(2025, 4, 7), [A2, A3])
    root = tmp_path / "arch"
    assert main(["--archive", str(root), "import", str(src)]) == 0
    capsys.readouterr()
    return root


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _brute(root: Path, query: str, by_reporter: bool, per: str) -> Counter[tuple[str, str]]:
    """Counts by reporter per period, from the records of the search's articles."""
    with Archive(root, readonly=True) as a:
        ids = a.search(SearchRequest(query, limit=0)).ids
        counts: Counter[tuple[str, str]] = Counter()
        for rec in a.catalog.articles(list(ids)):
            for name in rec.reporters if by_reporter else ():
                counts[(name, period_of(rec.date, per))] += 1
    return counts


@pytest.mark.parametrize("command", ["stats", "timeline"])
def test_stats_by_per_json_equals_the_records(
    arch: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    for query, per in (("", "month"), ("邸东芳", "quarter"), ("社区", "year")):
        argv = ["--archive", str(arch), command, "--by", "reporter", "--per", per, "--json"]
        data = _json(capsys, [*argv, query] if query else argv)
        assert set(data) == {"by", "per", "rows"} and (data["by"], data["per"]) == ("reporter", per)
        got = Counter({(r["key"], r["period"]): r["count"] for r in data["rows"]})
        assert set(data["rows"][0]) == {"key", "period", "count"}
        assert got == _brute(arch, query, True, per) and got


def test_stats_filters_and_dates_narrow_the_counts(arch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["--archive", str(arch), "stats", "--by", "reporter", "--per", "month", "--json"]
    data = _json(capsys, [*base, "--from", "2025-02-01"])
    assert {r["period"] for r in data["rows"]} == {"2025-02", "2025-04"}
    data = _json(capsys, [*base, "--reporter", "锦秀"])
    assert {(r["key"], r["period"], r["count"]) for r in data["rows"]} == {
        ("锦秀", "2025-01", 1),
        ("锦秀", "2025-04", 1),
    }


def test_stats_table_by_default_and_plain_stats_unchanged(
    arch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--archive", str(arch), "stats", "--by", "reporter", "--per", "year"]) == 0
    out = capsys.readouterr().out
    assert "2025" in out and "邸东芳" in out and "锦秀" in out and not out.lstrip().startswith("{")
    data = _json(capsys, ["--archive", str(arch), "stats", "--json"])
    assert "total" in data  # the old summary of the whole archive


def test_stats_query_without_by_is_a_usage_error(arch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--archive", str(arch), "stats", "社区"]) == 2
    assert "--by is needed" in capsys.readouterr().err
    assert main(["--archive", str(arch), "stats", "--by", "colour"]) == 2


def test_import_names_reprints_and_related_marks_them(
    arch: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "later"
    src.mkdir()
    write_edition(src, dt.date(2025, 5, 5), [A4])
    assert main(["--archive", str(arch), "import", str(src)]) == 0
    out = capsys.readouterr().out
    assert "1 reprints found across editions" in out
    assert "2025-05-05 《四十个小区今年完成改造》 ← 2025-01-06 《老旧小区改造工程启动》" in out
    ids = _json(capsys, ["--archive", str(arch), "search", "四十个小区今年完成改造", "--json"])["hits"]
    new_id = next(h["id"] for h in ids if h["title"] == "四十个小区今年完成改造")
    hits = _json(capsys, ["--archive", str(arch), "related", str(new_id), "--json"])["hits"]
    assert hits and hits[0]["title"] == "老旧小区改造工程启动" and hits[0]["kind"] == "reprint"
    assert set(hits[0]) == {"id", "title", "date", "similarity", "kind"}
    assert all(h["id"] != new_id for h in hits)
    # importing the same file again changes nothing and names no reprint
    assert main(["--archive", str(arch), "import", str(src)]) == 0
    assert "reprints found" not in capsys.readouterr().out


def test_related_of_an_unknown_article_fails_clearly(arch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--archive", str(arch), "related", "999999"]) == 3
    assert "999999" in capsys.readouterr().err


def test_a_real_process_prints_the_json(arch: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"}
    cmd = [sys.executable, "-m", "index.cli", "--archive", str(arch), "stats"]
    done = subprocess.run(
        [*cmd, "--by", "reporter", "--per", "quarter", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["rows"]
    assert Counter({(r["key"], r["period"]): r["count"] for r in rows}) == _brute(arch, "", True, "quarter")
    done = subprocess.run(
        [sys.executable, "-m", "index.cli", "--archive", str(arch), "related", "1", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "hits" in json.loads(done.stdout)
