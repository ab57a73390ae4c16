"""Search bar: query line (debounced search-as-you-type), sort order, date range, segmentation hint.

The bar only says what the user wants (``query_changed``, ``sort_changed``, ``dates_changed``);
:class:`viewer.search.SearchController` runs the search on the worker and drops stale results.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from index.errors import BadQuery
from index.search import syntax
from viewer.widgets.date_filter import DateFilter

DEBOUNCE_MS = 250
SORTS = ("relevance", "date", "date_asc")


def _quoted(text: str) -> list[str]:
    """The quoted phrases of a query (none if it does not parse)."""
    try:
        tree = syntax.parse(text)
    except BadQuery:
        return []
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, syntax.Phrase):
            out.append(syntax.normalise_phrase(node.text))
        elif isinstance(node, syntax.Not):
            return
        elif isinstance(node, (syntax.AnyOf, syntax.AllOf)):
            for n in node.nodes:
                walk(n)

    walk(tree)
    return out


class SearchBar(QWidget):
    """Query line, sort order and date filter; says what the user wants, never searches itself."""

    query_changed = Signal(str)  # after the debounce, or at once on Enter
    sort_changed = Signal(str)  # one of SORTS
    dates_changed = Signal(object, object)  # date | None, date | None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setClearButtonEnabled(True)
        self.edit.setPlaceholderText(
            self.tr('Search: words, "phrase", -word, OR, reporter:, street:, topic:, date:2025-10..2026-01')
        )
        self.sort = QComboBox(self)
        for key, label in zip(
            SORTS, (self.tr("Relevance"), self.tr("Newest first"), self.tr("Oldest first")), strict=True
        ):
            self.sort.addItem(label, key)
        self.date_filter = DateFilter(self)
        self.date_from, self.date_to = self.date_filter.date_from, self.date_filter.date_to
        self.hint = QLabel(self)
        self.hint.setTextFormat(Qt.TextFormat.RichText)
        self.hint.setObjectName("searchHint")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._layout()
        self._connect()

    def _layout(self) -> None:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.edit, 1)
        row.addWidget(QLabel(self.tr("Sort:"), self))
        row.addWidget(self.sort)
        row.addWidget(self.date_filter)
        col = QVBoxLayout(self)
        col.setContentsMargins(6, 6, 6, 2)
        col.setSpacing(2)
        col.addLayout(row)
        col.addWidget(self.hint)

    def _connect(self) -> None:
        self.edit.textEdited.connect(lambda _text: self._timer.start())
        self.edit.returnPressed.connect(self.search_now)
        self._timer.timeout.connect(self.search_now)
        # The clear button changes text without textEdited in some styles: treat as an edit.
        self.edit.textChanged.connect(lambda text: self._timer.start() if not text else None)
        self.sort.currentIndexChanged.connect(lambda _i: self.sort_changed.emit(self.sort_key()))
        self.date_filter.changed.connect(self._emit_dates)

    # -- state -----------------------------------------------------------------------------------
    def text(self) -> str:
        """The query text, stripped."""
        return self.edit.text().strip()

    def set_text(self, text: str, *, search: bool = False) -> None:
        """Set the query text; search at once if ``search``."""
        self.edit.setText(text)
        self._timer.stop()
        if search:
            self.search_now()

    def search_now(self) -> None:
        """Emit ``query_changed`` now instead of after the typing pause."""
        self._timer.stop()
        self.query_changed.emit(self.text())

    def is_pending(self) -> bool:
        """Whether a search is waiting for the typing pause."""
        return self._timer.isActive()

    def sort_key(self) -> str:
        """Key of the chosen sort order."""
        return str(self.sort.currentData())

    def set_sort(self, key: str) -> None:
        """Choose the sort order ``key`` (the first one if unknown)."""
        i = self.sort.findData(key)
        self.sort.setCurrentIndex(i if i >= 0 else 0)

    def dates(self) -> tuple[dt.date | None, dt.date | None]:
        """The date range (None at an open end)."""
        return self.date_filter.dates()

    def set_dates(self, date_from: dt.date | None, date_to: dt.date | None) -> None:
        """Set the date range; ``dates_changed`` follows when it differs."""
        self.date_filter.set_dates(date_from, date_to)

    def set_archive_range(self, first: dt.date | None, last: dt.date | None) -> None:
        """The archive's first and last edition dates (where the calendars open)."""
        self.date_filter.set_archive_range(first, last)

    def _emit_dates(self, *_args: Any) -> None:
        self.dates_changed.emit(*self.dates())

    def focus_search(self) -> None:
        """Focus the query field and select its text."""
        self.edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.edit.selectAll()

    # -- feedback --------------------------------------------------------------------------------
    def show_terms(
        self,
        terms: Sequence[str],
        total: int | None = None,
        elapsed_ms: float | None = None,
        resolved: Sequence[tuple[str, str]] = (),
    ) -> None:
        """Show what was searched: ``平城 / 区 / 文明``, quoted phrases as exact text, street
        aliases and what they resolved to (``东街 → 古城街道``), and the hit count."""
        parts = []
        if terms:
            words = " / ".join(html.escape(t) for t in terms)
            parts.append(
                self.tr("Searched for: %1").replace("%1", f"<span style='color:#1d5fa8'>{words}</span>")
            )
        phrases = _quoted(self.edit.text())
        if phrases:
            quoted = "、".join(f"“{html.escape(p)}”" for p in phrases)
            parts.append(self.tr("%1 = exact text").replace("%1", quoted))
        for typed, street in resolved:
            parts.append(
                self.tr("street %1 → %2").replace("%1", html.escape(typed)).replace("%2", html.escape(street))
            )
        if total is not None:
            parts.append(self.tr("%n article(s)", "", total))
        if elapsed_ms is not None and elapsed_ms > 0:
            parts.append(f"{elapsed_ms:.0f} ms")
        self.hint.setText(" · ".join(parts))
        self.hint.setToolTip("")

    def show_error(self, message: str) -> None:
        """Show ``message`` as an error under the query field."""
        self.hint.setText(f"<span style='color:#b00020'>{html.escape(message)}</span>")
        self.hint.setToolTip(message)
