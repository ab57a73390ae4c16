"""The insight widgets wired into the main window: the 统计 tab follows the current search and narrows it,
the reader's 相关报道 fills on opening an article, the edition calendar opens editions, the 专题 tab."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPoint, Qt

from index.insight.timeline import period_range
from index.models import SearchRequest
from viewer.mainwindow import EDITIONS_TAB, SEARCH_TAB


def _search(viewer, qtbot, text: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(viewer.controller.result_ready, timeout=20_000) as got:
        viewer.search_bar.set_text(text, search=True)
    return got.args[0]


def _show_statistics(viewer, qtbot):  # type: ignore[no-untyped-def]
    wiring = viewer.insight
    stats = wiring.statistics
    stats._table = None
    viewer.window.show_tab(wiring.statistics_tab)
    qtbot.waitUntil(lambda: stats._table is not None, timeout=20_000)
    return stats


def _cells(table) -> Counter[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return Counter({(r.key, r.period): r.count for r in table.rows})


def test_statistics_tab_counts_the_current_search_like_the_core(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    viewer = started
    tabs = viewer.window.tabs
    assert [tabs.tabText(i) for i in (viewer.insight.statistics_tab, viewer.insight.collections_tab)] == [
        "Statistics",
        "Collections",
    ]
    result = _search(viewer, qtbot, common_word)
    stats = _show_statistics(viewer, qtbot)
    core = viewer.archive.timeline(viewer.controller.request, stats.by(), stats.per())
    assert _cells(stats._table) == _cells(core) and core.rows
    assert stats._table.articles == core.articles <= result.total
    # the table widget shows the same numbers: each row's total is that value's count
    totals = Counter()
    for r in core.rows:
        totals[r.key] += r.count
    last = stats.table.columnCount() - 1
    shown = {
        stats.table.verticalHeaderItem(i).text(): int(stats.table.item(i, last).text())
        for i in range(stats.table.rowCount())
    }
    assert shown == dict(totals)
    # another facet and period: recounted for the same search
    with qtbot.waitSignal(stats.table_requested, timeout=5_000):
        stats.by_combo.setCurrentIndex(stats.by_combo.findData("reporter"))
    qtbot.waitUntil(lambda: stats._table is not None and stats._table.by == "reporter", timeout=20_000)
    core = viewer.archive.timeline(viewer.controller.request, "reporter", stats.per())
    assert _cells(stats._table) == _cells(core)
    # a new search while the tab is shown recounts at once
    everything = viewer.archive.timeline(SearchRequest(""), "reporter", stats.per())
    stats._table = None
    _search(viewer, qtbot, "")
    qtbot.waitUntil(lambda: stats._table is not None, timeout=20_000)
    assert _cells(stats._table) == _cells(everything)


def test_clicking_a_cell_or_a_bar_narrows_the_search(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = started
    _search(viewer, qtbot, "")
    stats = _show_statistics(viewer, qtbot)
    table = stats._table
    key, period = stats._keys[0], stats._periods[0]
    expected = _cells(table)[(key, period)]
    assert expected > 0
    with qtbot.waitSignal(
        viewer.controller.result_ready, timeout=20_000, check_params_cb=lambda r: r.total == expected
    ):
        stats._cell(0, 0)
    request = viewer.controller.request
    assert request.filters.get(stats.by()) == (key,)
    assert (request.date_from, request.date_to) == period_range(period)
    assert viewer.window.tabs.currentIndex() == SEARCH_TAB
    for article_id in viewer.results.ids():
        record = viewer.archive.article(article_id)
        assert period_range(period)[0] <= record.date <= period_range(period)[1]
    # a bar: clear, count again, click the middle of a drawn segment
    viewer.clear_filters()
    _search(viewer, qtbot, "")
    stats = _show_statistics(viewer, qtbot)
    stats.chart.resize(600, 300)
    stats.chart.segments = []
    assert stats.chart.segment_at(QPoint(-1, -1).toPointF()) is None  # lays the bars out
    segment = stats.chart.segments[0]
    centre = segment.rect.center().toPoint()
    with qtbot.waitSignal(stats.narrow_requested, timeout=5_000) as narrowed:
        qtbot.mouseClick(stats.chart, Qt.MouseButton.LeftButton, pos=centre)
    assert narrowed.args[2] == segment.period
    qtbot.waitUntil(
        lambda: viewer.controller.request.date_from == period_range(segment.period)[0], timeout=5_000
    )


def test_related_list_fills_when_an_article_opens_and_opens_its_lines(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = started
    related = viewer.insight.related
    assert (
        related.parent() is viewer.insight.reader_split
        and viewer.reader.parent() is viewer.insight.reader_split
    )
    ids = viewer.archive.search(SearchRequest("", limit=0)).ids
    source = next(i for i in ids if viewer.archive.related(i, 10))
    expected = [h.id for h in viewer.archive.related(source, 10)]
    with qtbot.waitSignal(viewer.navigator.opened, timeout=20_000):
        viewer.open_article(source)
    qtbot.waitUntil(lambda: related.ids() == expected, timeout=20_000)
    assert related.list.isVisible() or not viewer.window.isVisible()
    item = related.list.item(0)
    with qtbot.waitSignal(
        viewer.navigator.opened, timeout=20_000, check_params_cb=lambda r: r.id == expected[0]
    ):
        related.list.itemActivated.emit(item)
    assert viewer.reader.article.id == expected[0]
    # the list follows the newly opened article
    follow = [h.id for h in viewer.archive.related(expected[0], 10)]
    qtbot.waitUntil(lambda: related.ids() == follow, timeout=20_000)


def test_calendar_shows_the_months_and_a_day_opens_its_edition(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = started
    calendar = viewer.insight.calendar
    months = viewer.archive.insight.calendar()
    qtbot.waitUntil(lambda: calendar.current() is not None, timeout=20_000)
    assert [m.label for m in calendar._months] == [m.label for m in months]
    assert calendar.parent() is viewer.insight.edition_split
    assert viewer.edition_browser.tree.parent() is viewer.insight.edition_split
    editions = {e.id: e for e in viewer.archive.editions()}
    cell = next(i for i, ids in enumerate(calendar._cells) if ids)
    edition_id = calendar._cells[cell][0]
    viewer.window.show_tab(SEARCH_TAB)
    qtbot.waitUntil(lambda: viewer.edition_browser.model.edition_index(edition_id).isValid(), timeout=20_000)
    with qtbot.waitSignal(calendar.edition_chosen, timeout=5_000) as chosen:
        qtbot.mouseClick(calendar.day_buttons[cell], Qt.MouseButton.LeftButton)
    assert chosen.args == [edition_id]
    assert viewer.window.tabs.currentIndex() == EDITIONS_TAB
    assert viewer.edition_browser.current_edition_id() == edition_id
    button_day = int(calendar.day_buttons[cell].text())
    assert editions[edition_id].date.day == button_day


def test_collections_tab_lists_a_collection_and_opens_its_articles(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = started
    panel = viewer.insight.collections
    ids = list(viewer.archive.search(SearchRequest("", limit=0)).ids[:2])
    topic = viewer.archive.collections.create("供暖专题")
    viewer.archive.collections.add(topic.id, ids, note="年终回顾")
    panel.refresh(topic.id)
    assert panel.current_ids() == ids
    with qtbot.waitSignal(viewer.navigator.opened, timeout=20_000, check_params_cb=lambda r: r.id == ids[0]):
        panel.article_activated.emit(ids[0])


def test_the_import_dialog_names_the_reprints_it_brought(runner, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from index.archive import Archive
    from tests.archive_helpers import write_edition
    from tests.test_cli_insight import A1, A2, A4
    from viewer.widgets.import_dialog import ImportDialog

    first, later = tmp_path / "first", tmp_path / "later"
    first.mkdir()
    later.mkdir()
    write_edition(first, dt.date(2025, 1, 6), [A1, A2])
    write_edition(later, dt.date(2025, 5, 5), [A4])
    archive = Archive(tmp_path / "arch")
    try:
        archive.import_paths([first])
        archive.insight.sync()  # as the viewer does once the archive is open
        dialog = ImportDialog(archive, runner)
        qtbot.addWidget(dialog)
        dialog.add_paths([later])
        with qtbot.waitSignal(dialog.imported, timeout=60_000):
            dialog.start()
        summary = dialog.summary.toPlainText()
        assert "Reprints found across editions (1)" in summary
        assert "2025-05-05 《四十个小区今年完成改造》 ← 2025-01-06 《老旧小区改造工程启动》" in summary
    finally:
        runner.wait(60_000)
        archive.close()


def test_add_to_the_chosen_collection_from_the_result_list(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    viewer = started
    panel = viewer.insight.collections
    result = _search(viewer, qtbot, "")
    messages: list[str] = []
    viewer.window.statusBar().messageChanged.connect(messages.append)
    viewer.insight.add_action.trigger()  # no collection chosen yet: nothing added, a hint
    assert any("专题" in m for m in messages)
    topic = viewer.archive.collections.create("年终回顾")
    panel.refresh(topic.id)
    assert viewer.insight.add_action in viewer.result_view.actions()
    viewer.window.show_tab(SEARCH_TAB)
    viewer.result_view.set_current_row(1)
    viewer.insight.add_action.trigger()
    qtbot.waitUntil(lambda: panel.current_ids() == [result.ids[1]], timeout=20_000)
    assert viewer.archive.collections.ids(topic.id) == [result.ids[1]]
