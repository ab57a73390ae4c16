"""A full disk: the real cause is reported, the archive stays intact and reading still works."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.archive import Archive
from tests.archive_helpers import write_edition
from tests.integrity.helpers import REPO, catalog_ids, cli, index_doc_ids, make_archive, search_ids


def _big_sources(folder: Path, days: int = 28) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(1, days + 1):
        body = "社区工作人员入户走访，了解居民需求。" * 200
        write_edition(
            folder, dt.date(2025, 2, d), [(f"第{d}日稿件{i}号关于社区治理", "李满", body) for i in range(6)]
        )
    return folder


@contextlib.contextmanager
def _small_disk(where: Path, size: str = "3m") -> Iterator[Path]:
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        for _ in range(50):  # a process that just ended may still be letting go of the mount
            if subprocess.run(["umount", str(where)], capture_output=True).returncode == 0:
                break
            time.sleep(0.2)
        else:
            subprocess.run(["umount", "-l", str(where)], check=True)


def _fill(disk: Path, leave_kb: int) -> Path:
    st = os.statvfs(disk)
    free_kb = st.f_bavail * st.f_frsize // 1024
    filler = disk / "filler"
    with open(filler, "wb") as fh:
        fh.write(b"\0" * max(0, free_kb - leave_kb) * 1024)
    return filler


@pytest.mark.skipif(
    os.geteuid() != 0, reason="mounting a small tmpfs needs root; see the injected test below"
)
@pytest.mark.parametrize("leave_kb", [0, 1200])
def test_a_full_disk_names_the_cause_and_keeps_the_archive(tmp_path: Path, leave_kb: int) -> None:
    with _small_disk(tmp_path / "disk") as disk:
        root = make_archive(disk)
        filler = _fill(disk, leave_kb)
        done = cli(root, "import", str(_big_sources(tmp_path / "big")))
        assert done.returncode == 3 and "Traceback" not in done.stderr, done.stderr
        errors = [ln for ln in done.stderr.splitlines() if ln.startswith("error:")]
        assert len(errors) == 1 and ("No space left" in errors[0] or "full" in errors[0]), done.stderr
        assert "LockError" not in done.stderr and "rollback" not in done.stderr
        for args in (("search", "供暖"), ("stats",)):  # reading works while the disk is full
            seen = cli(root, *args)
            assert seen.returncode == 0 and "Traceback" not in seen.stderr, seen.stderr
        assert "1 articles" in cli(root, "search", "供暖").stdout
        filler.unlink()
        with Archive(root) as a:  # space again: everything stored is found, each article once
            assert a.check().ok
            ids = catalog_ids(a)
            assert len(ids) >= 5 and sorted(search_ids(a)) == ids == index_doc_ids(a)


_INJECTED = """
import errno, os, sys
from pathlib import Path
from index.archive import Archive
from index.engine.auth import AuthStorage
from index.errors import DiskFull
from index.models import SearchRequest

def full(self, name, *args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)

with Archive(Path(sys.argv[1])) as a:
    AuthStorage.create_file = full
    try:
        a.import_paths([Path(sys.argv[2])])
    except DiskFull as exc:
        print("DiskFull:", exc)
    print("found", a.search(SearchRequest(text="供暖")).total)
"""


def test_an_injected_full_disk_in_the_index_writer(tmp_path: Path) -> None:
    """Every index file creation fails with ENOSPC (in another process: Whoosh leaks its files then)."""
    root = make_archive(tmp_path, [0])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", _INJECTED, str(root), str(_big_sources(tmp_path / "big", days=2))],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "DiskFull: No space left" in done.stdout and "found 1" in done.stdout  # reading goes on
    with Archive(root) as a:
        assert a.repair.startswith("indexed 1 edition")  # the one stored before the failure
        assert sorted(search_ids(a)) == catalog_ids(a) == index_doc_ids(a) and len(catalog_ids(a)) == 8
