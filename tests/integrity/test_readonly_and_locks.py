"""Read-only archives work without a lock file; only writers take the writer lock (real processes)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from index.archive import Archive
from tests.integrity.helpers import (
    REPO,
    catalog_ids,
    cli,
    make_archive,
    read_only,
    replace_catalog,
    search_ids,
    write_sources,
)

_HOLDER = """
import sys, time
from pathlib import Path
from index.archive import Archive
a = Archive(Path(sys.argv[1]))
a._guard.lock.acquire("import")
print("holding", flush=True)
time.sleep(120)
"""


def test_a_read_only_archive_searches_reads_and_exports_without_a_lock_file(tmp_path: Path) -> None:
    root = make_archive(tmp_path)
    (root / "lock").unlink()
    out = tmp_path / "out.md"
    with read_only(root):
        found = cli(root, "search", "社区", "--json")
        assert found.returncode == 0, found.stderr
        ids = [h["id"] for h in json.loads(found.stdout)["hits"]]
        assert len(ids) == 2
        assert cli(root, "stats").returncode == 0
        exported = cli(root, "export", *map(str, ids), "--format", "md", "--out", str(out))
        assert exported.returncode == 0, exported.stderr
        refused = cli(root, "import", str(tmp_path / "src"))
        assert refused.returncode == 3 and "read-only" in refused.stderr and "Traceback" not in refused.stderr
        with Archive(root) as a:
            assert a.readonly and (
                "read-only medium" in a.readonly_reason or "no permission" in a.readonly_reason
            )
        assert not (root / "lock").exists()
    assert "社区" in out.read_text(encoding="utf-8")


def test_a_read_only_archive_with_an_outdated_index_searches_the_catalog(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    with Archive(root) as a:
        old = a.backup(tmp_path / "old.sqlite")
        a.import_paths(write_sources(tmp_path / "more", [1, 2]))
    replace_catalog(root, old)
    cache = tmp_path / "cache"
    env = {"XDG_CACHE_HOME": str(cache)}
    with read_only(root):
        done = cli(root, "search", "", "--json", env=env)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["total"] == 2  # the restored catalog's 2, not the index's 5
        assert "只读" in done.stderr and "temporary index" in done.stderr
    assert not [p for p in cache.rglob("ro-index-*")]  # the temporary index went with its process


def test_only_writers_wait_for_the_writer_lock(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(root)], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        searched = cli(root, "search", "供暖")
        assert searched.returncode == 0 and "1 articles" in searched.stdout
        assert f"process {holder.pid}: import" in searched.stderr  # says a writer is at work
        write_sources(tmp_path / "new", [1])
        refused = cli(root, "import", str(tmp_path / "new"))
        assert refused.returncode == 3 and f"process {holder.pid}" in refused.stderr
    finally:
        holder.send_signal(signal.SIGKILL)  # the OS frees the lock of a killed process
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert cli(root, "import", str(tmp_path / "new")).returncode == 0
    with Archive(root) as a:
        assert len(catalog_ids(a)) == 3


def test_an_export_in_progress_does_not_block_an_import(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    started, release = threading.Event(), threading.Event()

    def progress(done: int, total: int, message: str) -> None:
        started.set()
        release.wait(60)

    with Archive(root) as a:
        ids = catalog_ids(a)
        worker = threading.Thread(
            target=a.export, args=(ids, "md", tmp_path / "o.md"), kwargs={"progress": progress}
        )
        worker.start()
        try:
            assert started.wait(30)
            write_sources(tmp_path / "new", [1, 2])
            done = cli(root, "import", str(tmp_path / "new"))
            assert done.returncode == 0, done.stderr
        finally:
            release.set()
            worker.join()
        assert sorted(search_ids(a)) == catalog_ids(a) and len(catalog_ids(a)) == 5  # sees the commit
