"""Take the README screenshots at 1280×800: search with facets, reader, editions, export, edit panel.

Run under Xvfb with a CJK font installed (fonts-noto-cjk), from the repository root:

    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/screenshots/take.py --language zh_CN
    xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python docs/screenshots/take.py --language en

It imports resources/samples/*.txt (invented editions) into a temporary archive, searches
``--query`` (default 社区), checks the first topic, opens the first result, and saves
``<lang>-search.png``, ``<lang>-editions.png``, ``<lang>-export.png`` and ``<lang>-edit.png``
into docs/screenshots/ (the README shows the Chinese ones).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def main() -> int:
    """Build the viewer on the samples, walk through the views and save one picture of each."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--query", default="社区")
    parser.add_argument("--language", default="zh_CN", choices=("zh_CN", "en"))
    args = parser.parse_args()

    from index.archive import Archive
    from viewer.app import set_cjk_font
    from viewer.i18n import install_translator
    from viewer.mainwindow import EDITIONS_TAB, SEARCH_TAB
    from viewer.settings import Settings
    from viewer.widgets.export_dialog import ExportDialog
    from viewer.wiring import Viewer

    tmp = Path(tempfile.mkdtemp(prefix="pingcheng-shot-"))
    archive = Archive(tmp / "archive")
    archive.import_paths(sorted((REPO / "resources" / "samples").glob("*.txt")))
    archive.close()
    app = QApplication([])
    for fmt in (QSettings.Format.IniFormat, QSettings.Format.NativeFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp))
    translators = install_translator(app, args.language)
    print("font:", set_cjk_font(app) or "(no CJK font: Chinese will show as boxes)")
    settings = Settings(QSettings(str(tmp / "viewer.ini"), QSettings.Format.IniFormat))
    viewer = Viewer(settings, tmp / "archive", language=args.language, interactive=False)
    viewer.first_run_import = False
    w = viewer.window
    w.resize(1280, 800)
    lang = "zh" if args.language == "zh_CN" else "en"
    steps: list[Callable[[], None]] = []

    def save(widget: QWidget, name: str) -> None:
        app.processEvents()
        path = OUT / f"{lang}-{name}.png"
        widget.grab().save(str(path))
        print("saved", path)

    def later(ms: int = 700) -> None:
        if steps:
            QTimer.singleShot(ms, steps.pop(0))

    def search() -> None:
        viewer.search_bar.set_text(args.query, search=True)
        later(1200)

    def facet() -> None:
        viewer.facet_panel.check_first("topic")
        later(1200)

    def read() -> None:
        viewer.result_view.set_current_row(0)
        later(900)

    def shot_search() -> None:
        viewer.reader.step_hit(1)
        save(w, "search")
        viewer.basket.add(list(viewer.results.ids()[:3]))
        later()

    def editions() -> None:
        w.show_tab(EDITIONS_TAB)
        viewer.goto_edition()
        later(1200)

    def shot_editions() -> None:
        save(w, "editions")
        w.show_tab(SEARCH_TAB)
        viewer.export()
        later(600)

    def shot_export() -> None:
        dialog = w.findChild(ExportDialog)
        if dialog is not None:
            dialog.set_source("selection")
            dialog.set_path(f"/home/user/{'文档' if lang == 'zh' else 'Documents'}/pingcheng-export.docx")
            save(dialog, "export")
            dialog.reject()
        viewer.edit_article(viewer.reader.article.id) if viewer.reader.article else None
        later(900)

    def shot_edit() -> None:
        save(w, "edit")
        w.close()

    steps += [facet, read, shot_search, editions, shot_editions, shot_export, shot_edit]
    viewer.ready.connect(search)
    viewer.start()
    app.exec()
    viewer.shutdown()
    del translators
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
