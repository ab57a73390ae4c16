"""Issue 11: the viewer as journalists and librarians use it (shortcuts, reader, editions, facets)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from index.models import SearchRequest
from viewer.models.editions import IdRole, Kind, KindRole
from viewer.navigation import Origin


def _search(viewer, qtbot, text: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(viewer.controller.result_ready, timeout=10_000) as blocker:
        viewer.search_bar.set_text(text, search=True)
    return blocker.args[0]


def _open_first(viewer, qtbot, word: str):  # type: ignore[no-untyped-def]
    result = _search(viewer, qtbot, word)
    viewer.result_view.set_current_row(0)
    qtbot.waitUntil(lambda: viewer.reader.article is not None and viewer.reader.article.id == result.ids[0])
    return result


def test_ctrl_e_exports_from_the_search_box(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    _open_first(started, qtbot, common_word)
    fired: list[bool] = []
    started.window.export_action.triggered.connect(lambda *_a: fired.append(True))
    started.window.activateWindow()
    started.search_bar.edit.setFocus()
    qtbot.waitUntil(started.search_bar.edit.hasFocus, timeout=2000)
    started.search_bar.edit.setCursorPosition(0)
    qtbot.keyClick(started.search_bar.edit, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]
    assert started.search_bar.edit.cursorPosition() == 0  # not taken as "end of line"
    # Editing keys stay with the field: Ctrl+A selects the query text, no window action fires.
    qtbot.keyClick(started.search_bar.edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert started.search_bar.edit.selectedText() == started.search_bar.edit.text()


def test_the_search_field_hands_window_shortcuts_back(started) -> None:  # type: ignore[no-untyped-def]
    """Under X11 a QLineEdit claims Ctrl+E ("end of line") in its ShortcutOverride; the filter on
    the search field gives it back to the window (offscreen Qt has no such binding, so the filter
    itself is checked here)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent

    edit = started.search_bar.edit

    def override(key: Qt.Key) -> tuple[bool, bool]:
        event = QKeyEvent(QEvent.Type.ShortcutOverride, key, Qt.KeyboardModifier.ControlModifier)
        event.accept()
        handled = started.window._shortcuts_win.eventFilter(edit, event)
        return handled, event.isAccepted()

    assert override(Qt.Key.Key_E) == (True, False)  # export wins
    assert override(Qt.Key.Key_D) == (True, False)  # add to the selection wins (X11: delete char)
    assert override(Qt.Key.Key_A)[0] is False  # select all stays with the field
    assert override(Qt.Key.Key_K)[0] is False  # no window action on Ctrl+K: the field keeps it


