"""EditForm on a real archive: a correction is stored in the catalog, reaches search and facets at once,
survives re-import, and can be reverted."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from index.models import SearchRequest
from viewer.widgets.edit_form import EditForm, split_names

NEW_WORD = "琉璃瓦"  # not in any sample edition (checked below)
NEW_TITLE = f"鼓楼{NEW_WORD}修缮工程完工"


@pytest.fixture
def form(archive, runner, qtbot):  # type: ignore[no-untyped-def]
    widget = EditForm(archive, runner)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: len(widget.topics_list.choices()) > 0, timeout=30_000)
    return widget


def first_article(archive):  # type: ignore[no-untyped-def]
    edition = min(archive.editions(), key=lambda e: (e.date, e.id))
    return archive.edition_articles(edition.id)[0]


def street_count(archive, street: str) -> int:  # type: ignore[no-untyped-def]
    counts = archive.search(SearchRequest(limit=0)).facets.get("street", ())
    return next((c.count for c in counts if c.value == street), 0)


def test_split_names() -> None:
    assert split_names(" 李满、王芳,张三， 李满 ;赵六 ") == ["李满", "王芳", "张三", "赵六"]
    assert split_names("王 芳") == ["王芳"]  # the core rule: one name, not 王 and 芳
    assert split_names("李满、王 芳") == ["李满", "王芳"]
    assert split_names("") == []


def test_a_correction_is_saved_searchable_faceted_and_survives_reimport(
    form: EditForm, archive, qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    article = first_article(archive)
    assert archive.search(SearchRequest(text=NEW_WORD)).total == 0
    street = next(s for s in archive.facet_values("street") if s not in article.streets)
    topic = next(t for t in archive.facet_values("topic") if t not in article.topics)
    streets_before = street_count(archive, street)

    form.show_article(article)
    assert form.title_edit.text() == article.title
    assert not form.save_button.isEnabled(), "nothing to save yet"
    assert not any(mark.isVisible() for mark in form.edited_marks.values())

    form.title_edit.setText(NEW_TITLE)
    form.reporters_edit.setText("、".join([*article.reporters, "测试记者"]))
    form.streets_list.set_checked(street, True)
    form.topics_list.set_checked(topic, True)
    form.topics_list.list.setCurrentRow(form.topics_list.choices().index(topic))
    for _ in range(len(form.topics_list.choices())):
        qtbot.mouseClick(form.topics_list.up_button, Qt.MouseButton.LeftButton)
    assert form.topics_list.selected()[0] == topic
    assert set(form.changes()) == {"title", "reporters", "streets", "topics"}

    with qtbot.waitSignal(form.saved, timeout=30_000) as saved:
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [article.id]

    # In the catalog, marked as a librarian's edit, shown as such in the form.
    stored = archive.article(article.id)
    assert stored.title == NEW_TITLE
    assert "测试记者" in stored.reporters
    assert street in stored.streets
    assert stored.topics[0] == topic
    assert {"title", "reporters", "streets", "topics"} <= stored.edited
    assert form.edited_marks["title"].isVisible() and form.revert_buttons["streets"].isVisible()
    assert not form.edited_marks["kicker"].isVisible()
    assert not form.save_button.isEnabled()

    # Search and facets reflect it at once.
    assert article.id in archive.search(SearchRequest(text=NEW_WORD)).ids
    assert article.id in archive.search(SearchRequest(streets=(street,))).ids
    assert street_count(archive, street) == streets_before + 1
    assert article.id in archive.search(SearchRequest(reporters=("测试记者",))).ids

    # Re-import: the same file, then a changed copy of it; the correction stays.
    edition = next(e for e in archive.editions() if e.id == article.edition_id)
    source = Path(edition.source_path)
    assert source.is_file(), f"the edition's source file is gone: {source}"
    archive.import_paths([source])
    changed = tmp_path / source.name
    shutil.copyfile(source, changed)
    with changed.open("a", encoding="utf-8") as handle:
        handle.write("\n\n本报讯（记者 测试）重新导入测试补充的一段新文字，用来改变文件内容。\n")
    report = archive.import_paths([changed])
    assert not report.errors, report.errors
    hits = archive.search(SearchRequest(text=NEW_WORD))
    assert hits.total == 1
    again = archive.article(hits.ids[0])
    assert again.title == NEW_TITLE and again.date == article.date
    assert street in again.streets and again.topics[0] == topic
    assert "title" in again.edited


def test_revert_goes_back_to_the_parsed_value(form: EditForm, archive, qtbot) -> None:  # type: ignore[no-untyped-def]
    article = first_article(archive)
    archive.edit_article(article.id, title=NEW_TITLE)
    form.show_article(archive.article(article.id))
    assert form.edited_marks["title"].isVisible()
    with qtbot.waitSignal(form.saved, timeout=30_000):
        qtbot.mouseClick(form.revert_buttons["title"], Qt.MouseButton.LeftButton)
    reverted = archive.article(article.id)
    assert reverted.title == article.title and "title" not in reverted.edited
    assert form.title_edit.text() == article.title
    assert not form.edited_marks["title"].isVisible()
    assert archive.search(SearchRequest(text=NEW_WORD)).total == 0


def test_an_empty_title_is_refused_and_nothing_is_stored(form: EditForm, archive, qtbot) -> None:  # type: ignore[no-untyped-def]
    article = first_article(archive)
    form.show_article(article)
    form.title_edit.setText("   ")
    assert form.save_button.isEnabled()
    with qtbot.assertNotEmitted(form.saved, wait=200):
        qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    assert form.status_label.text() == "The title cannot be empty."
    assert archive.article(article.id).title == article.title
    assert not archive.article(article.id).edited


def test_discard_restores_the_article_values(form: EditForm, archive, qtbot) -> None:  # type: ignore[no-untyped-def]
    article = first_article(archive)
    form.show_article(article)
    form.kicker_edit.setText("临时引题")
    assert form.discard_button.isEnabled()
    qtbot.mouseClick(form.discard_button, Qt.MouseButton.LeftButton)
    assert form.kicker_edit.text() == article.kicker
    assert form.changes() == {}


def test_without_an_article_the_form_is_disabled(form: EditForm) -> None:
    assert form.article() is None
    assert not form.title_edit.isEnabled() and not form.save_button.isEnabled()
