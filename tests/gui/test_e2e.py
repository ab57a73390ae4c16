"""End to end through the real window and the real archive: import, search, filter by a facet,
open an article, select two, export them, read the file back."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel

from viewer.models.facets import COUNT_ROLE, KEY_ROLE, VALUE_ROLE
from viewer.models.results import Role


def _dialog(viewer, kind):  # type: ignore[no-untyped-def]
    found = [d for d in viewer.window.findChildren(kind) if d.isVisible()]
    assert len(found) == 1, found
    return found[0]


def _facet_value_with_two_hits(viewer):  # type: ignore[no-untyped-def]
    model = viewer.facets
    for key in ("street", "topic", "reporter", "section", "month"):
        group = next(
            model.index(r, 0) for r in range(model.rowCount()) if model.index(r, 0).data(KEY_ROLE) == key
        )
        rows = [model.index(r, 0, group) for r in range(model.rowCount(group))]
        if key == "month":  # months sit under their years
            rows = [model.index(r, 0, year) for year in rows for r in range(model.rowCount(year))]
        for index in rows:
            if 2 <= index.data(COUNT_ROLE) < viewer.results.total():
                return key, index.data(VALUE_ROLE), index.data(COUNT_ROLE)
    raise AssertionError("no facet value narrows the sample result to two or more articles")


def test_import_search_filter_read_select_export(make_viewer, samples, tmp_path: Path, qtbot, common_word):  # type: ignore[no-untyped-def]
    from viewer.widgets.export_dialog import ExportDialog
    from viewer.widgets.import_dialog import ImportDialog

    viewer = make_viewer(tmp_path / "archive")
    with qtbot.waitSignal(viewer.ready, timeout=30_000):
        viewer.start()
    assert viewer.archive.is_empty()

    # Import the editions through the import dialog (Ctrl+I).
    viewer.window.import_action.trigger()
    importer = _dialog(viewer, ImportDialog)
    importer.add_paths(samples)
    with qtbot.waitSignal(importer.imported, timeout=180_000) as imported:
        importer.start()
    assert imported.args[0].articles > 0
    importer.accept()

    # Search from the search bar.
    with qtbot.waitSignal(viewer.controller.result_ready, timeout=10_000) as searched:
        viewer.search_bar.set_text(common_word, search=True)
    first = searched.args[0]
    assert first.total == viewer.results.total() >= 3
    assert common_word in viewer.search_bar.hint.text() or any(
        t in viewer.search_bar.hint.text() for t in first.terms
    )

    # Filter by a facet value: the result shrinks to exactly that value's count.
    key, value, count = _facet_value_with_two_hits(viewer)
    with qtbot.waitSignal(viewer.controller.result_ready, timeout=10_000) as filtered:
        viewer.facets.set_checked(key, value, True)
    result = filtered.args[0]
    assert result.total == count
    field = {"street": "streets", "topic": "topics", "reporter": "reporters"}.get(key)
    for article_id in result.ids:
        article = viewer.archive.article(article_id)
        if field:
            assert value in getattr(article, field)
        elif key == "section":
            assert article.section == value
        else:
            assert article.date.strftime("%Y-%m") == value

    # Open the first result in the reader.
    view = viewer.result_view
    view.set_current_row(0)
    first_id = result.ids[0]
    qtbot.waitUntil(
        lambda: viewer.reader.article is not None and viewer.reader.article.id == first_id, timeout=10_000
    )
    assert viewer.reader.article.title in viewer.reader.browser.toPlainText()

    # Select two articles and export them (Ctrl+E) as JSON and Markdown.
    second = viewer.results.index(1, 0)
    view.selectionModel().select(second, QItemSelectionModel.SelectionFlag.Select)
    ids = view.selected_ids()
    assert ids == [first_id, second.data(Role.ID)]
    titles = [viewer.archive.article(i).title for i in ids]
    for fmt in ("json", "md"):
        viewer.window.export_action.trigger()
        exporter = _dialog(viewer, ExportDialog)
        assert exporter.ids() == ids
        opened: list[object] = []
        exporter.open_url = opened.append  # don't launch a desktop viewer from a test
        out = tmp_path / f"selection.{fmt}"
        exporter.set_format(fmt)
        exporter.set_path(out)
        with qtbot.waitSignal(exporter.exported, timeout=60_000, raising=False) as done:
            exporter.start()
        assert done.signal_triggered, exporter.status_label.text()
        exporter.accept()
        text = out.read_text(encoding="utf-8")
        for title in titles:
            assert title in text
        if fmt == "json":
            blob = json.dumps(json.loads(text), ensure_ascii=False)
            assert all(title in blob for title in titles)
        else:
            assert text.index(titles[0]) < text.index(titles[1])  # in selection order
