"""The command line's librarian commands: ``edit`` (the form's rules) and ``remove``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from index.archive import Archive
from index.cli import main
from index.models import SearchRequest
from tests.archive_helpers import write_edition

A1 = ("平城区召开冬季供暖工作会议", "邸东芳", "会议要求各供热企业确保居民室温达标。")
A2 = ("御河街道开展垃圾分类宣传", "锦秀", "御河街道组织志愿者走进社区，讲解垃圾分类知识。")
A3 = ("文慧小学举办读书月活动", "邸东芳", "全校师生共读经典，分享阅读心得。")


@pytest.fixture
def arch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    write_edition(src, dt.date(2025, 1, 6), [A1, A2])
    write_edition(src, dt.date(2025, 2, 3), [A3])
    root = tmp_path / "arch"
    assert main(["--archive", str(root), "import", str(src)]) == 0
    capsys.readouterr()
    return root


def _articles(root: Path) -> dict[str, int]:
    with Archive(root, readonly=True) as a:
        return {r.title: r.id for e in a.editions() for r in a.edition_articles(e.id)}


def test_edit_uses_the_forms_name_rule(arch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = _articles(arch)[A2[0]]
    assert (
        main(["--archive", str(arch), "edit", str(target), "--reporters", "王 芳,李满", "--title", "新标题"])
        == 0
    )
    assert "reporters: 王芳、李满" in capsys.readouterr().out
    with Archive(arch, readonly=True) as a:
        rec = a.article(target)
        assert rec.reporters == ("王芳", "李满") and rec.title == "新标题"
        assert a.search(SearchRequest("记者:王芳", limit=0)).ids == (target,)
    assert main(["--archive", str(arch), "edit", str(target)]) == 2  # nothing to change: usage
    assert "nothing to change" in capsys.readouterr().err
    assert main(["--archive", str(arch), "edit", "999", "--title", "x"]) == 3  # no such article


def test_remove_by_date_by_edition_and_articles(arch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ids = _articles(arch)
    assert main(["--archive", str(arch), "remove", "2025-02-03"]) == 0
    assert "removed 1 edition(s), 1 article(s)" in capsys.readouterr().out
    assert main(["--archive", str(arch), "remove", "--article", str(ids[A1[0]])]) == 0
    assert _articles(arch) == {A2[0]: ids[A2[0]]}
    with Archive(arch, readonly=True) as a:
        assert a.search(SearchRequest("", limit=0)).ids == (ids[A2[0]],)
        edition = a.editions()[0].id
    assert main(["--archive", str(arch), "remove", "2030-01-01"]) == 3
    assert "no edition dated 2030-01-01" in capsys.readouterr().err
    assert main(["--archive", str(arch), "remove"]) == 2
    assert main(["--archive", str(arch), "remove", "--edition", str(edition)]) == 0
    assert _articles(arch) == {}


def test_reenrich_with_the_archives_own_taxonomy(arch: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--archive", str(arch), "reenrich", "--copy-lists"]) == 0
    own = arch / "taxonomy.toml"
    assert str(own) in capsys.readouterr().out
    own.write_text(own.read_text(encoding="utf-8") + '\n[topics."读书"]\n"读书" = 100\n', encoding="utf-8")
    assert main(["--archive", str(arch), "reenrich"]) == 0
    assert "1 article(s) changed" in capsys.readouterr().out
    with Archive(arch, readonly=True) as a:
        assert a.search(SearchRequest("主题:读书", limit=0)).total == 1
