"""The sample editions live in a separate, clearly marked 示例档案, never in the user's archive."""

from __future__ import annotations

from pathlib import Path

from index import paths
from viewer.samples import sample_archive_dir, start_root


def test_start_root_prefers_the_users_archive(monkeypatch, tmp_path: Path) -> None:
    user = tmp_path / "data" / "pingcheng-archive"
    monkeypatch.setattr(paths, "default_archive_dir", lambda: user)
    assert sample_archive_dir() == tmp_path / "data" / "pingcheng-archive-samples"
    assert start_root(None, "") == sample_archive_dir()  # a first run: the samples
    user.mkdir(parents=True)
    (user / paths.CATALOG_NAME).write_bytes(b"")
    assert start_root(None, "") == user  # the user's archive exists: never the samples
    assert start_root(None, str(tmp_path / "other")) == tmp_path / "other"
    assert start_root(tmp_path / "asked", str(tmp_path / "other")) == tmp_path / "asked"


def test_a_fresh_user_archive_gets_no_samples(make_viewer, tmp_path, qtbot, samples) -> None:  # type: ignore[no-untyped-def]
    viewer = make_viewer(tmp_path / "mine", first_run_import=True)
    viewer.samples_dir = samples[0].parent
    with qtbot.waitSignal(viewer.ready, timeout=30_000):
        viewer.start()
    qtbot.wait(200)
    viewer.long_tasks.wait(10_000)
    assert viewer.archive.is_empty()
    assert "示例档案" not in viewer.window.windowTitle()


def test_the_sample_archive_is_marked_and_leads_to_my_archive(
    make_viewer, tmp_path, qtbot, samples, settings
) -> None:  # type: ignore[no-untyped-def]
    viewer = make_viewer(tmp_path / "samples", first_run_import=True, sample=True)
    viewer.samples_dir = samples[0].parent
    with qtbot.waitSignal(viewer.ready, timeout=30_000):
        viewer.start()
    qtbot.waitUntil(lambda: viewer.results.total() > 0, timeout=60_000)
    assert "示例档案" in viewer.window.windowTitle()
    assert viewer.banner.isVisible() and "示例档案" in viewer.banner.label.text()
    assert settings.get("archive/last") == ""  # the samples are never remembered as the user's
    mine = tmp_path / "my archive"
    viewer.archives.choose_folder = lambda _title, _start: str(mine)
    viewer.banner.create_button.click()
    assert viewer.archives.next_root == mine and viewer.restart_requested and viewer.archives.import_next
    assert settings.get("archive/last") == str(mine)
    qtbot.waitUntil(lambda: not viewer.window.isVisible(), timeout=5000)
