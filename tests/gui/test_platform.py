"""The viewer's application set-up: window icon, desktop file name, and the core following its language."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from index import i18n
from viewer.platform import prepare_application, window_icon


def test_window_icon_and_core_language(qapp: QApplication) -> None:
    icon = window_icon()
    assert not icon.isNull() and not icon.pixmap(64, 64).isNull()
    try:
        prepare_application(qapp, "zh_CN")
        assert not qapp.windowIcon().isNull()
        assert qapp.desktopFileName() == "pingcheng-archive"
        assert i18n.language() == "zh_CN" and i18n._("Preparing the Chinese font…") == "正在准备中文字体…"
        prepare_application(qapp, "en")
        assert i18n._("Preparing the Chinese font…") == "Preparing the Chinese font…"
    finally:
        i18n.set_language("en")
