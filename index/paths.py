"""Where things live on disk: the default archive folder, the cache folder, bundled resources.

Nothing here creates a folder on import; callers ask and create what they need.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pingcheng-archive"

CATALOG_NAME = "catalog.sqlite"
INDEX_DIR_NAME = "index"
LOCK_NAME = "lock"


def default_archive_dir() -> Path:
    """The user's archive folder when ``--archive`` is not given (platformdirs user data dir)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The application's cache folder (jieba's dictionary cache goes here, never ``/tmp``)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def resources_dir() -> Path:
    """The bundled ``resources/`` folder (gazetteer, taxonomy, jieba user dictionary)."""
    return Path(__file__).resolve().parent.parent / "resources"


def jieba_userdict_path() -> Path:
    """The jieba user dictionary with street, community and reporter names."""
    return resources_dir() / "jieba_userdict.txt"


def log_dir() -> Path:
    """The folder of the rotating log file (``PINGCHENG_LOG_DIR`` overrides; platformdirs user log dir)."""
    override = os.environ.get("PINGCHENG_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The user's configuration folder (secrets and settings that must stay outside any archive).

    ``PINGCHENG_CONFIG_DIR`` overrides it (tests, portable installs).
    """
    override = os.environ.get("PINGCHENG_CONFIG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
