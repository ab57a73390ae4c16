"""Where things live on disk: the default archive folder, the cache folder, bundled resources.

The bundled data (gazetteer, taxonomy, jieba user dictionary, sample editions, translations, icons,
message catalog) is the repository's top-level ``resources/`` folder, shipped inside the wheel as the
package ``pingcheng_resources`` and read through :mod:`importlib.resources`. Run from a source
checkout that was never installed, the checkout's own ``resources/`` folder is used.

Nothing here creates a folder on import; callers ask and create what they need.
"""

from __future__ import annotations

import functools
import importlib.resources
import logging
import os
from pathlib import Path

import platformdirs

logger = logging.getLogger(__name__)

APP_NAME = "pingcheng-archive"
RESOURCE_PACKAGE = "pingcheng_resources"

CATALOG_NAME = "catalog.sqlite"
INDEX_DIR_NAME = "index"
LOCK_NAME = "lock"

_CHECKOUT = Path(__file__).resolve().parent.parent


def default_archive_dir() -> Path:
    """The user's archive folder when ``--archive`` is not given (platformdirs user data dir)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """The application's cache folder (jieba's dictionary cache goes here, never ``/tmp``)."""
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def _is_checkout(root: Path) -> bool:
    return (root / "pyproject.toml").is_file() and (root / "resources" / "__init__.py").is_file()


@functools.cache
def resources_dir() -> Path:
    """The bundled resources folder (``resources/`` in the repository, ``pingcheng_resources`` installed).

    Raises:
        FileNotFoundError: Neither a source checkout nor an installed ``pingcheng_resources``
            package is there (a broken installation).
    """
    from index.i18n import _  # i18n reads its catalog through this module

    if _is_checkout(_CHECKOUT):
        return _CHECKOUT / "resources"
    try:
        root = importlib.resources.files(RESOURCE_PACKAGE)
    except ModuleNotFoundError as exc:
        logger.error("the resource package %s is not installed", RESOURCE_PACKAGE)
        raise FileNotFoundError(
            _("The bundled resources ({package}) are missing: reinstall pingcheng-archive.").format(
                package=RESOURCE_PACKAGE
            )
        ) from exc
    if not isinstance(root, Path):  # a zip import: every reader here needs real files
        raise FileNotFoundError(
            _("{package} is not installed as plain files: {root}").format(package=RESOURCE_PACKAGE, root=root)
        )
    return root


def resource(*parts: str) -> Path:
    """A bundled file or folder, e.g. ``resource("samples")`` or ``resource("gazetteer.json")``."""
    return resources_dir().joinpath(*parts)


def jieba_userdict_path() -> Path:
    """The jieba user dictionary with street, community and reporter names."""
    return resource("jieba_userdict.txt")


def gazetteer_path() -> Path:
    """The street-office gazetteer."""
    return resource("gazetteer.json")


def taxonomy_path() -> Path:
    """The editable topic taxonomy."""
    return resource("taxonomy.toml")


def samples_dir() -> Path:
    """The sample editions imported into an empty archive on the viewer's first run."""
    return resource("samples")


def translations_dir() -> Path:
    """The viewer's compiled Qt translations (``pingcheng_zh_CN.qm``)."""
    return resource("translations")


def icon_path(kind: str = "svg") -> Path:
    """The application icon (``svg`` or ``png``)."""
    return resource("icons", f"pingcheng-archive.{kind}")


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
