"""State the viewer keeps per archive, in the archive's own folder (``viewer-state.json``).

The selection (选集) names article ids of one archive, so it lives with that archive: another
archive has its own. Written atomically (a temporary file, then a rename); a missing or damaged
file reads as empty and is logged, never fatal.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)
STATE_NAME = "viewer-state.json"


class ArchiveState:
    """Key → JSON value, stored in ``<archive>/viewer-state.json``."""

    def __init__(self, root: Path) -> None:
        self.path = Path(root) / STATE_NAME
        self._data: dict[str, Any] = {}
        try:
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            self._data = loaded if isinstance(loaded, dict) else {}
        except FileNotFoundError:
            pass
        except (OSError, ValueError) as exc:
            logger.warning("cannot read %s (%s); starting empty", self.path, exc)

    def get(self, key: str, default: Any = None) -> Any:
        """The stored value of ``key``, or ``default``."""
        return self._data.get(key, default)

    def set(self, key: str, value: Any) -> None:
        """Store ``value`` under ``key`` and write the file at once."""
        self._data[key] = value
        tmp = self.path.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(self._data, ensure_ascii=False, indent=1), encoding="utf-8")
            os.replace(tmp, self.path)
        except OSError as exc:
            logger.error("cannot write %s: %s", self.path, exc)
