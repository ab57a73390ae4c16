"""The result list: a multi-select list view and a delegate that paints title, meta line and snippet.

Rows have one fixed height (uniform sizes keep scrolling through thousands of rows cheap). The
snippet is the core's HTML (``<b>`` around matches), laid out by a cached ``QTextDocument``.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QPainter,
    QPaintEvent,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from viewer.models.results import ResultsModel, Role

PAD = 8
SNIPPET_LINES = 2
HIGHLIGHT = "#ffe98a"
_CSS = f"b {{ font-weight: bold; background-color: {HIGHLIGHT}; }}"
_CSS_SELECTED = "b { font-weight: bold; }"

Index = QModelIndex | QPersistentModelIndex


class ResultDelegate(QStyledItemDelegate):
    """Paints one hit; keeps up to ``cache_size`` laid-out snippet documents."""

    def __init__(self, parent: QWidget | None = None, cache_size: int = 400) -> None:
        super().__init__(parent)
        self._docs: OrderedDict[tuple[int, int, bool], QTextDocument] = OrderedDict()
        self._cache_size = cache_size

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        title.setBold(True)
        title.setPointSizeF(option.font.pointSizeF() * 1.1)
        meta = QFont(option.font)
        meta.setPointSizeF(option.font.pointSizeF() * 0.9)
        return title, meta, QFont(option.font)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """Height of a hit: title, meta line and the snippet lines (Qt)."""
        title, meta, body = self._fonts(option)
        h = QFontMetrics(title).height() + QFontMetrics(meta).height()
        h += SNIPPET_LINES * QFontMetrics(body).lineSpacing() + 2 * PAD + 6
        return QSize(200, h)

    def _snippet_doc(
        self, article_id: int, html: str, width: int, font: QFont, selected: bool
    ) -> QTextDocument:
        key = (article_id, width, selected)
        doc = self._docs.get(key)
        if doc is not None:
            self._docs.move_to_end(key)
            return doc
        doc = QTextDocument()
        doc.setDocumentMargin(0)
        doc.setDefaultFont(font)
        doc.setDefaultStyleSheet(_CSS_SELECTED if selected else _CSS)
        doc.setHtml(html)
        doc.setTextWidth(width)
        self._docs[key] = doc
        if len(self._docs) > self._cache_size:
            self._docs.popitem(last=False)
        return doc

    def clear_cache(self) -> None:
        """Forget the laid-out snippet documents."""
        self._docs.clear()

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        """Paint one hit: title, meta line and highlighted snippet (Qt)."""
        self.initStyleOption(option, index)
        widget = option.widget
        style = widget.style() if widget is not None else None
        option.text = ""
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        fg = option.palette.color(group)
        title_font, meta_font, body_font = self._fonts(option)
        r = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.save()
        y = r.top()
        painter.setFont(title_font)
        painter.setPen(fg)
        fm = QFontMetrics(title_font)
        title = fm.elidedText(str(index.data(Role.TITLE)), Qt.TextElideMode.ElideRight, r.width())
        painter.drawText(QRect(r.left(), y, r.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, title)
        y += fm.height() + 2
        painter.setFont(meta_font)
        painter.setPen(fg if selected else option.palette.color(QPalette.ColorRole.PlaceholderText))
        fm = QFontMetrics(meta_font)
        meta = fm.elidedText(str(index.data(Role.META)), Qt.TextElideMode.ElideRight, r.width())
        painter.drawText(QRect(r.left(), y, r.width(), fm.height()), Qt.AlignmentFlag.AlignLeft, meta)
        y += fm.height() + 4
        doc = self._snippet_doc(
            int(index.data(Role.ID)), str(index.data(Role.SNIPPET)), r.width(), body_font, selected
        )
        clip_h = SNIPPET_LINES * QFontMetrics(body_font).lineSpacing()
        painter.translate(r.left(), y)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        ctx.palette.setColor(QPalette.ColorRole.Text, fg)
        ctx.clip = QRectF(0, 0, r.width(), clip_h)
        painter.setClipRect(ctx.clip)
        doc.documentLayout().draw(painter, ctx)
        painter.restore()
        painter.save()
        painter.setPen(option.palette.color(QPalette.ColorRole.Midlight))
        painter.drawLine(option.rect.bottomLeft(), option.rect.bottomRight())
        painter.restore()


class ResultView(QListView):
    """Emits ``article_activated(id)`` when the current row changes; several rows can be selected."""

    article_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.delegate = ResultDelegate(self)
        self.setItemDelegate(self.delegate)
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.empty_text = self.tr("No results")
        self._move_after_fetch = 0

    def setModel(self, model: ResultsModel) -> None:  # type: ignore[override]
        """Show ``model`` and follow its resets, insertions and current row (Qt)."""
        super().setModel(model)
        self.delegate.clear_cache()
        model.modelReset.connect(self.delegate.clear_cache)
        model.rowsInserted.connect(self._after_insert)
        self.selectionModel().currentChanged.connect(self._current_changed)

    def results(self) -> ResultsModel:
        """The results model shown."""
        model = self.model()
        assert isinstance(model, ResultsModel)
        return model

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.article_activated.emit(int(current.data(Role.ID)))

    def selected_ids(self) -> list[int]:
        """Ids of the selected rows in list order (the current row when nothing is selected)."""
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        if not rows and self.currentIndex().isValid():
            rows = [self.currentIndex().row()]
        return [int(self.model().index(r, 0).data(Role.ID)) for r in rows]

    def current_id(self) -> int | None:
        """Id of the current hit, if any."""
        idx = self.currentIndex()
        return int(idx.data(Role.ID)) if idx.isValid() else None

    def go_relative(self, step: int) -> bool:
        """Make the next (+1) or previous (-1) result current; fetches the next page at the end."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return False
        row = self.currentIndex().row() + step if self.currentIndex().isValid() else 0
        if row >= model.rowCount():
            if model.canFetchMore(QModelIndex()):
                self._move_after_fetch = row
                model.fetchMore(QModelIndex())
            return False
        if row < 0:
            return False
        self.set_current_row(row)
        return True

    def set_current_row(self, row: int) -> None:
        """Make ``row`` the current and only selected row and scroll to it."""
        idx = self.model().index(row, 0)
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(idx, flags)
        self.scrollTo(idx)

    def _after_insert(self, _parent: QModelIndex, _first: int, _last: int) -> None:
        row, self._move_after_fetch = self._move_after_fetch, 0
        if row and row < self.model().rowCount():
            self.set_current_row(row)

    def paintEvent(self, event: QPaintEvent) -> None:
        """Paint the list, or ``empty_text`` when it has no rows (Qt)."""
        super().paintEvent(event)
        model = self.model()
        if model is not None and model.rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.viewport().rect(), Qt.AlignmentFlag.AlignCenter, self.empty_text)
