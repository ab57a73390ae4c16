"""GUI test set-up: offscreen Qt, isolated QSettings, and a real archive built from sample editions.

The archive is built once per session with the real :class:`index.archive.Archive` from
``resources/samples/*.txt`` (our own sample editions; else ``tests/fixtures`` editions) and copied
for every test that opens it, so tests may edit or import without affecting each other.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QSettings

REPO = Path(__file__).resolve().parents[2]


def edition_files() -> list[Path]:
    """The sample editions the viewer imports on a first run, else the test fixtures' editions."""
    samples = sorted((REPO / "resources" / "samples").glob("*.txt"))
    if samples:
        return samples
    fixtures = REPO / "tests" / "fixtures"
    return sorted(fixtures.glob("edition_*.txt")) if fixtures.is_dir() else []


@pytest.fixture(autouse=True)
def _isolated_qsettings(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Every QSettings (ours and the basket's) of a test writes into the test's own folder."""
    folder = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    yield folder


@pytest.fixture
def settings(tmp_path: Path):  # type: ignore[no-untyped-def]
    from viewer.settings import Settings

    return Settings(QSettings(str(tmp_path / "viewer.ini"), QSettings.Format.IniFormat))


@pytest.fixture(scope="session")
def samples() -> list[Path]:
    files = edition_files()
    assert files, "no sample editions in resources/samples or tests/fixtures"
    return files


@pytest.fixture(scope="session")
def built_archive(samples: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed archive folder holding the imported samples (built once)."""
    from index.archive import Archive

    root = tmp_path_factory.mktemp("archive") / "built"
    archive = Archive(root)
    try:
        report = archive.import_paths(samples)
    finally:
        archive.close()
    assert report.articles > 0, report
    return root


@pytest.fixture
def archive_dir(built_archive: Path, tmp_path: Path) -> Path:
    """A private copy of the built archive (not open)."""
    target = tmp_path / "archive"
    shutil.copytree(built_archive, target, ignore=shutil.ignore_patterns("lock"))
    return target


@pytest.fixture
def archive(archive_dir: Path):  # type: ignore[no-untyped-def]
    """The real Archive, open on a private copy of the sample archive."""
    from index.archive import Archive

    opened = Archive(archive_dir)
    yield opened
    opened.close()


@pytest.fixture
def runner(qtbot):  # type: ignore[no-untyped-def]
    """A TaskRunner whose tasks all finish before the archive closes."""
    from viewer.tasks import TaskRunner

    r = TaskRunner(1)
    yield r
    r.cancel_all()
    r.wait(30_000)
    qtbot.wait(10)  # deliver the last queued results before the runner goes away
    r.deleteLater()


@pytest.fixture(scope="session")
def common_word(built_archive: Path) -> str:
    """A word found in three or more sample articles (so facets, paging and highlighting have data)."""
    from index.archive import Archive
    from index.models import SearchRequest

    archive = Archive(built_archive, readonly=True)
    try:
        for word in ("平城", "平城区", "社区", "街道", "工作"):
            if archive.search(SearchRequest(text=word, limit=0)).total >= 3:
                return word
    finally:
        archive.close()
    raise AssertionError("the sample archive has no word common to 3 articles")


@pytest.fixture
def make_viewer(qtbot, settings):  # type: ignore[no-untyped-def]
    """Build the whole viewer (window + wiring) on an archive folder, without message boxes."""
    from viewer.wiring import Viewer

    made = []

    def make(root: Path, *, first_run_import: bool = False, sample: bool = False) -> Viewer:
        viewer = Viewer(settings, root, interactive=False, sample=sample)
        viewer.first_run_import = first_run_import
        qtbot.addWidget(viewer.window)
        made.append(viewer)
        return viewer

    yield make
    for viewer in made:
        viewer.window.close()
        viewer.shutdown()


@pytest.fixture
def started(make_viewer, archive_dir, qtbot):  # type: ignore[no-untyped-def]
    """The viewer started on a copy of the sample archive, ready to search."""
    viewer = make_viewer(archive_dir)
    with qtbot.waitSignal(viewer.ready, timeout=30_000):
        viewer.start()
    return viewer
