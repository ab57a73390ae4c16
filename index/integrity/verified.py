"""Index files this user has already authenticated, so opening an archive does not hash them again.

A file is known by what user programs cannot forge: its inode, size, modification and *change*
time (``st_ctime`` moves on every write, rename or copy and cannot be set back). A copied or altered
file therefore always looks new and is hashed; an untouched one is trusted at the cost of a
``stat``. The list lives in the user's cache folder, signed with the user's key.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from pathlib import Path

from index import paths
from index.integrity import keys

logger = logging.getLogger(__name__)

NAME = "verified-index-files.json"
MAX_ENTRIES = 20_000


def _identity(st: os.stat_result, mac: str) -> list[object]:
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, mac]


class VerifiedFiles:
    """The signed list of (file identity → MAC) this user checked (see the module docstring)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.cache_dir() / NAME
        self._data: dict[str, list[object]] = {}
        self._dirty = False
        try:
            raw = keys.open_blob("verified", self.path.read_bytes())
            if raw is not None:
                loaded = json.loads(raw)
                if isinstance(loaded, dict):
                    self._data = loaded
        except (OSError, ValueError):
            pass

    def known(self, file: Path, st: os.stat_result, mac: str) -> bool:
        """True when ``file`` is unchanged since its content was found to have ``mac``."""
        return self._data.get(str(file)) == _identity(st, mac)

    def remember(self, file: Path, st: os.stat_result, mac: str) -> None:
        """Note that ``file``, as it is now, has ``mac``."""
        entry = _identity(st, mac)
        if self._data.get(str(file)) != entry:
            self._data[str(file)] = entry
            self._dirty = True

    def save(self) -> None:
        """Write the list if it changed (best effort: a failure only means hashing again)."""
        if not self._dirty:
            return
        if len(self._data) > MAX_ENTRIES:
            self._data = dict(list(self._data.items())[-MAX_ENTRIES:])
        tmp = self.path.with_name(f".{NAME}.{os.getpid()}.tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            tmp.write_bytes(keys.seal_blob("verified", json.dumps(self._data).encode("utf-8")))
            os.replace(tmp, self.path)
            self._dirty = False
        except OSError as exc:
            logger.info("cannot save %s: %s", self.path, exc)
            with contextlib.suppress(OSError):
                tmp.unlink()
