"""The index manifest: the MAC of every index file and the catalog state the index reflects.

``MANIFEST.json`` in the index folder, itself signed with the user's secret. It is rewritten
(atomically) at every index commit. An index without a valid manifest is never opened.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.catalog.generation import CatalogState
from index.integrity import keys

logger = logging.getLogger(__name__)

NAME = "MANIFEST.json"
FORMAT = 1


@dataclass
class Manifest:
    """Index file name → MAC, and the catalog state the index was last committed from."""

    files: dict[str, str] = field(default_factory=dict)
    catalog: CatalogState | None = None

    def payload(self) -> dict[str, Any]:
        """What the signature covers."""
        return {
            "format": FORMAT,
            "files": dict(sorted(self.files.items())),
            "catalog": None if self.catalog is None else self.catalog.as_dict(),
        }


def _canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def load(folder: Path) -> tuple[Manifest | None, str]:
    """The folder's manifest if it is authentic, else None and why not."""
    path = folder / NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, "the index has no manifest (made by an older version, elsewhere, or interrupted)"
    except OSError as exc:
        return None, f"the index manifest cannot be read ({exc.strerror or exc})"
    try:
        data = json.loads(raw)
        mac = data.pop("mac")
        ok = isinstance(mac, str) and keys.same(keys.mac_bytes("manifest", _canonical(data)), mac)
    except (ValueError, KeyError, TypeError, AttributeError):
        ok = False
    if not ok:
        return None, "the index was not made by this user on this computer (or was altered)"
    files = data.get("files")
    if data.get("format") != FORMAT or not isinstance(files, dict):
        return None, "the index manifest has an unknown format"
    return Manifest(
        {str(k): str(v) for k, v in files.items()}, CatalogState.from_dict(data.get("catalog"))
    ), ""


def save(folder: Path, manifest: Manifest, *, durable: bool = True) -> None:
    """Write the signed manifest atomically (raises ``OSError`` if it cannot be written).

    Args:
        folder: The index folder.
        manifest: What to sign.
        durable: ``fsync`` before the rename (commits); not for forgetting deleted files.
    """
    payload = manifest.payload()
    signed = {**payload, "mac": keys.mac_bytes("manifest", _canonical(payload))}
    tmp = folder / f".{NAME}.{os.getpid()}.tmp"
    try:
        with open(tmp, "wb") as fh:
            fh.write(json.dumps(signed, sort_keys=True, indent=0).encode("ascii"))
            fh.flush()
            if durable:
                os.fsync(fh.fileno())
        os.replace(tmp, folder / NAME)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
