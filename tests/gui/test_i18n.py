"""Translations: the zh_CN catalogue covers every translatable string in viewer/, the compiled .qm
matches it, and install_translator switches the UI (ours and Qt's own dialogs) between languages."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from viewer.i18n import TRANSLATIONS_DIR, install_translator, resolve_language

REPO = Path(__file__).resolve().parents[2]
TS = TRANSLATIONS_DIR / "pingcheng_zh_CN.ts"
QM = TRANSLATIONS_DIR / "pingcheng_zh_CN.qm"
CJK = re.compile(r"[\u4e00-\u9fff]")


def ts_messages() -> dict[tuple[str, str], tuple[str, bool, str]]:
    """(context, source) → (translation, numerus, type attribute) from the .ts file."""
    out: dict[tuple[str, str], tuple[str, bool, str]] = {}
    for context in ET.parse(TS).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            assert node is not None
            numerus = message.get("numerus") == "yes"
            text = "".join(f.text or "" for f in node.iter("numerusform")) if numerus else (node.text or "")
            out[(name, message.findtext("source") or "")] = (text, numerus, node.get("type", ""))
    return out


class _TrCalls(ast.NodeVisitor):
    """Collects (context, source) the way lupdate and the runtime see them: ``self.tr("…")`` inside
    class C → C; ``QCoreApplication.translate("Ctx", "…")`` and ``QT_TRANSLATE_NOOP("Ctx", "…")``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.classes: list[str] = []
        self.found: set[tuple[str, str]] = set()
        self.problems: list[str] = []
        self.in_fstring = 0

    def visit_ClassDef(self, node: ast.ClassDef) -> None:
        self.classes.append(node.name)
        self.generic_visit(node)
        self.classes.pop()

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.in_fstring += 1
        self.generic_visit(node)
        self.in_fstring -= 1

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        where = f"{self.path.relative_to(REPO)}:{node.lineno}"
        if name in ("tr", "translate", "QT_TRANSLATE_NOOP") and node.args and self.in_fstring:
            self.problems.append(f"{where}: {name}() inside an f-string is invisible to lupdate")
        if name == "tr" and node.args:
            if not self.classes:
                self.problems.append(f"{where}: tr() outside a class has no context")
            elif isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                self.found.add((self.classes[-1], node.args[0].value))
            else:
                self.problems.append(f"{where}: tr() needs a string literal")
        elif name in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) >= 2:
            ctx, src = node.args[0], node.args[1]
            if isinstance(ctx, ast.Constant) and isinstance(src, ast.Constant):
                self.found.add((str(ctx.value), str(src.value)))
        self.generic_visit(node)


def source_strings() -> tuple[set[tuple[str, str]], list[str]]:
    found: set[tuple[str, str]] = set()
    problems: list[str] = []
    for path in sorted((REPO / "viewer").rglob("*.py")):
        visitor = _TrCalls(path)
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        found |= visitor.found
        problems += visitor.problems
    return found, problems


@pytest.fixture
def app_language(qapp: QCoreApplication) -> Iterator[QCoreApplication]:
    """Leave the application untranslated, with its locale, whatever a test installs."""
    locale = QLocale()
    yield qapp
    install_translator(qapp, "en")
    QLocale.setDefault(locale)


def test_ts_has_a_translation_for_every_message() -> None:
    messages = ts_messages()
    assert len(messages) > 100  # the whole viewer, not a stub
    bad = {key: kind for key, (text, _n, kind) in messages.items() if not text.strip() or kind}
    assert not bad, f"untranslated, unfinished or obsolete entries: {bad}"
    for (_ctx, source), (text, _numerus, _kind) in messages.items():
        for placeholder in re.findall(r"%[0-9n]", source):
            assert placeholder in text, f"{source!r} → {text!r} lost {placeholder}"


def test_every_translatable_string_in_viewer_is_translated() -> None:
    found, problems = source_strings()
    assert not problems, problems
    assert len(found) > 100
    messages = ts_messages()
    missing = sorted(key for key in found if key not in messages or not messages[key][0].strip())
    assert not missing, (
        "strings without a zh_CN translation (run pyside6-lupdate over viewer/ and translate them): "
        f"{missing}"
    )


def test_compiled_qm_matches_the_ts() -> None:
    translator = QTranslator()
    assert translator.load(str(QM)), f"cannot load {QM}"
    for (ctx, source), (text, numerus, _kind) in ts_messages().items():
        got = translator.translate(ctx, source, None, 1 if numerus else -1)
        assert got == text, f"{ctx}/{source!r}: .qm has {got!r}, .ts has {text!r} (run pyside6-lrelease)"


def test_install_translator_switches_the_ui_language(app_language: QCoreApplication) -> None:
    from viewer.widgets.import_dialog import ImportDialog

    search = [(ctx, text) for (ctx, src), (text, _n, _k) in ts_messages().items() if src == "Search"]
    assert search, "the viewer has a 'Search' string"
    context, expected = search[0]
    assert CJK.search(expected)

    installed = install_translator(app_language, "zh_CN")
    assert installed
    assert QCoreApplication.translate(context, "Search") == expected
    assert CJK.search(ImportDialog(None, None).windowTitle())  # type: ignore[arg-type]
    assert QLocale().language() == QLocale.Language.Chinese
    assert CJK.search(QLocale().standaloneMonthName(1))

    assert install_translator(app_language, "en") == []
    assert QCoreApplication.translate(context, "Search") == "Search"
    assert ImportDialog(None, None).windowTitle() == "Import editions"  # type: ignore[arg-type]
    assert QLocale().standaloneMonthName(1) == "January"


def test_qt_own_dialog_strings_are_translated_too(app_language: QCoreApplication) -> None:
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert (folder / "qtbase_zh_CN.qm").is_file(), "the PySide6 wheel ships Qt's own translations"
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    assert len(install_translator(app_language, "zh_CN")) == 2
    assert CJK.search(QCoreApplication.translate("QPlatformTheme", "Cancel"))


def test_installing_twice_replaces_the_translators(app_language: QCoreApplication) -> None:
    first = install_translator(app_language, "zh_CN")
    second = install_translator(app_language, "zh_CN")
    live = app_language.findChildren(QTranslator, "pingcheng-translator")
    assert len(live) == len(second) == len(first)


@pytest.mark.parametrize(
    ("setting", "env", "expected"),
    [
        ("zh_CN", "en_US.UTF-8", "zh_CN"),
        ("en", "zh_CN.UTF-8", "en"),
        ("en_GB", "", "en"),
        ("zh", "", "zh_CN"),
        ("fr_FR", "", "zh_CN"),
        ("", "en_US.UTF-8", "en"),
        ("", "zh_CN.UTF-8", "zh_CN"),
        (None, "C.UTF-8", "zh_CN"),
    ],
)
def test_resolve_language(
    setting: str | None, env: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("LANGUAGE", "LC_ALL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", env)
    assert resolve_language(setting) == expected
