"""Export: every format written and read back with the library a user's tools would use.

The articles are written here (our own text). The PDF is read back with pypdf and compared
character for character, including 行 and 工, which some PDF writers turn into the Kangxi radicals
⾏ (U+2F8F) and ⼯ (U+2F2F) when text is copied or extracted.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import os
import re
import zipfile
from pathlib import Path

import pytest

from index.errors import Cancelled, ExportError
from index.export import DEFAULT_PAPER, EXTENSIONS, FORMATS, citation, pdf_writer, write_export
from index.export.fonts import FontLocator
from index.export.linebreak import NO_LINE_END, NO_LINE_START, wrap
from index.export.textual import md_escape
from index.models import ArticleRecord, Caption

LONG_PARAGRAPH = (
    "今年以来，振华街道把社区工作者的行走路线画成一张“民情地图”，每条街巷都有人认领，每户居民都有人联系。"
    "工作人员每天上午入户走访，下午在党群服务中心集中办理居民提出的事项，能当场办结的当场办结，"
    "需要协调的登记在册、限时答复。截至目前，街道共收集居民诉求一千三百余件，办结率超过百分之九十五，"
    "老旧小区加装扶手、楼道照明改造、背街小巷路面修补等一批小事实事陆续落地，居民满意度明显提升。"
)


def _article(**fields: object) -> ArticleRecord:
    base: dict[str, object] = {
        "id": 1,
        "edition_id": 1,
        "date": dt.date(2026, 3, 2),
        "edition_name": "2026-03-02",
        "seq": 0,
        "title": "标题",
        "kicker": "",
        "subtitle": "",
        "section": None,
        "page": None,
        "reporters": (),
        "correspondents": (),
        "photographers": (),
        "captions": (),
        "body": "",
        "streets": (),
        "streets_printed": (),
        "topics": (),
        "fragment": False,
    }
    base.update(fields)
    return ArticleRecord(**base)  # type: ignore[arg-type]


ARTICLES = [
    _article(
        id=11,
        seq=0,
        title="社区工作者行走街巷解民忧",
        kicker="振华街道",
        subtitle="“民情地图”让服务工作更精准",
        section="平城头条",
        page=2,
        reporters=("李满", "赵雪"),
        correspondents=("王晨",),
        photographers=("赵雪",),
        captions=(Caption("社区工作者入户了解居民需求。", photographer="赵雪"),),
        body="\n".join(
            [
                "本月起，振华街道推行“行走工作法”，组织社区工作者走街串巷，面对面倾听居民意见。",
                LONG_PARAGRAPH,
                "街道工作人员表示，下一步将把行之有效的做法固定下来，形成长效工作机制。",
            ]
        ),
        streets=("振华街道",),
        streets_printed=("振华街道",),
        topics=("社区治理", "民生"),
        edited=frozenset({"title"}),
    ),
    _article(
        id=12,
        seq=3,
        date=dt.date(2026, 3, 9),
        edition_name="2026-03-09",
        title="文瀛湖畔书香浓 青少年共读《平城故事》",
        section="文化",
        page=3,
        reporters=("孙晓",),
        captions=(Caption("学生在湖畔阅读角读书。", credit="平城区实验小学"),),
        body="周末，文瀛湖街道在湖畔阅读角举办青少年共读活动，四十余名学生参加。\n"
        "活动中，志愿者为孩子们讲解工匠精神和古城变迁，现场气氛热烈。",
        streets=("文瀛湖街道",),
        topics=("文化旅游", "教育"),
    ),
    _article(
        id=13,
        seq=5,
        date=dt.date(2026, 3, 16),
        edition_name="第12期",
        title="",
        body="（上接第一版）工人们加紧施工，预计下月底完成全部管网改造。",
        topics=("城市建设",),
        fragment=True,
    ),
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- citation ---------------------------------------------------------------------------------------


def test_citation_is_gbt_7714_newspaper_form() -> None:
    article = _article(
        date=dt.date(2026, 1, 5),
        section="平城头条",
        page=1,
        title="平城区票决区政府2026年10件民生实事项目",
        reporters=("邸东芳",),
    )
    assert citation(article) == "邸东芳. 平城区票决区政府2026年10件民生实事项目[N]. 平城区报, 2026-01-05(1)."


def test_citation_leaves_out_unknown_page_and_authors() -> None:
    bare = _article(date=dt.date(2026, 3, 9), title="湖畔共读")
    assert citation(bare) == "湖畔共读[N]. 平城区报, 2026-03-09."
    headless = citation(ARTICLES[2])  # a fragment without a title still cites something readable
    assert headless == "（无标题）[N]. 平城区报, 2026-03-16."


def test_citation_joins_authors_and_follows_the_paper_name() -> None:
    text = citation(ARTICLES[0], paper="《平城日报》")
    assert text == "李满, 赵雪, 王晨. 社区工作者行走街巷解民忧[N]. 平城日报, 2026-03-02(2)."
    many = _article(title="标题", reporters=("甲一", "乙二", "丙三", "丁四"), page=3)
    assert citation(many) == "甲一, 乙二, 丙三, 等. 标题[N]. 平城区报, 2026-03-02(3)."
    twice = _article(title="标题", reporters=("甲一",), correspondents=("甲一", "乙二"))
    assert citation(twice).startswith("甲一, 乙二. 标题[N].")


def test_citation_matches_the_gbt_pattern_for_every_article() -> None:
    pattern = re.compile(r"^(?:[^.]+(?:, [^.]+)*\. )?.+\[N\]\. [^,]+, \d{4}-\d{2}-\d{2}(?:\(\d+\))?\.$")
    for article in ARTICLES:
        assert pattern.match(citation(article)), citation(article)


def test_markdown_has_headings_metadata_citation_and_body(tmp_path: Path) -> None:
    out = write_export(ARTICLES, "md", tmp_path / "out.md")
    text = out.read_text(encoding="utf-8")
    assert f"## {ARTICLES[0].title}" in text.splitlines()
    assert f"> {md_escape(citation(ARTICLES[0]))}" in text.splitlines()
    assert "**——“民情地图”让服务工作更精准**" in text
    assert "- 街道：振华街道" in text.splitlines()
    for article in ARTICLES:
        for paragraph in article.paragraphs:
            assert paragraph in text.splitlines()
    assert "*图：社区工作者入户了解居民需求。（赵雪 摄）*" in text
    assert "图片由平城区实验小学提供" in text
    assert text.index(ARTICLES[0].title) < text.index(ARTICLES[1].body.split("\n")[0])


def test_markdown_escapes_markup_in_the_text(tmp_path: Path) -> None:
    article = _article(title="标题", body="1. 这不是列表\n**不是加粗**")
    text = write_export([article], "md", tmp_path / "x.md").read_text(encoding="utf-8")
    assert "1\\. 这不是列表" in text
    assert "\\*\\*不是加粗\\*\\*" in text


def test_text_export_holds_every_article(tmp_path: Path) -> None:
    text = write_export(ARTICLES, "txt", tmp_path / "out.txt").read_text(encoding="utf-8")
    for article in ARTICLES:
        assert f"出处：{citation(article)}" in text
        for paragraph in article.paragraphs:
            assert paragraph in text.splitlines()
    assert "（无标题）" in text  # the headless fragment still has a heading line
    assert "记者 李满、赵雪 通讯员 王晨 摄影 赵雪" in text


def test_csv_is_excel_friendly_and_one_row_per_article(tmp_path: Path) -> None:
    out = write_export(ARTICLES, "csv", tmp_path / "out.csv")
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for UTF-8
    with out.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["id"] for r in rows] == [str(a.id) for a in ARTICLES]
    first = rows[0]
    assert list(first) == [
        "id",
        "date",
        "edition",
        "section",
        "page",
        "title",
        "kicker",
        "subtitle",
        "reporters",
        "streets",
        "topics",
        "citation",
        "body",
    ]
    assert first["title"] == ARTICLES[0].title
    assert first["body"] == ARTICLES[0].body  # newlines survive inside the quoted cell
    assert first["citation"] == citation(ARTICLES[0])
    assert first["reporters"] == "李满、赵雪"
    assert first["topics"] == "社区治理、民生"
    assert (first["date"], first["page"], rows[2]["page"]) == ("2026-03-02", "2", "")


def test_json_holds_all_fields_and_the_citation(tmp_path: Path) -> None:
    out = write_export(ARTICLES, "json", tmp_path / "out.json")
    items = json.loads(out.read_text(encoding="utf-8"))
    assert [item["id"] for item in items] == [a.id for a in ARTICLES]
    first = items[0]
    assert first["citation"] == citation(ARTICLES[0])
    assert first["paper"] == DEFAULT_PAPER
    assert first["date"] == "2026-03-02"
    assert first["body"] == ARTICLES[0].body
    assert first["reporters"] == ["李满", "赵雪"]
    assert first["captions"] == [
        {"text": "社区工作者入户了解居民需求。", "photographer": "赵雪", "credit": ""}
    ]
    assert first["edited"] == ["title"]
    assert items[2]["fragment"] is True and items[2]["section"] is None
    assert "行走" in out.read_text(encoding="utf-8")  # Chinese written as text, not \\u escapes


# -- docx ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_export(ARTICLES, "docx", tmp_path_factory.mktemp("docx") / "out.docx")


def test_docx_reads_back_with_headings_citations_and_body(docx_file: Path) -> None:
    import docx

    document = docx.Document(str(docx_file))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    texts = [text for _, text in paragraphs]
    assert ("Heading 1", ARTICLES[0].title) in paragraphs
    assert ("Kicker", "振华街道") in paragraphs
    assert ("Subtitle", "——“民情地图”让服务工作更精准") in paragraphs
    assert ("Byline", "记者 李满、赵雪 通讯员 王晨 摄影 赵雪") in paragraphs
    for article in ARTICLES:
        assert ("Citation", citation(article)) in paragraphs
        for paragraph in article.paragraphs:
            assert ("Normal", paragraph) in paragraphs
    caption = next(p for p in document.paragraphs if p.text.startswith("图：社区工作者"))
    assert caption.style.name == "Caption" and caption.style.font.italic is True
    # reading order: the second article's title comes after the first one's last paragraph
    assert texts.index(ARTICLES[1].title) > texts.index(ARTICLES[0].paragraphs[-1])


def test_docx_sets_the_east_asian_font_on_styles_and_runs(docx_file: Path) -> None:
    with zipfile.ZipFile(docx_file) as zf:
        body = zf.read("word/document.xml").decode("utf-8")
        styles = zf.read("word/styles.xml").decode("utf-8")
    assert 'w:eastAsia="SimSun"' in body and 'w:eastAsia="SimHei"' in body
    # theme fonts would override the explicit East Asian name: none may remain on our styles
    for style_id in ("Normal", "Heading1", "Title"):
        match = re.search(rf'<w:style [^>]*w:styleId="{style_id}".*?</w:style>', styles, re.S)
        assert match is not None, style_id
        assert "w:eastAsia=" in match.group(0) and "eastAsiaTheme" not in match.group(0), style_id
    defaults = re.search(r"<w:docDefaults>.*?</w:docDefaults>", styles, re.S)
    assert defaults is not None and 'w:eastAsia="SimSun"' in defaults.group(0)
    assert 'w:eastAsia="zh-CN"' in styles  # language for Chinese line breaking


# -- pdf ----------------------------------------------------------------------------------------------


def _require_cjk_font() -> None:
    """PDF tests run with the real CJK font; without it they fail (never skip) with the fix."""
    try:
        pdf_writer.pdf_fonts()
    except ExportError as exc:
        pytest.fail(f"the CJK font the README installs (fonts-noto-cjk) is missing: {exc}")


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    _require_cjk_font()
    many = [
        *ARTICLES,
        *(_article(id=100 + i, title=f"第{i}篇 工作动态", body=LONG_PARAGRAPH) for i in range(6)),
    ]
    return write_export(many, "pdf", tmp_path_factory.mktemp("pdf") / "out.pdf")


def _pdf_text(path: Path) -> tuple[str, list[str]]:
    """(the running text without page heads and page numbers, the raw text of each page)."""
    from pypdf import PdfReader

    pages = [page.extract_text() for page in PdfReader(str(path)).pages]
    running = []
    for number, page in enumerate(pages, 1):
        lines = page.splitlines()
        if lines and lines[-1].strip() == f"— {number} —":
            lines.pop()
        if number > 1 and lines and lines[0].startswith("《平城区报》文章选辑"):
            lines.pop(0)
        running += lines
    return "\n".join(running), pages


def test_pdf_text_extracts_as_the_same_characters(pdf_file: Path) -> None:
    text, _ = _pdf_text(pdf_file)
    assert "\x00" not in text
    assert "\u2f8f" not in text and "\u2f2f" not in text  # no radicals for 行 and 工
    lines = text.splitlines()
    assert ARTICLES[0].title in lines  # a short title is one line, character for character
    assert "第3篇 工作动态" in lines
    flat = _squash(text)
    for article in ARTICLES:
        assert _squash(citation(article)) in flat
        for paragraph in article.paragraphs:
            assert _squash(paragraph) in flat  # whole paragraphs, across line breaks
    assert _squash("图：学生在湖畔阅读角读书。（图片由平城区实验小学提供）") in flat


def test_pdf_wraps_chinese_lines_to_the_text_width(pdf_file: Path) -> None:
    text, _ = _pdf_text(pdf_file)
    lines = text.splitlines()
    body = pdf_writer.STYLES["body"]
    per_line = math.floor(pdf_writer.TEXT_W / body.size)  # every character here is one em wide
    start = next(i for i, line in enumerate(lines) if line.startswith(LONG_PARAGRAPH[:12]))
    chunk: list[str] = []
    for line in lines[start:]:
        chunk.append(line)
        if _squash("".join(chunk)) == _squash(LONG_PARAGRAPH):
            break
    else:
        pytest.fail("the long paragraph was not found as consecutive lines")
    assert len(chunk) >= 4
    assert len(chunk[0]) <= per_line - body.indent  # the first line is indented two characters
    for line in chunk[1:-1]:
        assert per_line - 3 <= len(line) <= per_line, line  # full lines, short only by kinsoku
    for line in chunk:
        assert line[0] not in NO_LINE_START, line
        assert line[-1] not in NO_LINE_END, line


def test_pdf_embeds_a_font_with_a_standard_encoding_and_runs_over_pages(pdf_file: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(pdf_file))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            assert font["/Encoding"] == "/Identity-H"
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded (a subset), not referenced by name
    _, pages = _pdf_text(pdf_file)
    assert "— 2 —" in pages[1]  # page numbers
    assert pdf_file.stat().st_size < 1_000_000  # subset, not the whole 20 MB font


def test_pdf_keeps_characters_no_font_may_have(tmp_path: Path, pdf_file: Path) -> None:
    # 行/⾏ and 工/⼯ share a glyph in CJK fonts: each must still come back as itself
    article = _article(title="罕见字", body="人名用字𠮷、部首⾏⼯与汉字行工，都照原样保存。")
    out = write_export([article], "pdf", tmp_path / "rare.pdf")
    assert _squash(article.body) in _squash(_pdf_text(out)[0])


def test_pdf_without_cjk_font_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_writer, "LOCATOR", FontLocator(fc_list=None, font_dirs=(tmp_path / "none",)))
    monkeypatch.delenv("PINGCHENG_PDF_FONT", raising=False)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ExportError, match="fonts-noto-cjk"):
        write_export(ARTICLES, "pdf", folder / "out.pdf")
    assert list(folder.iterdir()) == []


def test_a_font_override_that_is_not_a_cjk_font_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    latin = tmp_path / "latin.ttf"
    _tiny_font(latin, 1000, "AB", cubic=False)
    monkeypatch.setenv("PINGCHENG_PDF_FONT", str(latin))
    with pytest.raises(ExportError, match=r"PINGCHENG_PDF_FONT names .*latin\.ttf"):
        write_export(ARTICLES, "pdf", tmp_path / "out.pdf")
    assert not (tmp_path / "out.pdf").exists()


# -- progress, cancel, errors -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_cancel_leaves_no_file_and_keeps_the_old_one(tmp_path: Path, fmt: str) -> None:
    if fmt == "pdf":
        _require_cjk_font()
    out = tmp_path / f"out{EXTENSIONS[fmt][0]}"
    out.write_bytes(b"previous export")
    calls = 0

    def cancel() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2  # stop after the export has started

    with pytest.raises(Cancelled):
        write_export(ARTICLES, fmt, out, cancel=cancel)
    assert calls > 2
    assert out.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == [out.name]  # no temporary file left


def test_progress_counts_up_to_the_total(tmp_path: Path) -> None:
    seen: list[tuple[int, int, str]] = []
    write_export(ARTICLES, "txt", tmp_path / "p.txt", progress=lambda d, t, m: seen.append((d, t, m)))
    assert {total for _, total, _ in seen} == {len(ARTICLES)}
    done = [d for d, _, _ in seen]
    assert done == sorted(done) and done[-1] == len(ARTICLES)
    assert any(ARTICLES[1].title in message for _, _, message in seen)


def test_bad_format_and_bad_paths_are_refused_clearly(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"Unknown export format 'rtf'.*docx, pdf, md, csv, json, txt"):
        write_export(ARTICLES, "rtf", tmp_path / "x.rtf")
    with pytest.raises(ExportError, match="does not exist"):
        write_export(ARTICLES, "md", tmp_path / "missing" / "x.md")
    with pytest.raises(ExportError, match="is a folder"):
        write_export(ARTICLES, "md", tmp_path)
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(ExportError, match="not a folder"):
        write_export(ARTICLES, "md", blocker / "x.md")
    with pytest.raises(ExportError, match="Nothing to export"):
        write_export([], "md", tmp_path / "x.md")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]


@pytest.mark.skipif(os.name == "nt", reason="POSIX permissions")
def test_export_gets_the_usual_file_permissions(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    os.umask(mask)
    out = write_export(ARTICLES, "md", tmp_path / "perm.md")
    assert out.stat().st_mode & 0o777 == 0o666 & ~mask  # not the 0600 of a private temp file


def test_format_names_are_forgiving_and_a_missing_suffix_is_added(tmp_path: Path) -> None:
    out = write_export(ARTICLES[:1], ".JSON", tmp_path / "selection")
    assert out == tmp_path / "selection.json"
    assert json.loads(out.read_text(encoding="utf-8"))[0]["id"] == ARTICLES[0].id


# -- line breaking --------------------------------------------------------------------------------------


def _unit(text: str) -> float:
    return float(len(text))


def test_wrap_fills_lines_and_keeps_every_character() -> None:
    lines = wrap(LONG_PARAGRAPH, _unit, 20)
    assert "".join(lines) == LONG_PARAGRAPH
    assert all(len(line) <= 20 for line in lines)
    assert all(len(line) >= 17 for line in lines[:-1])


def test_wrap_follows_punctuation_rules() -> None:
    text = "甲乙丙丁戊己庚辛壬癸，子丑寅卯辰巳午未申酉（戌亥）。"
    for width in range(3, 16):
        lines = wrap(text, _unit, width)
        assert "".join(lines) == text
        for line in lines[1:]:
            assert line[0] not in NO_LINE_START, (width, lines)
        for line in lines[:-1]:
            assert line[-1] not in NO_LINE_END, (width, lines)


def test_wrap_keeps_numbers_and_latin_words_whole() -> None:
    lines = wrap("共清理垃圾361.9吨，PM2.5浓度下降", _unit, 10)
    assert any("361.9" in line for line in lines)
    assert any("PM2.5" in line for line in lines)
    assert wrap("word " * 3, _unit, 5) == ["word", "word", "word"]  # spaces vanish at breaks


def test_wrap_always_makes_progress() -> None:
    assert wrap("平城", _unit, 0.5) == ["平", "城"]
    assert wrap("abcdefgh", _unit, 3) == ["abc", "def", "gh"]
    assert wrap("", _unit, 10) == [""]
    assert wrap("首行缩进两个字", _unit, 7, first_indent=2) == ["首行缩进两", "个字"]


@pytest.mark.parametrize("fmt", ["docx", "md", "csv", "json", "txt"])
def test_control_characters_in_the_text_do_not_break_an_export(tmp_path: Path, fmt: str) -> None:
    article = _article(title="换页\x0c符", body="正文\x00中的\x1f控制字符")
    out = write_export([article], fmt, tmp_path / f"ctl.{fmt}")
    if fmt == "docx":
        import docx

        texts = [p.text for p in docx.Document(str(out)).paragraphs]
        assert "正文中的控制字符" in texts
    else:
        assert "控制字符" in out.read_text(encoding="utf-8-sig")


# -- the shipped sample editions, end to end ------------------------------------------------------------

SAMPLES = Path(__file__).resolve().parents[1] / "resources" / "samples"


def _records_from_samples() -> list[ArticleRecord]:
    from index.ingest.pipeline import parse_path

    records = []
    for edition_id, path in enumerate(sorted(SAMPLES.glob("*.txt")), 1):
        edition = parse_path(path)
        assert edition.date is not None and not edition.unassigned, path.name
        assert 5 <= len(edition.articles) <= 7, path.name
        for seq, a in enumerate(edition.articles):
            records.append(
                ArticleRecord(
                    id=edition_id * 100 + seq,
                    edition_id=edition_id,
                    date=edition.date,
                    edition_name=edition.name,
                    seq=seq,
                    title=a.title,
                    kicker=a.kicker,
                    subtitle=a.subtitle,
                    section=a.section,
                    page=a.page,
                    reporters=tuple(a.reporters),
                    correspondents=tuple(a.correspondents),
                    photographers=tuple(a.photographers),
                    captions=tuple(a.captions),
                    body=a.body,
                    streets=tuple(a.streets),
                    streets_printed=tuple(a.streets_printed),
                    topics=tuple(a.topics),
                    fragment=a.fragment,
                )
            )
    return records


def test_sample_editions_export_to_pdf_and_docx_without_losing_text(tmp_path: Path) -> None:
    _require_cjk_font()
    records = _records_from_samples()
    assert len(records) >= 15
    text, _ = _pdf_text(write_export(records, "pdf", tmp_path / "samples.pdf"))
    flat = _squash(text)
    for record in records:
        assert _squash(citation(record)) in flat, record.title
        assert _squash(record.body) in flat, record.title
    import docx

    document = docx.Document(str(write_export(records, "docx", tmp_path / "samples.docx")))
    texts = {p.text for p in document.paragraphs}
    for record in records:
        assert record.title in texts and citation(record) in texts
        assert set(record.paragraphs) <= texts


def _tiny_font(path: Path, upm: int, chars: str, cubic: bool) -> None:
    """A font whose glyphs are squares of half an em (CFF or TrueType outlines)."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.t2CharStringPen import T2CharStringPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    names = [".notdef", *(f"g{ord(c)}" for c in chars)]
    builder = FontBuilder(upm, isTTF=not cubic)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({ord(c): f"g{ord(c)}" for c in chars})
    glyphs = {}
    for name in names:
        pen = T2CharStringPen(upm, None) if cubic else TTGlyphPen(None)
        pen.moveTo((0, 0))
        pen.lineTo((0, upm // 2))
        if cubic:
            pen.curveTo((upm // 8, upm // 2), (upm // 4, upm // 2), (upm // 2, upm // 2))
        else:
            pen.qCurveTo((upm // 4, upm // 2), (upm // 2, upm // 2))
        pen.lineTo((upm // 2, 0))
        pen.closePath()
        glyphs[name] = pen.getCharString() if cubic else pen.glyph()
    if cubic:
        builder.setupCFF("Tiny", {"FullName": "Tiny"}, glyphs, {})
    else:
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (upm // 2, 0) for name in names})
    builder.setupHorizontalHeader(ascent=upm * 88 // 100, descent=-upm * 12 // 100)
    builder.setupNameTable({"familyName": "Tiny", "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=upm * 88 // 100, sTypoDescender=-upm * 12 // 100, fsType=0)
    builder.setupPost()
    builder.save(str(path))


def test_built_font_takes_missing_characters_from_fallbacks_and_keeps_the_rest(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    from index.export.fontbuild import build_font
    from index.export.fonts import FontFace, FontPool

    _tiny_font(tmp_path / "main.otf", 1000, "甲乙", cubic=True)
    _tiny_font(tmp_path / "fallback.ttf", 2048, "乙丙", cubic=False)
    faces = [FontFace(tmp_path / "main.otf"), FontFace(tmp_path / "fallback.ttf")]
    pool = FontPool()
    try:
        built = build_font(pool, faces, "甲乙丙丁\n", tmp_path / "out.ttf", "Test")
    finally:
        pool.close()
    assert built.missing == {"丁"}
    assert (built.advances["甲"], built.advances["乙"], built.advances["丙"]) == (0.5, 0.5, 0.5)
    font = TTFont(str(built.path))
    assert "glyf" in font and "CFF " not in font  # TrueType outlines, whatever the source had
    assert set(font.getBestCmap()) == {ord(c) for c in "甲乙丙丁"}  # the missing one too (as a box)
    glyf = font["glyf"]
    borrowed = glyf[font.getBestCmap()[ord("丙")]]
    borrowed.recalcBounds(glyf)
    assert (borrowed.xMax, borrowed.yMax) == (500, 500)  # the 2048-unit fallback glyph scaled to 1000
    assert built.width("甲丙", 10) == pytest.approx(10.0)
