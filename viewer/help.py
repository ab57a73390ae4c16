"""Help menu content: the query syntax, the list of shortcuts, the version.

The field prefixes of the query syntax come from the registry (:data:`index.fields.FIELDS`), the
shortcuts from the window's own actions, so neither list can drift from what the program does.
"""

from __future__ import annotations

import html
import logging

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from index.fields import FIELDS

logger = logging.getLogger(__name__)


def version() -> str:
    """The program's version (one source: ``index.__version__``, also the wheel's version)."""
    from index import __version__

    return __version__


def syntax_html() -> str:
    """The query syntax as an HTML table: operators, then one row per field prefix."""
    rows = [
        ("垃圾分类 社区", QCoreApplication.translate("Help", "Articles with all the words")),
        ('"天安门广场"', QCoreApplication.translate("Help", "The exact phrase (also “…” and 「…」)")),
        (
            "-招聘",
            QCoreApplication.translate("Help", "Leave out articles with this word, phrase or field value"),
        ),
        ("古城 OR 御河", QCoreApplication.translate("Help", "Either word")),
    ]
    chinese = QLocale().language() == QLocale.Language.Chinese
    for fld in FIELDS:
        if not fld.prefixes or not fld.example:
            continue
        label = fld.label_zh if chinese else fld.label_en
        examples = " ".join(f"{p}:{fld.example}" for p in fld.prefixes)
        rows.append(
            (examples, QCoreApplication.translate("Help", "Only articles with this %1").replace("%1", label))
        )
    rows.append(
        (
            "日期:2025 日期:2025-10.. 日期:..2026-01",
            QCoreApplication.translate("Help", "A year, a month, a day, open ranges"),
        )
    )
    body = "".join(
        f"<tr><td><code>{html.escape(code)}</code></td><td>{html.escape(text)}</td></tr>"
        for code, text in rows
    )
    title = html.escape(QCoreApplication.translate("Help", "Query syntax"))
    return f"<h3>{title}</h3><table cellpadding='4'>{body}</table>"


def shortcuts_html(actions: list[QAction]) -> str:
    """A table of the actions that have shortcuts: what, and the keys."""
    rows = []
    for act in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
        if keys:
            rows.append((act.text().replace("&", ""), " / ".join(keys)))
    body = "".join(f"<tr><td>{html.escape(a)}</td><td><b>{html.escape(k)}</b></td></tr>" for a, k in rows)
    title = html.escape(QCoreApplication.translate("Help", "Keyboard shortcuts"))
    return f"<h3>{title}</h3><table cellpadding='3'>{body}</table>"


class HelpDialog(QDialog):
    """A small window showing one help page (syntax or shortcuts)."""

    def __init__(self, title: str, page: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(560, 520)
        self.browser = QTextBrowser(self)
        self.browser.setHtml(page)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser, 1)
        lay.addWidget(buttons)
