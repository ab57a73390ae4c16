"""Search bar (debounce, IME input, sort, dates, hint) and the controller (worker, newest wins)."""

from __future__ import annotations

import datetime as dt
import threading

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from index.models import SearchRequest, SearchResult
from viewer.search import SearchController
from viewer.widgets.searchbar import SearchBar


def _bar(qtbot) -> SearchBar:  # type: ignore[no-untyped-def]
    bar = SearchBar()
    qtbot.addWidget(bar)
    bar.show()
    return bar


def test_typing_is_debounced_into_one_search(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = _bar(qtbot)
    seen: list[str] = []
    bar.query_changed.connect(seen.append)
    qtbot.keyClicks(bar.edit, "abc")
    assert bar.is_pending() and seen == []  # nothing yet: the user is still typing
    with qtbot.waitSignal(bar.query_changed, timeout=2000):
        pass
    qtbot.wait(300)
    assert seen == ["abc"]


def test_chinese_input_method_commit_searches(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = _bar(qtbot)
    bar.edit.setFocus()
    event = QInputMethodEvent()
    event.setCommitString("平城")
    with qtbot.waitSignal(bar.query_changed, timeout=2000) as blocker:
        QApplication.sendEvent(bar.edit, event)
    assert blocker.args == ["平城"] and bar.text() == "平城"


def test_enter_searches_at_once(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = _bar(qtbot)
    bar.edit.setText("社区")
    with qtbot.waitSignal(bar.query_changed, timeout=100) as blocker:
        qtbot.keyClick(bar.edit, Qt.Key.Key_Return)
    assert blocker.args == ["社区"] and not bar.is_pending()


def test_sort_and_date_range(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = _bar(qtbot)
    assert bar.sort_key() == "relevance" and bar.dates() == (None, None)
    with qtbot.waitSignal(bar.sort_changed) as blocker:
        bar.sort.setCurrentIndex(bar.sort.findData("date"))
    assert blocker.args == ["date"]
    with qtbot.waitSignal(bar.dates_changed) as blocker:
        bar.set_dates(dt.date(2025, 10, 1), None)
    assert blocker.args == [dt.date(2025, 10, 1), None]
    assert bar.date_to.edit.text() == ""  # "any" is an empty field (placeholder)
    with qtbot.waitSignal(bar.dates_changed) as blocker:
        bar.date_filter.any_action.trigger()
    assert blocker.args == [None, None]


def test_hint_shows_the_segmentation(qtbot, archive, runner, common_word) -> None:  # type: ignore[no-untyped-def]
    bar = _bar(qtbot)
    controller = SearchController(archive, runner)
    controller.result_ready.connect(lambda r: bar.show_terms(r.terms, r.total, r.elapsed_ms))
    query = f"{common_word}工作"
    with qtbot.waitSignal(controller.result_ready, timeout=10_000) as blocker:
        controller.update(text=query)
    result: SearchResult = blocker.args[0]
    assert result.terms, "the core reports how the query was segmented"
    hint = bar.hint.text()
    assert " / ".join(result.terms) in hint
    assert str(result.total) in hint


class _HeldArchive:
    """The real archive, but the first search waits until released (to pile up requests)."""

    def __init__(self, archive) -> None:  # type: ignore[no-untyped-def]
        self.archive = archive
        self.release = threading.Event()
        self.requests: list[SearchRequest] = []

    def search(self, request: SearchRequest) -> SearchResult:
        self.requests.append(request)
        if len(self.requests) == 1:
            self.release.wait(10)
        return self.archive.search(request)


def test_newest_search_wins(qtbot, archive, runner, common_word) -> None:  # type: ignore[no-untyped-def]
    held = _HeldArchive(archive)
    controller = SearchController(held, runner)
    results: list[SearchResult] = []
    controller.result_ready.connect(results.append)
    for text in ("a", "ab", "abc", "abcd", common_word):
        controller.update(text=text)
    assert controller.is_busy()
    held.release.set()
    qtbot.waitUntil(lambda: not controller.is_busy(), timeout=10_000)
    # Only the first (already running) and the newest request reached the core; only the newest shows.
    assert [r.text for r in held.requests] == ["a", common_word]
    assert len(results) == 1 and results[0].total == archive.search(SearchRequest(text=common_word)).total


def test_a_bad_query_is_reported_not_raised(qtbot, archive, runner) -> None:  # type: ignore[no-untyped-def]
    bar = _bar(qtbot)
    controller = SearchController(archive, runner)
    controller.failed.connect(bar.show_error)

    class Broken:
        def search(self, request: SearchRequest) -> SearchResult:
            from index.errors import BadQuery

            raise BadQuery(f"cannot understand {request.text!r}")

    controller._archive = Broken()
    with qtbot.waitSignal(controller.failed, timeout=5000) as blocker:
        controller.update(text="日期:")
    assert "日期:" in blocker.args[0] and "日期:" in bar.hint.toolTip()


def test_hint_says_quoted_phrases_are_exact_text_and_names_resolved_streets(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar = _bar(qtbot)
    bar.edit.setText('"天安门 广场" 街道:东街 -"招聘"')
    bar.show_terms(["天安门广场"], 3, 1.0, [("东街", "古城街道")])
    hint = bar.hint.text()
    assert "“天安门广场” = exact text" in hint and "招聘" not in hint
    assert "东街 → 古城街道" in hint
