"""UI language: Qt translators for the viewer's strings and for Qt's own (qtbase) dialogs.

The source strings in ``viewer/`` are English (``self.tr()``); ``resources/translations`` holds
``pingcheng_<lang>.ts`` (edited with ``pyside6-lupdate``/Linguist) and the compiled ``.qm`` that is
loaded here. English needs no translator. Nothing here needs the Qt tools at run time.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from index.paths import resources_dir

TRANSLATIONS_DIR = resources_dir() / "translations"
LANGUAGES: tuple[str, ...] = ("zh_CN", "en")  # the first is the default
_OBJECT_NAME = "pingcheng-translator"


def resolve_language(language: str | None) -> str:
    """A supported language for a setting: ``""``/None follows LANG/LANGUAGE (Chinese unless English)."""
    if language in LANGUAGES:
        return language
    if language:
        base = language.split("_")[0].split("-")[0].lower()
        return next((lang for lang in LANGUAGES if lang.split("_")[0].lower() == base), LANGUAGES[0])
    env = os.environ.get("LANGUAGE") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    return "en" if env.lower().startswith("en") else LANGUAGES[0]


def install_translator(app: QCoreApplication, language: str | None) -> list[QTranslator]:
    """Switch the UI to ``language`` (``zh_CN`` or ``en``; ``""``/None: see :func:`resolve_language`).

    Removes translators installed by an earlier call, loads ``pingcheng_<lang>.qm`` and Qt's own
    ``qtbase_<lang>.qm`` when the Qt wheel ships it, sets the default ``QLocale`` (month names,
    dates) and returns the translators installed (empty for English). Widgets created before the
    call keep their texts: call this before building the window.
    """
    for old in app.findChildren(QTranslator, _OBJECT_NAME):
        app.removeTranslator(old)
        old.setParent(None)
        old.deleteLater()
    lang = resolve_language(language)
    QLocale.setDefault(QLocale(lang))
    if lang == "en":
        return []
    installed = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"pingcheng_{lang}", str(TRANSLATIONS_DIR)), (f"qtbase_{lang}", qt_dir)):
        translator = QTranslator(app)
        translator.setObjectName(_OBJECT_NAME)
        if translator.load(name, folder) and app.installTranslator(translator):
            installed.append(translator)
        else:
            translator.setParent(None)
            translator.deleteLater()
    return installed
