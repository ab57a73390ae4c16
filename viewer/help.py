"""Help menu content: the query syntax, the list of shortcuts, the version.

The field prefixes of the query syntax come from the registry (:data:`index.fields.FIELDS`), the
shortcuts from the window's own actions, so neither list can drift from what the program does.
"""

from __future__ import annotations

import html
import logging
from importlib import metadata

from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from index.fields import FIELDS

logger = logging.getLogger(__name__)
DISTRIBUTION = "pingcheng-archive"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Help", text)


def version() -> str:
    """The installed version of the program (``0.1.0``), or "unknown" when run from a bare folder."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return _tr("unknown")


def syntax_html() -> str:
    """The query syntax as an HTML table: operators, then one row per field prefix."""
    rows = [
        ("垃圾分类 社区", _tr("Articles with all the words")),
        ('"天安门广场"', _tr("The exact phrase (also “…” and 「…」)")),
        ("-招聘", _tr("Leave out articles with this word, phrase or field value")),
        ("古城 OR 御河", _tr("Either word")),
    ]
    chinese = QLocale().language() == QLocale.Language.Chinese
    for fld in FIELDS:
        if not fld.prefixes or not fld.example:
            continue
        label = fld.label_zh if chinese else fld.label_en
        examples = " ".join(f"{p}:{fld.example}" for p in fld.prefixes)
        rows.append((examples, _tr("Only articles with this %1").replace("%1", label)))
    rows.append(("日期:2025 日期:2025-10.. 日期:..2026-01", _tr("A year, a month, a day, open ranges")))
    body = "".join(
        f"<tr><td><code>{html.escape(code)}</code></td><td>{html.escape(text)}</td></tr>"
        for code, text in rows
    )
    return f"<h3>{html.escape(_tr('Query syntax'))}</h3><table cellpadding='4'>{body}</table>"


def shortcuts_html(actions: list[QAction]) -> str:
    """A table of the actions that have shortcuts: what, and the keys."""
    rows = []
    for act in actions:
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in act.shortcuts()]
        if keys:
            rows.append((act.text().replace("&", ""), " / ".join(keys)))
    body = "".join(f"<tr><td>{html.escape(a)}</td><td><b>{html.escape(k)}</b></td></tr>" for a, k in rows)
    return f"<h3>{html.escape(_tr('Keyboard shortcuts'))}</h3><table cellpadding='3'>{body}</table>"


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
