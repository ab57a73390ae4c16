"""EditionBrowser on a real archive: opens editions, prev/next, activation, selection into the basket."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, Qt

from index.archive import Archive
from viewer.models.editions import IdRole, Kind, KindRole
from viewer.models.selection import SelectionBasket
from viewer.widgets.edition_browser import EditionBrowser


@pytest.fixture
def browser(archive, runner, qtbot):  # type: ignore[no-untyped-def]
    widget = EditionBrowser(archive, runner)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.current_edition_id() is not None, timeout=30_000)
    wait_articles(widget, qtbot)
    return widget


def wait_articles(widget: EditionBrowser, qtbot) -> None:  # type: ignore[no-untyped-def]
    root = widget.articles.rootIndex()
    qtbot.waitUntil(lambda: widget.model.rowCount(root) > 0, timeout=30_000)


def article_rows(widget: EditionBrowser) -> list[QModelIndex]:
    """Article rows shown on the right, top to bottom."""
    return [i for i in _walk(widget.model, widget.articles.rootIndex()) if i.data(KindRole) == Kind.ARTICLE]


def test_opens_the_newest_edition_with_its_articles_in_order(browser: EditionBrowser, archive) -> None:  # type: ignore[no-untyped-def]
    editions = sorted(archive.editions(), key=lambda e: (e.date, e.id))
    newest = editions[-1]
    assert browser.current_edition_id() == newest.id
    assert newest.date.isoformat() in browser.title_label.text()
    assert [i.data(IdRole) for i in article_rows(browser)] == [
        a.id for a in archive.edition_articles(newest.id)
    ]
    sections = [
        i for i in _walk(browser.model, browser.articles.rootIndex()) if i.data(KindRole) == Kind.SECTION
    ]
    assert all(browser.articles.isExpanded(s) for s in sections)
    assert not browser.next_button.isEnabled()
    assert browser.prev_button.isEnabled() == (len(editions) > 1)


def test_previous_and_next_edition(browser: EditionBrowser, archive, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = [e.id for e in sorted(archive.editions(), key=lambda e: (e.date, e.id))]
    assert len(ids) >= 2, "the sample archive has several editions"
    qtbot.mouseClick(browser.prev_button, Qt.MouseButton.LeftButton)
    assert browser.current_edition_id() == ids[-2]
    wait_articles(browser, qtbot)
    assert [i.data(IdRole) for i in article_rows(browser)] == [
        a.id for a in archive.edition_articles(ids[-2])
    ]
    assert browser.next_button.isEnabled()
    for _ in ids:
        qtbot.mouseClick(browser.prev_button, Qt.MouseButton.LeftButton)
    assert browser.current_edition_id() == ids[0]
    assert not browser.prev_button.isEnabled()
    qtbot.mouseClick(browser.next_button, Qt.MouseButton.LeftButton)
    assert browser.current_edition_id() == ids[1]
    # The tree on the left follows.
    assert browser.tree.currentIndex().data(IdRole) == ids[1]


def test_choosing_an_article_in_the_tree_opens_its_edition_and_activation_emits(
    browser, archive, qtbot
) -> None:  # type: ignore[no-untyped-def]
    oldest = min(archive.editions(), key=lambda e: (e.date, e.id))
    index = browser.model.edition_index(oldest.id)
    browser.tree.scrollTo(index)  # expands its year and month
    browser.tree.expand(index)  # the view asks the model for the articles
    qtbot.waitUntil(lambda: browser.model.rowCount(index) > 0, timeout=30_000)
    first_id = archive.edition_articles(oldest.id)[0].id
    article = next(
        i
        for i in _walk(browser.model, index)
        if i.data(IdRole) == first_id and i.data(KindRole) == Kind.ARTICLE
    )
    browser.tree.setCurrentIndex(article)
    assert browser.current_edition_id() == oldest.id
    assert browser.articles.currentIndex().data(IdRole) == first_id
    with qtbot.waitSignal(browser.article_activated) as blocker:
        browser.articles.activated.emit(browser.articles.currentIndex())
    assert blocker.args == [first_id]


def test_selected_articles_go_to_the_basket(
    browser: EditionBrowser, archive, runner, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    basket = SelectionBasket(
        archive, runner, settings=QSettings(str(tmp_path / "b.ini"), QSettings.Format.IniFormat)
    )
    browser.add_to_basket.connect(basket.add)
    rows = article_rows(browser)
    assert not browser.basket_button.isEnabled()
    picked = rows[:1] + rows[-1:] if len(rows) > 1 else rows
    selection = browser.articles.selectionModel()
    for index in picked:
        selection.select(
            index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        )
    assert browser.basket_button.isEnabled()
    with qtbot.waitSignal(browser.add_to_basket) as blocker:
        qtbot.mouseClick(browser.basket_button, Qt.MouseButton.LeftButton)
    expected = list(dict.fromkeys(i.data(IdRole) for i in picked))
    assert blocker.args == [expected]
    assert basket.ids() == expected
    titles = {a.id: a.title for a in archive.edition_articles(browser.current_edition_id())}
    qtbot.waitUntil(
        lambda: all(titles[i] in basket.index(r).data() for r, i in enumerate(expected)), timeout=30_000
    )


def test_selecting_a_section_selects_its_articles(browser: EditionBrowser, archive, qtbot) -> None:  # type: ignore[no-untyped-def]
    for edition_id in browser.model.edition_ids():
        browser.open_edition(edition_id)
        wait_articles(browser, qtbot)
        root = browser.articles.rootIndex()
        sections = [browser.model.index(r, 0, root) for r in range(browser.model.rowCount(root))]
        sections = [s for s in sections if s.data(KindRole) == Kind.SECTION]
        if sections:
            break
    else:
        raise AssertionError("the sample editions have sections")
    section = sections[0]
    browser.articles.selectionModel().select(
        section, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    inside = [browser.model.index(r, 0, section).data(IdRole) for r in range(browser.model.rowCount(section))]
    assert browser.selected_article_ids() == inside


def test_refresh_shows_edits_and_keeps_the_open_edition(browser: EditionBrowser, archive, qtbot) -> None:  # type: ignore[no-untyped-def]
    ids = browser.model.edition_ids()
    browser.open_edition(ids[0])
    wait_articles(browser, qtbot)
    article = archive.edition_articles(ids[0])[0]
    archive.edit_article(article.id, title="校订后的标题")
    with qtbot.waitSignal(browser.model.edition_loaded, timeout=30_000):
        browser.refresh()
    assert browser.current_edition_id() == ids[0]
    shown = {i.data(IdRole): i.data() for i in article_rows(browser)}
    assert "校订后的标题" in shown[article.id]


def test_an_empty_archive_says_so(runner, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    archive = Archive(tmp_path / "empty")
    try:
        widget = EditionBrowser(archive, runner)
        qtbot.addWidget(widget)
        with qtbot.waitSignal(widget.model.loaded, timeout=30_000):
            pass
        assert widget.current_edition_id() is None
        assert widget.title_label.text() == "No edition"
        assert not widget.prev_button.isEnabled() and not widget.next_button.isEnabled()
        runner.wait(30_000)
    finally:
        archive.close()


def _walk(model, parent: QModelIndex) -> list[QModelIndex]:  # type: ignore[no-untyped-def]
    out = []
    for row in range(model.rowCount(parent)):
        child = model.index(row, 0, parent)
        out.append(child)
        out += _walk(model, child)
    return out


def test_closing_the_browser_while_jobs_run_is_safe(archive, runner, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Answers that arrive after the widget is gone are dropped (pytest-qt fails on any exception)."""
    import shiboken6

    widget = EditionBrowser(archive, runner)
    widget.refresh()
    shiboken6.delete(widget)
    assert runner.wait(30_000)
    qtbot.wait(50)
