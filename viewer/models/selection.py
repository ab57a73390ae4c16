"""The selection basket: articles collected across searches and editions, kept across sessions.

A list model of article ids with their date and title (fetched with ``archive.article`` on the task
runner, so adding thousands of ids never blocks). The ids are saved on every change in the archive's
own folder (:class:`viewer.archive_state.ArchiveState`, so each archive has its own selection), or,
without one, in ``QSettings`` under ``basket/ids``. Ids the archive no longer knows are dropped when
titles are fetched; articles removed from the archive leave the basket and come back with an undo.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSettings, Qt

from index.changes import Changes
from index.errors import ArchiveError
from index.models import ArticleRecord
from viewer.archive_state import ArchiveState
from viewer.ports import ArticleSource
from viewer.settings import APPLICATION, ORGANIZATION
from viewer.tasks import TaskRunner

Index = QModelIndex | QPersistentModelIndex
SETTINGS_KEY = "basket/ids"
STATE_KEY = "selection"
IdRole = Qt.ItemDataRole.UserRole + 1


def _fetch(archive: ArticleSource, ids: Sequence[int]) -> dict[int, ArticleRecord | None]:
    """Worker side: each id's record, or None when the archive no longer has it."""
    found: dict[int, ArticleRecord | None] = {}
    for article_id in ids:
        try:
            found[article_id] = archive.article(article_id)
        except (LookupError, ArchiveError):
            found[article_id] = None
    return found


class SelectionBasket(QAbstractListModel):
    """Ordered, duplicate-free article ids with titles; persisted in QSettings."""

    def __init__(
        self,
        archive: ArticleSource,
        runner: TaskRunner,
        parent: QObject | None = None,
        *,
        settings: QSettings | None = None,
        state: ArchiveState | None = None,
    ) -> None:
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._state = state
        self._settings = settings if settings is not None else QSettings(ORGANIZATION, APPLICATION)
        self._ids: list[int] = []
        self._records: dict[int, ArticleRecord] = {}
        self._gone: set[int] = set()  # removed from the archive while in the basket (for an undo)
        stored = state.get(STATE_KEY, []) if state is not None else self._settings.value(SETTINGS_KEY, "")
        self.add(_parse_ids(stored), save=False)

    # -- public -------------------------------------------------------------------------------
    def ids(self) -> list[int]:
        """The article ids in basket order."""
        return list(self._ids)

    def add(self, ids: Iterable[int], *, save: bool = True) -> int:
        """Append ids not yet in the basket; returns how many were new."""
        present = set(self._ids)
        new = [i for i in dict.fromkeys(int(i) for i in ids) if i not in present]
        if not new:
            return 0
        first = len(self._ids)
        self.beginInsertRows(QModelIndex(), first, first + len(new) - 1)
        self._ids.extend(new)
        self.endInsertRows()
        if save:
            self._save()
        self._request(new)
        return len(new)

    def remove(self, ids: Iterable[int]) -> None:
        """Take these ids out of the basket."""
        gone = set(ids)
        for row in reversed(range(len(self._ids))):
            if self._ids[row] in gone:
                self.beginRemoveRows(QModelIndex(), row, row)
                self._records.pop(self._ids.pop(row), None)
                self.endRemoveRows()
        self._save()

    def clear(self) -> None:
        """Empty the basket."""
        self.beginResetModel()
        self._ids.clear()
        self._records.clear()
        self.endResetModel()
        self._save()

    def refresh(self) -> None:
        """Fetch every title again (after edits or a re-import)."""
        self._request(self._ids)

    def apply_changes(self, changes: Changes) -> None:
        """Drop removed articles (and take them back after an undo); fetch titles again on edits."""
        gone = [i for i in self._ids if i in changes.articles_removed]
        if gone:
            self._gone.update(gone)
            self.remove(gone)
        back = [i for i in sorted(self._gone) if i in changes.articles_added]
        if back:
            self._gone.difference_update(back)
            self.add(back)
        if changes.articles_edited & set(self._ids) or changes.editions_changed:
            self.refresh()

    def record(self, article_id: int) -> ArticleRecord | None:
        """The fetched record of an article in the basket (None until it arrived)."""
        return self._records.get(article_id)

    # -- internals ----------------------------------------------------------------------------
    def _request(self, ids: Sequence[int]) -> None:
        if ids:
            self._runner.submit(_fetch, self._archive, list(ids), name="basket titles", on_done=self._arrived)

    def _arrived(self, found: dict[int, ArticleRecord | None]) -> None:
        present = set(self._ids)
        self._records.update((i, r) for i, r in found.items() if r is not None and i in present)
        if self._ids:
            self.dataChanged.emit(self.index(0), self.index(len(self._ids) - 1))
        missing = [i for i, record in found.items() if record is None]
        if missing:
            self.remove(missing)

    def _save(self) -> None:
        if self._state is not None:
            self._state.set(STATE_KEY, list(self._ids))
        else:
            self._settings.setValue(SETTINGS_KEY, ",".join(map(str, self._ids)))

    # -- QAbstractListModel -------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Rows under ``parent``: the selected articles (Qt)."""
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Value of ``index`` for ``role`` (Qt)."""
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        article_id = self._ids[index.row()]
        record = self._records.get(article_id)
        if role == IdRole:
            return article_id
        if role == Qt.ItemDataRole.DisplayRole:
            if record is None:
                return self.tr("Article %1 (loading…)").replace("%1", str(article_id))
            return f"{record.date.isoformat()}  {record.title}"
        if role == Qt.ItemDataRole.ToolTipRole and record is not None:
            where = " · ".join(
                p for p in (record.edition_name, record.section, "、".join(record.reporters)) if p
            )
            return f"{record.title}\n{where}"
        return None


def _parse_ids(value: object) -> list[int]:
    """QSettings gives back a string (our format) or, from other writers, a list of strings."""
    items = value if isinstance(value, list) else str(value or "").split(",")
    return [int(item) for item in items if str(item).strip().isdigit()]
