"""PDF export with fpdf2 and a system CJK font (see :mod:`index.export.fontbuild` for why the font is
rebuilt as TrueType, :mod:`index.export.fontcache` for how it is prepared once and cached), laid out
with Chinese line breaking and justified lines.

All lengths are in points (fpdf2 unit "pt").
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from index.export.citation import FRAGMENT_NOTE, caption_line, citation, display_title, people
from index.export.fontcache import PreparedFont, cache_folder, cached_font
from index.export.fonts import FontChoice, FontLocator, FontPool
from index.export.job import Job
from index.export.linebreak import wrap
from index.export.textual import collection_title
from index.i18n import _
from index.models import ArticleRecord

logger = logging.getLogger(__name__)

# Module default; tests (and a future settings page) may replace it.
LOCATOR = FontLocator()

PAGE_W, PAGE_H = 595.28, 841.89  # A4
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 64.0, 62.0, 62.0
TEXT_W = PAGE_W - 2 * MARGIN_X
GREY = (90, 90, 90)
BLACK = (0, 0, 0)
PAGE_DIGITS = "0123456789— "
OPTIMIZE_SPEED = "fontTools.ttLib:OPTIMIZE_FONT_SPEED"


@dataclass(frozen=True)
class Style:
    """How one kind of PDF paragraph is set: font, size, leading, colour, indent and spacing."""

    font: str  # "body" or "head"
    size: float
    leading: float  # line height as a multiple of size
    color: tuple[int, int, int] = BLACK
    indent: float = 0.0  # first-line indent, in em
    before: float = 0.0  # space above, in points
    after: float = 0.0
    justify: bool = False


STYLES = {
    "doc_title": Style("head", 20, 1.4, after=10),
    "kicker": Style("head", 11, 1.5, color=(60, 60, 60), before=4),
    "title": Style("head", 17, 1.35, after=2),
    "subtitle": Style("head", 12, 1.5, after=2),
    "byline": Style("body", 9.5, 1.6, color=GREY),
    "citation": Style("body", 9, 1.6, color=GREY, after=6),
    "note": Style("body", 9.5, 1.6, color=GREY, after=2),
    "body": Style("body", 11, 1.75, indent=2, justify=True, after=3),
    "caption": Style("body", 9.5, 1.6, color=(60, 60, 60), before=2, after=3),
}


def _clean(text: str) -> str:
    """Tabs and other blanks become spaces; other control characters go (they have no glyph)."""
    return "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or ch.isprintable())


def _blocks(article: ArticleRecord, paper: str) -> list[tuple[str, str]]:
    """The article as (style, text) blocks in reading order."""
    cleaned = [(name, _clean(text)) for name, text in _raw_blocks(article, paper)]
    return [(name, text) for name, text in cleaned if text.strip()]


def _raw_blocks(article: ArticleRecord, paper: str) -> list[tuple[str, str]]:
    blocks: list[tuple[str, str]] = []
    if article.kicker:
        blocks.append(("kicker", article.kicker))
    blocks.append(("title", display_title(article)))
    if article.subtitle:
        blocks.append(("subtitle", f"——{article.subtitle}"))
    byline = people(article, photographers=True)
    if byline:
        blocks.append(("byline", byline))
    blocks.append(("citation", citation(article, paper)))
    if article.fragment:
        blocks.append(("note", FRAGMENT_NOTE))
    blocks += [("body", p) for p in article.paragraphs if p.strip()]
    blocks += [("caption", f"图：{caption_line(c)}") for c in article.captions]
    return blocks


class _Layout:
    """Places blocks on pages; owns the fpdf2 document."""

    def __init__(self, fonts: dict[str, PreparedFont], heading_is_bold: bool, running_head: str) -> None:
        from fpdf import FPDF

        layout = self

        class _Doc(FPDF):  # type: ignore[misc]
            def header(self) -> None:
                if self.page > 1:
                    layout.small_line(running_head, MARGIN_TOP - 30, align="R")

            def footer(self) -> None:
                layout.small_line(f"— {self.page} —", PAGE_H - MARGIN_BOTTOM + 22, align="C")

            def get_fallback_font(self, char: str, style: str = "") -> str | None:
                # The rare characters of a role come from that role's own extra font (same face).
                own = f"{self.font_family}-extra"
                font = self.fonts.get(own)
                if font is not None and ord(char) in getattr(font, "cmap", {}):
                    return own
                found: str | None = super().get_fallback_font(char, style)
                return found

        self.fonts = fonts
        self.fake_bold = not heading_is_bold
        pdf = _Doc(unit="pt", format="A4")
        pdf.set_margins(MARGIN_X, MARGIN_TOP, MARGIN_X)
        pdf.set_auto_page_break(False)
        pdf.c_margin = 0
        extras = []
        for name, prepared in fonts.items():
            pdf.add_font(name, "", str(prepared.base.path))
            if prepared.extra is not None:
                pdf.add_font(f"{name}-extra", "", str(prepared.extra.path))
                extras.append(f"{name}-extra")
        if extras:  # characters outside the cached base font
            pdf.set_fallback_fonts(extras)
        for font in pdf.fonts.values():  # subsetting writes glyphs fast, not smallest (~3x faster)
            ttfont = getattr(font, "ttfont", None)
            if ttfont is not None:
                ttfont.cfg[OPTIMIZE_SPEED] = True
        pdf.set_lang("zh-CN")
        pdf.set_creator("平城区报 archive (pingcheng-archive)")
        self.pdf = pdf

    def small_line(self, text: str, y: float, align: str) -> None:
        pdf = self.pdf
        pdf.set_font("body", "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.set_char_spacing(0)
        pdf.set_xy(MARGIN_X, y)
        pdf.cell(TEXT_W, 12, text, align=align)

    def lines(self, style: Style, text: str) -> list[str]:
        font = self.fonts[style.font]
        return wrap(text, lambda s: font.width(s, style.size), TEXT_W, style.indent * style.size)

    def height(self, style: Style, text: str) -> float:
        return style.before + len(self.lines(style, text)) * style.size * style.leading + style.after

    def ensure(self, needed: float) -> None:
        """Start a new page unless ``needed`` points still fit on this one."""
        pdf = self.pdf
        if pdf.page == 0 or pdf.get_y() + needed > PAGE_H - MARGIN_BOTTOM:
            pdf.add_page()
            pdf.set_y(MARGIN_TOP)

    def block(self, name: str, text: str) -> None:
        from fpdf.enums import TextMode

        style = STYLES[name]
        pdf, font = self.pdf, self.fonts[style.font]
        pdf.set_font(style.font, "", style.size)
        pdf.set_text_color(*style.color)
        bold = style.font == "head" and self.fake_bold and style.size >= 16
        pdf.text_mode = TextMode.FILL_STROKE if bold else TextMode.FILL
        pdf.set_line_width(style.size * 0.03)
        pdf.set_draw_color(*style.color)
        line_h = style.size * style.leading
        lines = self.lines(style, text)
        pdf.set_y(pdf.get_y() + style.before)
        for i, line in enumerate(lines):
            self.ensure(line_h)
            x = MARGIN_X + (style.indent * style.size if i == 0 else 0.0)
            spacing = 0.0
            if style.justify and i < len(lines) - 1 and len(line) > 1:
                spacing = (MARGIN_X + TEXT_W - x - font.width(line, style.size)) / (len(line) - 1)
                spacing = max(0.0, min(spacing, style.size * 0.25))
            pdf.set_char_spacing(spacing)
            pdf.set_xy(x, pdf.get_y())
            pdf.cell(MARGIN_X + TEXT_W - x, line_h, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_char_spacing(0)
        pdf.text_mode = TextMode.FILL
        pdf.set_y(pdf.get_y() + style.after)

    def rule(self) -> None:
        pdf = self.pdf
        y = pdf.get_y() + 8
        pdf.set_draw_color(180, 180, 180)
        pdf.set_line_width(0.5)
        pdf.line(MARGIN_X, y, MARGIN_X + TEXT_W, y)
        pdf.set_y(y + 10)

    def article(self, blocks: list[tuple[str, str]], first: bool) -> None:
        # Keep the headline group together with the first two lines of text.
        head = [b for b in blocks if b[0] not in ("body", "caption")]
        needed = sum(self.height(STYLES[n], t) for n, t in head) + 2 * 11 * 1.75 + 20
        if not first:
            if self.pdf.get_y() + needed > PAGE_H - MARGIN_BOTTOM:
                self.ensure(PAGE_H)  # new page instead of a rule at the foot of this one
            else:
                self.rule()
        for name, text in blocks:
            self.block(name, text)


def _text_for(blocks: list[tuple[str, str]], font: str) -> set[str]:
    return {ch for name, text in blocks if STYLES[name].font == font for ch in text}


def write_pdf(job: Job, path: Path, locator: FontLocator | None = None) -> None:
    """Write the articles as one PDF.

    Raises:
        ExportError: No usable CJK font (before anything is written).
        Cancelled: The caller cancelled.
    """
    pool = FontPool(verdicts=cache_folder() / "faces.json")
    try:
        choice: FontChoice = (locator or LOCATOR).locate(pool)
        job.report(0, _("Preparing the Chinese font…"))
        title = collection_title(job)
        blocks = [_blocks(a, job.paper) for a in job.articles]
        body_chars = set(PAGE_DIGITS) | set(title)
        head_chars = set(title)
        for article_blocks in blocks:
            body_chars |= _text_for(article_blocks, "body")
            head_chars |= _text_for(article_blocks, "head")
        fallbacks = list(choice.fallbacks)
        body_faces = [choice.body, *fallbacks]
        head_faces = [choice.heading, choice.body, *fallbacks]
        fonts = {
            "body": cached_font(pool, body_faces, body_chars, "PingchengBody", job.check),
            "head": cached_font(pool, head_faces, head_chars, "PingchengHead", job.check),
        }
        pool.close()
        job.check()
        layout = _Layout(fonts, choice.heading.bold, title)
        layout.ensure(PAGE_H)
        layout.block("doc_title", title)
        for index, article_blocks in enumerate(blocks):
            job.report(
                index,
                _("Laying out {n}/{total}: {title}").format(
                    n=index + 1, total=job.total, title=job.articles[index].title
                ),
            )
            layout.article(article_blocks, first=index == 0)
        job.check()
        layout.pdf.set_title(title)
        layout.pdf.output(str(path))
    finally:
        pool.close()


def pdf_fonts(locator: FontLocator | None = None) -> FontChoice:
    """The CJK faces a PDF would use, or raise :class:`ExportError` saying what to install."""
    pool = FontPool()
    try:
        return (locator or LOCATOR).locate(pool)
    finally:
        pool.close()
