"""Files a killed process leaves behind, removed on the next start.

* In the index folder: files no commit refers to (a writer killed mid-way), temporary folders of
  Whoosh's sorting pools, half-written manifests. Only with the writer lock held, so a running
  writer's new files are never touched.
* In the archive folder: ``.part`` files of backups that never finished; anywhere: ``.part``
  files of exports whose process died (noted in the cache folder while being written).
* In the cache folder: temporary indexes of read-only archives whose process is gone.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

from index import paths
from index.integrity import manifest

logger = logging.getLogger(__name__)

TEMP_PREFIX = "ro-index-"  # temporary indexes of read-only archives, in the cache folder
KEEP = frozenset({manifest.NAME, "VERSION", "tables", "grams"})  # the engine prunes its own sub-folders
PART_AGE = 60.0  # seconds: a younger .part file may belong to an export in progress


def _remove(path: Path) -> int:
    try:
        size = path.stat().st_size if path.is_file() else _tree_size(path)
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    except OSError as exc:
        logger.warning("cannot remove the left-over %s: %s", path, exc)
        return 0
    logger.info("removed the left-over %s (%d bytes)", path, size)
    return size


def _tree_size(path: Path) -> int:
    total = 0
    for p in path.rglob("*"):
        with contextlib.suppress(OSError):
            if p.is_file():
                total += p.stat().st_size
    return total


def clean_index_folder(folder: Path, trusted: set[str]) -> int:
    """Remove what no commit refers to; returns the bytes freed (the caller holds the writer lock)."""
    freed = 0
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.name in KEEP or path.name in trusted or path.name.endswith("WRITELOCK"):
                continue
            freed += _remove(path)
    return freed


def clean_parts(root: Path) -> int:
    """Remove ``.part`` files older than a minute in the archive folder (and one level below)."""
    freed = 0
    now = time.time()
    for pattern in (".*.part", "*.part", "*/.*.part"):
        for path in root.glob(pattern):
            with contextlib.suppress(OSError):
                if path.is_file() and now - path.stat().st_mtime > PART_AGE:
                    freed += _remove(path)
    return freed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_temporary_indexes() -> int:
    """Remove temporary indexes (read-only archives) of processes that are gone."""
    freed = 0
    base = paths.cache_dir()
    with contextlib.suppress(OSError):
        for path in base.glob(f"{TEMP_PREFIX}*"):
            try:
                pid = int(path.name[len(TEMP_PREFIX) :].split("-", 1)[0])
            except ValueError:
                continue
            if pid != os.getpid() and not _alive(pid):
                freed += _remove(path)
    return freed


PARTS_DIR = "unfinished-exports"  # in the cache folder: one note per export file being written


@contextlib.contextmanager
def tracked_part(part: Path) -> Iterator[None]:
    """Note ``part`` (a file being written anywhere) so the next start deletes it if this process dies."""
    note: Path | None = None
    try:
        folder = paths.cache_dir() / PARTS_DIR
        folder.mkdir(parents=True, exist_ok=True)
        note = folder / f"{os.getpid()}-{secrets.token_hex(4)}"
        note.write_text(str(part.resolve()), encoding="utf-8")
    except OSError as exc:  # no cache folder: the export still works, only this safety net is off
        logger.info("cannot note the unfinished export %s: %s", part, exc)
        note = None
    try:
        yield
    finally:
        if note is not None:
            with contextlib.suppress(OSError):
                note.unlink()


def clean_unfinished_exports() -> int:
    """Delete the ``.part`` files of exports whose process is gone; returns the bytes freed."""
    freed = 0
    with contextlib.suppress(OSError):
        for note in (paths.cache_dir() / PARTS_DIR).iterdir():
            try:
                pid = int(note.name.split("-", 1)[0])
            except ValueError:
                continue
            if pid == os.getpid() or _alive(pid):
                continue
            with contextlib.suppress(OSError):
                part = Path(note.read_text(encoding="utf-8").strip())
                if part.name.endswith(".part") and part.is_file():
                    freed += _remove(part)
                note.unlink()
    return freed
