"""Main window: layout and actions only. :mod:`viewer.wiring` creates the widgets and connects them.

Layout: the search bar on top; below it a splitter with, on the left, tabs (Search = facet panel |
result list; Editions; Selection basket) and, on the right, the reader, shared by all tabs. The
librarian's edit form is a dock on the right, shown on demand. The status bar carries messages,
the result count and a progress bar with a cancel button for long tasks.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.menus import build_menus, build_toolbar
from viewer.settings import Settings
from viewer.shortcuts import ShortcutsWin, keys
from viewer.widgets.facet_panel import FacetPanel
from viewer.widgets.reader import Reader
from viewer.widgets.result_view import ResultView
from viewer.widgets.searchbar import SearchBar

SEARCH_TAB, EDITIONS_TAB, BASKET_TAB = 0, 1, 2
EDIT_DOCK_WIDTH = 360  # px; at most a third of the window


class MainWindow(QMainWindow):
    """The window: search bar, tabs (search, editions, selection), reader, edit dock, menus."""

    closing = Signal()

    def __init__(
        self,
        search_bar: SearchBar,
        facet_panel: FacetPanel,
        result_view: ResultView,
        reader: Reader,
        settings: Settings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.search_bar, self.facet_panel, self.result_view, self.reader = (
            search_bar,
            facet_panel,
            result_view,
            reader,
        )
        self.setWindowTitle(self.tr("Pingcheng Newspaper Archive"))
        self._build_layout()
        self._build_status()
        self._build_actions()
        self.recent_menu: QMenu  # made by build_menus
        self.toolbar: QToolBar  # made by build_toolbar
        build_menus(self)
        build_toolbar(self)
        self._shortcuts_win = ShortcutsWin(self)
        self.search_bar.edit.installEventFilter(self._shortcuts_win)

    # -- layout ------------------------------------------------------------------------------------
    def _build_layout(self) -> None:
        self.search_split = QSplitter(Qt.Orientation.Horizontal)
        self.search_split.setObjectName("searchSplit")
        self.search_split.addWidget(self.facet_panel)
        self.search_split.addWidget(self.result_view)
        self.search_split.setStretchFactor(1, 1)
        self.search_split.setSizes([220, 460])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.search_split, self.tr("Search"))
        self.tabs.addTab(self._placeholder(), self.tr("Editions"))
        self.tabs.addTab(self._placeholder(), self.tr("Selection"))
        self.main_split = QSplitter(Qt.Orientation.Horizontal)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.tabs)
        self.main_split.addWidget(self.reader)
        self.main_split.setStretchFactor(0, 3)
        self.main_split.setStretchFactor(1, 2)
        self.main_split.setSizes([700, 520])
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        lay.addWidget(self.search_bar)
        lay.addWidget(self.main_split, 1)
        self._central_layout = lay
        self.setCentralWidget(central)
        self.edit_dock = QDockWidget(self.tr("Edit metadata"), self)
        self.edit_dock.setObjectName("editDock")
        self.edit_dock.setMinimumWidth(280)
        self.edit_dock.setWidget(self._placeholder())
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.edit_dock)
        self.edit_dock.hide()
        self.resize(1280, 800)

    def show_banner(self, widget: QWidget) -> None:
        """Put a strip above the search bar (the sample archive's marker)."""
        self._central_layout.insertWidget(0, widget)

    def _placeholder(self) -> QLabel:
        label = QLabel(self.tr("Opening the archive…"))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)
        return label

    def _replace_tab(self, index: int, widget: QWidget) -> None:
        title, current = self.tabs.tabText(index), self.tabs.currentIndex()
        old = self.tabs.widget(index)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, title)
        self.tabs.setCurrentIndex(current)
        if old is not None:
            old.deleteLater()

    def set_edition_browser(self, widget: QWidget) -> None:
        """Put the edition browser in its tab."""
        self._replace_tab(EDITIONS_TAB, widget)

    def set_basket(self, widget: QWidget) -> None:
        """Put the selection view in its tab."""
        self._replace_tab(BASKET_TAB, widget)

    def set_basket_count(self, n: int) -> None:
        """Show the number of articles in the selection on its tab."""
        self.tabs.setTabText(
            BASKET_TAB, self.tr("Selection (%1)").replace("%1", str(n)) if n else self.tr("Selection")
        )

    def set_edit_form(self, widget: QWidget) -> None:
        """Place the edit form in the dock, in a scroll area (small screens reach every field)."""
        old = self.edit_dock.widget()
        scroll = QScrollArea()
        scroll.setObjectName("editScroll")
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(widget)
        self.edit_dock.setWidget(scroll)
        if old is not None:
            old.deleteLater()

    def show_edit_dock(self) -> None:
        """Show the edit dock at its one width (the same at every opening, never crushing the tabs)."""
        self.edit_dock.show()
        self.edit_dock.raise_()
        width = min(EDIT_DOCK_WIDTH, max(self.width() // 3, self.edit_dock.minimumWidth()))
        self.resizeDocks([self.edit_dock], [width], Qt.Orientation.Horizontal)

    def show_tab(self, index: int) -> None:
        """Make a tab current (``SEARCH_TAB``, ``EDITIONS_TAB``, ``BASKET_TAB``)."""
        self.tabs.setCurrentIndex(index)

    # -- status bar --------------------------------------------------------------------------------
    def _build_status(self) -> None:
        bar = self.statusBar()
        self.count_label = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.cancel_button = QToolButton()
        self.cancel_button.setText(self.tr("Cancel"))
        bar.addPermanentWidget(self.progress)
        bar.addPermanentWidget(self.cancel_button)
        bar.addPermanentWidget(self.count_label)
        self.hide_progress()

    def show_progress(self, done: int, total: int, message: str = "") -> None:
        """Show the progress bar and the cancel button (``total`` 0: busy, no percentage)."""
        self.progress.setRange(0, max(total, 0))
        self.progress.setValue(min(done, total) if total > 0 else 0)
        self.progress.show()
        self.cancel_button.show()
        if message:
            self.statusBar().showMessage(message)

    def hide_progress(self) -> None:
        """Hide the progress bar and the cancel button."""
        self.progress.hide()
        self.cancel_button.hide()

    def show_message(self, text: str, msecs: int = 0) -> None:
        """Show a message in the status bar (for ``msecs``; 0: until replaced)."""
        self.statusBar().showMessage(text, msecs)

    def set_count_text(self, text: str) -> None:
        """Show the result count at the right of the status bar."""
        self.count_label.setText(text)

    # -- actions and menus -------------------------------------------------------------------------
    def _action(self, text: str, keys: list[QKeySequence] | None = None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if keys:
            act.setShortcuts(keys)
        act.setStatusTip(tip or text.rstrip("…"))
        self.addAction(act)  # shortcuts work wherever the focus is in the window
        return act

    def _build_actions(self) -> None:
        self.new_archive_action = self._action(
            self.tr("&New archive…"), None, self.tr("Start an archive in a new folder")
        )
        self.open_archive_action = self._action(
            self.tr("&Open archive…"), [QKeySequence("Ctrl+O")], self.tr("Open another archive folder")
        )
        self.show_archive_folder_action = self._action(
            self.tr("Show the archive &folder"), None, self.tr("Open the folder of this archive")
        )
        self.import_action = self._action(
            self.tr("&Import…"), [QKeySequence("Ctrl+I")], self.tr("Import edition files or a folder")
        )
        self.export_action = self._action(
            self.tr("&Export…"), [QKeySequence("Ctrl+E")], self.tr("Export the selected articles")
        )
        self.own_lists_action = self._action(
            self.tr("Use this archive's own street list and topics"),
            None,
            self.tr("Copy the gazetteer and the taxonomy into the archive folder, to edit them there"),
        )
        self.reenrich_action = self._action(
            self.tr("Re-apply street offices and topics"),
            None,
            self.tr("Apply the archive's street list and taxonomy again to every article (corrections stay)"),
        )
        self.reindex_action = self._action(
            self.tr("&Rebuild search index"), None, self.tr("Rebuild the index from the catalog")
        )
        self.quit_action = self._action(self.tr("&Quit"), keys(QKeySequence.StandardKey.Quit, "Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.find_action = self._action(
            self.tr("&Find"), keys(QKeySequence.StandardKey.Find, "Ctrl+F"), self.tr("Focus the search bar")
        )
        self.next_hit_action = self._action(
            self.tr("Next &hit"), keys(QKeySequence.StandardKey.FindNext, "F3")
        )
        self.prev_hit_action = self._action(
            self.tr("Previous h&it"), keys(QKeySequence.StandardKey.FindPrevious, "Shift+F3")
        )
        self.next_result_action = self._action(self.tr("&Next result"), [QKeySequence("Alt+Down")])
        self.prev_result_action = self._action(self.tr("&Previous result"), [QKeySequence("Alt+Up")])
        self.goto_edition_action = self._action(
            self.tr("&Go to edition"),
            [QKeySequence("Ctrl+G")],
            self.tr("Open the edition browser at the article in the reader"),
        )
        self.copy_citation_action = self._action(self.tr("Copy &citation"), [QKeySequence("Ctrl+Shift+C")])
        self.add_to_basket_action = self._action(
            self.tr("&Add to selection"),
            [QKeySequence("Ctrl+D")],
            self.tr("Add the selected articles to the selection basket"),
        )
        self.edit_action = self._action(
            self.tr("&Edit metadata…"),
            [QKeySequence("F2")],
            self.tr("Correct the current article's metadata"),
        )
        self.zoom_in_action = self._action(
            self.tr("&Larger text"),
            [QKeySequence("Ctrl+="), QKeySequence("Ctrl++")],
            self.tr("Larger reader text"),
        )
        self.zoom_out_action = self._action(
            self.tr("&Smaller text"), [QKeySequence("Ctrl+-")], self.tr("Smaller reader text")
        )
        self.zoom_reset_action = self._action(
            self.tr("&Normal text size"), [QKeySequence("Ctrl+0")], self.tr("Reader text at the normal size")
        )
        self.batch_edit_action = self._action(
            self.tr("Correct &several…"),
            [QKeySequence("Ctrl+Shift+E")],
            self.tr("Set a street office or a topic on all the selected articles"),
        )
        self.remove_action = self._action(
            self.tr("&Remove from the archive…"),
            None,
            self.tr("Remove the selected articles (or the opened edition) from the archive"),
        )
        self.undo_remove_action = self._action(
            self.tr("&Undo removal"), None, self.tr("Put back what was removed last")
        )
        self.undo_remove_action.setEnabled(False)
        self.clear_filters_action = self._action(self.tr("C&lear filters"), [QKeySequence("Ctrl+Shift+L")])
        self.about_action = self._action(self.tr("&About"))
        self.syntax_action = self._action(
            self.tr("Query &syntax"), [QKeySequence("F1")], self.tr("How to write a search")
        )
        self.shortcuts_action = self._action(self.tr("Keyboard s&hortcuts"), None, self.tr("Every shortcut"))
        self.log_folder_action = self._action(
            self.tr("Open the &log folder"), None, self.tr("Show the folder with the viewer's log files")
        )
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for code, label in (("zh_CN", "中文"), ("en", "English")):
            act = QAction(label, self.language_group)
            act.setCheckable(True)
            act.setData(code)
            self.language_actions[code] = act
        self.tab_actions = []
        for i, label in enumerate((self.tr("&Search"), self.tr("E&ditions"), self.tr("Se&lection"))):
            act = self._action(label, [QKeySequence(f"Ctrl+{i + 1}")])
            act.triggered.connect(lambda _checked=False, i=i: self.show_tab(i))
            self.tab_actions.append(act)
        self.find_action.triggered.connect(self.search_bar.focus_search)
        self.next_hit_action.triggered.connect(lambda: self.reader.step_hit(1))
        self.prev_hit_action.triggered.connect(lambda: self.reader.step_hit(-1))
        self.next_result_action.triggered.connect(lambda: self.result_view.go_relative(1))
        self.prev_result_action.triggered.connect(lambda: self.result_view.go_relative(-1))
        self.copy_citation_action.triggered.connect(self.reader.copy_citation_text)
        self.quit_action.triggered.connect(self.close)
        self.result_view.addActions(
            [
                self.add_to_basket_action,
                self.export_action,
                self.copy_citation_action,
                self.edit_action,
                self.batch_edit_action,
                self.goto_edition_action,
                self.remove_action,
            ]
        )

    # -- state -------------------------------------------------------------------------------------
    def restore_state(self) -> None:
        """Restore geometry, docks, splitters and the tab from the settings."""
        s = self.settings
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("window/state", self.restoreState),
            ("window/splitter", self.main_split.restoreState),
        ):
            value = s.get(key)
            if isinstance(value, QByteArray) and not value.isEmpty():
                restore(value)
        sizes = s.get("window/search_splitter")
        if isinstance(sizes, QByteArray) and not sizes.isEmpty():
            self.search_split.restoreState(sizes)
        self.tabs.setCurrentIndex(min(max(int(s.get("window/tab")), 0), self.tabs.count() - 1))

    def save_state(self) -> None:
        """Store geometry, docks, splitters and the tab in the settings."""
        s = self.settings
        s.set("window/geometry", self.saveGeometry())
        s.set("window/state", self.saveState())
        s.set("window/splitter", self.main_split.saveState())
        s.set("window/search_splitter", self.search_split.saveState())
        s.set("window/tab", self.tabs.currentIndex())

    def closeEvent(self, event: QCloseEvent) -> None:
        """Save the window state and announce ``closing`` before closing (Qt)."""
        self.save_state()
        self.closing.emit()
        super().closeEvent(event)
