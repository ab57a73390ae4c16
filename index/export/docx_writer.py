"""Word (.docx) export with python-docx: A4, a running head and page numbers, real document
properties, and East Asian fonts set so Word shows the intended faces.

python-docx's ``font.name`` only sets ``w:ascii``/``w:hAnsi``; Chinese text is drawn with the
``w:eastAsia`` font, and the default template's theme attributes (``w:eastAsiaTheme`` …) win over
explicit names. So every style we use and every run we write gets an explicit ``w:rFonts`` with the
theme attributes removed, plus ``w:lang w:eastAsia="zh-CN"`` for Chinese line breaking.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from index.export.citation import (
    FRAGMENT_NOTE,
    caption_line,
    citation,
    display_title,
    people,
)
from index.export.job import Job
from index.export.textual import collection_title
from index.models import ArticleRecord

# (Latin face, East Asian face). SimSun (宋体) and SimHei (黑体) ship with every Chinese Windows;
# elsewhere the word processor substitutes its own serif / sans CJK face for them.
BODY_FONTS = ("Times New Roman", "SimSun")
HEADING_FONTS = ("Arial", "SimHei")
BODY_SIZE_PT = 10.5  # 五号

_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def set_fonts(element: Any, latin: str, east_asia: str) -> None:
    """Give a style or run element explicit Latin and East Asian fonts (no theme fonts).

    Args:
        element: A python-docx ``CT_Style`` or ``CT_R`` (anything with ``get_or_add_rPr``) or a
            bare ``w:rPr`` element.
        latin: Font for Latin letters and digits.
        east_asia: Font for Chinese characters (``w:eastAsia``).
    """
    from docx.oxml.ns import qn

    rpr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    rfonts = rpr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), latin)
    rfonts.set(qn("w:hAnsi"), latin)
    rfonts.set(qn("w:cs"), latin)
    rfonts.set(qn("w:eastAsia"), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def _set_lang(rpr: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")


def _configure_styles(doc: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            set_fonts(rpr, *BODY_FONTS)
            _set_lang(rpr)

    normal = styles["Normal"]
    normal.font.size = Pt(BODY_SIZE_PT)
    set_fonts(normal.element, *BODY_FONTS)
    _set_lang(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.35

    def paragraph_style(name: str, *, base: str = "Normal") -> Any:
        try:
            return styles[name]
        except KeyError:
            style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[base]
            return style

    spec = [
        # name, size, bold, italic, heading face, grey
        ("Title", 18.0, True, False, True, False),
        ("Heading 1", 16.0, True, False, True, False),
        ("Subtitle", 12.0, False, False, True, False),
        ("Kicker", 11.0, False, False, True, False),
        ("Byline", 9.5, False, False, False, True),
        ("Citation", 9.0, False, False, False, True),
        ("Caption", 9.5, False, True, False, False),
        ("Note", 9.5, False, True, False, True),
    ]
    for name, size, bold, italic, heading, grey in spec:
        style = paragraph_style(name)
        style.font.size = Pt(size)
        style.font.bold = bold
        style.font.italic = italic
        style.font.color.rgb = RGBColor(0x59, 0x59, 0x59) if grey else RGBColor(0, 0, 0)
        set_fonts(style.element, *(HEADING_FONTS if heading else BODY_FONTS))
    styles["Kicker"].paragraph_format.space_before = Pt(14)
    styles["Kicker"].paragraph_format.space_after = Pt(0)
    styles["Kicker"].paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["Subtitle"].paragraph_format.keep_with_next = True
    styles["Byline"].paragraph_format.keep_with_next = True
    styles["Citation"].paragraph_format.space_after = Pt(8)


class _Builder:
    """Appends paragraphs to one document."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.body = doc._body
        # Style ids by name, resolved once: python-docx's own lookup scans every style per paragraph.
        from docx.enum.style import WD_STYLE_TYPE

        paragraph_styles = (s for s in doc.styles if s.type == WD_STYLE_TYPE.PARAGRAPH)
        self.style_ids = {s.name: s.style_id for s in paragraph_styles}

    def add(self, text: str, style: str, *, heading_face: bool = False, indent: bool = False) -> Any:
        from docx.shared import Pt

        text = _NOT_XML.sub("", text)  # control characters would make python-docx refuse the text
        paragraph = self.body.add_paragraph()
        if style != "Normal":
            paragraph._p.style = self.style_ids[style]
        run = paragraph.add_run(text)
        set_fonts(run._element, *(HEADING_FONTS if heading_face else BODY_FONTS))
        if indent:
            paragraph.paragraph_format.first_line_indent = Pt(2 * BODY_SIZE_PT)  # two characters
        return paragraph

    def article(self, article: ArticleRecord, paper: str) -> None:
        from docx.shared import Pt

        if article.kicker:
            self.add(article.kicker, "Kicker", heading_face=True)
        title = self.add(display_title(article), "Heading 1", heading_face=True)
        if article.kicker:
            title.paragraph_format.space_before = Pt(2)  # the kicker above carries the gap
        if article.subtitle:
            self.add(f"——{article.subtitle}", "Subtitle", heading_face=True)
        byline = people(article, photographers=True)
        if byline:
            self.add(byline, "Byline")
        self.add(citation(article, paper), "Citation")
        if article.fragment:
            self.add(FRAGMENT_NOTE, "Note")
        for paragraph in article.paragraphs:
            self.add(paragraph, "Normal", indent=True)
        for caption in article.captions:
            self.add(f"图：{caption_line(caption)}", "Caption")


