"""Batch correction: one street office or topic on several articles at once (each a real edit)."""

from __future__ import annotations

from index.models import SearchRequest
from viewer.widgets.batch_edit import BatchEditDialog, new_values


def test_new_values() -> None:
    assert new_values(["甲", "乙"], "丙", "add") == ["甲", "乙", "丙"]
    assert new_values(["甲", "乙"], "甲", "add") == ["甲", "乙"]
    assert new_values(["甲", "乙"], "丙", "only") == ["丙"]
    assert new_values(["甲", "乙"], "甲", "remove") == ["乙"]


def test_set_a_topic_on_the_selected_results(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(started.controller.result_ready, timeout=10_000) as blocker:
        started.search_bar.set_text(common_word, search=True)
    ids = list(blocker.args[0].ids[:3])
    from PySide6.QtCore import QItemSelectionModel

    view = started.result_view
    for row in range(3):
        view.selectionModel().select(started.results.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
    started.window.batch_edit_action.trigger()
    dialog = started.window.findChild(BatchEditDialog)
    assert dialog is not None and dialog._ids == ids
    before = {i: started.archive.article(i).topics for i in ids}
    dialog.set_choice("topic", "批量主题", "add")
    with qtbot.waitSignal(dialog.done_count, timeout=20_000) as done:
        dialog.start()
    assert done.args == [3]
    for i in ids:
        record = started.archive.article(i)
        assert record.topics == (*before[i], "批量主题") and "topics" in record.edited
    assert set(started.archive.search(SearchRequest("主题:批量主题", limit=0)).ids) == set(ids)
    qtbot.waitUntil(
        lambda: "批量主题" in {c.value for c in started.controller.last_result.facets["topic"]},
        timeout=10_000,
    )
