"""The core's message catalog: every message our modules pass through ``_()`` has a Chinese translation
with the same placeholders, and their errors are raised with translated messages."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from index import i18n, paths

REPO = Path(__file__).resolve().parents[1]
# Modules whose user-visible messages go through the catalog (the others are listed in docs for the lead).
TRANSLATED = sorted(
    [
        *REPO.glob("index/cli/*.py"),
        *REPO.glob("index/export/*.py"),
        REPO / "index/paths.py",
        REPO / "viewer/launch.py",
        REPO / "viewer/platform.py",
    ]
)
ERRORS = {
    "ArchiveError",
    "ExportError",
    "UsageError",
    "ImportRefused",
    "BadQuery",
    "Cancelled",
    "FileNotFoundError",
}


def _messages(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "_":
            assert len(node.args) == 1, f"{path}:{node.lineno}: _() takes one literal"
            arg = node.args[0]
            assert isinstance(arg, ast.Constant) and isinstance(arg.value, str), (
                f"{path}:{node.lineno}: _() needs a string literal (so the catalog can be checked)"
            )
            found.append((node.lineno, arg.value))
    return found


def _fields(text: str) -> set[str]:
    return {name for _t, name, _s, _c in string.Formatter().parse(text) if name is not None}


def _all_messages() -> dict[str, str]:
    out: dict[str, str] = {}
    for path in TRANSLATED:
        for line, message in _messages(path):
            out.setdefault(message, f"{path.relative_to(REPO)}:{line}")
    return out


def test_every_message_has_a_chinese_translation_with_the_same_placeholders() -> None:
    catalog = json.loads(paths.resource("locale", "zh_CN.json").read_text(encoding="utf-8"))
    messages = _all_messages()
    assert len(messages) > 50
    missing = {m: where for m, where in messages.items() if not catalog.get(m, "").strip()}
    assert not missing, "no Chinese for:\n" + "\n".join(f"{w}: {m!r}" for m, w in missing.items())
    for message in messages:
        assert _fields(catalog[message]) == _fields(message), message
        words = re.sub(r"\{[^}]*\}", "", message)  # placeholders are no words to translate
        assert catalog[message] != message or not any(c.isalpha() and c.isascii() for c in words), message
    unused = sorted(set(catalog) - set(messages) - {k for k in catalog if k.startswith("//")})
    assert not unused, f"translations of messages no module uses: {unused}"


def test_errors_raised_in_these_modules_carry_catalog_messages() -> None:
    for path in TRANSLATED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call)):
                continue
            func = node.exc.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name not in ERRORS or not node.exc.args:
                continue
            arg = node.exc.args[0]
            text = ast.unparse(arg)
            assert text.startswith(("_(", "str(exc)", "install_hint(")) or "_(" in text, (
                f"{path.relative_to(REPO)}:{node.lineno}: {name}({text}) is not translated"
            )


def test_language_follows_the_locale_and_the_setting() -> None:
    assert i18n.locale_language({"LANG": "zh_CN.UTF-8"}) == "zh_CN"
    assert i18n.locale_language({"LANG": "C.UTF-8"}) == "en"
    assert i18n.locale_language({"LANGUAGE": "en_GB:zh_CN", "LANG": "zh_CN.UTF-8"}) == "en"
    assert i18n.locale_language({}) == "en"
    try:
        i18n.set_language("zh")
        assert i18n._("done") == "完成"
        i18n.set_language("en")
        assert i18n._("done") == "done"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", ["zh_CN"])
def test_catalog_file_is_valid_json_of_strings(lang: str) -> None:
    data = json.loads(paths.resource("locale", f"{lang}.json").read_text(encoding="utf-8"))
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
