"""A Whoosh file storage that opens no index file it cannot authenticate.

Whoosh unpickles its table of contents, the directory of every segment file and some posting
blocks, so a crafted index file runs code as soon as it is read. :class:`AuthStorage` therefore
lists only files named in the signed manifest (:mod:`index.integrity.manifest`) or written by this
process, and checks a file's MAC on the opened file before Whoosh reads a byte of it. A commit
(Whoosh renames its new table of contents into place) re-signs the manifest with the MACs of the
new files and the catalog state the index now reflects.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.util.filelock import FileLock

from index.catalog.generation import CatalogState
from index.errors import ArchiveError
from index.i18n import _
from index.integrity import keys, manifest
from index.integrity.verified import VerifiedFiles

logger = logging.getLogger(__name__)

_TOC = re.compile(r"^_[A-Za-z0-9]+_([0-9]+)\.toc$")
StatKey = tuple[int, int, int]
# sub-folders of files the engine writes itself and reads without Whoosh (gram postings): they are
# signed at each commit like Whoosh's files and checked when the index opens
EXTRA_FOLDERS = ("grams",)


class IndexUntrusted(ArchiveError):
    """An index file is missing, altered or not made by this user: the index must be rebuilt."""


def _stat_key(st: os.stat_result) -> StatKey:
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class _TrackedLock:
    """Whoosh's file lock, remembered by the storage while held (so a failed writer can free it)."""

    def __init__(self, inner: Any, held: set[_TrackedLock]) -> None:
        self._inner, self._held = inner, held

    def acquire(self, blocking: bool = False) -> bool:
        """Take the lock (Whoosh's signature)."""
        ok = bool(self._inner.acquire(blocking))
        if ok:
            self._held.add(self)
        return ok

    def release(self) -> None:
        """Free the lock."""
        self._held.discard(self)
        self._inner.release()


