"""The PDF fonts, prepared once and kept in the user cache folder.

Building a TrueType font from a CFF CJK face costs about a millisecond per character (see
:mod:`index.export.fontbuild`). The first PDF export on a machine builds one font per role (body,
headings) holding the 3,755 common characters of GB 2312 level 1, ASCII, and the punctuation and
characters of that document; every later export uses the cached file at once (fpdf2 embeds only
the glyphs a document uses). Characters the base lacks go into a small second font per role that
grows as documents need them (its glyphs are copied, only new characters converted); the PDF uses it
as fpdf2's fallback font.

A cache entry belongs to the exact source faces (path, face index, size, modification time), so an
updated or replaced system font makes a new entry. Files are written beside their final name and
renamed, so two exports at once never read half a file.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from index.export.fontbuild import BuiltFont, build_font, drawable
from index.export.fonts import FontFace, FontPool

logger = logging.getLogger(__name__)

CACHE_VERSION = 1  # bump when build_font's output changes
ENV_CACHE = "PINGCHENG_FONT_CACHE"  # a folder to use instead of <user cache>/fonts


def cache_folder() -> Path:
    """Where the prepared fonts live (``PINGCHENG_FONT_CACHE`` overrides)."""
    override = os.environ.get(ENV_CACHE)
    if override:
        return Path(override)
    from index.paths import cache_dir

    return cache_dir() / "fonts"


@functools.cache
def common_characters() -> frozenset[str]:
    """GB 2312 level 1 (the 3,755 common hanzi), its punctuation rows, and printable ASCII."""
    chars = {chr(c) for c in range(0x20, 0x7F)}
    rows = [*range(0xA1, 0xA4), *range(0xB0, 0xD8)]  # A1–A3: punctuation and full-width forms
    for hi in rows:
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _key(faces: Sequence[FontFace], family: str) -> str:
    parts: list[str] = [str(CACHE_VERSION), family]
    for face in faces:
        try:
            st = face.path.stat()
            parts.append(f"{face.path.resolve()}#{face.index}:{st.st_size}:{st.st_mtime_ns}")
        except OSError:
            parts.append(f"{face.path}#{face.index}:missing")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def _read_meta(meta: Path) -> tuple[dict[str, float], set[str]] | None:
    try:
        data = json.loads(meta.read_text(encoding="utf-8"))
        return {str(k): float(v) for k, v in data["advances"].items()}, set(data["missing"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _write_atomic(path: Path, write: Callable[[Path], object]) -> None:
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@dataclass
class PreparedFont:
    """A cached font for one role: the common characters (``base``) and the rarer ones (``extra``)."""

    base: BuiltFont
    extra: BuiltFont | None = None
    missing: set[str] = field(default_factory=set)

    @property
    def advances(self) -> dict[str, float]:
        """Advance widths (in em) of every character either font holds."""
        if self.extra is None:
            return self.base.advances
        return {**self.extra.advances, **self.base.advances}

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size``; unknown characters count as 1 em."""
        base, extra = self.base.advances, self.extra.advances if self.extra else {}
        return sum(base.get(ch, extra.get(ch, 1.0)) for ch in text) * size


def _ensure(
    pool: FontPool,
    faces: Sequence[FontFace],
    wanted: set[str],
    family: str,
    path: Path,
    seed: Iterable[str],
    check: Callable[[], None] | None,
) -> BuiltFont:
    """The cached font at ``path`` holding ``wanted``: as it is, or grown (a new one gets ``seed`` too)."""
    meta = path.with_suffix(".json")
    known = _read_meta(meta) if path.is_file() else None
    if known is not None and wanted <= set(known[0]):
        return BuiltFont(path, known[0], known[1])
    have = set(known[0]) if known else set()
    todo = have | wanted | (set() if known else set(seed))
    logger.info("preparing the PDF font %s: %d characters (%d new)", path.name, len(todo), len(todo - have))
    built: list[BuiltFont] = []
    prior = path if known else None
    _write_atomic(path, lambda tmp: built.append(build_font(pool, faces, todo, tmp, family, check, prior)))
    font = built[0]
    data = {"advances": font.advances, "missing": sorted(font.missing)}
    _write_atomic(meta, lambda tmp: tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8"))
    return BuiltFont(path, font.advances, font.missing)


def cached_font(
    pool: FontPool,
    faces: Sequence[FontFace],
    chars: Iterable[str],
    family: str,
    check: Callable[[], None] | None = None,
    folder: Path | None = None,
) -> PreparedFont:
    """Fonts of ``faces`` holding ``chars``, from the cache when it has them.

    The base font (built once: :func:`common_characters` plus the first document's) never changes;
    characters outside it go into a small second font that grows as documents need them, which
    costs a few milliseconds per new character instead of rebuilding thousands of glyphs.

    Args:
        pool: Opened fonts (only read when a cache file must be built or grown).
        faces: The main face first, then fallbacks.
        chars: The characters the document shows.
        family: Family name of the font (also part of the cache key).
        check: Called while building; may raise to stop (cancel).
        folder: The cache folder (default: :func:`cache_folder`).

    Returns:
        The prepared font; ``missing`` holds the requested characters no face has.
    """
    wanted = set(drawable(chars))
    root = folder or cache_folder()
    key = _key(faces, family)
    try:
        root.mkdir(parents=True, exist_ok=True)
        base = _ensure(pool, faces, set(), family, root / f"{key}.ttf", common_characters() | wanted, check)
        rest = wanted - set(base.advances)
        extra = (
            _ensure(pool, faces, rest, f"{family}X", root / f"{key}-extra.ttf", (), check) if rest else None
        )
    except OSError:
        # A read-only cache folder: build for this document only, in a temporary file.
        logger.warning(
            "cannot write the font cache in %s; building for this export only", root, exc_info=True
        )
        import tempfile

        tmpdir = Path(tempfile.mkdtemp(prefix="pingcheng-font-"))
        built = build_font(pool, faces, wanted, tmpdir / f"{family}.ttf", family, check)
        return PreparedFont(built, None, built.missing & wanted)
    missing = (base.missing | (extra.missing if extra else set())) & wanted
    return PreparedFont(base, extra, missing)
