"""Desktop integration that needs no running Qt: the display check, the window icon, the menu entry.

:func:`display_problem` is asked before any ``QApplication`` exists: without a display Qt's xcb
plugin aborts the process (SIGABRT) instead of raising. :func:`install_desktop` puts the
``.desktop`` launcher and the icon into the user's data folder (XDG), so the viewer appears in the
applications menu.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from index import paths
from index.i18n import _

if TYPE_CHECKING:
    from PySide6.QtGui import QIcon

logger = logging.getLogger(__name__)

APP_ID = "pingcheng-archive"
DESKTOP_FILE = f"{APP_ID}.desktop"


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str:
    """Why the viewer cannot open a window here, or ``""`` when it can (or Qt is told what to use).

    Args:
        environ: The environment (default: ``os.environ``).
        platform: ``sys.platform`` (for tests).
    """
    env = os.environ if environ is None else environ
    plat = sys.platform if platform is None else platform
    if not plat.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return ""
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return ""
    return _(
        "Cannot open the viewer: there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY "
        "is set). Start it from a desktop session, or use the command line: pingcheng-archive --help."
    )


def window_icon() -> QIcon:
    """The application icon (SVG, with the PNG as a fallback size)."""
    from PySide6.QtGui import QIcon

    icon = QIcon()
    for kind in ("svg", "png"):
        path = paths.icon_path(kind)
        if path.is_file():
            icon.addFile(str(path))
    return icon


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` or ``~/.local/share``."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    return Path(value) if value else Path.home() / ".local" / "share"


def launcher_command() -> str:
    """The command the menu entry runs: the installed console script, else this Python with the launcher."""
    script = shutil.which(APP_ID)
    if script:
        return script
    return f"{sys.executable} -m viewer.launch"


def desktop_entry(command: str) -> str:
    """The shipped ``.desktop`` text with ``Exec=`` pointing at ``command``."""
    text = paths.resource(DESKTOP_FILE).read_text(encoding="utf-8")
    lines = [f"Exec={command}" if line.startswith("Exec=") else line for line in text.splitlines()]
    return "\n".join(lines) + "\n"


def install_desktop(prefix: Path | None = None) -> list[Path]:
    """Install the launcher and icons under ``prefix`` (default: :func:`data_home`); returns the files.

    Raises:
        OSError: The folder cannot be written (the caller reports it).
    """
    root = prefix or data_home()
    apps = root / "applications"
    targets = {
        apps / DESKTOP_FILE: desktop_entry(launcher_command()).encode("utf-8"),
        root / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg": paths.icon_path("svg").read_bytes(),
        root / "icons/hicolor/256x256/apps" / f"{APP_ID}.png": paths.icon_path("png").read_bytes(),
    }
    for path, data in targets.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        logger.info("installed %s", path)
    tool = shutil.which("update-desktop-database")
    if tool:
        try:
            subprocess.run([tool, str(apps)], capture_output=True, timeout=30, check=False)
        except (OSError, subprocess.SubprocessError):
            logger.warning("update-desktop-database failed", exc_info=True)
    return list(targets)


def prepare_application(app: object, language: str) -> None:
    """Application-wide set-up the viewer needs: window icon, desktop file name, the core's language.

    Args:
        app: The ``QApplication``.
        language: The viewer's UI language (``zh_CN`` or ``en``); the core's messages follow it.
    """
    from PySide6.QtWidgets import QApplication

    from index import i18n

    i18n.set_language(language)
    if isinstance(app, QApplication):
        app.setWindowIcon(window_icon())
        app.setDesktopFileName(APP_ID)