class AuthStorage(FileStorage):  # type: ignore[misc]
    """The index folder as Whoosh sees it: authenticated files only.

    Args:
        folder: The index folder (it need not exist).
        readonly: Never write (no commit, no manifest).
    """

    def __init__(self, folder: Path, *, readonly: bool = False) -> None:
        super().__init__(str(folder), readonly=readonly)
        self.path = Path(folder)
        self.state_provider: Callable[[], CatalogState | None] | None = None
        self._lock = threading.RLock()
        self._created: dict[str, StatKey] = {}  # written by this process since the last seal
        self._verified: dict[str, StatKey] = {}  # content checked against its MAC
        self._manifest_key: StatKey | None = None
        self._known = VerifiedFiles()  # checked in an earlier session (user cache folder)
        self._held: set[_TrackedLock] = set()
        self.manifest = manifest.Manifest()
        self.problem = ""
        self.reload()

    # -- the manifest ----------------------------------------------------------------------------
    def reload(self) -> bool:
        """Read the manifest again if it changed on disk (another process committed); True if valid."""
        with self._lock:
            try:
                key = _stat_key(os.stat(self.path / manifest.NAME))
            except OSError:
                key = None
            if key is not None and key == self._manifest_key:
                return not self.problem
            loaded, problem = manifest.load(self.path)
            self._manifest_key = key
            self.manifest = loaded or manifest.Manifest()
            self.problem = problem
            if problem:
                logger.info("index %s: %s", self.path, problem)
            return loaded is not None

    @property
    def catalog_state(self) -> CatalogState | None:
        """The catalog state recorded at the last commit (None if unknown)."""
        return self.manifest.catalog

    def verify_all(self) -> str:
        """Check every file of the manifest now; returns what is wrong ("" if all is well)."""
        with self._lock:
            if not self.reload():
                return self.problem
            if not any(_TOC.match(n) for n in self.manifest.files):
                return "the index has no table of contents"
            for name in sorted(self.manifest.files):
                try:
                    with open(self.path / name, "rb") as fh:
                        self._check(name, fh)
                except FileNotFoundError:
                    if name.split("/", 1)[0] in EXTRA_FOLDERS:
                        continue  # pruned after the commit (a segment merged away)
                    return f"the index file {name} is missing"
                except IndexUntrusted as exc:
                    return str(exc)
                except OSError as exc:
                    return f"the index file {name} cannot be read ({exc.strerror or exc})"
            self._known.save()
            return ""

    def _check(self, name: str, fh: Any) -> None:
        st = os.fstat(fh.fileno())
        key = _stat_key(st)
        if self._created.get(name) == key or self._verified.get(name) == key:
            return
        want = self.manifest.files.get(name)
        if want is not None and self._known.known(self.path.resolve() / name, st, want):
            self._verified[name] = key
            return
        if want is None or not keys.same(keys.mac_file(name, fh), want):
            logger.info("index file %s/%s failed authentication", self.path, name)
            raise IndexUntrusted(_("the index file {name} is damaged or was not made here").format(name=name))
        self._verified[name] = key
        self._known.remember(self.path.resolve() / name, st, want)

    def seal(self) -> None:
        """Sign the manifest: the MACs of the files now present and the catalog state."""
        if self.readonly:
            return
        with self._lock:
            files: dict[str, str] = {}
            for name in os.listdir(self.path):
                if name in self._created:
                    with open(self.path / name, "rb") as fh:
                        files[name] = keys.mac_file(name, fh)
                        st = os.fstat(fh.fileno())
                        self._verified[name] = _stat_key(st)
                        self._known.remember(self.path.resolve() / name, st, files[name])
                elif name in self.manifest.files:
                    files[name] = self.manifest.files[name]
            files.update(self._sealed_extras())
            state = self.state_provider() if self.state_provider is not None else None
            self.manifest = manifest.Manifest(files, state)
            self._save()
            self.problem = ""
            self._created.clear()
            self._known.save()
            logger.info("index %s sealed: %d files, catalog %s", self.path, len(files), state)

    def _sealed_extras(self) -> dict[str, str]:
        """MACs of the engine's own files beside Whoosh's (gram files), new ones hashed."""
        out: dict[str, str] = {}
        for sub in EXTRA_FOLDERS:
            try:
                names = sorted(os.listdir(self.path / sub))
            except OSError:
                continue
            for base in names:
                name = f"{sub}/{base}"
                try:
                    with open(self.path / name, "rb") as fh:
                        st = os.fstat(fh.fileno())
                        old = self.manifest.files.get(name)
                        if old is not None and self._verified.get(name) == _stat_key(st):
                            out[name] = old
                            continue
                        out[name] = keys.mac_file(name, fh)
                except OSError:  # a temporary file that went meanwhile
                    continue
                self._verified[name] = _stat_key(st)
                self._known.remember(self.path.resolve() / name, st, out[name])
        return out

    def reset(self) -> None:
        """Empty the folder (an untrusted or outdated index is thrown away whole)."""
        with self._lock:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir(parents=True, exist_ok=True)
            self._created.clear()
            self._verified.clear()
            self.manifest = manifest.Manifest()
            self._manifest_key = None
            self.problem = ""

    # -- Whoosh's storage interface --------------------------------------------------------------
    def list(self) -> list[str]:
        """The trusted files present (the manifest's and this process's new ones)."""
        with self._lock:
            self.reload()
            names = set(self.manifest.files) | set(self._created)
            try:
                present = set(os.listdir(self.path))
            except OSError:
                return []
            return sorted(names & present)

    def open_file(self, name: str, **kwargs: Any) -> StructFile:
        """Open a file after checking its MAC on the opened file (:class:`IndexUntrusted` if wrong)."""
        fh = open(self._fpath(name), "rb")  # noqa: SIM115 (handed to StructFile)
        try:
            with self._lock:
                self._check(name, fh)
        except BaseException:
            fh.close()
            raise
        return StructFile(fh, name=name, **kwargs)

    def create_file(self, name: str, excl: bool = False, mode: str = "wb", **kwargs: Any) -> StructFile:
        """Create a file; its MAC goes into the manifest at the next commit."""
        inner = kwargs.pop("onclose", None)

        def closed(sf: StructFile) -> None:
            """Remember the finished file (its MAC is taken at the commit)."""
            sf.file.flush()
            with self._lock:
                self._created[name] = _stat_key(os.fstat(sf.file.fileno()))
            if inner is not None:
                inner(sf)

        return super().create_file(name, excl=excl, mode=mode, onclose=closed, **kwargs)

    def delete_file(self, name: str) -> None:
        """Delete a file and forget it (the manifest is re-signed without it)."""
        super().delete_file(name)
        with self._lock:
            self._created.pop(name, None)
            self._verified.pop(name, None)
            if name in self.manifest.files:
                del self.manifest.files[name]
                self._save(durable=False)

    def _save(self, *, durable: bool = True) -> None:
        manifest.save(self.path, self.manifest, durable=durable)
        self._manifest_key = _stat_key(os.stat(self.path / manifest.NAME))

    def lock(self, name: str) -> _TrackedLock:
        """Whoosh's file lock on ``name``, tracked while held."""
        return _TrackedLock(FileLock(self._fpath(name)), self._held)

    def held_locks(self) -> frozenset[_TrackedLock]:
        """The Whoosh locks this storage holds now."""
        return frozenset(self._held)

    def release_locks(self, keep: frozenset[_TrackedLock] = frozenset()) -> None:
        """Free the locks taken since ``keep`` (Whoosh keeps its lock when a writer fails half-way)."""
        for lk in list(self._held - keep):
            try:
                lk.release()
            except OSError as exc:
                logger.info("releasing a Whoosh lock: %s", exc)
            else:
                logger.info("released the lock of a failed index writer in %s", self.path)

    def rename_file(self, oldname: str, newname: str, safe: bool = False) -> None:
        """Rename a file; a table of contents renamed into place is a commit: sign the manifest."""
        super().rename_file(oldname, newname, safe)
        with self._lock:
            if oldname in self._created:
                self._created[newname] = self._created.pop(oldname)
            self._verified.pop(oldname, None)
            self._verified.pop(newname, None)
        if _TOC.match(newname):
            self.seal()
