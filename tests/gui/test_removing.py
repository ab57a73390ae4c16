"""Removing editions and articles in the viewer: confirmation, every view follows, undo."""

from __future__ import annotations

import pytest

from index.errors import ArchiveError
from index.models import SearchRequest
from viewer.mainwindow import EDITIONS_TAB


def _search(viewer, qtbot, text: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(viewer.controller.result_ready, timeout=10_000) as blocker:
        viewer.search_bar.set_text(text, search=True)
    return blocker.args[0]


def test_remove_selected_articles_confirm_then_undo(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    result = _search(started, qtbot, common_word)
    started.result_view.set_current_row(0)
    victim = result.ids[0]
    qtbot.waitUntil(lambda: started.reader.article is not None and started.reader.article.id == victim)
    started.basket.add([victim])
    asked: list[str] = []
    started.remover.confirm = lambda _t, q: asked.append(q) or False  # the user says no
    started.window.remove_action.trigger()
    assert asked and "1 article" in asked[0]
    assert started.archive.article(victim).id == victim  # nothing removed
    started.remover.confirm = lambda _t, _q: True
    with qtbot.waitSignal(started.remover.undo_available, timeout=10_000):
        started.window.remove_action.trigger()
    qtbot.waitUntil(lambda: victim not in started.results.ids(), timeout=10_000)
    qtbot.waitUntil(lambda: started.reader.article is None, timeout=10_000)
    qtbot.waitUntil(lambda: victim not in started.basket.ids(), timeout=10_000)
    assert started.window.undo_remove_action.isEnabled()
    with pytest.raises(ArchiveError):
        started.archive.article(victim)
    with qtbot.waitSignal(started.remover.undo_available, timeout=10_000) as undone:
        started.window.undo_remove_action.trigger()
    assert undone.args == [False] and not started.window.undo_remove_action.isEnabled()
    qtbot.waitUntil(lambda: victim in started.results.ids(), timeout=10_000)
    qtbot.waitUntil(lambda: victim in started.basket.ids(), timeout=10_000)  # back in the 选集 too
    assert set(started.archive.search(SearchRequest(common_word, limit=0)).ids) == set(result.ids)


def test_remove_the_opened_edition_from_the_browser(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    browser = started.edition_browser
    started.window.show_tab(EDITIONS_TAB)
    qtbot.waitUntil(lambda: browser.current_edition_id() is not None, timeout=10_000)
    edition = browser.current_edition_id()
    count = len(started.archive.editions())
    asked: list[str] = []
    started.remover.confirm = lambda _t, q: asked.append(q) or True
    started.window.remove_action.trigger()
    assert browser.current_edition_label() in asked[0]
    qtbot.waitUntil(lambda: edition not in browser.model.edition_ids(), timeout=10_000)
    assert len(started.archive.editions()) == count - 1
    with qtbot.waitSignal(started.remover.undo_available, timeout=10_000):
        started.remover.undo()
    qtbot.waitUntil(lambda: edition in browser.model.edition_ids(), timeout=10_000)
