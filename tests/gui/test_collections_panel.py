"""The collections panel over a real archive: create, notes, remove, share a file, vanished articles."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from index.archive import Archive
from tests.archive_helpers import article, edition
from viewer.widgets.collections_panel import CollectionsPanel


@pytest.fixture()
def archive(tmp_path: Path) -> Iterator[Archive]:
    with Archive(tmp_path / "a") as a:
        a.import_editions(
            [
                edition(
                    dt.date(2025, 3, 1),
                    [article("春耕备耕", "农机检修。"), article("植树节活动", "栽下树苗。")],
                )
            ]
        )
        yield a


def _ids(a: Archive) -> dict[str, int]:
    return {r.title: r.id for e in a.editions() for r in a.edition_articles(e.id)}


def test_panel_shows_edits_and_shares(qtbot: QtBot, archive: Archive, tmp_path: Path) -> None:
    ids = _ids(archive)
    panel = CollectionsPanel(archive.collections)
    qtbot.addWidget(panel)
    assert panel.names.count() == 0 and not panel.export_button.isEnabled()
    panel.new_collection("春季")
    cid = panel.current_id()
    assert cid is not None and panel.names.currentItem().text() == "春季 (0)"
    archive.collections.add(cid, [ids["植树节活动"], ids["春耕备耕"]])
    panel.refresh()
    assert panel.items.rowCount() == 2 and panel.items.item(0, 1).text() == "植树节活动"
    panel.items.item(1, 2).setText("年终回顾用")  # editing the note cell stores it
    assert [i.note for i in archive.collections.items(cid)] == ["", "年终回顾用"]
    with qtbot.waitSignal(panel.export_requested) as sig:
        panel.export_button.click()
    assert sig.args == [[ids["植树节活动"], ids["春耕备耕"]]]
    with qtbot.waitSignal(panel.article_activated) as act:
        panel.items.cellDoubleClicked.emit(1, 0)
    assert act.args == [ids["春耕备耕"]]
    out = panel.share_current(tmp_path / "c.json")
    panel.items.selectRow(0)
    panel.remove_selected()
    assert archive.collections.ids(cid) == [ids["春耕备耕"]] and panel.items.rowCount() == 1
    result = panel.import_file(out)
    assert result.matched == 2 and panel.current_id() == result.collection.id
    assert panel.names.currentItem().text() == "春季 (2) (2)"
    panel.rename_current("分享")
    assert panel.names.currentItem().text() == "分享 (2)"
    panel.delete_current()
    assert panel.names.count() == 1


def test_a_vanished_article_is_listed_read_only(qtbot: QtBot, archive: Archive) -> None:
    ids = _ids(archive)
    col = archive.collections.create("x")
    archive.collections.add(col.id, [ids["植树节活动"]], "备用")
    archive.remove_articles([ids["植树节活动"]])
    panel = CollectionsPanel(archive.collections)
    qtbot.addWidget(panel)
    assert "植树节活动" in panel.items.item(0, 1).text() and panel.current_ids() == []
    assert not panel.items.item(0, 2).flags() & Qt.ItemFlag.ItemIsEditable