def test_the_reader_empties_after_a_search_without_its_article(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    _open_first(started, qtbot, common_word)
    _search(started, qtbot, "这个词不在任何文章里出现过啊")
    assert started.reader.article is None and started.reader.browser.toPlainText() == ""
    _open_first(started, qtbot, common_word)
    with qtbot.waitSignal(started.controller.failed, timeout=10_000):
        started.search_bar.set_text("日期:", search=True)
    assert started.reader.article is None


def test_the_reader_keeps_an_article_still_in_the_result(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    result = _open_first(started, qtbot, common_word)
    shown = started.reader.article.id
    again = _search(started, qtbot, common_word + " ")
    assert shown in again.ids and started.reader.article.id == shown
    assert result.total == again.total


def _first_article_index(browser):  # type: ignore[no-untyped-def]
    model = browser.model
    stack = [browser.articles.rootIndex()]
    while stack:
        parent = stack.pop(0)
        for r in range(model.rowCount(parent)):
            child = model.index(r, 0, parent)
            if child.data(KindRole) == Kind.ARTICLE:
                return child
            stack.append(child)
    return QModelIndex()


def test_edition_browser_click_opens_and_next_follows_reading_order(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    browser = started.edition_browser
    started.window.show_tab(1)
    qtbot.waitUntil(lambda: _first_article_index(browser).isValid(), timeout=10_000)
    first = _first_article_index(browser)
    browser.articles.setCurrentIndex(first)  # a click or an arrow key makes it current
    qtbot.waitUntil(
        lambda: started.reader.article is not None and started.reader.article.id == first.data(IdRole)
    )
    assert started.navigator.origin is Origin.EDITION
    order = browser.reading_order()
    assert order[0] == first.data(IdRole) and len(order) > 2
    started.reader.next_result_requested.emit()  # 下一条
    qtbot.waitUntil(lambda: started.reader.article.id == order[1], timeout=10_000)
    assert browser.articles.currentIndex().data(IdRole) == order[1]  # the browser follows
    started.reader.prev_result_requested.emit()
    qtbot.waitUntil(lambda: started.reader.article.id == order[0], timeout=10_000)
    # 版面 and reporters columns are sized to their content, never cut.
    header = browser.articles.header()
    assert header.sectionResizeMode(1) == header.ResizeMode.ResizeToContents


def test_go_to_edition_opens_the_browser_at_the_article(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    _open_first(started, qtbot, common_word)
    article = started.reader.article
    started.window.goto_edition_action.trigger()
    browser = started.edition_browser
    assert started.window.tabs.currentWidget() is browser
    qtbot.waitUntil(lambda: browser.articles.currentIndex().data(IdRole) == article.id, timeout=10_000)
    assert browser.current_edition_id() == article.edition_id


def test_facets_offer_alternatives_or_within_and_across(started, qtbot, archive_dir) -> None:  # type: ignore[no-untyped-def]
    first = _search(started, qtbot, "")
    months = {c.value: c.count for c in first.facets["month"]}
    assert len(months) >= 1
    streets = sorted(first.facets["street"], key=lambda c: -c.count)
    a, b = streets[0].value, streets[1].value
    with qtbot.waitSignal(started.controller.result_ready, timeout=10_000) as one:
        started.facets.set_checked("street", a, True)
    counts = {c.value: c.count for c in one.args[0].facets["street"]}
    assert counts[b] == streets[1].count  # the other street stays offered, with its own count
    with qtbot.waitSignal(started.controller.result_ready, timeout=10_000) as both:
        started.facets.set_checked("street", b, True)
    either = both.args[0]
    brute = {
        i
        for e in started.archive.editions()
        for art in started.archive.edition_articles(e.id)
        for i in [art.id]
        if a in art.streets or b in art.streets
    }
    assert set(either.ids) == brute  # OR within a facet
    topic = either.facets["topic"][0].value
    with qtbot.waitSignal(started.controller.result_ready, timeout=10_000) as across:
        started.facets.set_checked("topic", topic, True)
    anded = {i for i in brute if topic in started.archive.article(i).topics}
    assert set(across.args[0].ids) == anded  # AND across facets
    direct = started.archive.search(SearchRequest(filters={"street": (a, b), "topic": (topic,)}, limit=0))
    assert set(direct.ids) == anded


def test_clear_all_also_clears_the_dates_and_the_calendar_knows_the_archive(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    dates = [e.date for e in started.archive.editions()]
    qtbot.waitUntil(lambda: started.search_bar.date_filter.date_from._range is not None, timeout=10_000)
    assert started.search_bar.date_filter.date_from._range == (min(dates), max(dates))
    panel = started.facet_panel
    assert not panel.clear_button.isEnabled()
    with qtbot.waitSignal(started.controller.result_ready, timeout=10_000) as narrowed:
        started.search_bar.set_dates(max(dates), None)
    assert all(started.archive.article(i).date >= max(dates) for i in narrowed.args[0].ids)
    assert panel.clear_button.isEnabled()  # a date range alone is something to clear
    with qtbot.waitSignal(started.controller.result_ready, timeout=10_000) as cleared:
        panel.clear_button.click()
    assert started.search_bar.dates() == (None, None)
    assert started.controller.request.date_from is None and not panel.clear_button.isEnabled()
    assert cleared.args[0].total >= narrowed.args[0].total
    assert isinstance(max(dates), dt.date)


def test_a_second_ctrl_d_says_already_in_the_selection(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    _open_first(started, qtbot, common_word)
    started.window.add_to_basket_action.trigger()
    qtbot.waitUntil(lambda: len(started.basket.ids()) == 1)
    assert started.window.statusBar().currentMessage() == "1 added to the selection."
    started.window.add_to_basket_action.trigger()
    assert started.basket.ids() == [started.result_view.current_id()]
    assert started.window.statusBar().currentMessage() == "Already in the selection (1)."


def test_the_edit_panel_keeps_the_layout_and_its_width(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    from viewer.mainwindow import EDIT_DOCK_WIDTH

    w = started.window
    w.resize(1280, 800)
    _open_first(started, qtbot, common_word)
    w.show_tab(1)
    w.edit_action.trigger()
    qtbot.waitUntil(lambda: w.edit_dock.isVisible())
    qtbot.wait(50)
    first = w.edit_dock.width()
    assert abs(first - EDIT_DOCK_WIDTH) <= 10
    assert started.edition_browser.tree.width() >= 170  # the edition tree is not crushed
    w.edit_dock.hide()
    w.edit_action.trigger()
    qtbot.wait(50)
    assert abs(w.edit_dock.width() - first) <= 2  # the same width at every opening
    w.resize(1024, 700)
    qtbot.wait(50)
    scroll = w.edit_dock.widget()
    assert scroll.widget() is started.edit_form and scroll.widgetResizable()
    # Every field can be reached: the form is as tall as it needs, the scroll area scrolls to it.
    form = started.edit_form
    assert form.height() >= form.minimumSizeHint().height()
    assert started.edition_browser.tree.width() >= 170


def test_reader_font_size_keys_and_memory(started, qtbot, settings, common_word) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QKeySequence

    _open_first(started, qtbot, common_word)
    w = started.window
    assert QKeySequence("Ctrl+=") in w.zoom_in_action.shortcuts()
    assert QKeySequence("Ctrl+-") in w.zoom_out_action.shortcuts()
    before = started.reader.font_size()
    w.zoom_in_action.trigger()
    w.zoom_in_action.trigger()
    assert started.reader.font_size() == before + 2
    assert started.reader.browser.document().defaultFont().pointSizeF() == before + 2
    assert float(settings.get("reader/font_size")) == before + 2
    w.zoom_out_action.trigger()
    assert started.reader.font_size() == before + 1
    w.zoom_reset_action.trigger()
    assert float(settings.get("reader/font_size")) == 0


def test_f3_centres_the_match(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    """A match far down a long article is scrolled to the middle, not left half-clipped at the edge."""
    import dataclasses

    from tests.archive_helpers import FILLER

    started.window.resize(1280, 500)
    base = started.archive.edition_articles(started.archive.editions()[0].id)[0]
    body = "\n".join([*FILLER * 12, "这里有一个独特词语鹦鹉螺。", *FILLER * 12])
    article = dataclasses.replace(base, body=body, captions=())
    reader = started.reader
    reader.show_article(article, ("鹦鹉螺",))
    qtbot.wait(20)
    assert reader.hit_count() == 1
    reader.step_hit(1)
    rect = reader.browser.cursorRect()
    height = reader.browser.viewport().height()
    assert reader.browser.verticalScrollBar().value() > 0
    assert abs(rect.center().y() - height // 2) <= rect.height()


def test_toolbar_help_pages_and_version(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    from index import fields
    from viewer.help import version

    w = started.window
    assert w.export_action in w.toolbar.actions() and w.import_action in w.toolbar.actions()
    syntax = started.window_commands.show_help("syntax")
    qtbot.addWidget(syntax)
    text = syntax.browser.toPlainText()
    for fld in fields.FIELDS:  # every query prefix of the registry is explained
        for prefix in fld.prefixes:
            if fld.example:
                assert f"{prefix}:{fld.example}" in text
    assert "摄影:杨宇" in text
    keys = started.window_commands.show_help("shortcuts")
    qtbot.addWidget(keys)
    listing = keys.browser.toPlainText()
    assert "Ctrl+E" in listing and "F3" in listing and "Ctrl+G" in listing
    from index import __version__

    assert version() == __version__


def test_count_text_says_one_article(started, qtbot) -> None:  # type: ignore[no-untyped-def]
    started._show_count(1, 1)
    assert started.window.count_label.text() == "1 article, 1 shown"
    started._show_count(20, 120)
    assert started.window.count_label.text() == "120 articles, 20 shown"


def test_a_language_change_offers_a_restart_and_rebuilds(started, qtbot, settings) -> None:  # type: ignore[no-untyped-def]
    asked: list[bool] = []
    started.window_commands.confirm_restart = lambda: asked.append(True) or True
    english = started.window.language_actions["en"]
    chinese = started.window.language_actions["zh_CN"]
    target = chinese if started.language == "en" else english
    target.trigger()
    assert asked == [True] and started.restart_requested
    assert settings.get("ui/language") == target.data()
    qtbot.waitUntil(lambda: not started.window.isVisible(), timeout=5000)


def test_articles_in_the_selection_and_corrected_ones_are_marked(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    from viewer.models.results import Role

    result = _open_first(started, qtbot, common_word)
    first = result.ids[0]
    assert "★" not in started.results.index(0, 0).data(Role.META)
    started.basket.add([first])
    assert "★" in started.results.index(0, 0).data(Role.META)
    assert "★" not in started.results.index(1, 0).data(Role.META)
    browser = started.edition_browser
    article = started.reader.article
    browser.show_article(article.edition_id, article.id)
    qtbot.waitUntil(lambda: browser.articles.currentIndex().data(IdRole) == article.id, timeout=10_000)
    assert "★" in browser.articles.currentIndex().data()
    with qtbot.waitSignal(started.events.changed, timeout=10_000):
        started.long_tasks.submit(started.archive.edit_article, article.id, title="改过的标题")
    qtbot.waitUntil(
        lambda: browser.select_article(article.id) and "✎" in str(browser.articles.currentIndex().data()),
        timeout=10_000,
    )
    # the result list marks the corrected article too (once it is refreshed from the change)
    qtbot.waitUntil(
        lambda: any(
            "✎" in str(started.results.index(r, 0).data(Role.META)) and started.results.ids()[r] == article.id
            for r in range(started.results.rowCount())
        ),
        timeout=10_000,
    )
    others = [r for r in range(started.results.rowCount()) if started.results.ids()[r] != article.id]
    assert others and all("✎" not in str(started.results.index(r, 0).data(Role.META)) for r in others)


def test_one_reporter_is_a_reporter(started) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    base = started.archive.edition_articles(started.archive.editions()[0].id)[0]
    started.reader.show_article(dataclasses.replace(base, reporters=("甲",)))
    assert "Reporter: 甲" in started.reader.browser.toPlainText()
    started.reader.show_article(dataclasses.replace(base, reporters=("甲", "乙")))
    assert "Reporters: 甲、乙" in started.reader.browser.toPlainText()


def test_the_result_list_context_menu_offers_the_article_commands(started) -> None:  # type: ignore[no-untyped-def]
    w = started.window
    offered = started.result_view.actions()
    for act in (
        w.add_to_basket_action,
        w.export_action,
        w.edit_action,
        w.goto_edition_action,
        w.remove_action,
    ):
        assert act in offered
