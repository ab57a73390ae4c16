"""Take docs/screenshots/main.png: the main window with a search, a checked facet and highlights.

Run under Xvfb with a CJK font installed (fonts-noto-cjk), from the repository root:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take_main.py

It imports resources/samples/*.txt into a temporary archive, searches ``--query`` (default 社区),
checks the first value of ``--facet`` (default topic), opens the first result, steps to its first
hit (F3) and saves the window. The UI language is Chinese unless ``--language en``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--query", default="社区")
    parser.add_argument("--facet", default="topic", help="street, topic, reporter, section or month")
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots" / "main.png")
    args = parser.parse_args()

    from index.archive import Archive
    from viewer.app import set_cjk_font
    from viewer.i18n import install_translator
    from viewer.settings import Settings
    from viewer.wiring import Viewer

    tmp = Path(tempfile.mkdtemp(prefix="pingcheng-shot-"))
    archive = Archive(tmp / "archive")
    archive.import_paths(sorted((REPO / "resources" / "samples").glob("*.txt")))
    archive.close()

    app = QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp))
    translators = install_translator(app, args.language)
    print("font:", set_cjk_font(app) or "(no CJK font: Chinese will show as boxes)")
    viewer = Viewer(Settings(QSettings(str(tmp / "viewer.ini"), QSettings.Format.IniFormat)), tmp / "archive")
    viewer.first_run_import = False
    viewer.window.resize(1400, 860)
    results: list[object] = []

    def got(_result: object) -> None:
        results.append(_result)
        if len(results) == 1 and viewer.facet_panel.check_first(args.facet) is not None:
            return  # the filtered result comes next
        QTimer.singleShot(300, open_first)

    def open_first() -> None:
        if viewer.results.rowCount():
            viewer.result_view.set_current_row(0)
        QTimer.singleShot(800, snap)

    def snap() -> None:
        viewer.reader.step_hit(1)
        app.processEvents()
        viewer.window.grab().save(str(args.out))
        print("saved", args.out)
        viewer.window.close()

    def ready() -> None:
        viewer.controller.result_ready.connect(got)
        viewer.search_bar.set_text(args.query, search=True)

    viewer.ready.connect(ready)
    viewer.start()
    app.exec()
    viewer.shutdown()
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
