"""Every persistent viewer setting, declared once (key, default, help) over ``QSettings``.

Picard-style: the declaration is the documentation. Code reads and writes through :class:`Settings`
by declared key only, so a typo is an error and a default lives in exactly one place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "pingcheng"
APPLICATION = "pingcheng-archive"


@dataclass(frozen=True)
class Option:
    """One setting: its key in QSettings, its default (which also fixes its type) and what it is for."""

    key: str
    default: Any
    help: str


OPTIONS: tuple[Option, ...] = (
    Option("window/geometry", QByteArray(), "Main window geometry (saveGeometry)."),
    Option("window/state", QByteArray(), "Main window toolbars and docks (saveState)."),
    Option("window/splitter", QByteArray(), "Sizes of the tabs | reader splitter."),
    Option("window/search_splitter", QByteArray(), "Sizes of the facets | results splitter."),
    Option("window/tab", 0, "Which main tab was open last (search or editions)."),
    Option("archive/last", "", "Folder of the archive opened last; used when --archive is not given."),
    Option("archive/recent", "", "The archives opened last, one folder a line, newest first."),
    Option("search/last_query", "", "Text of the last search, restored at start-up."),
    Option("search/sort", "relevance", "Result order: relevance, date (newest first) or date_asc."),
    Option("export/format", "docx", "Format chosen in the last export: docx, pdf, md, csv, json or txt."),
    Option("export/folder", "", "Folder of the last export; the next one proposes it."),
    Option("reader/font_size", 0.0, "Reader font size in points; 0 follows the application font."),
    Option("ui/language", "", "UI language: zh_CN or en; empty follows LANG (Chinese unless LANG is en)."),
)

_BY_KEY = {o.key: o for o in OPTIONS}


class Settings:
    """Typed access to the declared options; ``qsettings`` is injectable for tests."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)

    @staticmethod
    def option(key: str) -> Option:
        """The declared option of ``key``; ``KeyError`` for an undeclared one."""
        try:
            return _BY_KEY[key]
        except KeyError:
            raise KeyError(f"undeclared setting: {key}") from None

    def get(self, key: str) -> Any:
        """The stored value converted to the default's type, or the default."""
        opt = self.option(key)
        raw = self._q.value(key, None)
        if raw is None:
            return opt.default
        kind = type(opt.default)
        if kind is bool:
            return raw if isinstance(raw, bool) else str(raw).lower() in ("1", "true", "yes")
        if kind is int:
            try:
                return int(str(raw))
            except (TypeError, ValueError):
                return opt.default
        if kind is float:
            try:
                return float(str(raw))
            except (TypeError, ValueError):
                return opt.default
        if kind is QByteArray:
            return raw if isinstance(raw, QByteArray) else opt.default
        return str(raw)

    def set(self, key: str, value: Any) -> None:
        """Store a value for a declared key."""
        self.option(key)
        self._q.setValue(key, value)

    def reset(self, key: str) -> None:
        """Forget the stored value (the default applies again)."""
        self.option(key)
        self._q.remove(key)

    def sync(self) -> None:
        """Write the settings to disk now."""
        self._q.sync()
