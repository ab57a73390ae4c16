"""Killed processes (kill -9 from the test): no worker left running, no left-over files, exact totals."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from index.archive import Archive
from index.integrity import manifest
from tests.archive_helpers import write_edition
from tests.integrity.helpers import REPO, catalog_ids, index_doc_ids, make_archive, search_ids

_POOL_PARENT = """
import time
from index.analysis import Analyzer
from index.workers import make_pool
pool = make_pool(Analyzer(), 2)
print("ready", flush=True)
time.sleep(300)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in state  # a zombie has ended (PID 1 of a container may not reap it)


def _children(pid: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
    return [int(x) for x in out.split()]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO)}


def test_pool_workers_end_when_their_parent_is_killed(tmp_path: Path) -> None:
    parent = subprocess.Popen(
        [sys.executable, "-c", _POOL_PARENT], stdout=subprocess.PIPE, text=True, env=_env()
    )
    try:
        assert parent.stdout is not None and parent.stdout.readline().strip() == "ready"
        workers = _children(parent.pid)
        assert len(workers) >= 2 and all(_alive(w) for w in workers)
    finally:
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        if parent.stdout is not None:
            parent.stdout.close()
    deadline = time.monotonic() + 15
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [w for w in workers if _alive(w)]


def _sources(folder: Path, days: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for d in range(1, days + 1):
        body = "社区工作人员入户走访，了解居民需求，帮助解决实际困难。" * 30
        write_edition(
            folder, dt.date(2024, 3, d), [(f"三月{d}日第{i}篇社区报道", "李满", body) for i in range(8)]
        )
    return folder


def _editions_stored(root: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{root / 'catalog.sqlite'}?mode=ro", uri=True, timeout=1)
        try:
            return int(con.execute("SELECT count(*) FROM editions").fetchone()[0])
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _kill_when(proc: subprocess.Popen[bytes], ready: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():  # type: ignore[operator]
            break
        time.sleep(0.02)
    for child in _children(proc.pid):
        os.kill(child, signal.SIGKILL)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


def _only_trusted_files(root: Path) -> None:
    folder = root / "index"
    signed, _ = manifest.load(folder)
    assert signed is not None
    extra = (
        {p.name for p in folder.iterdir()} - set(signed.files) - {manifest.NAME, "VERSION", "tables", "grams"}
    )
    assert not {n for n in extra if not n.endswith("WRITELOCK")}, extra


def test_kill_during_import_then_reopen_and_import_again(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    src = _sources(tmp_path / "march", 24)
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--archive", str(root), "import", str(src)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _kill_when(proc, lambda: _editions_stored(root) >= 4)
    with Archive(root) as a:  # consistent at once: what the catalog kept is found, once
        assert a.check().ok, a.check().problems
        assert sorted(search_ids(a)) == catalog_ids(a) == index_doc_ids(a)
    _only_trusted_files(root)
    with Archive(root) as a:
        report = a.import_paths([src])
        assert not report.errors
        assert len(a.editions()) == 25 and len(catalog_ids(a)) == 2 + 24 * 8
        assert sorted(search_ids(a)) == catalog_ids(a) == index_doc_ids(a)


def test_kill_during_reindex_leaves_no_temporary_files(tmp_path: Path) -> None:
    root = make_archive(tmp_path, [0])
    with Archive(root) as a:
        a.import_paths([_sources(tmp_path / "march", 24)])
        before = catalog_ids(a)
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "main.py"), "--archive", str(root), "reindex"],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    started = time.monotonic()
    _kill_when(proc, lambda: time.monotonic() - started > 2.5)
    with Archive(root) as a:
        assert sorted(search_ids(a)) == before == index_doc_ids(a) and a.check().ok
    _only_trusted_files(root)


_SLOW_EXPORT = """
import sys, time
from pathlib import Path

import pytest
from index.archive import Archive
a = Archive(Path(sys.argv[1]), readonly=True)
ids = [r.id for e in a.editions() for r in a.edition_articles(e.id)]
def progress(done, total, message):
    print("writing", flush=True)
    time.sleep(120)
a.export(ids, "md", Path(sys.argv[2]), progress=progress)
"""


def test_the_part_file_of_a_killed_export_is_removed_at_the_next_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_archive(tmp_path, [0])
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    out = tmp_path / "exports" / "selection.md"
    out.parent.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-c", _SLOW_EXPORT, str(root), str(out)],
        stdout=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "writing"
        parts = list(out.parent.glob(".*.part"))
        assert len(parts) == 1
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()
    assert parts[0].exists()  # what kill -9 leaves
    with Archive(root, readonly=True):  # the next start, even read-only
        pass
    assert not parts[0].exists() and not out.exists()
