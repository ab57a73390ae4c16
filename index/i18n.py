"""The core's message catalog: ``_("English text {name}")`` → the text in the current language.

Messages are written in English in the source (the message id) and translated in
``resources/locale/<lang>.json`` (``{"English text {name}": "中文 {name}"}``); placeholders are
``str.format`` fields, filled after translation: ``_("wrote {path}").format(path=out)``.

The language is Chinese (``zh_CN``) or English (``en``): the CLI follows the locale
(``LANGUAGE``/``LC_ALL``/``LC_MESSAGES``/``LANG``: ``zh…`` → Chinese), the viewer calls
:func:`set_language` with its own setting. A message without a translation shows in English (and is
logged once); ``tests/test_i18n_catalog.py`` fails on any message of the core without Chinese,
and on any user-visible English literal not passed through ``_()``: ``python -m index.i18n_check``
lists them (see :mod:`index.i18n_check`).
"""

from __future__ import annotations

import functools
import json
import logging
import os

from index import paths

logger = logging.getLogger(__name__)

LANGUAGES: tuple[str, ...] = ("zh_CN", "en")
CATALOG_DIR = "locale"
_state: dict[str, str] = {}
_reported: set[str] = set()


def locale_language(environ: dict[str, str] | None = None) -> str:
    """``zh_CN`` when the locale asks for Chinese, else ``en`` (``C``/``POSIX``/unset → English)."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            first = value.split(":")[0].lower()
            return "zh_CN" if first.startswith("zh") else "en"
    return "en"


def normalise(language: str | None) -> str:
    """A supported language for a setting such as ``zh``, ``zh-CN``, ``en_US``; None/empty: the locale."""
    if not language:
        return locale_language()
    base = language.replace("-", "_").split("_")[0].lower()
    return "zh_CN" if base == "zh" else "en"


def set_language(language: str | None) -> str:
    """Use ``language`` for every following message; returns the language chosen."""
    lang = normalise(language)
    _state["lang"] = lang
    return lang


def language() -> str:
    """The current language (the locale's until :func:`set_language` is called)."""
    if "lang" not in _state:
        _state["lang"] = locale_language()
    return _state["lang"]


@functools.cache
def catalog(lang: str) -> dict[str, str]:
    """The translations of one language (empty for English or a missing file)."""
    if lang == "en":
        return {}
    path = paths.resource(CATALOG_DIR, f"{lang}.json")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        logger.exception("cannot read the message catalog %s", path)
        return {}
    return {str(k): str(v) for k, v in data.items() if not str(k).startswith("//")}


def _(message: str) -> str:
    """``message`` in the current language (unchanged when English or not translated)."""
    lang = language()
    if lang == "en":
        return message
    text = catalog(lang).get(message)
    if text is None:
        if message not in _reported:
            _reported.add(message)
            logger.warning("no %s translation for message %r", lang, message)
        return message
    return text


def gettext(message: str) -> str:
    """Same as :func:`_` (for callers that prefer the long name)."""
    return _(message)
