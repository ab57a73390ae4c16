"""Finding a Chinese font on this machine for PDF export.

Candidates come from fontconfig (``fc-list :lang=zh``) when it is there, otherwise from well-known
font files in the usual font folders (Linux, Windows, macOS). They are ranked by family (a Song/serif
face for the body, a bold Hei/sans face for headings) and each is checked before use: it must open,
cover a probe of common characters, and allow embedding.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.errors import ExportError
from index.i18n import _

logger = logging.getLogger(__name__)

ENV_FONT = "PINGCHENG_PDF_FONT"  # a font file to use instead, optionally "path#face-index"
PROBE = "平城区报行工街道社区，。"
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

BODY_FAMILIES: tuple[str, ...] = (
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Source Han Serif CN",
    "Noto Serif SC",
    "SimSun",
    "Songti SC",
    "STSong",
    "AR PL UMing CN",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Droid Sans Fallback",
)
HEADING_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "Noto Sans SC",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "STHeiti",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
)

# File names looked for when fontconfig is not available, and the folders they live in.
KNOWN_FILES: tuple[str, ...] = (
    "NotoSerifCJK-Regular.ttc",
    "NotoSerifCJKsc-Regular.otf",
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJK-Bold.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSansCJKsc-Bold.otf",
    "SourceHanSerifSC-Regular.otf",
    "SourceHanSansSC-Regular.otf",
    "SourceHanSansSC-Bold.otf",
    "simsun.ttc",
    "simhei.ttf",
    "msyh.ttc",
    "msyhbd.ttc",
    "Songti.ttc",
    "STHeiti Light.ttc",
    "STHeiti Medium.ttc",
    "Hiragino Sans GB.ttc",
    "PingFang.ttc",
    "uming.ttc",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "DroidSansFallbackFull.ttf",
    "DroidSansFallback.ttf",
)


def install_hint() -> str:
    """What to install when no CJK font is found (in the current language)."""
    return _(
        "PDF export needs a Chinese (CJK) font and none was found on this computer. "
        "Install one and try again: on Debian/Ubuntu `sudo apt install fonts-noto-cjk` "
        "(or the smaller `fonts-wqy-microhei`); on Fedora `sudo dnf install google-noto-serif-cjk-fonts "
        "google-noto-sans-cjk-fonts`; on Windows and macOS a Chinese font is part of the system. "
        "You can also point the environment variable {env} at a .ttf/.otf/.ttc font file."
    ).format(env=ENV_FONT)


def default_font_dirs() -> tuple[Path, ...]:
    """The usual font folders of this platform, the user's own first."""
    home = Path.home()
    if sys.platform.startswith("win"):
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local"))
        return (local / "Microsoft" / "Windows" / "Fonts", windir / "Fonts")
    if sys.platform == "darwin":
        return (home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts"))
    return (
        home / ".local/share/fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    )


@dataclass(frozen=True)
class FontFace:
    """One face of a font file (``index`` selects the face inside a .ttc collection)."""

    path: Path
    index: int = 0
    family: str = ""
    bold: bool = False


class FontPool:
    """Opened fonts for one export, so each file is parsed once; ``close`` releases them.

    Args:
        verdicts: A JSON file remembering which faces were found usable (keyed by path, face
            index, size and modification time), so later exports do not read every font's cmap.
    """

    def __init__(self, verdicts: Path | None = None) -> None:
        self._open: dict[tuple[Path, int], Any] = {}
        self._verdict_file = verdicts
        self._verdicts: dict[str, bool] | None = None
        self._changed = False

    def _face_key(self, face: FontFace) -> str | None:
        try:
            st = face.path.stat()
        except OSError:
            return None
        return f"{face.path}#{face.index}:{st.st_size}:{st.st_mtime_ns}"

    def _remembered(self) -> dict[str, bool]:
        if self._verdicts is None:
            self._verdicts = {}
            if self._verdict_file is not None:
                try:
                    data = json.loads(self._verdict_file.read_text(encoding="utf-8"))
                    self._verdicts = {str(k): bool(v) for k, v in data.items()}
                except (OSError, ValueError, AttributeError):
                    pass  # no or a damaged file: check the faces again
        return self._verdicts

    def get(self, face: FontFace) -> Any:
        """The fontTools ``TTFont`` of a face (lazy: tables load when first used)."""
        key = (face.path, face.index)
        if key not in self._open:
            from fontTools.ttLib import TTFont

            self._open[key] = TTFont(str(face.path), fontNumber=face.index, lazy=True)
        return self._open[key]

    def usable(self, face: FontFace) -> bool:
        """Whether a face opens, covers :data:`PROBE` and may be embedded in a document."""
        key = self._face_key(face) if self._verdict_file is not None else None
        remembered = self._remembered().get(key) if key else None
        if remembered is not None:
            return remembered
        verdict = self._check(face)
        if key:
            self._remembered()[key] = verdict
            self._changed = True
        return verdict

    def _check(self, face: FontFace) -> bool:
        try:
            font = self.get(face)
            cmap = font.getBestCmap() or {}
            fs_type = font["OS/2"].fsType if "OS/2" in font else 0
        except Exception:  # a broken or unsupported font file is simply not a candidate
            return False
        restricted = fs_type & 0x000F == 0x0002  # "restricted licence embedding"
        return not restricted and all(ord(ch) in cmap for ch in PROBE)

    def close(self) -> None:
        """Close the fonts; save new verdicts (a cache that cannot be written is skipped)."""
        for font in self._open.values():
            font.close()
        self._open.clear()
        if self._changed and self._verdict_file is not None and self._verdicts is not None:
            self._changed = False
            try:
                self._verdict_file.parent.mkdir(parents=True, exist_ok=True)
                tmp = self._verdict_file.with_name(f".{self._verdict_file.name}.{os.getpid()}.part")
                tmp.write_text(json.dumps(self._verdicts, ensure_ascii=False), encoding="utf-8")
                os.replace(tmp, self._verdict_file)
            except OSError:
                logger.warning("cannot save font verdicts to %s", self._verdict_file, exc_info=True)


@dataclass(frozen=True)
class FontChoice:
    """The faces a PDF is set in: body text, headings, and fallbacks for rare characters."""

    body: FontFace
    heading: FontFace
    fallbacks: tuple[FontFace, ...] = ()


def _rank(face: FontFace, families: tuple[str, ...], want_bold: bool) -> tuple[int, int]:
    names = [name.strip() for name in face.family.split(",")]
    family_rank = min((families.index(n) for n in names if n in families), default=len(families))
    return (family_rank, 0 if face.bold == want_bold else 1)


@dataclass
class FontLocator:
    """Finds CJK faces. ``fc_list`` is the fontconfig command (None: don't use fontconfig)."""

    fc_list: str | None = "fc-list"
    font_dirs: tuple[Path, ...] = field(default_factory=default_font_dirs)
    env_var: str = ENV_FONT

    def locate(self, pool: FontPool) -> FontChoice:
        """The best usable faces.

        Raises:
            ExportError: No usable CJK font (the message says what to install).
        """
        override = self._from_env()
        if override and not pool.usable(override[0]):
            raise ExportError(
                _(
                    "{env} names {path}, which is not a usable Chinese font: it is "
                    "missing, unreadable, lacks common Chinese characters or does not allow embedding."
                ).format(env=self.env_var, path=override[0].path)
            )
        found = self._from_fontconfig() or self._from_known_files()
        body_order = override + sorted(found, key=lambda f: _rank(f, BODY_FAMILIES, False))
        body = next((f for f in body_order if pool.usable(f)), None)
        if body is None:
            raise ExportError(install_hint())
        known = len(HEADING_FAMILIES)
        headings = sorted(found, key=lambda f: _rank(f, HEADING_FAMILIES, True))
        heading = next(
            (f for f in headings if _rank(f, HEADING_FAMILIES, True)[0] < known and pool.usable(f)), body
        )
        fallbacks = tuple(f for f in body_order if f not in (body, heading) and not f.bold)
        return FontChoice(body=body, heading=heading, fallbacks=fallbacks)

    def _from_env(self) -> list[FontFace]:
        value = os.environ.get(self.env_var, "").strip()
        if not value:
            return []
        path, _, index = value.partition("#")
        return [FontFace(Path(path).expanduser(), int(index) if index.isdigit() else 0, family="(override)")]

    def _from_fontconfig(self) -> list[FontFace]:
        command = shutil.which(self.fc_list) if self.fc_list else None
        if command is None:
            return []
        fmt = "%{file}\t%{index}\t%{family}\t%{weight}\n"
        try:
            done = subprocess.run(
                [command, ":lang=zh", "-f", fmt], capture_output=True, text=True, timeout=20, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return []
        faces = []
        for line in done.stdout.splitlines():
            parts = line.split("\t")
            if len(parts) != 4 or not parts[0].lower().endswith(FONT_SUFFIXES):
                continue
            file, index, family, weight = parts
            bold = weight.isdigit() and int(weight) >= 180  # fontconfig: 80 regular, 200 bold
            faces.append(FontFace(Path(file), int(index) if index.isdigit() else 0, family, bold))
        return faces

    def _from_known_files(self) -> list[FontFace]:
        wanted = {name.lower() for name in KNOWN_FILES}
        faces: list[FontFace] = []
        for folder in self.font_dirs:
            if not folder.is_dir():
                continue
            for path in sorted(folder.rglob("*")):
                if path.name.lower() in wanted and path.is_file():
                    faces += _faces_of(path)
        return faces


def _faces_of(path: Path) -> list[FontFace]:
    """The faces of one font file with their family names (read from the file's name table)."""
    from fontTools.ttLib import TTCollection, TTFont

    faces = []
    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            collection = TTCollection(str(path), lazy=True)
            fonts = list(collection.fonts)
        else:
            collection = None
            fonts = [TTFont(str(path), lazy=True)]
        for index, font in enumerate(fonts):
            family = font["name"].getBestFamilyName() or path.stem
            subfamily = font["name"].getBestSubFamilyName() or ""
            stem = path.stem.lower()
            bold = "bold" in subfamily.lower() or "bold" in stem or stem.endswith("bd")
            faces.append(FontFace(path, index, family, bold))
        (collection or fonts[0]).close()
    except Exception:  # unreadable font files are skipped
        return []
    return faces
