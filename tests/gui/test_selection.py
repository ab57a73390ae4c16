"""SelectionBasket and BasketView over a real archive: titles, order, persistence, remove/clear/export."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt

from viewer.models.selection import SETTINGS_KEY, IdRole, SelectionBasket
from viewer.widgets.basket import BasketView


@pytest.fixture
def qsettings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "basket.ini"), QSettings.Format.IniFormat)


def some_articles(archive, n: int = 3) -> list:  # type: ignore[no-untyped-def]
    articles = [a for e in archive.editions() for a in archive.edition_articles(e.id)]
    assert len(articles) >= n
    return articles[:n]


def wait_titles(basket: SelectionBasket, qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: all(basket.record(i) is not None for i in basket.ids()), timeout=30_000)


def test_add_remove_clear_with_titles(archive, runner, qtbot, qsettings, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    basket = SelectionBasket(archive, runner, settings=qsettings)
    qtmodeltester.check(basket)
    a, b, c = some_articles(archive)
    assert basket.add([b.id, a.id, b.id]) == 2
    assert basket.add([a.id]) == 0
    assert basket.ids() == [b.id, a.id]
    assert "loading" in basket.index(0).data() or b.title in basket.index(0).data()
    wait_titles(basket, qtbot)
    assert basket.index(0).data() == f"{b.date.isoformat()}  {b.title}"
    assert basket.index(1).data(IdRole) == a.id
    assert a.title in basket.index(1).data(Qt.ItemDataRole.ToolTipRole)
    basket.add([c.id])
    basket.remove([b.id])
    assert basket.ids() == [a.id, c.id]
    basket.clear()
    assert basket.ids() == [] and basket.rowCount() == 0


def test_the_basket_persists_across_sessions_and_drops_unknown_ids(
    archive, runner, qtbot, qsettings, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    a, b, _c = some_articles(archive)
    first = SelectionBasket(archive, runner, settings=qsettings)
    first.add([a.id, b.id])
    qsettings.sync()
    assert qsettings.value(SETTINGS_KEY) == f"{a.id},{b.id}"

    qsettings.setValue(SETTINGS_KEY, f"{a.id},{b.id},987654321")  # an id the archive no longer has
    again = SelectionBasket(archive, runner, settings=qsettings)
    qtmodeltester.check(again)
    assert again.ids() == [a.id, b.id, 987654321]
    qtbot.waitUntil(lambda: again.ids() == [a.id, b.id], timeout=30_000)
    wait_titles(again, qtbot)
    assert b.title in again.index(1).data()
    assert qsettings.value(SETTINGS_KEY) == f"{a.id},{b.id}"


def test_refresh_shows_edited_titles(archive, runner, qtbot, qsettings) -> None:  # type: ignore[no-untyped-def]
    a, *_ = some_articles(archive)
    basket = SelectionBasket(archive, runner, settings=qsettings)
    basket.add([a.id])
    wait_titles(basket, qtbot)
    archive.edit_article(a.id, title="选集里改过的标题")
    basket.refresh()
    qtbot.waitUntil(lambda: "选集里改过的标题" in basket.index(0).data(), timeout=30_000)


def test_basket_view_remove_clear_export(archive, runner, qtbot, qsettings) -> None:  # type: ignore[no-untyped-def]
    a, b, c = some_articles(archive)
    basket = SelectionBasket(archive, runner, settings=qsettings)
    view = BasketView(basket)
    qtbot.addWidget(view)
    view.show()
    assert not view.export_button.isEnabled() and not view.clear_button.isEnabled()
    basket.add([a.id, b.id, c.id])
    assert view.count_label.text() == "Selected articles: 3"
    assert view.export_button.isEnabled() and not view.remove_button.isEnabled()

    view.list.selectionModel().select(basket.index(1), QItemSelectionModel.SelectionFlag.Select)
    assert view.remove_button.isEnabled()
    qtbot.mouseClick(view.remove_button, Qt.MouseButton.LeftButton)
    assert basket.ids() == [a.id, c.id]
    assert view.count_label.text() == "Selected articles: 2"

    with qtbot.waitSignal(view.export_requested) as exported:
        qtbot.mouseClick(view.export_button, Qt.MouseButton.LeftButton)
    assert exported.args == [[a.id, c.id]]

    with qtbot.waitSignal(view.article_activated) as activated:
        view.list.activated.emit(basket.index(1))
    assert activated.args == [c.id]

    asked: list[str] = []
    view.confirm = lambda _title, question: asked.append(question) or False  # the user says no
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert basket.ids() == [a.id, c.id] and asked == ["Remove all 2 articles from the selection?"]
    view.confirm = lambda _title, _question: True
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert basket.ids() == [] and not view.export_button.isEnabled()
    assert "The selection is empty" in view.count_label.text()  # a hint, not "0"
    assert view.undo_button.isVisible()
    basket.add([b.id])  # added after the clear: kept, behind the restored ones
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    assert basket.ids() == [a.id, c.id, b.id] and not view.undo_button.isVisible()


def test_each_archive_keeps_its_own_selection(archive, runner, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from viewer.archive_state import STATE_NAME, ArchiveState

    a, b, c = some_articles(archive)
    here, there = tmp_path / "one", tmp_path / "two"
    here.mkdir()
    there.mkdir()
    first = SelectionBasket(archive, runner, state=ArchiveState(here))
    first.add([a.id, b.id])
    other = SelectionBasket(archive, runner, state=ArchiveState(there))
    assert other.ids() == []  # another archive: its own, empty selection
    other.add([c.id])
    assert SelectionBasket(archive, runner, state=ArchiveState(here)).ids() == [a.id, b.id]
    assert SelectionBasket(archive, runner, state=ArchiveState(there)).ids() == [c.id]
    (here / STATE_NAME).write_text("{not json", encoding="utf-8")
    assert SelectionBasket(archive, runner, state=ArchiveState(here)).ids() == []  # damaged: empty
    runner.wait(10_000)
    qtbot.wait(20)
