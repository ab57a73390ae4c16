"""The insight features in the main window: the 统计 tab, the reader's 相关报道, the edition calendar and
the 专题 panel (issue 12; the widgets are in :mod:`viewer.widgets`, the work in :mod:`index.insight`).

:class:`InsightWiring` is made by :class:`viewer.wiring.Viewer` once the archive is open. It places:

* the 统计 tab (:class:`StatisticsView`) after the 选集: its table is the core's
  :meth:`index.archive.Archive.timeline` of the *current search request* (query, filters, dates),
  counted on the ``reads`` worker whenever the tab is shown after the search changed; a click on a bar or
  a cell checks that facet value and sets the period's dates in the search, and shows the 搜索 tab;
* the 相关报道 list (:class:`RelatedList`) under the reader, filled on the ``reads`` worker each time an
  article opens (the newest request wins); activating a line opens that article;
* the month calendar (:class:`EditionCalendar`) under the edition tree; a day with an edition opens it;
* the 专题 panel (:class:`CollectionsPanel`) as its own tab; its "export articles" goes through the
  main export dialog; "Add to the collection" (the result list's context menu) adds the selected
  articles, else the reader's, to the collection chosen in that tab.

The reprint file is brought up to date once after opening (``archive.insight.sync`` on ``long_tasks``),
so the first related list of an older archive does not pay its build. Nothing here runs archive work on
the GUI thread except the 专题 panel's small catalog reads.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter

from index.changes import Changes
from index.insight.timeline import Timeline, period_range
from viewer.navigation import Origin
from viewer.widgets.collections_panel import CollectionsPanel
from viewer.widgets.edition_calendar import EditionCalendar
from viewer.widgets.export_dialog import ExportSource
from viewer.widgets.related_list import RelatedList
from viewer.widgets.statistics_view import StatisticsView

if TYPE_CHECKING:
    from index.archive import Archive
    from index.models import ArticleRecord, SearchResult
    from viewer.wiring import Viewer

logger = logging.getLogger(__name__)

RELATED_LIMIT = 10


class InsightWiring(QObject):
    """Places and connects the insight widgets of one open archive (see the module docstring)."""

    def __init__(self, viewer: Viewer, archive: Archive) -> None:
        super().__init__(viewer)
        self.viewer, self.archive = viewer, archive
        self.window = viewer.window
        self.statistics = StatisticsView()
        self.statistics.setObjectName("statisticsView")
        self.related = RelatedList()
        self.related.setObjectName("relatedArticles")
        self._related_heading = self.related.heading.text()
        self.calendar = EditionCalendar()
        self.calendar.setObjectName("editionCalendar")
        self.collections = CollectionsPanel(archive.collections)
        self.collections.setObjectName("collectionsPanel")
        self._stats_stale = True
        self._stats_serial = 0
        self._related_serial = 0
        self.add_action = QAction(self.tr("Add to the chosen collection (专题)"), self.window)
        self.add_action.setToolTip(
            self.tr("Add the selected articles to the collection chosen in the 专题 tab")
        )
        self._place()
        self._connect()
        self.load_calendar()
        self.sync()

    # -- layout -------------------------------------------------------------------------------------
    def _place(self) -> None:
        tabs = self.window.tabs
        self.statistics_tab = tabs.addTab(self.statistics, self.tr("Statistics"))
        self.collections_tab = tabs.addTab(self.collections, self.tr("Collections"))
        split = self.window.main_split
        reader = self.viewer.reader
        self.reader_split = QSplitter(Qt.Orientation.Vertical)
        self.reader_split.setObjectName("readerSplit")
        split.replaceWidget(split.indexOf(reader), self.reader_split)
        self.reader_split.addWidget(reader)
        self.reader_split.addWidget(self.related)
        self.reader_split.setStretchFactor(0, 4)
        self.reader_split.setStretchFactor(1, 1)
        self.reader_split.setSizes([560, 160])
        reader.show()
        browser = self.viewer.edition_browser
        if browser is not None:
            tree = browser.tree
            self.edition_split = QSplitter(Qt.Orientation.Vertical)
            self.edition_split.setObjectName("editionTreeSplit")
            browser.splitter.replaceWidget(browser.splitter.indexOf(tree), self.edition_split)
            self.edition_split.addWidget(tree)
            self.edition_split.addWidget(self.calendar)
            self.edition_split.setStretchFactor(0, 1)
            tree.show()

    def _connect(self) -> None:
        v = self.viewer
        v.controller.result_ready.connect(self._search_changed)
        self.window.tabs.currentChanged.connect(self._tab_changed)
        self.statistics.table_requested.connect(self.count)
        self.statistics.narrow_requested.connect(self.narrow)
        v.navigator.opened.connect(self._article_opened)
        self.related.article_activated.connect(lambda i: v.open_article(i, (), Origin.OTHER))
        self.calendar.edition_chosen.connect(self.open_edition)
        self.collections.article_activated.connect(lambda i: v.open_article(i, (), Origin.OTHER))
        self.collections.export_requested.connect(self._export_collection)
        self.add_action.triggered.connect(self.add_to_collection)
        v.result_view.addAction(self.add_action)
        self.window.addAction(self.add_action)
        if v.events is not None:
            v.events.changed.connect(self.apply_changes)

    # -- statistics ---------------------------------------------------------------------------------
    def _search_changed(self, _result: SearchResult) -> None:
        self._stats_stale = True
        if self.window.tabs.currentIndex() == self.statistics_tab:
            self.statistics.request()

    def _tab_changed(self, index: int) -> None:
        if index == self.statistics_tab and self._stats_stale:
            self.statistics.request()

    def count(self, by: str, per: str) -> None:
        """Count the current search by ``by`` per ``per`` on the worker; the table follows."""
        self._stats_serial += 1
        serial = self._stats_serial
        request = self.viewer.controller.request
        self._stats_stale = False

        def done(table: Timeline) -> None:
            if serial == self._stats_serial:
                self.statistics.set_table(table)

        def failed(exc: BaseException) -> None:
            logger.warning("counting %s per %s failed: %s", by, per, exc)
            if serial == self._stats_serial:
                self.statistics.set_table(None)
                self.statistics.status.setText(self.tr("Counting failed: %1").replace("%1", str(exc)))

        self.viewer.reads.submit(
            self.archive.timeline, request, by, per, name="timeline", on_done=done, on_error=failed
        )

    def narrow(self, facet: str, value: str, period: str) -> None:
        """Narrow the search to a facet value ("" = any) and a period's dates ("" = any)."""
        v = self.viewer
        if value:
            v.facets.set_checked(facet, value, True)
        if period:
            first, last = period_range(period)
            v.search_bar.set_dates(first, last)
        self.window.show_tab(0)

    # -- related ------------------------------------------------------------------------------------
    def _article_opened(self, record: ArticleRecord) -> None:
        self._related_serial += 1
        serial = self._related_serial
        self.related.set_related([])
        self.related.heading.setText(self.tr("Related articles (looking…)"))

        def done(hits: list[Any]) -> None:
            if serial == self._related_serial:
                self.related.heading.setText(self._related_heading)
                self.related.set_related(hits)

        def failed(exc: BaseException) -> None:
            logger.warning("related articles of %s failed: %s", record.id, exc)
            if serial == self._related_serial:
                self.related.heading.setText(self._related_heading)
                self.related.set_related([])

        self.viewer.reads.submit(
            self.archive.related, record.id, RELATED_LIMIT, name="related", on_done=done, on_error=failed
        )

    # -- calendar -----------------------------------------------------------------------------------
    def load_calendar(self) -> None:
        """Fetch the month views on the worker and show them."""
        self.viewer.reads.submit(
            self.archive.insight.calendar,
            name="calendar",
            on_done=self.calendar.set_months,
            on_error=lambda exc: logger.warning("the edition calendar failed: %s", exc),
        )

    def open_edition(self, edition_id: int) -> None:
        """Show an edition chosen in the calendar in the edition browser."""
        browser = self.viewer.edition_browser
        if browser is not None and browser.open_edition(edition_id):
            self.window.show_tab(1)

    # -- collections, changes, sync -----------------------------------------------------------------
    def _export_collection(self, ids: list[int]) -> None:
        name = self.collections.names.currentItem()
        label = self.tr("The collection %1").replace("%1", name.text() if name is not None else "")
        self.viewer.actions.export([ExportSource("collection", label, tuple(ids))], "collection")

    def add_to_collection(self) -> None:
        """Add the selected results (else the reader's article) to the collection chosen in 专题."""
        v = self.viewer
        on_search = self.window.tabs.currentIndex() == 0
        ids = v.result_view.selected_ids() if on_search else []
        if not ids and v.reader.article is not None:
            ids = [v.reader.article.id]
        cid = self.collections.current_id()
        if cid is None or not ids:
            text = self.tr("Choose or create a collection in the 专题 tab, and select articles, first.")
            self.window.show_message(text, 6000)
            return

        def done(added: int) -> None:
            self.collections.refresh(cid)
            self.window.show_message(self.tr("%1 added to the collection.").replace("%1", str(added)), 4000)

        def failed(exc: BaseException) -> None:
            logger.warning("adding to collection %s failed: %s", cid, exc)
            self.window.show_message(str(exc), 8000)

        v.long_tasks.submit(
            self.archive.collections.add, cid, ids, name="collect", on_done=done, on_error=failed
        )

    def apply_changes(self, changes: Changes) -> None:
        """After an import, a removal or an edit: the calendar, the 专题 panel, the related list."""
        self._stats_stale = True
        if changes.editions_changed:
            self.load_calendar()
        self.collections.refresh()
        shown = self.viewer.reader.article
        if (
            shown is not None
            and self.related.ids()
            and (changes.editions_changed or changes.articles_removed)
        ):
            self._article_opened(shown)

    def sync(self) -> None:
        """Bring the reprint file up to date once, on ``long_tasks`` (a read-only archive skips it)."""
        if self.archive.readonly:
            return
        self.viewer.long_tasks.submit(
            self.archive.insight.sync,
            name="reprints",
            on_error=lambda exc: logger.warning("the reprint file could not be brought up to date: %s", exc),
        )
