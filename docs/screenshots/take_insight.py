"""Take docs/screenshots/statistics.png (the 统计 tab) and related.png (the reader's 相关报道 list).

Run under Xvfb with a CJK font installed (fonts-noto-cjk), from the repository root:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python docs/screenshots/take_insight.py

A demonstration archive: resources/samples/*.txt as they are, plus, for the five months before them,
each sample re-dated with a random part of its articles (seeded), so the chart has months to show and
the related list has reprints across editions. The window is 1280×800; the UI language is Chinese
unless ``--language en``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import random
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtCore import QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def build(root: Path) -> None:
    """The demonstration archive (see the module docstring)."""
    from index.archive import Archive

    rnd = random.Random(12)
    samples = sorted((REPO / "resources" / "samples").glob("*.txt"))
    with Archive(root) as archive:
        archive.import_paths(samples)
        parsed = [archive.parse_file(p) for p in samples]
        editions = []
        for back in range(1, 6):
            for ed in parsed:
                assert ed.date is not None
                date = ed.date - dt.timedelta(days=28 * back + 7)
                keep = [a for a in ed.articles if rnd.random() < 0.5 + 0.08 * back]
                digest = hashlib.sha256(f"{ed.sha256}{date}".encode()).hexdigest()
                editions.append(
                    dataclasses.replace(
                        ed,
                        date=date,
                        name=date.isoformat(),
                        source_name=f"{date}.txt",
                        sha256=digest,
                        articles=keep,
                    )
                )
        archive.import_editions(editions)
        archive.insight.sync()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="zh_CN")
    parser.add_argument("--by", default="street", help="the facet of the chart")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()

    from viewer.app import set_cjk_font
    from viewer.i18n import install_translator
    from viewer.settings import Settings
    from viewer.wiring import Viewer

    tmp = Path(tempfile.mkdtemp(prefix="pingcheng-shot-"))
    build(tmp / "archive")
    app = QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp))
    translators = install_translator(app, args.language)
    print("font:", set_cjk_font(app) or "(no CJK font: Chinese will show as boxes)")
    viewer = Viewer(Settings(QSettings(str(tmp / "viewer.ini"), QSettings.Format.IniFormat)), tmp / "archive")
    viewer.first_run_import = False
    viewer.window.resize(1280, 800)

    def save(name: str) -> None:
        app.processEvents()
        path = args.out / name
        viewer.window.grab().save(str(path))
        print("saved", path)

    def statistics() -> None:
        stats = viewer.insight.statistics
        stats.by_combo.setCurrentIndex(max(0, stats.by_combo.findData(args.by)))
        viewer.window.show_tab(viewer.insight.statistics_tab)
        QTimer.singleShot(1500, lambda: (save("statistics.png"), related()))

    def related() -> None:
        assert viewer.archive is not None
        ids = viewer.archive.search(viewer.controller.request).ids
        source = max(ids[:60], key=lambda i: sum(h.kind == "reprint" for h in viewer.archive.related(i, 10)))
        viewer.window.show_tab(0)
        viewer.open_article(source)
        QTimer.singleShot(1500, lambda: (save("related.png"), viewer.window.close()))

    def ready() -> None:
        viewer.search_bar.set_text("", search=True)
        QTimer.singleShot(1000, statistics)

    viewer.ready.connect(ready)
    viewer.start()
    app.exec()
    viewer.shutdown()
    del translators
    return 0


if __name__ == "__main__":
    sys.exit(main())
