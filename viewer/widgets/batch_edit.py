"""Batch correction: set a street office or a topic on several articles at once.

The librarian chooses the field (street office or topic, labels from :mod:`index.fields`), a value
(the known ones offered, a new one allowed) and what to do: add it, make it the only one, or take
it away. :func:`apply_batch` runs on the long-task runner and stores one correction per article
that changes (``Archive.edit_article``, so each survives re-import); the views follow the archive's
change notifications.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Protocol

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from index.fields import BY_NAME
from index.models import ArticleRecord
from viewer.tasks import TaskRunner

logger = logging.getLogger(__name__)
FIELDS = {"street": "streets", "topic": "topics"}  # facet name → editable record field
MODES = ("add", "only", "remove")


class BatchEditor(Protocol):
    """The archive calls a batch correction needs."""

    def article(self, article_id: int) -> ArticleRecord:
        """One article."""
        ...

    def edit_article(self, article_id: int, **changes: object) -> ArticleRecord:
        """Store a correction."""
        ...

    def facet_values(self, facet: str) -> list[str]:
        """The known values of a facet."""
        ...


def new_values(current: Sequence[str], value: str, mode: str) -> list[str]:
    """The field's values after the change: ``add`` (kept first ones first), ``only``, ``remove``."""
    if mode == "add":
        return [*current, value] if value not in current else list(current)
    if mode == "only":
        return [value]
    if mode == "remove":
        return [v for v in current if v != value]
    raise ValueError(f"unknown mode {mode!r}")


def apply_batch(archive: BatchEditor, ids: Sequence[int], facet: str, value: str, mode: str) -> int:
    """On a worker: apply the change to every article; returns how many changed."""
    field, value = FIELDS[facet], value.strip()
    if not value:
        raise ValueError("empty value")
    changed = 0
    for article_id in ids:
        record = archive.article(article_id)
        current = list(getattr(record, field))
        wanted = new_values(current, value, mode)
        if wanted != current:
            archive.edit_article(article_id, **{field: wanted})
            changed += 1
    logger.info("batch %s %s=%s: %d of %d articles changed", mode, facet, value, changed, len(ids))
    return changed


class BatchEditDialog(QDialog):
    """Choose field, value and mode for the articles given; ``done_count(n)`` after storing."""

    done_count = Signal(int)

    def __init__(
        self, archive: BatchEditor, runner: TaskRunner, ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._archive, self._runner, self._ids = archive, runner, list(dict.fromkeys(ids))
        self.setWindowTitle(self.tr("Correct several articles"))
        chinese = QLocale().language() == QLocale.Language.Chinese
        self.field_combo = QComboBox()
        for name in FIELDS:
            fld = BY_NAME[name]
            self.field_combo.addItem(fld.label_zh if chinese else fld.label_en, name)
        self.value_combo = QComboBox()
        self.value_combo.setEditable(True)
        self.mode_combo = QComboBox()
        for code, label in zip(
            MODES,
            (self.tr("Add it (keep the others)"), self.tr("Make it the only one"), self.tr("Take it away")),
            strict=True,
        ):
            self.mode_combo.addItem(label, code)
        self.status = QLabel(self.tr("Articles: %1").replace("%1", str(len(self._ids))))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        form = QFormLayout()
        form.addRow(self.tr("Field:"), self.field_combo)
        form.addRow(self.tr("Value:"), self.value_combo)
        form.addRow(self.tr("Change:"), self.mode_combo)
        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addLayout(form)
        lay.addWidget(self.buttons)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        self.field_combo.currentIndexChanged.connect(self._load_values)
        self._load_values()

    def set_choice(self, facet: str, value: str, mode: str) -> None:
        """Choose field, value and mode (as the user would)."""
        self.field_combo.setCurrentIndex(self.field_combo.findData(facet))
        self.value_combo.setEditText(value)
        self.mode_combo.setCurrentIndex(self.mode_combo.findData(mode))

    def start(self) -> None:
        """Store the corrections on the worker."""
        value = self.value_combo.currentText().strip()
        if not value:
            self.status.setText(self.tr("Choose or type a value first."))
            return
        self.buttons.setEnabled(False)
        self.status.setText(self.tr("Saving…"))
        self._runner.submit(
            apply_batch,
            self._archive,
            self._ids,
            str(self.field_combo.currentData()),
            value,
            str(self.mode_combo.currentData()),
            name="batch edit",
            on_done=self._stored,
            on_error=self._failed,
        )

    def _stored(self, changed: int) -> None:
        self.done_count.emit(changed)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.status.setText(self.tr("Could not save: %1").replace("%1", str(exc)))

    def _load_values(self) -> None:
        facet = str(self.field_combo.currentData())
        self._runner.submit(self._archive.facet_values, facet, name="facet values", on_done=self._set_values)

    def _set_values(self, values: list[str]) -> None:
        text = self.value_combo.currentText()
        self.value_combo.clear()
        self.value_combo.addItems(values)
        self.value_combo.setEditText(text)
