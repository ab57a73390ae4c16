"""Damaged index files rebuild or explain; a damaged catalog gives one clear message; check and backup."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from index.archive import Archive
from index.errors import CatalogDamaged
from tests.integrity.helpers import catalog_ids, cli, index_doc_ids, make_archive, search_ids, write_sources


def _segment(root: Path) -> Path:
    return max((root / "index").glob("*.seg"), key=lambda p: p.stat().st_size)


def _damage(root: Path, how: str) -> None:
    if how == "truncated segment":
        seg = _segment(root)
        os.truncate(seg, seg.stat().st_size // 2)
    elif how == "deleted segment":
        _segment(root).unlink()
    elif how == "garbage table of contents":
        [toc] = (root / "index").glob("_MAIN_*.toc")
        toc.write_bytes(os.urandom(300))
    elif how == "no manifest":
        (root / "index" / "MANIFEST.json").unlink()
    elif how == "altered gram file":
        gram = max((root / "index" / "grams").glob("*.grams"), key=lambda p: p.stat().st_size)
        data = bytearray(gram.read_bytes())
        data[len(data) // 2] ^= 0xFF  # one byte of the postings: no error, only wrong hits
        gram.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "how",
    ["truncated segment", "deleted segment", "garbage table of contents", "no manifest", "altered gram file"],
)
def test_a_damaged_index_is_rebuilt_on_open_by_every_command(tmp_path: Path, how: str) -> None:
    root = make_archive(tmp_path)
    _damage(root, how)
    done = cli(root, "search", "垃圾分类")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "1 articles" in done.stdout and "rebuilt the index" in done.stderr
    _damage(root, how)
    assert cli(root, "reindex").returncode == 0  # reindex recovers too
    with Archive(root) as a:
        assert a.repair == "" and sorted(search_ids(a)) == catalog_ids(a) == index_doc_ids(a)
        assert a.check().ok


def test_reindex_recovers_from_damage_done_while_open(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    with Archive(root) as a:
        _damage(root, "truncated segment")
        _damage(root, "garbage table of contents")
        assert a.reindex() == 5
        assert sorted(search_ids(a)) == catalog_ids(a) == index_doc_ids(a)
        report = a.import_paths(write_sources(tmp_path / "more", [0]))
        assert report.editions_unchanged == 1 and not report.errors
    with Archive(root) as a:
        assert a.repair == "" and a.check().ok


def _break_page(catalog: Path, table: str) -> None:
    con = sqlite3.connect(catalog)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    [root_page] = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    con.close()
    with open(catalog, "r+b") as fh:
        fh.seek((root_page - 1) * page_size)
        fh.write(b"\xff" * 64)


def test_a_damaged_catalog_is_one_clear_message_and_refuses_writes(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    catalog = root / "catalog.sqlite"
    _break_page(catalog, "articles")
    write_sources(tmp_path / "new", [1, 2])
    done = cli(root, "import", str(tmp_path / "new"))
    assert done.returncode == 3 and "Traceback" not in done.stderr
    [line] = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
    assert str(catalog) in line and "damaged" in line and "backup" in line
    checked = cli(root, "check")
    assert checked.returncode != 0 and "Traceback" not in checked.stderr
    assert "catalog" in (checked.stdout + checked.stderr)
    with Archive(root) as a, pytest.raises(CatalogDamaged):
        a.import_paths(write_sources(tmp_path / "x", [1]))


def test_a_file_that_is_not_a_catalog(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    catalog = root / "catalog.sqlite"
    catalog.write_bytes(b"this is not a database" * 100)
    for args in (("stats",), ("search", "社区"), ("import", str(tmp_path / "src"))):
        done = cli(root, *args)
        assert done.returncode == 3 and "Traceback" not in done.stderr, done.stderr
        assert done.stderr.count("error:") == 1 and str(catalog) in done.stderr
    assert catalog.read_bytes().startswith(b"this is not")  # nothing was written over it


def test_check_and_backup_commands(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    done = cli(root, "check")
    assert done.returncode == 0 and done.stdout.strip().endswith("ok"), done.stdout + done.stderr
    assert "catalog: 5 articles; index: 5 documents" in done.stdout
    copy = tmp_path / "copy.sqlite"
    assert cli(root, "backup", str(copy)).returncode == 0
    refused = cli(root, "backup", str(copy))
    assert refused.returncode == 3 and "exists already" in refused.stderr
    con = sqlite3.connect(copy)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
    con.close()
    assert not list(tmp_path.glob(".*.part"))


def test_output_into_a_closed_pipe_is_no_traceback(tmp_path: Path) -> None:
    """``main.py stats | head -1``: the reader goes away before the command has written."""
    import subprocess
    import sys

    from tests.integrity.helpers import REPO

    root = make_archive(tmp_path)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for args in (("stats",), ("search", "", "--limit", "100")):
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "main.py"), "--archive", str(root), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.close()  # like head -1 after its line, before the writer finished
        err = proc.stderr.read().decode()
        proc.stderr.close()
        assert proc.wait(60) == 0 and "Traceback" not in err and "BrokenPipe" not in err, err
