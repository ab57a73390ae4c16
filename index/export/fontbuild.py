"""Build, per export, a small TrueType font holding exactly the characters the PDF shows.

Why not hand the system font to fpdf2 directly:

* Noto/Source Han CJK fonts have CID-keyed CFF outlines. fpdf2 embeds those with an embedded CMap as
  the font's ``/Encoding``; pypdf reads such text back as one byte per code (every character
  preceded by ``\x00``), though poppler copes. A TrueType (``glyf``) font is embedded as ``CIDFontType2`` with ``Identity-H``,
  which every reader understands.
* Several code points share one glyph in CJK fonts (行 U+884C and the Kangxi radical ⾏ U+2F8F).
  A writer that maps glyphs back to text (Qt's QPdfWriter does) then puts the radical in the PDF's
  ToUnicode map. Here every code point gets its own glyph, so the map is exact whatever the writer
  does (fpdf2 keeps one code per character already; this keeps it true if that changes).
* Characters missing from the main face are taken from fallback faces (scaled to the same em); a
  character no face has is drawn as the .notdef box but still extracts as itself.

Outlines are converted from cubic (CFF) to quadratic (TrueType) curves with cu2qu; cost is about a
millisecond per distinct character.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.export.fonts import FontFace, FontPool

logger = logging.getLogger(__name__)

MAX_ERR = 1.0  # cu2qu tolerance in font units (of 1000/2048 per em): invisible at text sizes


@dataclass
class BuiltFont:
    """Result of :func:`build_font`: the file, per-character advances (in em) and what was missing."""

    path: Path
    advances: dict[str, float]
    missing: set[str]

    def width(self, text: str, size: float) -> float:
        """Width of ``text`` at ``size`` (same unit as ``size``); unknown characters count as 1 em."""
        return sum(self.advances.get(ch, 1.0) for ch in text) * size


def drawable(chars: Iterable[str]) -> list[str]:
    """The characters worth a glyph: no controls, no line/paragraph separators; sorted."""
    keep = {ch for ch in chars if unicodedata.category(ch)[0] != "C" and ch not in "\u2028\u2029"}
    return sorted(keep)


def _glyph_name(ch: str) -> str:
    code = ord(ch)
    return f"uni{code:04X}" if code <= 0xFFFF else f"u{code:06X}"


def _is_cubic(font: Any) -> bool:
    """PostScript (CFF) outlines run the other way round from TrueType ones."""
    return "CFF " in font or "CFF2" in font


def _draw(font: Any, glyph_set: Any, glyph_name: str, scale: float) -> Any:
    """A TrueType glyph for one glyph of ``font`` (decomposed, quadratic, scaled)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.recordingPen import DecomposingRecordingPen
    from fontTools.pens.transformPen import TransformPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    recording = DecomposingRecordingPen(glyph_set)
    glyph_set[glyph_name].draw(recording)
    tt_pen = TTGlyphPen(None)
    target: Any = Cu2QuPen(tt_pen, MAX_ERR, reverse_direction=_is_cubic(font))
    if scale != 1.0:
        target = TransformPen(target, (scale, 0, 0, scale, 0, 0))
    recording.replay(target)
    return tt_pen.glyph()


