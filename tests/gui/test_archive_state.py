"""The window says when the archive is read-only or being changed by another program (issue 9)."""

from __future__ import annotations

from pathlib import Path

from index.archive import Archive
from tests.integrity.helpers import read_only


def _started(make_viewer, root: Path, qtbot):  # type: ignore[no-untyped-def]
    """The viewer on ``root``, ready; ``viewer.seen`` holds every status-bar message shown."""
    viewer = make_viewer(root)
    viewer.seen = []
    viewer.window.statusBar().messageChanged.connect(viewer.seen.append)
    with qtbot.waitSignal(viewer.ready, timeout=30_000):
        viewer.start()
    return viewer


def test_a_read_only_archive_is_marked_in_the_title_and_still_searches(
    make_viewer, archive_dir, qtbot
) -> None:  # type: ignore[no-untyped-def]
    Archive(archive_dir).close()  # brought up to date while writable
    with read_only(archive_dir):
        viewer = _started(make_viewer, archive_dir, qtbot)
        assert viewer.archive is not None and viewer.archive.readonly
        assert viewer.window.windowTitle().startswith("Read-only — ")
        status = [m for m in viewer.seen if m.startswith("Read-only: ")]
        assert status and viewer.archive.readonly_reason in status[0], viewer.seen
        from index.models import SearchRequest

        assert viewer.archive.search(SearchRequest("")).total > 0
        viewer.window.close()
        viewer.shutdown()


def test_a_writable_archive_has_no_marker(started) -> None:  # type: ignore[no-untyped-def]
    assert not started.window.windowTitle().startswith("Read-only")
    assert started.window.statusBar().currentMessage() in ("Archive open.", "")


def test_another_program_changing_the_archive_is_announced(make_viewer, archive_dir, qtbot) -> None:  # type: ignore[no-untyped-def]
    with Archive(archive_dir) as other, other._guard.lock.held("import"):
        viewer = _started(make_viewer, archive_dir, qtbot)
        status = [m for m in viewer.seen if "Another program is changing this archive" in m]
        assert status and "import" in status[0], viewer.seen


def test_rebuilding_the_index_on_opening_shows_progress(make_viewer, archive_dir, qtbot) -> None:  # type: ignore[no-untyped-def]
    import shutil

    shutil.rmtree(archive_dir / "index")  # a lost index: opening rebuilds it from the catalog
    viewer = make_viewer(archive_dir)
    seen: list[str] = []
    viewer.window.statusBar().messageChanged.connect(seen.append)
    with qtbot.waitSignal(viewer.ready, timeout=60_000):
        viewer.start()
    rebuilding = [m for m in seen if m.startswith("Rebuilding the search index:")]
    assert rebuilding, seen
    assert viewer.archive is not None
    from index.models import SearchRequest

    total = viewer.archive.search(SearchRequest("")).total
    assert total == viewer.archive.stats()["total"]["articles"]
    assert f"of {total} articles" in rebuilding[-1]
