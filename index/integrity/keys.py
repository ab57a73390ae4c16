"""The per-user secret that authenticates index files, and the MACs made with it.

The secret lives in the user's configuration folder (:func:`index.paths.config_dir`), never in an
archive, so an archive folder copied from elsewhere cannot carry index files this user trusts: its
index is rebuilt from its catalog. HMAC-SHA256 over a label (what the bytes are) and the bytes.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
import mmap
import os
import secrets
import threading
from pathlib import Path
from typing import BinaryIO

from index import paths

logger = logging.getLogger(__name__)

KEY_NAME = "index-key"
_lock = threading.Lock()
_cache: dict[Path, bytes] = {}
_CHUNK = 1 << 20


def key_path() -> Path:
    """Where the secret is kept."""
    return paths.config_dir() / KEY_NAME


def secret() -> bytes:
    """This user's secret (created on first use; a per-process one if the folder is not writable)."""
    path = key_path()
    with _lock:
        if path in _cache:
            return _cache[path]
        key = _read(path) or _create(path)
        _cache[path] = key
        return key


def _read(path: Path) -> bytes | None:
    try:
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, ValueError, UnicodeError):
        return None
    return key if len(key) >= 32 else None


def _create(path: Path) -> bytes:
    key = secrets.token_bytes(32)
    tmp = path.with_name(f".{KEY_NAME}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex())
        os.link(tmp, path)  # fails if another process created it meanwhile: use theirs
    except FileExistsError:
        pass
    except OSError as exc:
        logger.warning(
            "cannot store the index key in %s (%s): index files are trusted this session only", path, exc
        )
        return key
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return _read(path) or key


def mac_bytes(label: str, data: bytes | memoryview) -> str:
    """HMAC-SHA256 (hex) of ``data`` labelled ``label``."""
    h = hmac.new(secret(), label.encode("utf-8") + b"\0", hashlib.sha256)
    h.update(data)
    return h.hexdigest()


def mac_file(label: str, fh: BinaryIO) -> str:
    """HMAC-SHA256 (hex) of an open file's whole content (read from the start; position kept)."""
    h = hmac.new(secret(), label.encode("utf-8") + b"\0", hashlib.sha256)
    pos = fh.tell()
    size = os.fstat(fh.fileno()).st_size
    if size:
        try:
            with mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as mm:
                h.update(mm)
        except (OSError, ValueError):
            fh.seek(0)
            while chunk := fh.read(_CHUNK):
                h.update(chunk)
    fh.seek(pos)
    return h.hexdigest()


def same(a: str, b: str | None) -> bool:
    """Constant-time comparison of two MACs."""
    return b is not None and hmac.compare_digest(a, b)


def seal_blob(label: str, data: bytes) -> bytes:
    """``data`` prefixed with its MAC (for caches that are read back with :func:`open_blob`)."""
    return mac_bytes(label, data).encode("ascii") + b"\n" + data


def open_blob(label: str, blob: bytes) -> bytes | None:
    """The data of a :func:`seal_blob` blob, or None if its MAC is wrong (never trust it then)."""
    mac, sep, data = blob.partition(b"\n")
    if not sep or not same(mac_bytes(label, data), mac.decode("ascii", "replace")):
        return None
    return data