APP_CREATOR = "平城区报 archive (pingcheng-archive)"
A4_MM = (210, 297)
MARGINS_MM = (25, 22, 25, 22)  # top, right, bottom, left (GB/T 9704 official documents use 37/26/35/28)


def _page_setup(doc: Any, running_head: str) -> None:
    """A4 portrait, margins, a header with the paper's name and a centred ``— N —`` page footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    for section in doc.sections:
        section.page_width, section.page_height = Mm(A4_MM[0]), Mm(A4_MM[1])
        top, right, bottom, left = MARGINS_MM
        section.top_margin, section.right_margin = Mm(top), Mm(right)
        section.bottom_margin, section.left_margin = Mm(bottom), Mm(left)
        section.header_distance = section.footer_distance = Mm(12)
        header = section.header.paragraphs[0]
        header.text = ""
        header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        run = header.add_run(running_head)
        set_fonts(run._element, *BODY_FONTS)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for part in ("— ", None, " —"):
            run = footer.add_run(part) if part else footer.add_run()
            set_fonts(run._element, *BODY_FONTS)
            if part is None:
                _page_field(run)


def _page_field(run: Any) -> None:
    """Make ``run`` Word's PAGE field (the page number, filled in by the word processor)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tags = ("w:fldChar", "w:instrText", "w:fldChar", "w:t", "w:fldChar")
    begin, instr, sep, text, end = (OxmlElement(t) for t in tags)
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    sep.set(qn("w:fldCharType"), "separate")
    text.text = "1"
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, sep, text, end):
        run._r.append(element)


def _properties(doc: Any, job: Job) -> None:
    """Real document properties: title, the articles' authors, now, the app as creator."""
    import datetime as dt

    from index.export.citation import authors, paper_name

    names: list[str] = []
    for article in job.articles:
        names += [n for n in authors(article) if n not in names]
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    props = doc.core_properties
    props.title = collection_title(job)
    props.subject = paper_name(job.paper)
    props.author = "、".join(names) or APP_CREATOR
    props.last_modified_by = APP_CREATOR
    props.comments = APP_CREATOR
    props.keywords = "、".join(dict.fromkeys(t for a in job.articles for t in a.topics))
    props.category = paper_name(job.paper)
    props.created = props.modified = now
    props.revision = 1
    props.language = "zh-CN"
    _app_properties(doc)


def _app_properties(doc: Any) -> None:
    """``docProps/app.xml``'s Application names this program (python-docx's template says Word)."""
    for rel in doc.part.package.parts:
        if str(rel.partname) == "/docProps/app.xml":
            xml = rel.blob.decode("utf-8")
            xml = re.sub(r"<Application>.*?</Application>", f"<Application>{APP_CREATOR}</Application>", xml)
            rel._blob = xml.encode("utf-8")


def write_docx(job: Job, path: Path) -> None:
    """Write the articles as one Word document (A4, header and page numbers, real properties)."""
    import docx

    doc = docx.Document()
    _configure_styles(doc)
    _page_setup(doc, paper_name_of(job))
    _properties(doc, job)
    builder = _Builder(doc)
    builder.add(collection_title(job), "Title", heading_face=True)
    for article in job.each():
        builder.article(article, job.paper)
    doc.save(str(path))


def paper_name_of(job: Job) -> str:
    """The running head: ``《平城区报》``."""
    from index.export.citation import paper_name

    name = paper_name(job.paper)
    return f"《{name}》" if name else ""
