"""Views refresh from what the archive says changed, not from calls placed by hand; logging."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from index.changes import Changes
from index.models import SearchRequest
from tests.archive_helpers import write_edition
from viewer.archive_events import ArchiveEvents


def _open_first(viewer, qtbot, word: str):  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(viewer.controller.result_ready, timeout=10_000) as blocker:
        viewer.search_bar.set_text(word, search=True)
    result = blocker.args[0]
    viewer.result_view.set_current_row(0)
    qtbot.waitUntil(lambda: viewer.reader.article is not None and viewer.reader.article.id == result.ids[0])
    return result


def test_an_edit_made_outside_the_form_refreshes_every_view(started, qtbot, common_word) -> None:  # type: ignore[no-untyped-def]
    """A correction stored straight through the archive (as a script would) reaches all views."""
    _open_first(started, qtbot, common_word)
    article = started.reader.article
    started.basket.add([article.id])
    qtbot.waitUntil(lambda: started.basket.record(article.id) is not None)
    with qtbot.waitSignal(started.events.changed, timeout=10_000) as heard:
        started.long_tasks.submit(
            started.archive.edit_article, article.id, title="新标题测试", reporters=["变更记者"]
        )
    assert heard.args[0] == Changes(articles_edited=frozenset({article.id}))
    qtbot.waitUntil(lambda: started.reader.article.title == "新标题测试", timeout=10_000)
    qtbot.waitUntil(lambda: started.basket.record(article.id).title == "新标题测试", timeout=10_000)
    qtbot.waitUntil(
        lambda: "变更记者" in {c.value for c in started.controller.last_result.facets["reporter"]},
        timeout=10_000,
    )
    browser = started.edition_browser
    browser.open_edition(article.edition_id)
    qtbot.waitUntil(
        lambda: article.id in browser.model.article_ids(browser.model.edition_index(article.edition_id))
    )
    assert any("新标题测试" in t for t in _edition_titles(browser, article.edition_id))


def _edition_titles(browser, edition_id: int) -> set[str]:  # type: ignore[no-untyped-def]
    model = browser.model
    out: set[str] = set()
    stack = [model.edition_index(edition_id)]
    while stack:
        idx = stack.pop()
        for r in range(model.rowCount(idx)):
            child = model.index(r, 0, idx)
            out.add(str(child.data()))
            stack.append(child)
    return out


def test_an_import_from_elsewhere_shows_the_new_edition(started, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_edition(
        tmp_path, dt.date(2031, 5, 4), [("平城区新年植树活动", "测试人", "居民在公园植树。")]
    )
    qtbot.waitUntil(lambda: bool(started.edition_browser.model.edition_ids()), timeout=10_000)
    before = set(started.edition_browser.model.edition_ids())
    with qtbot.waitSignal(started.events.changed, timeout=30_000) as heard:
        started.long_tasks.submit(started.archive.import_paths, [path])
    added = heard.args[0].editions_added
    assert len(added) == 1
    qtbot.waitUntil(
        lambda: set(started.edition_browser.model.edition_ids()) == before | added, timeout=10_000
    )


def test_events_arrive_on_the_gui_thread_and_stop_after_close(archive, runner, qtbot) -> None:  # type: ignore[no-untyped-def]
    import threading

    events = ArchiveEvents(archive)
    threads: list[str] = []
    events.changed.connect(lambda _c: threads.append(threading.current_thread().name))
    art = archive.edition_articles(archive.editions()[0].id)[0]
    with qtbot.waitSignal(events.changed, timeout=10_000):
        runner.submit(archive.edit_article, art.id, title="甲乙丙")
    assert threads == [threading.main_thread().name]
    events.close()
    runner.submit(archive.edit_article, art.id, title="丙乙甲")
    runner.wait(10_000)
    qtbot.wait(50)
    assert len(threads) == 1
    assert archive.search(SearchRequest("甲乙丙", limit=0)).total == 0  # the second edit did happen


def test_a_failing_task_logs_its_traceback(qtbot, runner, caplog) -> None:  # type: ignore[no-untyped-def]
    def broken() -> None:
        raise ValueError("boom in the worker")

    caplog.set_level(logging.INFO, logger="viewer")
    errors: list[BaseException] = []
    runner.submit(broken, name="broken", on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    record = next(r for r in caplog.records if r.name == "viewer.tasks")
    assert record.levelno == logging.ERROR and "broken" in record.getMessage()
    assert record.exc_info is not None and "boom in the worker" in caplog.text
    assert "Traceback" in caplog.text


def test_help_opens_the_log_folder(started, qtbot, monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from index import logs, paths

    monkeypatch.setattr(paths, "log_dir", lambda: tmp_path / "logs")
    opened: list[QUrl] = []
    started.window_commands.open_url = opened.append
    assert started.window.log_folder_action.text().replace("&", "") in (
        "Open the log folder",
        "打开日志文件夹(L)",
    )
    started.window.log_folder_action.trigger()
    assert opened == [QUrl.fromLocalFile(str(logs.log_file().parent))]
    assert Path(opened[0].toLocalFile()).is_dir()


def test_the_viewer_sets_up_logging(monkeypatch, tmp_path: Path) -> None:
    """``viewer.app.run`` calls ``index.logs.setup`` before the window exists."""
    import viewer.app as app

    calls: list[str] = []
    monkeypatch.setattr(app.logs, "setup", lambda **_k: calls.append("setup") or None)
    monkeypatch.setattr(app, "install_translator", lambda *_a: [])  # leave the test app untranslated
    monkeypatch.setattr(app, "set_cjk_font", lambda _app: "")

    class Stop(Exception):
        pass

    def no_viewer(*_a, **_k):  # type: ignore[no-untyped-def]
        calls.append("viewer")
        raise Stop

    monkeypatch.setattr(app, "Viewer", no_viewer)
    with pytest.raises(Stop):
        app.run(tmp_path / "a")
    assert calls == ["setup", "viewer"]
