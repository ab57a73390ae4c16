"""Classified lines → articles: headline blocks, datelines, bylines, photos, subheads, sub-stories.

Reading order is kept. The main decisions, each a general signal rather than a rule for one paper
(``docs/parsing.md`` lists them all, with their accuracy):

* A run of headline-shaped lines is a *headline block*. It starts a new article when a section
  label precedes it, when it has two or more lines, when a photo, a dateline, an opening byline or
  a ``据…电`` line follows it, when the current article was closed by a byline or a dated closing
  note, when it carries ``#`` marks at least as prominent as the current title's, when it stands
  flush where paragraphs are indented, or when its title carries a column tag (``…（钟声）``).
  Otherwise a single line inside an open article is an in-article subhead and stays in the body.
* Indented headline-shaped lines where headlines stand flush are subheads (never headlines); in a
  paged export (``第N版`` labels) headings over plain text inside a page's story are sub-stories.
* In a block the title is chosen by :func:`index.ingest.blocks.headline`; a writer's line closing
  the block opens the body instead.
* A paragraph that does not end with sentence punctuation continues in the next text line
  (column break); a closing byline found after subheads of an article that already had a dateline
  means the last subhead was really the title of a byline-closed article, which is split off.
* Text that belongs to no article is kept in ``unassigned`` with a warning that names the class of
  problem and the line; no article has an empty title.
"""

from __future__ import annotations

import logging
import re

from index.i18n import _
from index.ingest import bylines
from index.ingest.blocks import detect_layout, find_captions, headline
from index.ingest.drafts import Draft, Leftover, ParseResult, finish
from index.ingest.lines import Kind, Line, classify, is_closed, is_title_like
from index.models import Caption, ParsedArticle

__all__ = ["ParseResult", "parse_text"]

logger = logging.getLogger(__name__)

# A writer's line under a headline: 任寰宇 / ◆ 韩浩月 / 文/付秀宏 / 本报评论员 / …研究员 某某
_AUTHOR_LINE = re.compile(
    r"^(?:(?:[◆◇■□●★☆]\s*)?(?:文\s*[/／]\s*)?[\u4e00-\u9fff·]{2,4}|[\u4e00-\u9fff]{0,6}评论员"
    r"|[^，。！？：]{2,24}(?:研究员|教授|主任|院长|所长|会长|大使|专家|学者|评论员|主编|作家)\s+[\u4e00-\u9fff·]{2,4})$"
)
_EXCLAIMS = re.compile(r"^[^。，]{2,28}[！？!?][”’」』]?$")
# A headline tagged with its column or writer: …（钟声）, …（国际时评）, …（出访归来）
_COLUMN_TAG = re.compile(r"[（(][^（()）]{2,10}[）)]$")


def _exclaims(text: str) -> bool:
    """A short exclaiming or asking line (``“祝乡亲们日子越过越红火！”``): a headline shape too."""
    return _EXCLAIMS.match(text) is not None and "：" not in text


