"""The wiring: creates the viewer's objects and connects them (no god-object window).

:mod:`viewer.app` builds the application and calls :class:`Viewer`; this module creates the window,
the models and the widgets and connects them. Two task runners (:mod:`viewer.tasks`): ``reads``
(one persistent worker for searches, hit pages and article loads, so the core's per-thread searcher
is opened once) and ``long_tasks`` (imports, exports, edits, reindex, edition and title loads).
Start-up: the window is shown at once, the archive opens on ``reads``; when it is open the
archive-bound models and the librarian's widgets are created and placed (:meth:`Viewer._opened`).

Views are never refreshed by hand after an operation: the archive announces each change
(:class:`index.changes.Changes`, via :class:`viewer.archive_events.ArchiveEvents`) and
:meth:`Viewer.apply_changes` refreshes what it touches.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox

from index.changes import Changes
from index.errors import ArchiveError, ArchiveLocked
from index.models import EditionRecord, SearchResult
from index.paths import default_archive_dir, resources_dir
from viewer.actions import ArchiveActions
from viewer.archive_events import ArchiveEvents
from viewer.archive_state import ArchiveState
from viewer.archives import ArchiveSwitcher
from viewer.mainwindow import EDITIONS_TAB, MainWindow
from viewer.models.facets import FacetsModel
from viewer.models.results import ResultsModel
from viewer.navigation import Navigator, Origin
from viewer.opening import locked_message, open_archive
from viewer.removing import RemoveActions
from viewer.samples import SampleBanner
from viewer.search import SearchController
from viewer.selection_commands import SelectionCommands
from viewer.settings import Settings
from viewer.tasks import TaskRunner
from viewer.widgets.facet_panel import FacetPanel
from viewer.widgets.reader import Reader
from viewer.widgets.result_view import ResultView
from viewer.widgets.searchbar import SearchBar
from viewer.window_commands import WindowCommands

if TYPE_CHECKING:
    from index.archive import Archive

logger = logging.getLogger(__name__)


class Viewer(QObject):
    """The viewer on one archive folder: its window, models, widgets and their connections."""

    ready = Signal()  # archive open, searchable, everything wired
    open_failed = Signal(str)

    def __init__(
        self,
        settings: Settings,
        root: Path,
        *,
        language: str = "zh_CN",
        interactive: bool = True,
        sample: bool = False,
        import_at_start: bool = False,
    ):
        super().__init__()
        self.settings, self.root, self.language, self.interactive = settings, root, language, interactive
        self.sample = sample  # the sample archive (示例档案): marked, never remembered as the user's
        self.import_at_start = import_at_start  # open the import dialog once the archive is open
        self.first_run_import = True
        self.samples_dir = resources_dir() / "samples"  # imported on a first run into an empty archive
        self.exit_code = 0
        self.reads = TaskRunner(1, self)
        self.long_tasks = TaskRunner(1, self)
        for runner in (self.reads, self.long_tasks):
            # Keep the worker threads: the core keeps one searcher per thread, and a pool thread
            # that expired after 30 s idle would make the next search open a new one.
            pool = runner.findChild(QThreadPool)
            if pool is not None:
                pool.setExpiryTimeout(-1)
        self.archive: Archive | None = None
        self.search_bar = SearchBar()
        self.facet_panel = FacetPanel()
        self.result_view = ResultView()
        self.reader = Reader()
        self.window = MainWindow(self.search_bar, self.facet_panel, self.result_view, self.reader, settings)
        self.window.setWindowTitle(f"{self.window.windowTitle()} — {root}")
        self.commands = SelectionCommands(self)
        self.archives = ArchiveSwitcher(self.window, settings, root, sample=sample)
        if sample:
            self.banner = SampleBanner()
            self.window.show_banner(self.banner)
            marker = self.tr("Sample archive (示例档案)")
            self.window.setWindowTitle(f"{marker} — {self.window.windowTitle()}")
            self.banner.create_requested.connect(self.archives.create_my_archive)
            self.banner.import_requested.connect(lambda: self.archives.switch(default_archive_dir(), True))
        self.facets = FacetsModel(self)
        self.facet_panel.set_model(self.facets)
        self.controller: SearchController
        self.results: ResultsModel
        self.actions: ArchiveActions
        self.remover: RemoveActions
        self.events: ArchiveEvents | None = None
        self.basket: Any = None
        self.edition_browser: Any = None
        self.edit_form: Any = None
        self.insight: Any = None
        self.navigator = Navigator(self.reader, self.reads, self)
        self.window_commands = WindowCommands(self.window, self.reader, settings, root, language, interactive)
        self._closed = False
        self._connect_static()

    # -- start-up -----------------------------------------------------------------------------------
    def start(self) -> None:
        """Show the window and open the archive on the worker (``ready`` follows)."""
        self.window.restore_state()
        self.search_bar.set_text(str(self.settings.get("search/last_query")))
        self.search_bar.set_sort(str(self.settings.get("search/sort")))
        self.window.show()
        self.window.show_message(self.tr("Opening the archive %1…").replace("%1", str(self.root)))
        self.reads.submit(
            open_archive,
            self.root,
            name="open",
            with_progress=True,
            on_progress=self._open_progress,
            on_done=self._opened,
            on_error=self._open_error,
        )

    def _open_progress(self, done: int, total: int, message: str) -> None:
        """While opening rebuilds the index: how far it is, in the status bar."""
        self.window.show_message(
            self.tr("Rebuilding the search index: %1 of %2 articles…")
            .replace("%1", str(done))
            .replace("%2", str(total))
        )

    def _open_error(self, exc: BaseException) -> None:
        detail = str(exc) if isinstance(exc, ArchiveError) else f"{type(exc).__name__}: {exc}"
        self.open_failed.emit(detail)
        self.exit_code = 1
        if self.interactive:
            if isinstance(exc, ArchiveLocked):
                locked_message(self.window, self.root, "")
            else:
                QMessageBox.critical(self.window, self.tr("Cannot open the archive"), detail)
        self.window.close()

    def _announce_state(self, archive: Archive) -> None:
        """Title and status bar say what the user should know: read-only, repaired, being changed."""
        if archive.readonly:
            marker = self.tr("Read-only")
            self.window.setWindowTitle(f"{marker} — {self.window.windowTitle()}")
        notes = [n for n in (archive.notice, archive.repair) if n]
        busy = archive.busy()
        if busy:
            notes.append(
                self.tr(
                    "Another program is changing this archive (%1); you see its last saved state."
                ).replace("%1", busy)
            )
        if archive.readonly:
            notes.insert(0, self.tr("Read-only: %1").replace("%1", archive.readonly_reason))
        self.window.show_message(" ".join(notes) or self.tr("Archive open."), 0 if notes else 3000)

    def _opened(self, archive: Archive) -> None:
        if self._closed:  # the window was closed while the archive was opening
            archive.close()
            return
        self.archive = archive
        self.navigator.source = archive
        self.archives.remember()
        self.results = ResultsModel(archive, self.reads, parent=self)
        self.result_view.setModel(self.results)
        self.controller = SearchController(archive, self.reads, parent=self)
        self.actions = ArchiveActions(
            archive, self.long_tasks, self.window, self.settings, interactive=self.interactive, parent=self
        )
        self.remover = RemoveActions(archive, self.long_tasks, self.window, self)
        self.remover.undo_available.connect(self.window.undo_remove_action.setEnabled)
        self.events = ArchiveEvents(archive, self)
        self.events.changed.connect(self.apply_changes)
        self._place_librarian_widgets(archive)
        self._connect_archive()
        from viewer.insight_wiring import InsightWiring

        self.insight = InsightWiring(self, archive)  # 统计, 相关报道, the edition calendar, 专题
        self._load_date_range()
        self._announce_state(archive)
        self.search_bar.focus_search()
        self.controller.update(text=self.search_bar.text(), sort=self.search_bar.sort_key())
        self.ready.emit()
        if self.sample and self.first_run_import and archive.is_empty():
            self.actions.import_samples(self.samples_dir)
        if self.import_at_start:
            self.actions.import_dialog()

    def _place_librarian_widgets(self, archive: Archive) -> None:
        from viewer.models.selection import SelectionBasket
        from viewer.widgets.basket import BasketView
        from viewer.widgets.edit_form import EditForm
        from viewer.widgets.edition_browser import EditionBrowser

        self.edition_browser = EditionBrowser(archive, self.long_tasks, self.window)
        self.window.set_edition_browser(self.edition_browser)
        self.edition_browser.article_activated.connect(lambda i: self.open_article(i, (), Origin.EDITION))
        self.navigator.on_edition_step = self.edition_browser.select_article
        self.edition_browser.remove_articles_requested.connect(self.remover.remove_articles)
        self.edition_browser.remove_edition_requested.connect(self.remover.remove_editions_labelled)
        self.edition_browser.add_to_basket.connect(self.commands.add_to_basket)
        self.basket = SelectionBasket(archive, self.long_tasks, self, state=ArchiveState(self.root))
        basket_view = BasketView(self.basket, self.window)
        self.window.set_basket(basket_view)
        basket_view.export_requested.connect(lambda _ids: self.commands.export())
        basket_view.article_activated.connect(lambda i: self.open_article(i, (), Origin.SELECTION))
        for sig in (self.basket.rowsInserted, self.basket.rowsRemoved, self.basket.modelReset):
            sig.connect(lambda *_a: self.commands.basket_changed())
        self.commands.basket_changed()
        self.edit_form = EditForm(archive, self.long_tasks, self.window)
        self.window.set_edit_form(self.edit_form)

    # -- connections --------------------------------------------------------------------------------
    def _connect_static(self) -> None:
        w = self.window
        nav = self.navigator
        self.reader.next_result_requested.connect(lambda: nav.step(1))
        self.reader.prev_result_requested.connect(lambda: nav.step(-1))
        nav.step_in_results.connect(self.result_view.go_relative)
        nav.failed.connect(lambda text: w.show_message(text, 8000))
        self.reader.status_message.connect(lambda text: w.show_message(text, 5000))
        self.reader.edit_requested.connect(self.edit_article)
        self.result_view.article_activated.connect(
            lambda i: self.open_article(i, self.results.terms(), Origin.SEARCH)
        )
        w.closing.connect(self._closing)
        self.window_commands.attach()

    def _connect_archive(self) -> None:
        w, c, bar = self.window, self.controller, self.search_bar
        bar.query_changed.connect(self._query_changed)
        bar.sort_changed.connect(self._sort_changed)
        bar.dates_changed.connect(self._dates_changed)
        self.facet_panel.clear_requested.connect(self.clear_filters)
        self.facets.filters_changed.connect(lambda: c.update(filters=self.facets.filters()))
        c.result_ready.connect(self._show_result)
        c.failed.connect(bar.show_error)
        c.failed.connect(lambda _msg: self.navigator.result_shown(None))
        self.results.page_loaded.connect(self._show_count)
        self.results.fetch_failed.connect(lambda msg: w.show_message(msg, 8000))
        j = self.actions
        w.import_action.triggered.connect(lambda: j.import_dialog())
        w.export_action.triggered.connect(self.commands.export)
        w.reindex_action.triggered.connect(j.reindex)
        w.own_lists_action.triggered.connect(j.own_lists)
        w.reenrich_action.triggered.connect(j.reenrich)
        w.add_to_basket_action.triggered.connect(
            lambda: self.commands.add_to_basket(self.commands.selected_ids())
        )
        w.edit_action.triggered.connect(self._edit_current)
        w.goto_edition_action.triggered.connect(self.goto_edition)
        w.remove_action.triggered.connect(self.commands.remove_selected)
        w.batch_edit_action.triggered.connect(self.commands.batch_edit)
        w.undo_remove_action.triggered.connect(self.remover.undo)
        w.clear_filters_action.triggered.connect(self.clear_filters)

    def _query_changed(self, text: str) -> None:
        self.settings.set("search/last_query", text)
        self.controller.update(text=text)

    def _dates_changed(self, date_from: dt.date | None, date_to: dt.date | None) -> None:
        self.facet_panel.set_dates_active(date_from is not None or date_to is not None)
        self.controller.update(date_from=date_from, date_to=date_to)

    def _load_date_range(self) -> None:
        """Fetch the first and last edition dates: the date filter's calendars open there."""
        if self.archive is None:
            return

        def got(editions: list[EditionRecord]) -> None:
            dates = [e.date for e in editions]
            self.search_bar.set_archive_range(min(dates, default=None), max(dates, default=None))

        self.reads.submit(self.archive.editions, name="edition dates", on_done=got)

    def _sort_changed(self, key: str) -> None:
        self.settings.set("search/sort", key)
        self.controller.update(sort=key)

    def _show_result(self, result: SearchResult) -> None:
        self.navigator.result_shown(result.ids, result.terms)
        self.results.set_result(result)
        self.facets.set_facets(result.facets)
        self.search_bar.show_terms(result.terms, result.total, result.elapsed_ms, result.resolved)

    def _show_count(self, loaded: int, total: int) -> None:
        self.window.set_count_text(
            self.tr("1 article, %2 shown").replace("%2", str(loaded))
            if total == 1
            else self.tr("%1 articles, %2 shown").replace("%1", str(total)).replace("%2", str(loaded))
        )

    def clear_filters(self) -> None:
        """Drop the date range and every checked facet value."""
        self.search_bar.set_dates(None, None)
        self.facets.clear_all()

    # -- articles -----------------------------------------------------------------------------------
    def open_article(
        self, article_id: int, terms: tuple[str, ...] = (), origin: Origin = Origin.OTHER
    ) -> None:
        """Show an article in the reader (loaded on the worker; the newest request wins)."""
        order: list[int] = []
        if origin is Origin.EDITION and self.edition_browser is not None:
            order = self.edition_browser.reading_order()
        elif origin is Origin.SELECTION and self.basket is not None:
            order = self.basket.ids()
        self.navigator.open(article_id, terms, origin=origin, order=order)

    def goto_edition(self) -> None:
        """Open the edition browser at the reader's article (its edition, its page)."""
        article = self.reader.article
        if article is None or self.edition_browser is None:
            return
        self.window.show_tab(EDITIONS_TAB)
        self.edition_browser.show_article(article.edition_id, article.id)

    def _edit_current(self) -> None:
        if self.reader.article is not None:
            self.edit_article(self.reader.article.id)

    def edit_article(self, article_id: int) -> None:
        """Show the edit form for the article in the reader."""
        record = self.reader.article
        if self.edit_form is None or record is None or record.id != article_id:
            return
        self.edit_form.show_article(record)
        self.window.show_edit_dock()

    # -- changes ----------------------------------------------------------------------------------
    def apply_changes(self, changes: Changes) -> None:
        """Refresh what an archive change touches: results and facets, reader, editions, basket."""
        if self.archive is None or self._closed:
            return
        self.controller.rerun()  # the result list and the facet counts
        if changes.editions_changed:
            self._load_date_range()
        shown = self.reader.article
        if shown is not None:
            if shown.id in changes.articles_removed or shown.edition_id in changes.editions_removed:
                self.reader.clear()
            elif shown.id in changes.articles_edited or shown.edition_id in changes.editions_updated:
                self.navigator.reload(self.results.terms() if self.navigator.origin is Origin.SEARCH else ())
        if self.edition_browser is not None:
            self.edition_browser.apply_changes(changes)
        if self.basket is not None:
            self.basket.apply_changes(changes)
        if self.edit_form is not None and (changes.editions_changed or changes.articles_edited):
            self.edit_form.apply_changes(changes)

    # -- misc ---------------------------------------------------------------------------------------
    def _closing(self) -> None:
        self._closed = True
        self.settings.set("search/last_query", self.search_bar.text())
        self.settings.sync()

    @property
    def restart_requested(self) -> bool:
        """The window is to be built again: another language or another archive (see :mod:`viewer.app`)."""
        return self.window_commands.restart_requested or self.archives.next_root is not None

    def shutdown(self) -> None:
        """After the event loop: stop the tasks, wait for the workers, close the archive."""
        for runner in (self.long_tasks, self.reads):
            runner.cancel_all()
        for runner in (self.long_tasks, self.reads):
            runner.wait(30_000)
        QCoreApplication.sendPostedEvents()  # results that arrived after the loop ended
        if self.events is not None:
            self.events.close()
        if self.archive is not None:
            self.archive.close()
            self.archive = None
