"""Every integrity test gets its own user configuration folder (its own index key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.integrity import keys


@pytest.fixture(autouse=True)
def own_user_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh ``PINGCHENG_CONFIG_DIR`` for the test and its subprocesses."""
    config = tmp_path / "user-config"
    monkeypatch.setenv("PINGCHENG_CONFIG_DIR", str(config))
    keys._cache.clear()
    return config
