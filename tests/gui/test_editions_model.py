"""EditionsModel over a real archive: years → months → editions, articles fetched lazily in reading order."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex

from index.archive import Archive
from viewer.models.editions import EditionsModel, IdRole, Kind, KindRole, RecordRole
from viewer.tasks import TaskRunner


def loaded_model(archive: Archive, runner: TaskRunner, qtbot) -> EditionsModel:  # type: ignore[no-untyped-def]
    model = EditionsModel(archive, runner)
    with qtbot.waitSignal(model.loaded, timeout=30_000):
        model.reload()
    return model


def children(model: EditionsModel, parent: QModelIndex) -> list[QModelIndex]:
    return [model.index(row, 0, parent) for row in range(model.rowCount(parent))]


def fetch(model: EditionsModel, index: QModelIndex, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Ask for an edition's articles (unless a view or the model tester already did) and wait."""
    if model.canFetchMore(index):
        model.fetchMore(index)
    qtbot.waitUntil(lambda: model.rowCount(index) > 0, timeout=30_000)


def test_editions_are_grouped_by_year_and_month(archive, runner, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = loaded_model(archive, runner, qtbot)
    qtmodeltester.check(model)
    expected = sorted(archive.editions(), key=lambda e: (e.date, e.id))
    assert expected

    seen = []
    years = children(model, QModelIndex())
    assert [y.data(KindRole) for y in years] == [Kind.YEAR] * len(years)
    for year in years:
        months = children(model, year)
        assert months and all(m.data(KindRole) == Kind.MONTH for m in months)
        for month in months:
            editions = children(model, month)
            assert editions
            records = [e.data(RecordRole) for e in editions]
            assert all(e.data(KindRole) == Kind.EDITION for e in editions)
            assert len({(r.date.year, r.date.month) for r in records}) == 1, "one month per month node"
            assert str(records[0].date.year) in year.data()
            seen += records
    assert [r.id for r in seen] == [e.id for e in expected] == model.edition_ids()
    assert len(years) == len({e.date.year for e in expected})


def test_an_editions_articles_are_fetched_only_when_asked(archive, runner, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = loaded_model(archive, runner, qtbot)
    edition = max(archive.editions(), key=lambda e: e.article_count)
    index = model.edition_index(edition.id)
    assert index.isValid() and index.data(IdRole) == edition.id
    assert model.rowCount(index) == 0 and model.hasChildren(index) and model.canFetchMore(index)

    fetch(model, index, qtbot)
    assert not model.canFetchMore(index)
    qtmodeltester.check(model)
    articles = archive.edition_articles(edition.id)
    assert model.article_ids(index) == [a.id for a in articles], "reading order"

    # Section nodes hold consecutive articles of one section/page; others hang under the edition.
    shown = []
    for node in children(model, index):
        if node.data(KindRole) == Kind.SECTION:
            grouped = children(model, node)
            records = [child.data(RecordRole) for child in grouped]
            assert records and len({(a.section, a.page) for a in records}) == 1
            assert (records[0].section or "") in node.data()
            assert records[0].page is None or str(records[0].page) in node.data()
            shown += grouped
        else:
            assert node.data(KindRole) == Kind.ARTICLE
            assert (node.data(RecordRole).section, node.data(RecordRole).page) == (None, None)
            shown.append(node)
    assert [i.data(IdRole) for i in shown] == [a.id for a in articles]
    for item, article in zip(shown, articles, strict=True):
        assert article.title in item.data()


def test_reload_fetches_article_lists_anew(archive, runner, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = loaded_model(archive, runner, qtbot)
    qtmodeltester.check(model)
    before = model.edition_ids()
    index = model.edition_index(before[0])
    fetch(model, index, qtbot)
    article_id = model.article_ids(index)[0]
    archive.edit_article(article_id, title="重新载入后的标题")
    with qtbot.waitSignal(model.loaded, timeout=30_000):
        model.reload()
    assert model.edition_ids() == before
    index = model.edition_index(before[0])
    fetch(model, index, qtbot)
    shown = [model.index(r, 0, p) for p in (index, *children(model, index)) for r in range(model.rowCount(p))]
    assert any(i.data(IdRole) == article_id and "重新载入后的标题" in i.data() for i in shown)


def test_an_empty_archive_gives_an_empty_tree(runner, qtbot, tmp_path: Path, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    archive = Archive(tmp_path / "empty")
    try:
        model = loaded_model(archive, runner, qtbot)
        qtmodeltester.check(model)
        assert model.rowCount() == 0 and model.edition_ids() == []
        runner.wait(30_000)
    finally:
        archive.close()
