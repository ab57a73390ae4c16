"""The command line: import, search (--json/--ids/paging/filters), export, exit codes, locale."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from index import fields, i18n
from index.archive import Archive
from index.cli import main
from index.cli.parser import build_parser
from tests.archive_helpers import write_edition

REPO = Path(__file__).resolve().parents[1]
A1 = (
    "平城区召开冬季供暖工作会议",
    "邸东芳",
    "会议要求各供热企业确保居民室温达标，古城街道社区工作人员入户查看。",
)
A2 = ("御河街道开展垃圾分类宣传", "锦秀", "御河街道组织志愿者走进社区，讲解垃圾分类知识。")
A3 = ("文慧小学举办读书月活动", "邸东芳", "全校师生共读经典，分享阅读心得。")


@pytest.fixture(autouse=True)
def english(english_locale: None) -> None:
    """The CLI runs in English here (see ``tests/conftest.py``)."""


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


def test_search_json_shape_and_facets_from_the_registry(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _json(capsys, ["--archive", str(imported), "search", "邸东芳", "--json"])
    assert set(data) == {"total", "offset", "hits", "facets"} and data["total"] == 2
    assert set(data["facets"]) == set(fields.facet_names()) and "photographer" in data["facets"]
    assert data["facets"]["reporter"] == {"邸东芳": 2}
    hit = data["hits"][0]
    assert set(hit) == {
        *("id", "title", "date", "section", "page", "reporters", "streets", "topics"),
        *("snippet", "highlights"),
    }
    assert hit["reporters"] == ["邸东芳"] and dt.date.fromisoformat(hit["date"])
    assert "<b>" not in json.dumps(data, ensure_ascii=False)
    hits = _json(capsys, ["--archive", str(imported), "search", "垃圾分类", "--json"])["hits"]
    marked = [hits[0]["snippet"][s:e] for s, e in hits[0]["highlights"]]
    assert marked and set(marked) == {"垃圾分类"}, hits[0]


def test_every_registry_cli_flag_is_a_search_and_export_option() -> None:
    parser = build_parser()
    flagged = [f for f in fields.FIELDS if f.cli_flag]
    assert {f.cli_flag for f in flagged} >= {"--street", "--topic", "--reporter", "--photographer"}
    for command in ("search", "export"):
        sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
        options = {o for a in sub._actions for o in a.option_strings}
        assert {f.cli_flag for f in flagged} <= options, command


def test_search_options(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["search", "--archive", str(imported)]  # --archive after the subcommand works too
    by_date = _json(capsys, [*base, "", "--sort", "date", "--json"])
    assert [h["date"] for h in by_date["hits"]] == ["2025-02-03", "2025-01-06", "2025-01-06"]
    assert _json(capsys, [*base, "", "--from", "2025-02-01", "--json"])["total"] == 1
    assert _json(capsys, [*base, "", "--to", "2025-01-31", "--reporter", "锦秀", "--json"])["total"] == 1
    assert _json(capsys, [*base, '"垃圾分类"', "--street", "御河街道", "--json"])["total"] == 1
    assert _json(capsys, [*base, "", "--month", "2025-02", "--json"])["total"] == 1
    limited = _json(capsys, [*base, "", "--limit", "1", "--json"])
    assert limited["total"] == 3 and len(limited["hits"]) == 1
    assert main([*base, "垃圾分类"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 articles") and "【垃圾分类】" in out


def test_paging_and_ids_agree_with_the_full_list(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["search", "--archive", str(imported), "", "--sort", "date"]
    everything = [h["id"] for h in _json(capsys, [*base, "--json", "--limit", "100"])["hits"]]
    assert len(everything) == 3
    pages = [
        [h["id"] for h in _json(capsys, [*base, "--json", "--offset", str(o), "--limit", "2"])["hits"]]
        for o in (0, 2, 4)
    ]
    assert pages[0] + pages[1] == everything and pages[2] == []
    assert main([*base, "--ids"]) == 0
    assert [int(x) for x in capsys.readouterr().out.split()] == everything
    assert main([*base, "--ids", "--offset", "1", "--limit", "1"]) == 0
    assert [int(x) for x in capsys.readouterr().out.split()] == everything[1:2]


def test_export_by_ids_and_by_query(
    imported: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    ids = [h["id"] for h in _json(capsys, ["--archive", str(imported), "search", "", "--json"])["hits"]]
    out = tmp_path / "out.json"
    argv = ["--archive", str(imported), "export", *map(str, ids[:2]), "--format", "json", "--out", str(out)]
    assert main(argv) == 0
    text = out.read_text(encoding="utf-8")
    assert text.index(A3[0]) < text.index(A1[0]) and A2[0] not in text  # newest first, as listed
    by_query = tmp_path / "q.md"
    argv = [
        "--archive",
        str(imported),
        "export",
        "--query",
        "邸东芳",
        "--format",
        "md",
        "--out",
        str(by_query),
    ]
    assert main(argv) == 0
    md = by_query.read_text(encoding="utf-8")
    assert A1[0] in md and A3[0] in md and A2[0] not in md
    filtered = tmp_path / "f.txt"
    argv = [
        "--archive",
        str(imported),
        "export",
        "--street",
        "御河街道",
        "--format",
        "txt",
        "--out",
        str(filtered),
    ]
    assert main(argv) == 0
    assert A2[0] in filtered.read_text(encoding="utf-8") and A1[0] not in filtered.read_text(encoding="utf-8")
    capsys.readouterr()
    assert (
        main(
            [
                "--archive",
                str(imported),
                "export",
                "--query",
                "不存在的词语",
                "--format",
                "md",
                "--out",
                str(tmp_path / "n.md"),
            ]
        )
        == 2
    )
    assert not (tmp_path / "n.md").exists()


def test_export_to_stdout_and_extensions(
    imported: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    capfd_argv = ["--archive", str(imported), "export", "--query", "锦秀", "--format", "ris", "--out", "-"]
    proc = subprocess.run(
        [sys.executable, "-m", "index.cli", *capfd_argv],
        capture_output=True,
        cwd=tmp_path,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO), "LANG": "C.UTF-8"},
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout.decode("utf-8").startswith("TY  - NEWS") and A2[0] in proc.stdout.decode("utf-8")
    assert not list(tmp_path.glob("-*")), "no file named - is written"
    base = ["--archive", str(imported), "export", "--query", "锦秀"]
    assert main([*base, "--format", "pdf", "--out", "-"]) == 2
    assert "text formats only" in capsys.readouterr().err
    assert main([*base, "--format", "docx", "--out", str(tmp_path / "x.doc")]) == 2
    assert ".docx" in capsys.readouterr().err and not (tmp_path / "x.doc").exists()
    assert main([*base, "--format", "bibtex", "--out", str(tmp_path / "refs")]) == 0
    assert (tmp_path / "refs.bib").read_text(encoding="utf-8").startswith("@article{")


def test_one_file_per_article_with_a_template(imported: Path, tmp_path: Path) -> None:
    folder = tmp_path / "each"
    argv = ["--archive", str(imported), "export", "--query", "", "--format", "md", "--out", str(folder),
            "--one-per-article", "--template", "{date}_{title}"]  # fmt: skip
    assert main(argv) == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([f"2025-01-06_{A1[0]}.md", f"2025-01-06_{A2[0]}.md", f"2025-02-03_{A3[0]}.md"])
    assert A2[0] in (folder / f"2025-01-06_{A2[0]}.md").read_text(encoding="utf-8")
    assert main([*argv[:-1], "{nope}"]) == 2


def test_exit_codes_usage_2_archive_3(
    imported: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--archive", str(imported), "search", '"未闭合']) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("error: ") and "Unclosed quote" in err[0]
    assert main(["--archive", str(imported), "search", "--limit", "many"]) == 2  # argparse usage error
    capsys.readouterr()
    assert main(["--archive", str(tmp_path / "none"), "stats"]) == 3
    assert "No archive at" in capsys.readouterr().err
    with Archive(imported) as other, other._guard.lock.held("import"):  # another program writes
        assert main(["--archive", str(imported), "import", str(tmp_path / "in")]) == 3
        err = capsys.readouterr().err.strip().splitlines()
        assert len(err) == 1 and "Another program is changing" in err[0]
        assert (
            _json(capsys, ["--archive", str(imported), "search", "锦秀", "--json"])["total"] == 1
        )  # searching is not blocked
    assert (
        main(
            ["--archive", str(imported), "export", "99999", "--format", "md", "--out", str(tmp_path / "m.md")]
        )
        == 3
    )


def test_help_documents_exit_codes_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "exit codes:" in out and "archive error" in out and "--verbose" in out
    assert main(["export", "--help"]) == 0
    assert "exit codes:" in capsys.readouterr().out
    assert main(["--version"]) == 0
    from index import __version__

    assert capsys.readouterr().out.strip() == f"pingcheng-archive {__version__}"
    assert main([]) == 2  # the core CLI alone has no default command


def test_import_reports_refused_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1])
    (src / "undated.txt").write_text("## 标题\n\n本报讯（记者 锦秀）正文。\n", encoding="utf-8")
    assert main(["--archive", str(tmp_path / "arch"), "import", str(src)]) == 1
    captured = capsys.readouterr()
    assert "1 files refused" in captured.out and "refused: " in captured.err and "undated.txt" in captured.err
    argv = ["--archive", str(tmp_path / "arch"), "import", str(src / "undated.txt"), "--date", "2025-03-01"]
    assert main(argv) == 0


def test_the_cli_follows_the_locale(
    imported: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    try:
        assert main(["--archive", str(imported), "search", "邸东芳"]) == 0
        assert capsys.readouterr().out.startswith("共 2 篇")
        assert main(["--archive", str(imported / "none"), "stats"]) == 3
        assert capsys.readouterr().err.startswith("错误：")
        assert main(["--help"]) == 0
        assert "退出码" in capsys.readouterr().out
    finally:
        i18n.set_language("en")


def test_verbose_logs_debug_on_stderr(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import logging

    def stderr_levels() -> list[int]:
        handlers = logging.getLogger("index").handlers
        return [h.level for h in handlers if type(h) is logging.StreamHandler]

    try:
        assert main(["--archive", str(imported), "stats"]) == 0
        assert stderr_levels() == [logging.WARNING]
        assert main(["--verbose", "--archive", str(imported), "stats"]) == 0
        assert stderr_levels() == [logging.DEBUG]
        assert main(["stats", "--archive", str(imported), "--verbose"]) == 0  # after the subcommand too
        assert stderr_levels() == [logging.DEBUG]
    finally:
        from index import logs

        logs.setup(stderr_level=logging.WARNING)


def _run_main(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *args],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env or {**os.environ, "LANG": "C.UTF-8"},
    )


def test_main_py_end_to_end(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    arch = str(tmp_path / "arch")
    imp = _run_main(tmp_path, "--archive", arch, "import", str(src))
    assert imp.returncode == 0, imp.stderr
    res = _run_main(tmp_path, "--archive", arch, "search", "街道:御河街道", "--json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["hits"][0]["title"] == A2[0]
    bad = _run_main(tmp_path, "--archive", arch, "search", "日期:2025-13")
    assert bad.returncode == 2 and bad.stderr.strip().startswith("error: Not a date")


def test_viewer_without_a_display_says_so(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["LANG"] = "C.UTF-8"
    proc = _run_main(tmp_path, "--archive", str(tmp_path / "arch"), env=env)
    assert proc.returncode == 2 and "no graphical display" in proc.stderr
    assert "Traceback" not in proc.stderr
    env["LANG"] = "zh_CN.UTF-8"
    proc = _run_main(tmp_path, env=env)
    assert proc.returncode == 2 and "图形显示" in proc.stderr


def test_ids_lists_every_hit_unless_limited(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(
        src, dt.date(2025, 3, 3), [(f"社区服务第{i}项", "锦秀", f"社区工作第{i}条。") for i in range(25)]
    )
    arch = str(tmp_path / "arch")
    assert main(["--archive", arch, "import", str(src)]) == 0
    capsys.readouterr()
    assert main(["--archive", arch, "search", "", "--ids"]) == 0
    ids = [int(x) for x in capsys.readouterr().out.split()]
    assert len(ids) == 25 == len(set(ids))
    text = _json(capsys, ["--archive", arch, "search", "", "--json"])
    assert len(text["hits"]) == 20 and text["total"] == 25  # the text/JSON default page


def test_the_core_never_imports_the_viewer() -> None:
    import ast

    for path in sorted((REPO / "index").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not [n for n in names if n.split(".")[0] == "viewer"], path
    code = "import sys, index.cli; index.cli.main(['--version']); assert 'viewer' not in sys.modules"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, timeout=60)
    assert proc.returncode == 0, proc.stderr


def test_snippets_are_marked_from_the_cores_highlight_spans(imported: Path) -> None:
    from index.cli.search_cmd import plain_snippet, snippet_spans
    from index.models import SearchRequest

    with Archive(imported, readonly=True) as archive:
        hits = archive.search(SearchRequest("垃圾分类")).hits
    assert hits and all(hit.spans for hit in hits)  # the word is in every hit's body
    for hit in hits:
        text, spans = snippet_spans(hit)
        assert text == hit.excerpt and all(text[a:b] == "垃圾分类" for a, b in spans)
        marked = plain_snippet(hit)
        assert marked.replace("【", "").replace("】", "") == hit.excerpt
        assert marked.count("【垃圾分类】") == len(spans)


def test_import_progress_counts_articles_with_an_estimated_total() -> None:
    import io

    from index.cli.progress import ImportProgress

    stream = io.StringIO()  # not a terminal: a line per tenth
    stored = iter([0, 12, 24, 36])
    with ImportProgress(lambda: next(stored), stream=stream) as bar:
        bar.interval = 0.0  # count at every call
        bar(0, 3, "")
        bar(1, 3, "a.txt")
        bar(2, 3, "b.txt")
        bar(3, 3, "c.txt")
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("importing (0/3 files): 0/? articles")
    assert lines[1].startswith("importing (1/3 files): 12/~36 articles")
    assert lines[-1].startswith("importing (3/3 files): 36/36 articles") and lines[-1].endswith("ETA 0 s")