class _Builder:
    def __init__(self, lines: list[Line]) -> None:
        self.lines = lines
        self.drafts: list[Draft] = []
        self.cur: Draft | None = None
        self.leftovers: list[Leftover] = []
        self.warnings: list[str] = []
        self.section: str | None = None
        self.page: int | None = None
        self.orphan_open = False
        self.pages_seen = 0  # page labels (第N版) read so far
        # exports that print a page label above each page's story: within a page, headings over
        # plain text after a byline are the story's own sub-stories
        self.marked = any(ln.flush for ln in lines)  # flush lines are headlines
        self.paged = sum(1 for ln in lines if ln.kind is Kind.SECTION and ln.page is not None) >= 3
        self.i = 0  # index of the line being read
        self.layout = detect_layout(lines)
        self.layout.retag(lines)
        self.captions = find_captions(lines)

    def _new(self, heads: list[Line]) -> Draft:
        kicker, title, subtitle, level = headline(heads) if heads else ("", "", "", 0)
        art = ParsedArticle(title, kicker=kicker, subtitle=subtitle, section=self.section, page=self.page)
        start = heads[0].no if heads and heads[0].no >= 0 else self.lines[self.i].no if self.lines else -1
        self.cur = Draft(art, level=level, heads=list(heads), page_no=self.pages_seen, start=start)
        self.drafts.append(self.cur)
        self.orphan_open = False
        return self.cur

    def _orphan(self, text: str, why: str, line: Line | None = None) -> None:
        if self.orphan_open and self.leftovers and why:
            self.leftovers[-1].text += text
            self.leftovers[-1].line = line
        else:
            self.leftovers.append(Leftover(text, why, line, line.no if line else -1))
        self.orphan_open = bool(why) and not is_closed(text)

    def _text(self, ln: Line) -> None:
        d = self.cur
        if d is not None and d.closed and self.marked and d.byline is not None:
            # where headlines stand flush, only a headline ends an article: the byline opened a part
            d.article.paragraphs.append(d.byline.text)
            d.closed, d.reopened, d.byline = False, True, None
        if d is None or d.closed:
            self._orphan(ln.text, _("no article") if d is None else _("after a closing byline"), ln)
            return
        paras = d.article.paragraphs
        if paras and self._joins(d, ln):
            paras[-1] += ln.text
        else:
            paras.append(ln.text)
        d.open, d.last = not is_closed(ln.text), ln

    def _joins(self, d: Draft, ln: Line) -> bool:
        """Whether ``ln`` continues the last paragraph of ``d`` (column break or wrapped line)."""
        return d.open or (d.last is not None and self.layout.continues(d.last, ln))

    def _dateline(self, ln: Line) -> None:
        dl = bylines.parse_dateline(ln.text)
        assert dl is not None
        d = self.cur
        photos_only = d is not None and not d.closed and not d.dateline and bool(d.article.captions)
        if d is None or d.closed or d.dateline or (d.article.paragraphs and not photos_only):
            found = self._headline_taken_for_text(d)
            if found is None:  # no headline: the dateline continues the article, or is unassigned
                self._dateline_inside(ln, dl)
                return
            d = found
        d.dateline = d.attributed = True
        d.article.reporters += [n for n in dl.byline.reporters if n not in d.article.reporters]
        d.article.correspondents += [n for n in dl.byline.correspondents if n not in d.article.correspondents]
        if dl.rest:
            d.article.paragraphs.append(dl.rest)
            d.open, d.last = not is_closed(dl.rest), ln

    def _dateline_inside(self, ln: Line, dl: bylines.Dateline) -> None:
        """A second dateline without a headline: a further report in the same article, or unplaceable."""
        d = self.cur
        if d is None or d.closed:
            self._orphan(ln.text, _("dateline without a headline"), ln)
            return
        d.article.reporters += [n for n in dl.byline.reporters if n not in d.article.reporters]
        d.article.correspondents += [n for n in dl.byline.correspondents if n not in d.article.correspondents]
        d.article.paragraphs.append(ln.text)
        d.open, d.last = not is_closed(ln.text), ln

    def _headline_taken_for_text(self, d: Draft | None) -> Draft | None:
        """A dateline came where no headline was seen: the line just above it may be the headline."""
        prev = self._previous(self.i)
        if prev is not None and prev.kind is Kind.TEXT and (is_title_like(prev.text) or _exclaims(prev.text)):
            paras = d.article.paragraphs if d else []
            if d and not d.closed and d.last is prev and paras and paras[-1] == prev.text:
                paras.pop()
                if not paras and d.heads and not d.dateline:  # it belongs to this headline block
                    k, t, sub, d.level = headline([*d.heads, prev])
                    d.article.kicker, d.article.title, d.article.subtitle = k, t, sub
                    d.heads.append(prev)
                    return d
                heads = [prev]
                if d.subheads and d.subheads[-1] == len(paras) - 1:  # the subhead above was its kicker
                    heads.insert(0, Line(-1, paras.pop(), Kind.HEAD))
                    d.subheads.pop()
                return self._new(heads)
            left = self.leftovers[-1] if self.leftovers else None
            if left and left.line is prev and left.text == prev.text:
                self.leftovers.pop()
                return self._new([prev])
        return None

    def _previous(self, i: int) -> Line | None:
        """The nearest line above ``i`` that is not a photo credit, caption or page furniture."""
        caption_lines = set(self.captions.values())
        for j in range(i - 1, -1, -1):
            ln = self.lines[j]
            if ln.kind not in (Kind.CREDIT, Kind.META) and j not in caption_lines:
                return ln
        return None

    def _byline(self, ln: Line) -> None:
        byline = bylines.parse_closing(ln.text)
        assert byline is not None
        d = self.cur
        if d is None:
            self._orphan(ln.text, _("byline without an article"), ln)
            return
        if not d.closed and not d.dateline and not d.article.paragraphs:  # an opening byline
            self._add_names(d, byline)
            d.article.paragraphs.append(ln.text)
            d.attributed, d.open, d.last = True, False, None
            return
        if d.dateline and d.subheads and byline.reporters and not d.closed:
            d = self._split(d)
        art = d.article
        if d.reopened:  # the closing byline of a story told in parts names its reporters
            art.reporters, art.correspondents = [], []
        art.reporters += [n for n in byline.reporters if n not in art.reporters]
        art.correspondents += [n for n in byline.correspondents if n not in art.correspondents]
        d.attributed = d.closed = True
        d.open, d.last, d.byline = False, None, ln

    @staticmethod
    def _add_names(d: Draft, byline: bylines.Byline) -> None:
        art = d.article
        art.reporters += [n for n in byline.reporters if n not in art.reporters]
        art.correspondents += [n for n in byline.correspondents if n not in art.correspondents]

    def _subhead(self, ln: Line) -> None:
        """An in-article subhead (indented where headlines stand flush): stays in its article."""
        d = self.cur
        if d is None:
            self._orphan(ln.text, _("subhead without an article"), ln)
            return
        if d.closed:  # a sub-story goes on after its byline
            d.closed, d.reopened = False, True
        d.article.paragraphs.append(ln.text)
        d.open, d.last = False, None

    def _endnote(self, ln: Line) -> None:
        """A closing note in parentheses (（本报平壤6月19日电）, （作者为…）): the end of the body."""
        d = self.cur
        if d is None:
            self._orphan(ln.text, _("closing note without an article"), ln)
            return
        note = bylines.parse_endnote(ln.text)
        if note:
            self._add_names(d, note)
        d.article.paragraphs.append(ln.text)
        d.attributed = True
        d.open, d.last = False, None
        d.ended = d.ended or bylines.is_dated_endnote(ln.text)

    def _split(self, d: Draft) -> Draft:
        """The last subhead of ``d`` was the title of a separate, byline-closed article."""
        s = d.subheads[-1]
        paras = d.article.paragraphs
        if s + 1 >= len(paras):
            return d
        new = self._new([Line(-1, paras[s], Kind.HEAD)])
        new.article.section, new.article.page = d.article.section, d.article.page
        new.article.paragraphs = paras[s + 1 :]
        d.article.paragraphs = paras[:s]
        d.subheads = d.subheads[:-1]
        return new

    def _photo(self, i: int) -> None:
        credit = bylines.parse_credit(self.lines[i].text)
        assert credit is not None
        text = credit.caption or (self.lines[self.captions[i]].text if i in self.captions else "")
        cap = Caption(text=text, photographer="、".join(credit.photographers), credit=credit.provider)
        if self.cur is None:
            self._orphan(
                " ".join(x for x in (text, self.lines[i].text) if x), _("photo without an article"), None
            )
            return
        self.cur.article.captions.append(cap)
        d = self.cur
        if text and not d.dateline and not d.closed and len(d.article.paragraphs) == d.lead:
            d.article.paragraphs.append(text)  # the lead photo's caption opens the body, as printed
            d.lead += 1
        for name in credit.photographers:
            if name not in self.cur.article.photographers:
                self.cur.article.photographers.append(name)

    def _next(self, j: int) -> tuple[Line | None, bool]:
        """The next line that is not a photo credit/caption or page furniture, and whether photos came first."""
        photos = False
        caption_lines = set(self.captions.values())
        while j < len(self.lines):
            ln = self.lines[j]
            if ln.kind is Kind.CREDIT or j in caption_lines:
                photos = True
            elif ln.kind is not Kind.META:
                return ln, photos
            j += 1
        return None, photos

    def _block(self, i: int) -> int:
        caption_lines = set(self.captions.values())
        j = i
        while (
            j < len(self.lines) and self.lines[j].kind in (Kind.HEAD, Kind.SECTION) and j not in caption_lines
        ):
            j += 1
        block = self.lines[i:j]
        nxt, photos = self._next(j)
        if block[-1].kind is Kind.SECTION and nxt is not None and nxt.kind is Kind.DATELINE:
            block[-1].kind = Kind.HEAD  # a label-like line right above a dateline is a title ("…速递")
        d = self.cur
        single = len(block) == 1 and block[0].kind is Kind.HEAD and not block[0].level and not block[0].flush
        follows = (nxt is not None and nxt.kind is Kind.TEXT) or not block[0].blanks
        if single and d and not d.closed and not photos and follows and self._joins(d, block[0]):
            self._text(block[0])  # a short column-broken piece of the paragraph, not a subhead
            return j
        heads: list[Line] = []
        labelled = False
        for ln in block:
            if ln.kind is Kind.SECTION:
                for h in heads:
                    self._orphan(h.text, _("headline without text"), h)
                heads, labelled = [], True
                self.section, self.page, self.cur = ln.section, ln.page, None
                self.pages_seen += ln.page is not None
            else:
                heads.append(ln)
        if not heads:
            return j
        last = heads[-1]
        author = heads.pop() if len(heads) > 1 and not last.flush and _AUTHOR_LINE.match(last.text) else None
        d = self.cur
        if nxt is None or nxt.kind is Kind.SECTION:
            for h in heads if author is None else [*heads, author]:
                self._orphan(h.text, _("headline without text"), h)
            return j
        marked = heads[0].level > 0 and (d is None or not d.level or heads[0].level <= d.level)
        if self._sub_story(d, heads, nxt, photos, labelled or marked):
            assert d is not None
            for h in heads:
                self._subhead(h)
            return j
        if (
            labelled
            or len(heads) > 1
            or author is not None
            or photos
            or d is None
            or d.closed
            or d.ended
            or self._opens_article(nxt)
            or marked
            or heads[0].flush
            or _COLUMN_TAG.search(heads[0].text) is not None
        ):
            new = self._new(heads)
            if author is not None:  # an author line under the headline opens the body
                new.article.paragraphs.append(author.text)
                new.attributed = True
        else:
            d.article.paragraphs.append(heads[0].text)
            d.subheads.append(len(d.article.paragraphs) - 1)
            d.open, d.last = False, None
        return j

    @staticmethod
    def _opens_article(nxt: Line) -> bool:
        """A dateline (also 据新华社…电) or an opening byline under a headline: a new article."""
        if nxt.kind in (Kind.DATELINE, Kind.BYLINE):
            return True
        return nxt.kind is Kind.TEXT and bylines.parse_dateline(nxt.text.removeprefix("据")) is not None

    def _sub_story(self, d: Draft | None, heads: list[Line], nxt: Line, photos: bool, new: bool) -> bool:
        """Headings over plain text inside a page's story (a paged export): part of the story."""
        if not self.paged or d is None or new or photos or heads[0].flush or d.page_no != self.pages_seen:
            return False
        if self._opens_article(nxt) or _COLUMN_TAG.search(heads[-1].text):
            return False
        return nxt.kind is Kind.TEXT and d.page_no > 0 and bool(d.article.paragraphs)

    def run(self) -> ParseResult:
        handlers = {
            Kind.DATELINE: self._dateline,
            Kind.BYLINE: self._byline,
            Kind.TEXT: self._text,
            Kind.SUBHEAD: self._subhead,
            Kind.ENDNOTE: self._endnote,
        }
        caption_lines = set(self.captions.values())
        i = 0
        while i < len(self.lines):
            ln, self.i = self.lines[i], i
            if ln.kind in (Kind.HEAD, Kind.SECTION) and i not in caption_lines:
                i = self._block(i)
                continue
            if ln.kind is Kind.CREDIT:
                self._photo(i)
            elif ln.kind is Kind.META:
                self._orphan(ln.text, "")
            elif i not in caption_lines:
                handlers.get(ln.kind, self._text)(ln)
            i += 1
        return self._finish()

    def _finish(self) -> ParseResult:
        self.orphan_open = False
        return finish(self.drafts, self.leftovers, self.warnings)


def parse_text(text: str) -> ParseResult:
    """Parse normalised edition text into articles (not yet enriched)."""
    return _Builder(classify(text)).run()
