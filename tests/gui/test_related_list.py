"""The reader's related list: reprints marked, activation emits the id, empty state."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from index.insight.results import Related
from viewer.widgets.related_list import KIND_ROLE, RelatedList

HITS = [
    Related(7, "冰雪嘉年华迎客", dt.date(2025, 2, 7), 0.98, "reprint"),
    Related(9, "冰雪嘉年华游客突破五万", dt.date(2025, 2, 14), 0.41, "related"),
]


def test_reprints_are_marked_and_activate(qtbot: QtBot) -> None:
    view = RelatedList()
    qtbot.addWidget(view)
    view.show()
    assert view.empty.isVisibleTo(view) and view.ids() == []
    view.set_related(HITS)
    assert view.ids() == [7, 9] and not view.empty.isVisibleTo(view)
    first, second = view.list.item(0), view.list.item(1)
    assert first.text().endswith("[Reprint]") and first.data(KIND_ROLE) == "reprint"
    assert "[" not in second.text() and second.text().startswith("2025-02-14")
    assert "0.41" in second.toolTip()
    with qtbot.waitSignal(view.article_activated) as sig:
        view.list.itemActivated.emit(second)
    assert sig.args == [9]
