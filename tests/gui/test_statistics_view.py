"""The statistics tab widget and its chart: table cells, bar clicks, exports read back."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from index.insight.timeline import Timeline, TimelineRow
from viewer.widgets.statistics_view import StatisticsView
from viewer.widgets.timeline_chart import OTHER, SERIES

ROWS = (
    TimelineRow("古城街道", "2025-Q1", 5),
    TimelineRow("北关街道", "2025-Q1", 2),
    TimelineRow("古城街道", "2025-Q2", 3),
    *(TimelineRow(f"街道{k}", "2025-Q2", 1) for k in range(SERIES)),  # more values than colours
)
TABLE = Timeline("street", "quarter", ROWS, articles=17)


def _view(qtbot: QtBot) -> StatisticsView:
    view = StatisticsView()
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    view.set_table(TABLE)
    return view


def test_table_matches_the_rows(qtbot: QtBot) -> None:
    view = _view(qtbot)
    assert (view.by(), view.per()) == ("street", "quarter")
    t = view.table
    assert [t.horizontalHeaderItem(c).text() for c in range(t.columnCount())][:2] == ["2025-Q1", "2025-Q2"]
    keys = [t.verticalHeaderItem(r).text() for r in range(t.rowCount())]
    assert keys[0] == "古城街道" and len(keys) == 2 + SERIES
    assert [t.item(0, c).text() for c in range(3)] == ["5", "3", "8"]
    total = sum(int(t.item(r, 2).text()) for r in range(t.rowCount()))
    assert total == sum(r.count for r in ROWS)
    with qtbot.waitSignal(view.narrow_requested) as sig:
        t.cellDoubleClicked.emit(0, 1)
    assert sig.args == ["street", "古城街道", "2025-Q2"]


def test_bar_click_narrows_and_other_band(qtbot: QtBot) -> None:
    view = _view(qtbot)
    qtbot.waitUntil(lambda: bool(view.chart.segments))
    segs = view.chart.segments
    assert {s.period for s in segs} == {"2025-Q1", "2025-Q2"}
    assert sum(s.count for s in segs) == sum(r.count for r in ROWS)
    other = [s for s in segs if s.key == OTHER]
    assert len(other) == 1 and other[0].count == 2  # the values beyond the SERIES largest
    target = next(s for s in segs if s.key == "古城街道" and s.period == "2025-Q1")
    with qtbot.waitSignal(view.narrow_requested) as sig:
        qtbot.mouseClick(
            view.chart, Qt.MouseButton.LeftButton, pos=QPoint(*map(int, target.rect.center().toTuple()))
        )
    assert sig.args == ["street", "古城街道", "2025-Q1"]
    with qtbot.waitSignal(view.narrow_requested) as sig:
        qtbot.mouseClick(
            view.chart, Qt.MouseButton.LeftButton, pos=QPoint(*map(int, other[0].rect.center().toTuple()))
        )
    assert sig.args == ["street", "", "2025-Q2"]


def test_exports_read_back(qtbot: QtBot, tmp_path: Path) -> None:
    view = _view(qtbot)
    png = view.export_chart(tmp_path / "c.png")
    image = QImage(str(png))
    assert (image.width(), image.height()) == (1200, 600)
    assert image.pixelColor(600, 300).name() != "#ffffff" or image.pixelColor(300, 500).name() != "#ffffff"
    svg = view.export_chart(tmp_path / "c.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "古城街道" in svg
    rows = list(load_workbook(view.export_table(tmp_path / "t.xlsx"))["统计"].iter_rows(values_only=True))
    assert len(rows) == len(ROWS) + 1
    assert view.export_table(tmp_path / "t.csv").read_text(encoding="utf-8-sig").count("\n") == len(ROWS) + 1


def test_changing_the_pickers_asks_for_a_table(qtbot: QtBot) -> None:
    view = _view(qtbot)
    with qtbot.waitSignal(view.table_requested) as sig:
        view.per_combo.setCurrentIndex(view.per_combo.findData("year"))
    assert sig.args == ["street", "year"]
    view.set_table(None)
    assert view.table.rowCount() == 0 and not view.export_chart_button.isEnabled()
