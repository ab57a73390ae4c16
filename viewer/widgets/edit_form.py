"""The librarian's correction form for one article's metadata.

Edits title, kicker, subtitle, reporters, street offices (official names, several) and topics
(primary first). Saving sends only the changed fields to ``archive.edit_article`` on the task
runner; the core stores them apart from the parsed values (so they survive re-import) and updates
the index. Fields that carry a librarian edit are marked and can be reverted one by one.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

# The core's rule for names (``王 芳`` is one name ``王芳``), from its home in the catalog.
from index.catalog.edits import normalise_edit
from index.changes import Changes
from index.models import EDITABLE_FIELDS, ArticleRecord
from viewer.ports import Editor
from viewer.tasks import TaskRunner


def split_names(text: str) -> list[str]:
    """Names typed in the form, by the core's rule: ``"李满、王 芳"`` → ``["李满", "王芳"]``."""
    names: list[str] = normalise_edit("reporters", text)
    return names


class ChoiceList(QWidget):
    """Checkable list of known values; the checked ones, in list order, are the value.

    With ``ordered`` the user can move items up and down (the first checked topic is the primary).
    """

    changed = Signal()

    def __init__(self, ordered: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setMaximumHeight(130)
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        if ordered:
            buttons = QVBoxLayout()
            self.up_button = QToolButton()
            self.up_button.setText(self.tr("Up"))
            self.up_button.setToolTip(self.tr("Move up (the first checked topic is the primary one)"))
            self.down_button = QToolButton()
            self.down_button.setText(self.tr("Down"))
            self.down_button.setToolTip(self.tr("Move down"))
            self.up_button.clicked.connect(lambda: self.move_current(-1))
            self.down_button.clicked.connect(lambda: self.move_current(1))
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)

    def set_values(self, choices: Sequence[str], selected: Sequence[str]) -> None:
        """Show ``selected`` first (checked, in order), then the other known choices."""
        self.list.blockSignals(True)
        self.list.clear()
        for value in list(dict.fromkeys([*selected, *choices])):
            item = QListWidgetItem(value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in selected else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.changed.emit()

    def selected(self) -> list[str]:
        """The checked values, in list order."""
        items = (self.list.item(row) for row in range(self.list.count()))
        return [item.text() for item in items if item.checkState() == Qt.CheckState.Checked]

    def choices(self) -> list[str]:
        """Every value in the list, in order."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def set_checked(self, value: str, checked: bool) -> None:
        """Check or uncheck one value."""
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.text() == value:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def move_current(self, delta: int) -> None:
        """Move the current item up (-1) or down (+1)."""
        row = self.list.currentRow()
        target = row + delta
        if row < 0 or not 0 <= target < self.list.count():
            return
        self.list.blockSignals(True)
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)
        self.list.blockSignals(False)
        self.changed.emit()


class EditForm(QWidget):
    """Correct one article; see the module docstring. ``saved`` also follows a revert."""

    saved = Signal(int)  # article id

    def __init__(self, archive: Editor, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._archive = archive
        self._runner = runner
        self._record: ArticleRecord | None = None
        self._known: dict[str, list[str]] = {"streets": [], "topics": []}
        self._busy = False
        self._done_message = ""

        self.heading = QLabel(self.tr("No article"))
        self.heading.setWordWrap(True)
        self.title_edit = QLineEdit()
        self.kicker_edit = QLineEdit()
        self.subtitle_edit = QLineEdit()
        self.reporters_edit = QLineEdit()
        self.reporters_edit.setPlaceholderText(
            self.tr("Names separated by 、 or commas (spaces inside a name are dropped)")
        )
        self.streets_list = ChoiceList(ordered=False)
        self.topics_list = ChoiceList(ordered=True)
        self.fields: dict[str, QWidget] = {
            "title": self.title_edit,
            "kicker": self.kicker_edit,
            "subtitle": self.subtitle_edit,
            "reporters": self.reporters_edit,
            "streets": self.streets_list,
            "topics": self.topics_list,
        }
        labels = {
            "title": self.tr("Title"),
            "kicker": self.tr("Kicker"),
            "subtitle": self.tr("Subtitle"),
            "reporters": self.tr("Reporters"),
            "streets": self.tr("Street offices"),
            "topics": self.tr("Topics (primary first)"),
        }
        self.edited_marks: dict[str, QLabel] = {}
        self.revert_buttons: dict[str, QToolButton] = {}
        form = QFormLayout()
        for name, widget in self.fields.items():
            mark = QLabel(self.tr("edited"))
            mark.setToolTip(self.tr("This field carries a librarian's correction; it survives re-import."))
            mark.setStyleSheet("color: #b05000; font-weight: bold;")
            revert = QToolButton()
            revert.setText(self.tr("Revert"))
            revert.setToolTip(self.tr("Drop the correction and go back to the value parsed from the edition"))
            revert.clicked.connect(functools.partial(self.revert, name))
            self.edited_marks[name], self.revert_buttons[name] = mark, revert
            row = QHBoxLayout()
            row.addWidget(widget, 1)
            side = QVBoxLayout()
            side.addWidget(mark)
            side.addWidget(revert)
            side.addStretch(1)
            row.addLayout(side)
            form.addRow(labels[name], row)
        for edit in (self.title_edit, self.kicker_edit, self.subtitle_edit, self.reporters_edit):
            edit.textChanged.connect(self._update_state)
        self.streets_list.changed.connect(self._update_state)
        self.topics_list.changed.connect(self._update_state)

        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.discard_button = QPushButton(self.tr("Discard changes"))
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self._discard)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self._fill(None)
        self.reload_choices()

    # -- public -------------------------------------------------------------------------------
    def show_article(self, record: ArticleRecord) -> None:
        """Load an article into the form (unsaved changes to the previous one are dropped)."""
        self.status_label.clear()
        self._fill(record)

    def apply_changes(self, changes: Changes) -> None:
        """Fetch the known street offices and topics again after an import or an edit."""
        if changes.editions_changed or changes.articles_edited:
            self.reload_choices()

    def article(self) -> ArticleRecord | None:
        """The article in the form, if any."""
        return self._record

    def reload_choices(self) -> None:
        """Fetch the known street offices and topics again (after an import)."""
        # Bound methods as callbacks: Qt drops them if the form is deleted before the task ends.
        self._runner.submit(
            _known_values,
            self._archive,
            name="facet_values",
            on_done=self._set_choices,
            on_error=self._no_choices,
        )

    def changes(self) -> dict[str, object]:
        """The fields whose value in the form differs from the article's, as ``edit_article`` takes them."""
        record = self._record
        if record is None:
            return {}
        current = self._values()
        return {name: value for name, value in current.items() if _differs(value, getattr(record, name))}

    def save(self) -> None:
        """Store the changed fields (on the worker); an empty title is refused."""
        record, changes = self._record, self.changes()
        if record is None or not changes or self._busy:
            return
        if "title" in changes and not str(changes["title"]).strip():
            self.status_label.setText(self.tr("The title cannot be empty."))
            return
        task = functools.partial(self._archive.edit_article, record.id, **changes)
        self._run(task, self.tr("Saving…"), self.tr("Saved."))

    def revert(self, field: str) -> None:
        """Drop the librarian's correction of one field (``revert_edit`` on the worker)."""
        record = self._record
        if record is None or field not in record.edited or self._busy:
            return
        task = functools.partial(self._archive.revert_edit, record.id, field)
        self._run(task, self.tr("Reverting…"), self.tr("Reverted."))

    # -- internals ----------------------------------------------------------------------------
    def _run(self, task: functools.partial[ArticleRecord], busy: str, done: str) -> None:
        self._busy = True
        self._done_message = done
        self.status_label.setText(busy)
        self._update_state()
        self._runner.submit(task, name="edit_article", on_done=self._stored, on_error=self._failed)

    def _stored(self, record: ArticleRecord) -> None:
        self._busy = False
        if self._record is None or self._record.id == record.id:
            self._fill(record)
        self.status_label.setText(self._done_message)
        self.saved.emit(record.id)

    def _failed(self, error: BaseException) -> None:
        self._busy = False
        self.status_label.setText(self.tr("Could not save: %1").replace("%1", str(error)))
        self._update_state()

    def _no_choices(self, error: BaseException) -> None:
        self.status_label.setText(
            self.tr("Could not load the known street offices and topics: %1").replace("%1", str(error))
        )

    def _set_choices(self, known: dict[str, list[str]]) -> None:
        self._known = known
        for field, widget in (("streets", self.streets_list), ("topics", self.topics_list)):
            widget.set_values(known[field], widget.selected())

    def _fill(self, record: ArticleRecord | None) -> None:
        self._record = record
        self.title_edit.setText(record.title if record else "")
        self.kicker_edit.setText(record.kicker if record else "")
        self.subtitle_edit.setText(record.subtitle if record else "")
        self.reporters_edit.setText("、".join(record.reporters) if record else "")
        self.streets_list.set_values(self._known["streets"], record.streets if record else ())
        self.topics_list.set_values(self._known["topics"], record.topics if record else ())
        if record is None:
            self.heading.setText(self.tr("No article"))
        else:
            parts = (record.date.isoformat(), record.edition_name, record.section)
            where = " · ".join(dict.fromkeys(p for p in parts if p))
            self.heading.setText(f"<b>{html.escape(record.title)}</b><br>{html.escape(where)}")
        for name in EDITABLE_FIELDS:
            edited = record is not None and name in record.edited
            self.edited_marks[name].setVisible(edited)
            self.revert_buttons[name].setVisible(edited)
        self._update_state()

    def _values(self) -> dict[str, object]:
        return {
            "title": self.title_edit.text().strip(),
            "kicker": self.kicker_edit.text().strip(),
            "subtitle": self.subtitle_edit.text().strip(),
            "reporters": split_names(self.reporters_edit.text()),
            "streets": self.streets_list.selected(),
            "topics": self.topics_list.selected(),
        }

    def _update_state(self) -> None:
        enabled = self._record is not None and not self._busy
        for widget in (*self.fields.values(), *self.revert_buttons.values()):
            widget.setEnabled(enabled)
        dirty = enabled and bool(self.changes())
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)

    def _discard(self) -> None:
        self._fill(self._record)
        self.status_label.clear()


def _differs(value: object, stored: object) -> bool:
    if isinstance(value, list):
        return tuple(value) != tuple(stored)  # type: ignore[arg-type]
    return value != stored


def _known_values(archive: Editor) -> dict[str, list[str]]:
    """Worker side of :meth:`EditForm.reload_choices`: official street names and topics."""
    return {"streets": archive.facet_values("street"), "topics": archive.facet_values("topic")}
