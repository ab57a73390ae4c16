"""The lazy result model: ids up front, Hit rows fetched in pages on the worker."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QListView

from index.models import Hit, SearchRequest, SearchResult
from viewer.models.results import ResultsModel, Role, meta_line


def _wait_loaded(qtbot, model: ResultsModel, rows: int) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: model.loaded() >= rows and not model.is_fetching(), timeout=10_000)


def test_model_over_a_real_result(qtbot, qtmodeltester, archive, runner, common_word):  # type: ignore[no-untyped-def]
    result = archive.search(SearchRequest(text=common_word, limit=2))
    assert result.total >= 3
    model = ResultsModel(archive, runner, page_size=2)
    model.set_result(result)
    assert model.rowCount() == 2 < model.total() == result.total
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model)  # the tester may itself ask for the next page
    if model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.is_fetching() or model.loaded() > 2
    _wait_loaded(qtbot, model, min(4, result.total))
    qtmodeltester.check(model)
    # Rows follow the result's id order, and each row is the article with that id.
    ids = [model.index(r, 0).data(Role.ID) for r in range(model.rowCount())]
    assert ids == list(result.ids[: len(ids)])
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        record = archive.article(index.data(Role.ID))
        assert index.data(Qt.ItemDataRole.DisplayRole) == record.title
        assert index.data(Role.DATE) == record.date.isoformat()
        assert index.data(Role.REPORTERS) == list(record.reporters)
        assert index.data(Role.STREETS) == list(record.streets)
    # The snippets carry the highlighted query (<b>…</b>) for at least one row.
    assert any("<b>" in model.index(r, 0).data(Role.SNIPPET) for r in range(model.rowCount()))


def test_page_of_an_older_result_is_dropped(qtbot, archive, runner, common_word):  # type: ignore[no-untyped-def]
    """A page requested for one result must not land in the next one, even when it would fit.

    The new result has as many first hits as the old one, so the late page's start row matches it;
    only the generation guard keeps the old page out.
    """
    first = archive.search(SearchRequest(text=common_word, limit=1))
    model = ResultsModel(archive, runner, page_size=50)
    model.set_result(first)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # in flight on the worker …
    newer_ids = tuple(reversed(first.ids))  # another result, another order
    newer = SearchResult(
        total=len(newer_ids), ids=newer_ids, hits=tuple(archive.hits(newer_ids[:1])), facets={}
    )
    model.set_result(newer)  # … when a new search arrives
    runner.wait(10_000)
    qtbot.wait(50)
    rows = [model.index(r, 0).data(Role.ID) for r in range(model.rowCount())]
    assert rows == list(newer_ids[: len(rows)]) and len(rows) == 1
    assert model.canFetchMore(QModelIndex())  # the new result still pages in normally


class _CountingSource:
    """Stands in for the archive with 10,000 generated hits, counting what is fetched."""

    def __init__(self) -> None:
        self.fetched = 0
        self.threads: set[str] = set()

    def hits(self, ids: Sequence[int], terms: Sequence[str] = ()) -> list[Hit]:
        self.fetched += len(ids)
        self.threads.add(threading.current_thread().name)
        day = dt.date(2020, 1, 1)
        return [Hit(i, f"标题 {i}", day, "平城头条", 1, ("记者",), (), (), f"<b>{i}</b>") for i in ids]


def test_ten_thousand_hits_scroll_without_loading_all(qtbot, runner):  # type: ignore[no-untyped-def]
    source = _CountingSource()
    ids = tuple(range(1, 10_001))
    first = source.hits(ids[:20])
    source.fetched, source.threads = 0, set()
    model = ResultsModel(source, runner, page_size=100)
    view = QListView()
    qtbot.addWidget(view)
    view.setUniformItemSizes(True)
    view.resize(400, 300)
    view.setModel(model)
    view.show()
    model.set_result(SearchResult(total=10_000, ids=ids, hits=tuple(first), facets={}))
    for _ in range(5):  # scroll to the end of what is loaded, five times
        before = model.loaded()
        view.scrollToBottom()
        qtbot.waitUntil(lambda before=before: model.loaded() > before, timeout=10_000)
    assert 20 < model.loaded() < model.total() == 10_000
    assert source.fetched == model.loaded() - 20  # only the pages shown were fetched
    assert threading.main_thread().name not in source.threads  # fetched on the worker
    last = model.index(model.rowCount() - 1, 0)
    assert last.data(Role.ID) == model.loaded()


def test_meta_line() -> None:
    hit = Hit(1, "t", dt.date(2026, 1, 5), "平城头条", 2, ("甲", "乙"), ("古城街道",), (), "")
    assert meta_line(hit) == "2026-01-05 · 平城头条 p.2 · 甲、乙 · 古城街道"
    bare = Hit(2, "t", dt.date(2026, 1, 5), None, None, (), (), (), "")
    assert meta_line(bare) == "2026-01-05"
