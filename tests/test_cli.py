"""The command line: import, search (--json), export, reindex, stats, errors and exit codes."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from index.archive import Archive
from index.cli import main
from tests.archive_helpers import write_edition

REPO = Path(__file__).resolve().parents[1]
A1 = (
    "平城区召开冬季供暖工作会议",
    "邸东芳",
    "会议要求各供热企业确保居民室温达标，古城街道社区工作人员入户查看。",
)
A2 = ("御河街道开展垃圾分类宣传", "锦秀", "御河街道组织志愿者走进社区，讲解垃圾分类知识。")
A3 = ("文慧小学举办读书月活动", "邸东芳", "全校师生共读经典，分享阅读心得。")


@pytest.fixture
def imported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    write_edition(src, dt.date(2025, 2, 3), [A3])
    arch = tmp_path / "arch"
    assert main(["--archive", str(arch), "import", str(src)]) == 0
    out = capsys.readouterr().out
    assert "2 editions: 2 added" in out and "3 articles imported" in out and "0 files refused" in out
    return arch


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> Any:
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_search_json_shape_and_facets(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _json(capsys, ["--archive", str(imported), "search", "邸东芳", "--json"])
    assert set(data) == {"total", "hits", "facets"} and data["total"] == 2
    assert set(data["facets"]) == {"street", "topic", "reporter"}
    assert data["facets"]["reporter"] == {"邸东芳": 2}
    hit = data["hits"][0]
    assert set(hit) == {"id", "title", "date", "section", "page", "reporters", "streets", "topics", "snippet"}
    assert hit["reporters"] == ["邸东芳"] and dt.date.fromisoformat(hit["date"])


def test_search_options(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["search", "--archive", str(imported)]  # --archive after the subcommand works too
    by_date = _json(capsys, [*base, "", "--sort", "date", "--json"])
    assert [h["date"] for h in by_date["hits"]] == ["2025-02-03", "2025-01-06", "2025-01-06"]
    assert _json(capsys, [*base, "", "--from", "2025-02-01", "--json"])["total"] == 1
    assert _json(capsys, [*base, "", "--to", "2025-01-31", "--reporter", "锦秀", "--json"])["total"] == 1
    assert _json(capsys, [*base, '"垃圾分类"', "--street", "御河街道", "--json"])["total"] == 1
    limited = _json(capsys, [*base, "", "--limit", "1", "--json"])
    assert limited["total"] == 3 and len(limited["hits"]) == 1
    assert main([*base, "垃圾分类"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 articles") and "【垃圾分类】" in out


def test_stats_reindex_and_export(imported: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    stats = _json(capsys, ["--archive", str(imported), "stats", "--json"])
    assert stats["reporter"] == {"邸东芳": 2, "锦秀": 1} and stats["month"] == {"2025-01": 2, "2025-02": 1}
    assert stats["total"]["articles"] == 3
    assert main(["--archive", str(imported), "reindex"]) == 0
    assert "indexed 3 articles" in capsys.readouterr().out
    ids = [h["id"] for h in _json(capsys, ["--archive", str(imported), "search", "", "--json"])["hits"]]
    out = tmp_path / "out.json"
    assert (
        main(
            ["--archive", str(imported), "export", *map(str, ids[:2]), "--format", "json", "--out", str(out)]
        )
        == 0
    )
    text = out.read_text(encoding="utf-8")
    assert text.index(A3[0]) < text.index(A1[0]) and A2[0] not in text  # newest first, as listed


def test_errors_exit_2_with_one_line(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--archive", str(imported), "search", '"未闭合']) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "Unclosed quote" in err[0]
    assert main(["--archive", str(tmp_path / "none"), "stats"]) == 2
    assert "No archive at" in capsys.readouterr().err
    with Archive(imported) as other, other._guard.lock.held("import"):  # another program writes
        assert main(["--archive", str(imported), "import", str(tmp_path / "in")]) == 2
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "Another program is changing" in err[0]
        assert (
            _json(capsys, ["--archive", str(imported), "search", "锦秀", "--json"])["total"] == 1
        )  # searching is not blocked


def test_import_reports_refused_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1])
    (src / "undated.txt").write_text("## 标题\n\n本报讯（记者 锦秀）正文。\n", encoding="utf-8")
    assert main(["--archive", str(tmp_path / "arch"), "import", str(src)]) == 1
    captured = capsys.readouterr()
    assert "1 files refused" in captured.out and "refused: " in captured.err and "undated.txt" in captured.err
    assert (
        main(
            ["--archive", str(tmp_path / "arch"), "import", str(src / "undated.txt"), "--date", "2025-03-01"]
        )
        == 0
    )


def test_main_py_end_to_end(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    arch = tmp_path / "arch"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, str(REPO / "main.py"), "--archive", str(arch), *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
        )

    imp = run("import", str(src))
    assert imp.returncode == 0, imp.stderr
    res = run("search", "街道:御河街道", "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["hits"][0]["title"] == A2[0]
    bad = run("search", "日期:2025-13")
    assert bad.returncode == 2 and bad.stderr.strip().startswith("error: Not a date")
