"""A stacked bar chart of a :class:`index.insight.timeline.Timeline`, drawn with QPainter.

No plotting library: QtCharts is not in PySide6-Essentials, pyqtgraph adds ~10 MB and ~0.3-0.5 s
of import, matplotlib's Qt backend ~100 MB (with Pillow, fontTools, contourpy, kiwisolver) and
~0.55-1.3 s; stacked bars need a few dozen lines of QPainter, cost nothing at start-up, and the same
drawing code writes PNG (QImage) and SVG (QtSvg, which Essentials has).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QSizePolicy, QWidget

from index.insight.timeline import Timeline

logger = logging.getLogger(__name__)

SERIES = 8  # values drawn as their own colour; the rest are stacked as one "other" band
OTHER = ""  # key of the "other" band
PALETTE = ("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d")
OTHER_COLOUR = "#9ca3af"


@dataclass(frozen=True)
class Segment:
    """One drawn piece of a bar: which value, which period, how many, where."""

    key: str  # OTHER for the band of the remaining values
    period: str
    count: int
    rect: QRectF


class TimelineChart(QWidget):
    """Stacked bars: one bar per period, one band per value (the :data:`SERIES` largest)."""

    segment_clicked = Signal(str, str)  # key (OTHER: the rest), period

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(320, 200)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._table: Timeline | None = None
        self._series: list[str] = []
        self.segments: list[Segment] = []
        self.other_label = self.tr("Other")

    def set_table(self, table: Timeline | None) -> None:
        """Draw this table (None: nothing)."""
        self._table = table
        self._series = table.values_by_total()[:SERIES] if table else []
        self.segments = []
        self.update()

    def series(self) -> list[str]:
        """The values drawn in their own colour, most counted first."""
        return list(self._series)

    def colour(self, key: str) -> QColor:
        """The colour of a value's band."""
        if key in self._series:
            return QColor(PALETTE[self._series.index(key) % len(PALETTE)])
        return QColor(OTHER_COLOUR)

    def sizeHint(self) -> QSize:
        """A comfortable default size."""
        return QSize(640, 320)

    # -- drawing -----------------------------------------------------------------------------------
    def draw(self, painter: QPainter, size: QSize) -> list[Segment]:
        """Draw the chart into ``painter`` over ``size``; returns the drawn segments."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), QColor("white"))
        table = self._table
        if table is None or not table.rows:
            painter.setPen(QColor("#6b7280"))
            painter.drawText(
                QRectF(0, 0, size.width(), size.height()), Qt.AlignmentFlag.AlignCenter, self.tr("No data")
            )
            return []
        periods = table.periods()
        stacks: dict[str, dict[str, int]] = {p: {} for p in periods}
        for r in table.rows:
            key = r.key if r.key in self._series else OTHER
            stacks[r.period][key] = stacks[r.period].get(key, 0) + r.count
        top = max(sum(s.values()) for s in stacks.values()) or 1
        fm = painter.fontMetrics()
        left, right, legend_h, bottom = (
            fm.horizontalAdvance(str(top)) + 12,
            8,
            fm.height() + 10,
            fm.height() + 10,
        )
        plot = QRectF(
            left, legend_h, max(10, size.width() - left - right), max(10, size.height() - legend_h - bottom)
        )
        painter.setPen(QColor("#d1d5db"))
        for k in range(5):
            y = plot.bottom() - plot.height() * k / 4
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.drawText(
                QRectF(0, y - fm.height() / 2, left - 4, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                str(round(top * k / 4)),
            )
        slot = plot.width() / len(periods)
        width = max(1.0, slot * 0.75)
        segments: list[Segment] = []
        label_every = max(1, int((fm.horizontalAdvance(periods[0]) + 8) // slot) + 1)
        for i, period in enumerate(periods):
            x = plot.left() + i * slot + (slot - width) / 2
            y = plot.bottom()
            for key in [*self._series, OTHER]:
                n = stacks[period].get(key, 0)
                if not n:
                    continue
                h = plot.height() * n / top
                rect = QRectF(x, y - h, width, h)
                painter.fillRect(rect, self.colour(key))
                segments.append(Segment(key, period, n, rect))
                y -= h
            if i % label_every == 0:
                painter.setPen(QColor("#374151"))
                painter.drawText(
                    QRectF(x - slot, plot.bottom() + 2, width + 2 * slot, fm.height()),
                    Qt.AlignmentFlag.AlignHCenter,
                    period,
                )
        x = float(left)
        has_other = any(s.key == OTHER for s in segments)
        for key in [*self._series, *([OTHER] if has_other else [])]:
            label = key or self.other_label
            painter.fillRect(QRectF(x, 4, 10, 10), self.colour(key))
            painter.setPen(QColor("#111827"))
            painter.drawText(QPointF(x + 14, 4 + fm.ascent() - 1), label)
            x += 24 + fm.horizontalAdvance(label)
        return segments

    def paintEvent(self, event: QPaintEvent) -> None:
        """Draw on screen and remember where each segment is (for clicks)."""
        painter = QPainter(self)
        try:
            self.segments = self.draw(painter, self.size())
        finally:
            painter.end()

    def segment_at(self, point: QPointF) -> Segment | None:
        """The segment under a point of the widget, if any."""
        if not self.segments and self._table is not None:  # not painted yet: lay it out off screen
            image = QImage(self.size(), QImage.Format.Format_ARGB32)
            painter = QPainter(image)
            try:
                self.segments = self.draw(painter, self.size())
            finally:
                painter.end()
        return next((s for s in self.segments if s.rect.contains(point)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """A click on a band: :attr:`segment_clicked` with its value and period."""
        seg = self.segment_at(event.position())
        if seg is not None:
            self.segment_clicked.emit(seg.key, seg.period)
        super().mousePressEvent(event)

    # -- export ------------------------------------------------------------------------------------
    def export(self, path: Path, size: QSize | None = None) -> Path:
        """Write the chart as PNG or SVG (by the file's suffix)."""
        path = Path(path)
        size = size or QSize(1200, 600)
        suffix = path.suffix.lower()
        if suffix == ".png":
            image = QImage(size, QImage.Format.Format_ARGB32)
            painter = QPainter(image)
            try:
                self.draw(painter, size)
            finally:
                painter.end()
            if not image.save(str(path)):
                logger.error("cannot write %s", path)
                raise OSError(f"Cannot write {path}")
        elif suffix == ".svg":
            gen = QSvgGenerator()
            gen.setFileName(str(path))
            gen.setSize(size)
            gen.setViewBox(QRectF(0, 0, size.width(), size.height()))
            gen.setTitle(self.tr("Statistics"))
            painter = QPainter(gen)
            try:
                self.draw(painter, size)
            finally:
                painter.end()
            if not path.is_file():
                raise OSError(f"Cannot write {path}")
        else:
            raise ValueError(f"a chart is written as .png or .svg, not {path.name}")
        return path
