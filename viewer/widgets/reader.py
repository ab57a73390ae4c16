"""Reader pane: one article with the query terms highlighted, next/previous hit, citation copy.

The reader is a view: it shows an :class:`ArticleRecord` it is given (the wiring loads it on the
worker). F3 / Shift+F3 step through the highlighted terms; the buttons ask for the next or
previous result; "Copy citation" uses :func:`index.export.citation`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QGuiApplication, QTextCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QToolBar, QToolButton, QVBoxLayout, QWidget

from index.models import ArticleRecord
from index.search import highlight

MARK_COLOR = QColor("#ffe98a")
MARK = f"background-color:{MARK_COLOR.name()}"
CSS = """
.kicker { color:#555; }
.subtitle { color:#333; font-size:large; }
.meta { color:#666; }
.byline { color:#333; }
.caption { color:#444; background-color:#f3f3f0; }
.note { color:#9a5b00; }
p.body { line-height:140%; }
"""


def term_pattern(terms: Sequence[str]) -> str:
    """The terms the core marks (:func:`index.search.highlight.marked_terms`) as one pattern."""
    return "|".join(re.escape(w) for w in highlight.marked_terms(terms))


def mark_terms(text: str, terms: Sequence[str]) -> str:
    """``text`` HTML-escaped with the core's highlight spans (as in the result list's snippets)."""
    return highlight.render(text, highlight.spans(text, terms), f"<span style='{MARK}'>", "</span>")


def mark(text: str, pattern: str) -> str:
    """HTML-escape ``text`` and wrap every match of a :func:`term_pattern` in a highlight span."""
    if not pattern:
        return html.escape(text)
    marks = [(m.start(), m.end()) for m in re.finditer(pattern, text, flags=re.IGNORECASE)]
    return highlight.render(text, marks, f"<span style='{MARK}'>", "</span>")


class Reader(QWidget):
    """Shows one article; the wiring decides what 上一篇/下一篇 mean (see :mod:`viewer.navigation`)."""

    next_result_requested = Signal()
    prev_result_requested = Signal()
    edit_requested = Signal(int)
    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.article: ArticleRecord | None = None
        self._pattern = ""
        self._terms: tuple[str, ...] = ()
        self._matches: list[QTextCursor] = []
        self._current = -1
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.document().setDefaultStyleSheet(CSS)
        self.browser.setPlaceholderText(self.tr("Select a result to read the article."))
        self.prev_result = self._button(
            self.tr("◀ Previous article"),
            self.tr(
                "The previous article where this one was opened from: results, edition or selection (Alt+Up)"
            ),
        )
        self.next_result = self._button(
            self.tr("Next article ▶"),
            self.tr(
                "The next article where this one was opened from: results, edition or selection (Alt+Down)"
            ),
        )
        self.prev_hit = self._button(
            self.tr("▲ Previous match"), self.tr("Previous match in the article (Shift+F3)")
        )
        self.next_hit_button = self._button(
            self.tr("▼ Next match"), self.tr("Next match in the article (F3)")
        )
        self.hit_label = QLabel(self)
        self.copy_citation = self._button(
            self.tr("Copy citation"), self.tr("Copy paper, date, page, title, reporters")
        )
        self.edit_button = self._button(self.tr("Edit…"), self.tr("Correct this article's metadata"))
        # A tool bar: buttons that do not fit go to its overflow menu, so the reader stays narrow.
        self.bar = QToolBar(self)
        self.bar.setObjectName("readerBar")
        for w in (self.prev_result, self.next_result, self.prev_hit, self.next_hit_button, self.hit_label):
            self.bar.addWidget(w)
        self.bar.addSeparator()
        self.bar.addWidget(self.copy_citation)
        self.bar.addWidget(self.edit_button)
        self._font_size = 0.0  # 0: the application's font
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 4, 4)
        lay.addWidget(self.bar)
        lay.addWidget(self.browser, 1)
        self.prev_result.clicked.connect(self.prev_result_requested)
        self.next_result.clicked.connect(self.next_result_requested)
        self.prev_hit.clicked.connect(lambda: self.step_hit(-1))
        self.next_hit_button.clicked.connect(lambda: self.step_hit(1))
        self.copy_citation.clicked.connect(self.copy_citation_text)
        self.edit_button.clicked.connect(self._request_edit)
        self._update_buttons()

    def _button(self, text: str, tip: str) -> QToolButton:
        b = QToolButton(self)
        b.setText(text)
        b.setToolTip(tip)
        return b

    # -- content ---------------------------------------------------------------------------------
    def show_article(self, article: ArticleRecord, terms: Sequence[str] = ()) -> None:
        """Show ``article`` with ``terms`` highlighted, from the top."""
        self.article = article
        self._pattern = term_pattern(terms)
        self._terms = highlight.marked_terms(terms)
        self.browser.setHtml(self.article_html(article))
        self._collect_matches()
        self.browser.moveCursor(QTextCursor.MoveOperation.Start)
        self.browser.verticalScrollBar().setValue(0)
        self._update_buttons()

    def clear(self) -> None:
        """Show no article."""
        self.article = None
        self._matches, self._current = [], -1
        self.browser.clear()
        self._update_buttons()

    def article_html(self, a: ArticleRecord) -> str:
        """The reader's HTML for article ``a``, with the current terms marked."""

        def m(text: str) -> str:
            return mark_terms(text, self._terms)

        parts = []
        if a.kicker:
            parts.append(f"<p class='kicker'>{m(a.kicker)}</p>")
        parts.append(f"<h2>{m(a.title)}</h2>")
        if a.subtitle:
            parts.append(f"<p class='subtitle'>——{m(a.subtitle)}</p>")
        people = [
            (self.tr("Reporter: %1") if len(a.reporters) == 1 else self.tr("Reporters: %1"), a.reporters),
            (self.tr("Correspondents: %1"), a.correspondents),
            (self.tr("Photos: %1"), a.photographers),
        ]
        byline = "　".join(
            html.escape(label).replace("%1", m("、".join(names))) for label, names in people if names
        )
        if byline:
            parts.append(f"<p class='byline'>{byline}</p>")
        place = [a.date.isoformat(), a.edition_name if a.edition_name != a.date.isoformat() else ""]
        place += [a.section or "", self.tr("page %1").replace("%1", str(a.page)) if a.page else ""]
        meta = " · ".join(html.escape(p) for p in place if p)
        tags = "、".join(a.streets + a.topics)
        if tags:
            meta += f"<br>{html.escape(tags)}"
        parts.append(f"<p class='meta'>{meta}</p>")
        if a.fragment:
            note = html.escape(self.tr("The beginning of this article was lost in the source."))
            parts.append(f"<p class='note'>{note}</p>")
        parts.extend(f"<p class='body'>{m(p)}</p>" for p in a.paragraphs)
        caption_label, photo_by = html.escape(self.tr("Caption: %1")), self.tr("Photo: %1")
        for c in a.captions:
            credits = [photo_by.replace("%1", c.photographer) if c.photographer else "", c.credit]
            who = html.escape("　".join(x for x in credits if x))
            parts.append(f"<p class='caption'>{caption_label.replace('%1', m(c.text))}　{who}</p>")
        return "\n".join(parts)

    # -- hits inside the article ---------------------------------------------------------------
    def _collect_matches(self) -> None:
        """Cursors over the highlighted spans (exactly what :func:`mark` marked, in reading order)."""
        self._matches, self._current = [], -1
        if not self._pattern:
            return
        block = self.browser.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                if frag.isValid() and frag.charFormat().background().color() == MARK_COLOR:
                    cursor = QTextCursor(self.browser.document())
                    cursor.setPosition(frag.position())
                    cursor.setPosition(frag.position() + frag.length(), QTextCursor.MoveMode.KeepAnchor)
                    self._matches.append(cursor)
                it += 1
            block = block.next()

    def hit_count(self) -> int:
        """Number of highlighted matches in the shown article."""
        return len(self._matches)

    def current_hit(self) -> int:
        """0-based number of the hit shown, -1 before the first F3."""
        return self._current

    def step_hit(self, step: int) -> None:
        """Select the next (+1) or previous (-1) hit, wrapping around, and scroll to it."""
        if not self._matches:
            return
        if self._current < 0:
            self._current = 0 if step > 0 else len(self._matches) - 1
        else:
            self._current = (self._current + step) % len(self._matches)
        self.browser.setTextCursor(self._matches[self._current])
        self._center_cursor()
        self._update_buttons()

    def _center_cursor(self) -> None:
        """Scroll so the selected match sits in the middle of the view, never clipped at an edge."""
        self.browser.ensureCursorVisible()
        rect = self.browser.cursorRect()
        bar = self.browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.center().y() - self.browser.viewport().height() // 2)

    # -- font size -------------------------------------------------------------------------------
    MIN_FONT, MAX_FONT = 8.0, 40.0

    def font_size(self) -> float:
        """The reading font size in points."""
        return self._font_size or self.browser.font().pointSizeF()

    def set_font_size(self, points: float) -> float:
        """Set the reading font size (clamped to 8–40 pt); returns the size applied."""
        points = min(max(points, self.MIN_FONT), self.MAX_FONT)
        self._font_size = points
        font = self.browser.font()
        font.setPointSizeF(points)
        self.browser.document().setDefaultFont(font)
        return points

    def zoom(self, step: int) -> float:
        """Make the reading font bigger (+1) or smaller (-1) by one point; returns the new size."""
        return self.set_font_size(self.font_size() + step)

    def selected_text(self) -> str:
        """The text selected in the reader."""
        return self.browser.textCursor().selectedText()

    # -- citation --------------------------------------------------------------------------------
    def citation_text(self) -> str:
        """Citation line of the shown article."""
        from index.export import citation  # the core's one definition of a citation line

        assert self.article is not None
        return str(citation(self.article))

    def copy_citation_text(self) -> None:
        """Copy the shown article's citation to the clipboard and say so."""
        if self.article is None:
            return
        text = self.citation_text()
        QGuiApplication.clipboard().setText(text)
        self.status_message.emit(self.tr("Citation copied: %1").replace("%1", text))

    def _request_edit(self) -> None:
        if self.article is not None:
            self.edit_requested.emit(self.article.id)

    def _update_buttons(self) -> None:
        has = self.article is not None
        for b in (self.copy_citation, self.edit_button):
            b.setEnabled(has)
        for b in (self.prev_hit, self.next_hit_button):
            b.setEnabled(bool(self._matches))
        n = len(self._matches)
        self.hit_label.setText(f"{self._current + 1 if self._current >= 0 else 0}/{n}" if n else "")