def build_font(
    pool: FontPool,
    faces: Sequence[FontFace],
    chars: Iterable[str],
    out: Path,
    family: str,
    check: Callable[[], None] | None = None,
    prior: Path | None = None,
) -> BuiltFont:
    """Write a TrueType font with one glyph per character of ``chars`` to ``out``.

    Args:
        pool: Opened fonts (shared with the font locator).
        faces: The main face first, then fallbacks tried in order for characters it lacks.
        chars: The characters the document will show.
        out: Where to write the ``.ttf``.
        family: Family name written into the font (shows in PDF viewers' font lists).
        check: Called every few hundred characters; may raise to stop (cancel).
        prior: A font this function built before from the same faces: its glyphs are copied
            instead of converted again (the font cache grows this way in a fraction of the time).

    Returns:
        The file, advances per character in em, and characters no face had (drawn as a box).
    """
    from fontTools.fontBuilder import FontBuilder

    main = pool.get(faces[0])
    upm = int(main["head"].unitsPerEm)
    order = [".notdef"]
    glyph_sets: dict[FontFace, Any] = {faces[0]: main.getGlyphSet()}
    glyphs = {".notdef": _draw(main, glyph_sets[faces[0]], main.getGlyphOrder()[0], 1.0)}
    metrics = {".notdef": (main["hmtx"][main.getGlyphOrder()[0]][0] or upm, 0)}
    cmap: dict[int, str] = {}
    advances: dict[str, float] = {}
    missing: set[str] = set()
    cmaps: dict[FontFace, dict[int, str]] = {}
    old = _open_prior(prior, upm)
    for count, ch in enumerate(drawable(chars)):
        if check is not None and count % 200 == 199:
            check()
        if old is not None and ord(ch) in old[1]:
            old_font, old_cmap = old
            old_name = old_cmap[ord(ch)]
            name = _glyph_name(ch)
            glyphs[name] = old_font["glyf"][old_name]
            advance = old_font["hmtx"][old_name][0]
            metrics[name] = (advance, 0)
            order.append(name)
            cmap[ord(ch)] = name
            advances[ch] = advance / upm
            continue
        for face in faces:
            if face not in cmaps:
                try:
                    cmaps[face] = pool.get(face).getBestCmap() or {}
                except Exception:  # a fallback that cannot be read is skipped
                    cmaps[face] = {}
            source = cmaps[face].get(ord(ch))
            if source is None:
                continue
            font = pool.get(face)
            scale = upm / int(font["head"].unitsPerEm)
            name = _glyph_name(ch)
            if face not in glyph_sets:
                glyph_sets[face] = font.getGlyphSet()
            glyphs[name] = _draw(font, glyph_sets[face], source, scale)
            advance = round(font["hmtx"][source][0] * scale)
            metrics[name] = (advance, 0)
            order.append(name)
            cmap[ord(ch)] = name
            advances[ch] = advance / upm
            break
        else:
            # No face has it: draw the .notdef box but keep the character in the cmap, so the
            # PDF's text (copy, search, extraction) still holds it.
            missing.add(ch)
            name = _glyph_name(ch)
            glyphs[name] = glyphs[".notdef"]
            metrics[name] = metrics[".notdef"]
            order.append(name)
            cmap[ord(ch)] = name
            advances[ch] = metrics[".notdef"][0] / upm
    if missing:
        logger.warning("No installed font has %d character(s): %s", len(missing), "".join(sorted(missing)))

    builder = FontBuilder(upm, isTTF=True)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap(cmap)
    builder.setupGlyf(glyphs)
    glyf = builder.font["glyf"]
    builder.setupHorizontalMetrics(
        {name: (adv, getattr(glyf[name], "xMin", 0)) for name, (adv, _) in metrics.items()}
    )
    hhea, os2 = main["hhea"], main["OS/2"]
    builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(
        sTypoAscender=os2.sTypoAscender,
        sTypoDescender=os2.sTypoDescender,
        sTypoLineGap=os2.sTypoLineGap,
        usWinAscent=os2.usWinAscent,
        usWinDescent=os2.usWinDescent,
        fsType=os2.fsType,  # keep the source's embedding permission
    )
    builder.setupPost()
    builder.save(str(out))
    if old is not None:
        old[0].close()
    return BuiltFont(out, advances, missing)


def _open_prior(prior: Path | None, upm: int) -> tuple[Any, dict[int, str]] | None:
    """A font built before (same units per em) and its cmap, or None if there is none usable."""
    if prior is None or not prior.is_file():
        return None
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(prior))
        if int(font["head"].unitsPerEm) != upm:
            font.close()
            return None
        return font, dict(font.getBestCmap() or {})
    except Exception:  # a damaged cache file is rebuilt from the source faces
        logger.warning("cannot reuse the cached font %s", prior, exc_info=True)
        return None
