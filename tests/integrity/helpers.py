"""Archives for the integrity tests: real files, real SQLite, a per-test user key."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from index.archive import Archive
from index.models import SearchRequest
from tests.archive_helpers import write_edition

REPO = Path(__file__).resolve().parents[2]

EDITIONS = [
    (
        dt.date(2025, 1, 6),
        [
            ("平城区召开冬季供暖工作会议", "邸东芳", "会议要求各供热企业确保居民室温达标。"),
            ("古城街道开展垃圾分类宣传", "锦秀", "古城街道组织志愿者走进社区，讲解垃圾分类知识。"),
        ],
    ),
    (dt.date(2025, 1, 13), [("文慧小学举办读书月活动", "贾欣怡", "全校师生共读经典，分享阅读心得。")]),
    (
        dt.date(2025, 1, 20),
        [
            ("御河街道为老人送温暖", "李满", "社区志愿者为独居老人送去棉衣。"),
            ("平城区举办春节文艺演出", "王芳", "演出在区文化馆举行，居民踊跃观看。"),
        ],
    ),
]


def write_sources(folder: Path, which: range | list[int] | None = None) -> list[Path]:
    """Edition files for some of :data:`EDITIONS` (all by default)."""
    folder.mkdir(parents=True, exist_ok=True)
    picked = range(len(EDITIONS)) if which is None else which
    return [write_edition(folder, *EDITIONS[i]) for i in picked]


def make_archive(tmp: Path, which: range | list[int] | None = None) -> Path:
    """An archive folder with some editions imported (closed again)."""
    root = tmp / "arch"
    with Archive(root) as a:
        report = a.import_paths(write_sources(tmp / "src", which))
        assert not report.errors, report.errors
    return root


def search_ids(a: Archive, text: str = "") -> list[int]:
    """Every hit of a query, in date order."""
    return list(a.search(SearchRequest(text=text, sort="date", limit=0)).ids)


def catalog_ids(a: Archive) -> list[int]:
    """Every article id the catalog holds."""
    return sorted(r.id for e in a.editions() for r in a.edition_articles(e.id))


def index_doc_ids(a: Archive) -> list[int]:
    """Every document id in the index (duplicates kept)."""
    return sorted(a.index.document_ids())


def cli(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``main.py --archive root ARGS`` in a new process."""
    full = {**os.environ, "PYTHONPATH": str(REPO), **(env or {})}
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--archive", str(root), *args],
        capture_output=True,
        text=True,
        env=full,
        timeout=120,
    )


def replace_catalog(root: Path, copy: Path) -> None:
    """Put a catalog copy in place (restoring a backup is copying it back)."""
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            (root / f"catalog.sqlite{suffix}").unlink()
    shutil.copyfile(copy, root / "catalog.sqlite")


def _unmount(folder: Path) -> None:
    """Undo the bind mount; a file still open in a closing thread only delays it (then lazily)."""
    for _attempt in range(20):
        if subprocess.run(["umount", str(folder)], capture_output=True).returncode == 0:
            return
        time.sleep(0.1)
    subprocess.run(["umount", "-l", str(folder)], check=True)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make a folder read-only for real: a read-only bind mount as root, permissions otherwise."""
    if os.geteuid() == 0:
        subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
        try:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
            yield
        finally:
            _unmount(folder)
        return
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")]}
    for p in modes:
        p.chmod(modes[p] & ~0o222)
    try:
        yield
    finally:
        for p, mode in modes.items():
            p.chmod(mode)
