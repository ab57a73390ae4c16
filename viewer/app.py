"""Build the desktop viewer: the application, logging, translations, the CJK font, and the viewer.

``run(archive_dir)`` builds the ``QApplication`` and its settings, sets up logging
(:func:`index.logs.setup`), installs the translators and the font, then builds the
:class:`viewer.wiring.Viewer` (which creates the window and connects everything) and runs the event
loop. The window is shown first; the archive opens on a worker (Whoosh, SQLite and the jieba
dictionary load there).

Bench hook: with ``PINGCHENG_BENCH_EXIT=1`` it prints ``READY <s since process start>`` once the
window is shown and the archive searchable, runs one search for ``PINGCHENG_BENCH_QUERY``
(default 平城), prints ``SEARCH <ms>`` and ``RSS <peak kB>``, and quits. ``SHOWN <s>`` is printed
when the event loop first runs, i.e. once the window is on screen.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from index import logs
from viewer.i18n import install_translator, resolve_language
from viewer.platform import prepare_application
from viewer.samples import sample_archive_dir, start_root
from viewer.settings import APPLICATION, ORGANIZATION, Settings
from viewer.wiring import Viewer

logger = logging.getLogger(__name__)
CJK_FAMILY = "Noto Sans CJK SC"
_FALLBACK_T0 = time.time()


def process_start() -> float:
    """Wall-clock time the process started (Linux: from /proc; elsewhere: when this module loaded)."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        ticks = int(fields[19]) / os.sysconf("SC_CLK_TCK")
        boot = next(
            float(x.split()[1]) for x in Path("/proc/stat").read_text().splitlines() if x.startswith("btime")
        )
        return boot + ticks
    except (OSError, ValueError, IndexError, StopIteration):
        return _FALLBACK_T0


def peak_rss_kb() -> int:
    """Peak resident memory of this process in kB.

    ``VmHWM`` is the peak of this process's own memory since ``exec``; ``ru_maxrss`` is only the
    fallback, because on Linux it survives fork + exec, so a viewer launched by a large process
    (the benchmark runner) would report its parent's peak.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # not on Windows
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)


def set_cjk_font(app: QApplication) -> str:
    """Use Noto Sans CJK SC (or any Simplified-Chinese family) for the UI; returns the family."""
    families = QFontDatabase.families()
    family = CJK_FAMILY if CJK_FAMILY in families else ""
    if not family:
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        family = next((f for f in chinese if "CJK" in f or "Hei" in f), chinese[0] if chinese else "")
    if family:
        font = QFont(app.font())
        font.setFamilies([family, *font.families()])
        app.setFont(font)
    return family


def run(archive_dir: Path | None = None) -> int:
    """Run the viewer on ``archive_dir`` (default: the last used, else the user data dir)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    settings = Settings()
    log_path = logs.setup()
    logger.info("viewer starting (log file: %s)", log_path)
    set_cjk_font(app)
    root = start_root(archive_dir, str(settings.get("archive/last"))).expanduser().resolve()
    bench = os.environ.get("PINGCHENG_BENCH_EXIT") == "1"
    import_at_start = False
    while True:  # a language or archive change closes the window and builds it again
        language = resolve_language(str(settings.get("ui/language")) or None)
        translators = install_translator(app, language)
        prepare_application(app, language)
        viewer = Viewer(
            settings,
            root,
            language=language,
            interactive=not bench,
            sample=root == sample_archive_dir().resolve(),
            import_at_start=import_at_start,
        )
        if bench:
            _bench(viewer, app)
        viewer.start()
        code = app.exec()
        viewer.shutdown()
        del translators
        if not viewer.restart_requested:
            return code if viewer.exit_code == 0 else viewer.exit_code
        if viewer.archives.next_root is not None:
            root = viewer.archives.next_root.expanduser().resolve()
            import_at_start = viewer.archives.import_next
        logger.info("building the window again: %s, %s", root, settings.get("ui/language"))
        viewer.window.deleteLater()


def _bench(viewer: Viewer, app: QApplication) -> None:
    t0 = process_start()
    query = os.environ.get("PINGCHENG_BENCH_QUERY", "平城")
    state: dict[str, float] = {}
    viewer.first_run_import = False

    def ready() -> None:
        print(f"READY {time.time() - t0:.3f}", flush=True)
        state["t"] = time.perf_counter()
        viewer.controller.result_ready.connect(searched)
        viewer.search_bar.set_text(query, search=True)

    def searched(_result: object) -> None:
        app.processEvents()  # let the list and the facet tree paint the result
        print(f"SEARCH {(time.perf_counter() - state['t']) * 1000:.1f}", flush=True)
        print(f"RSS {peak_rss_kb()}", flush=True)
        QTimer.singleShot(0, viewer.window.close)

    viewer.ready.connect(ready)
    QTimer.singleShot(0, lambda: print(f"SHOWN {time.time() - t0:.3f}", flush=True))
    viewer.open_failed.connect(lambda msg: print(f"FAILED {msg}", flush=True))
