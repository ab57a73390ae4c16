"""File cases: the same bytes under another date, unreadable sub-folders, UTF-32 without BOM, paths."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from index.archive import Archive
from tests.archive_helpers import edition_text, write_edition
from tests.integrity.helpers import EDITIONS, catalog_ids, cli, make_archive


def test_the_same_bytes_under_another_date_are_explained_not_duplicated(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    src = tmp_path / "src" / "2025-01-06.txt"
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    shutil.copyfile(src, renamed / "2025-02-06.txt")  # the date was wrong: renamed to fix it
    undated = tmp_path / "undated"
    undated.mkdir()
    shutil.copyfile(src, undated / "edition.txt")
    with Archive(root) as a:
        report = a.import_paths([renamed])
        assert report.editions_unchanged == 0 and report.editions_added == 0
        [error] = report.errors
        assert "renamed/2025-02-06.txt" in error and "2025-01-06" in error and "remove that edition" in error
        dated = a.import_paths([undated], date=dt.date(2025, 3, 1))  # --date: no second copy either
        assert dated.editions_added == 0 and dated.errors and "2025-03-01" in dated.errors[0]
        assert a.import_paths([undated], date=dt.date(2025, 1, 6)).editions_unchanged == 1
        assert len(a.editions()) == 1 and len(catalog_ids(a)) == 2


@pytest.mark.parametrize("encoding", ["utf-32-le", "utf-32-be"])
def test_utf32_without_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    day, articles = EDITIONS[0]
    (folder / f"{day.isoformat()}.txt").write_bytes(edition_text(articles).encode(encoding))
    with Archive(tmp_path / "arch") as a:
        report = a.import_paths([folder])
        assert not report.errors and report.articles == 2
        assert a.editions()[0].sha256 and len(catalog_ids(a)) == 2


def test_messages_name_the_path_inside_the_imported_folder(tmp_path: Path) -> None:
    top = tmp_path / "editions"
    (top / "2025" / "01").mkdir(parents=True)
    (top / "2025" / "02").mkdir(parents=True)
    write_edition(top / "2025" / "01", *EDITIONS[0])
    (top / "2025" / "02" / "2025-02-03.txt").write_bytes(b"")
    (top / "2025" / "01" / "2025-01-31.txt").write_bytes(b"\x00\x01\x02binary")
    with Archive(tmp_path / "arch") as a:
        report = a.import_paths([top])
    assert report.editions_added == 1
    assert sorted(e.split(":", 1)[0] for e in report.errors) == [
        "editions/2025/01/2025-01-31.txt",
        "editions/2025/02/2025-02-03.txt",
    ]


def test_an_unreadable_sub_folder_is_reported(tmp_path: Path) -> None:
    top = tmp_path / "editions"
    (top / "ok").mkdir(parents=True)
    (top / "locked").mkdir()
    write_edition(top / "ok", *EDITIONS[0])
    write_edition(top / "locked", *EDITIONS[1])
    (top / "locked").chmod(0)
    archive = tmp_path / "arch"
    try:
        if os.geteuid() == 0:  # root reads every folder: import as an ordinary user (user namespace)
            done = subprocess.run(
                ["unshare", "--user", "--map-user=65534", "--map-group=65534", "--", *_cli(archive, top)],
                capture_output=True,
                text=True,
                timeout=120,
                env={**os.environ, "PINGCHENG_CONFIG_DIR": str(tmp_path / "config")},
            )
        else:
            done = cli(archive, "import", str(top))
    finally:
        (top / "locked").chmod(0o755)
    assert "editions/locked: folder cannot be read" in done.stderr, done.stderr
    assert "1 added" in done.stdout and done.returncode == 1


def _cli(archive: Path, top: Path) -> list[str]:
    import sys

    from tests.integrity.helpers import REPO

    return [
        "env",
        f"PYTHONPATH={REPO}",
        sys.executable,
        str(REPO / "main.py"),
        "--archive",
        str(archive),
        "import",
        str(top),
    ]
