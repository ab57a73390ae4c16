"""Reference-manager formats read back with real parsers (rispy, bibtexparser, citeproc-py), DOCX page
set-up and properties, one file per article, and the PDF font cache."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from typing import Any

import bibtexparser
import pytest
import rispy
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from index.errors import ExportError
from index.export import EXTENSIONS, citation, target_path, write_export
from index.export.each import file_stem, write_each
from tests.test_export import ARTICLES, _article

TRICKY = _article(
    id=21,
    date=dt.date(2026, 1, 5),
    title="100% 达标 & {括号} 与 \\ 反斜杠_下划线",
    section="平城头条",
    page=1,
    reporters=("邸东芳", "郑林"),
    topics=("民生",),
)


def test_ris_reads_back_as_newspaper_articles(tmp_path: Path) -> None:
    out = write_export([*ARTICLES, TRICKY], "ris", tmp_path / "refs.ris")
    entries = rispy.loads(out.read_text(encoding="utf-8"))
    assert len(entries) == 4 and all(e["type_of_reference"] == "NEWS" for e in entries)
    first = entries[0]
    assert first["authors"] == ["李满", "赵雪", "王晨"]
    assert first["title"] == ARTICLES[0].title and first["secondary_title"] == "平城区报"
    assert first["date"] == "2026/03/02" and first["year"] == "2026" and first["start_page"] == "2"
    assert first["keywords"] == ["社区治理", "民生"]
    assert citation(ARTICLES[0]) in first["notes"]
    assert "authors" not in entries[2] and entries[2]["title"] == "（无标题）"
    assert entries[3]["title"] == TRICKY.title


def test_bibtex_reads_back_with_escaped_specials(tmp_path: Path) -> None:
    out = write_export([*ARTICLES, TRICKY], "bibtex", tmp_path / "refs.bib")
    db = bibtexparser.loads(out.read_text(encoding="utf-8"))
    assert [e["ENTRYTYPE"] for e in db.entries] == ["article"] * 4
    by_id = {e["ID"]: e for e in db.entries}
    first = by_id["pingcheng-2026-03-02-11"]
    assert first["author"] == "{李满} and {赵雪} and {王晨}"
    assert first["journal"] == "平城区报" and first["entrysubtype"] == "newspaper"
    assert first["date"] == "2026-03-02" and first["pages"] == "2"
    tricky = by_id["pingcheng-2026-01-05-21"]
    assert tricky["title"] == r"100\% 达标 \& \{括号\} 与 \textbackslash{} 反斜杠\_下划线"
    assert len(set(by_id)) == 4, "keys are unique"


def test_csljson_renders_with_citeproc(tmp_path: Path) -> None:
    out = write_export([*ARTICLES, TRICKY], "csljson", tmp_path / "refs.json")
    items = json.loads(out.read_text(encoding="utf-8"))
    assert {i["type"] for i in items} == {"article-newspaper"}
    assert items[0]["author"] == [{"literal": "李满"}, {"literal": "赵雪"}, {"literal": "王晨"}]
    assert items[0]["issued"] == {"date-parts": [[2026, 3, 2]]} and items[0]["page"] == "2"
    source = CiteProcJSON(items)
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    for item in items:
        bib.register(Citation([CitationItem(item["id"])]))
    rendered = [str(entry) for entry in bib.bibliography()]
    assert len(rendered) == 4
    text = "\n".join(rendered)
    assert ARTICLES[0].title in text and "平城区报" in text and "2026" in text


def test_docx_is_a4_with_properties_header_and_page_numbers(tmp_path: Path) -> None:
    import docx

    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    out = write_export(ARTICLES, "docx", tmp_path / "out.docx")
    doc = docx.Document(str(out))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    props = doc.core_properties
    assert props.title.startswith("《平城区报》文章选辑")
    assert props.author == "李满、赵雪、王晨、孙晓"
    assert props.created is not None and props.created >= before - dt.timedelta(seconds=1)
    assert "pingcheng-archive" in props.last_modified_by
    assert section.header.paragraphs[0].text == "《平城区报》"
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and 'w:fldCharType="begin"' in footer_xml
    with zipfile.ZipFile(out) as z:
        app = z.read("docProps/app.xml").decode("utf-8")
    assert "<Application>平城区报 archive (pingcheng-archive)</Application>" in app


def test_the_extension_follows_the_format(tmp_path: Path) -> None:
    assert target_path(tmp_path / "a", "bibtex") == tmp_path / "a.bib"
    assert target_path(tmp_path / "a.markdown", "md") == tmp_path / "a.markdown"
    with pytest.raises(ExportError, match=r"\.docx"):
        write_export(ARTICLES, "docx", tmp_path / "x.doc")
    assert not list(tmp_path.iterdir())
    for fmt, exts in EXTENSIONS.items():
        assert target_path(tmp_path / "n", fmt).suffix == exts[0]


def test_one_file_per_article(tmp_path: Path) -> None:
    same = [ARTICLES[0], _article(id=99, date=ARTICLES[0].date, title=ARTICLES[0].title)]
    files = write_each([*same, ARTICLES[2]], "txt", tmp_path / "each", "{date}_{title}")
    names = [f.name for f in files]
    assert names == [
        f"2026-03-02_{ARTICLES[0].title}.txt",
        f"2026-03-02_{ARTICLES[0].title} (2).txt",
        "2026-03-16_（无标题）.txt",
    ]
    assert all(f.is_file() for f in files)
    assert file_stem(_article(title="a/b:c*?"), "{title}") == "a_b_c"
    assert file_stem(_article(id=7, title="..."), "{title}") == "7"  # nothing left: the id
    with pytest.raises(ExportError):
        write_each(ARTICLES, "txt", tmp_path / "bad", "{nope}")


def test_pdf_font_is_prepared_once_and_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.export import fontcache, pdf_writer

    try:
        pdf_writer.pdf_fonts()
    except ExportError as exc:
        pytest.fail(f"no CJK font installed (CI installs fonts-noto-cjk): {exc}")
    cache = tmp_path / "cache"
    monkeypatch.setenv("PINGCHENG_FONT_CACHE", str(cache))
    builds: list[tuple[str, int]] = []  # (font file, characters it was built with)
    real = fontcache.build_font

    def counting(pool: Any, faces: Any, chars: Any, path: Path, *args: Any) -> Any:
        builds.append((path.name, len(chars)))
        return real(pool, faces, chars, path, *args)

    monkeypatch.setattr(fontcache, "build_font", counting)
    write_export(ARTICLES[:1], "pdf", tmp_path / "first.pdf")  # builds the cache
    bases = [p for p in cache.glob("*.ttf") if "-extra" not in p.name]
    assert len(bases) == 2 and len(builds) == 2  # body and headings, once each
    assert min(n for _, n in builds) > 3000  # the common characters, built ahead
    assert json.loads((cache / "faces.json").read_text(encoding="utf-8"))  # usable faces remembered
    stamps = {p: p.stat().st_mtime_ns for p in bases}
    builds.clear()
    for n, article in enumerate(ARTICLES):
        rare = _article(id=50 + n, title=f"{article.title}龘靐{n}", body=article.body)
        write_export([article, rare], "pdf", tmp_path / f"again{n}.pdf")
    # later exports never rebuild the base fonts: only the small font of characters outside them
    assert builds and all("-extra" in name for name, _ in builds), builds
    assert max(n for _, n in builds) < 40, builds
    assert {p: p.stat().st_mtime_ns for p in bases} == stamps
    seen = len(builds)
    write_export(ARTICLES, "pdf", tmp_path / "cached.pdf")
    assert len(builds) == seen  # characters seen before need no build at all
    from pypdf import PdfReader

    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "again0.pdf").pages)
    assert "龘靐0" in text.replace("\n", "")


def test_every_format_has_labels_and_an_extension() -> None:
    from index.export import FORMAT_LABELS, FORMATS

    assert set(FORMAT_LABELS) == set(FORMATS) == set(EXTENSIONS)
    assert all(zh and en for zh, en in FORMAT_LABELS.values())
