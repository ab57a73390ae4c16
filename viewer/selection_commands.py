"""Commands on "what is selected": add to the selection (选集), export, remove from the archive.

Which articles a command takes depends on the tab: the highlighted results, the articles (or whole
sections) chosen in the edition browser, or the article in the reader when nothing is chosen.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog

from viewer.mainwindow import BASKET_TAB, EDITIONS_TAB, SEARCH_TAB
from viewer.widgets.batch_edit import BatchEditDialog
from viewer.widgets.export_dialog import ExportSource

if TYPE_CHECKING:
    from viewer.wiring import Viewer

logger = logging.getLogger(__name__)


class SelectionCommands(QObject):
    """The commands of one viewer that act on the chosen articles."""

    def __init__(self, viewer: Viewer) -> None:
        super().__init__(viewer)
        self.v = viewer

    def selected_ids(self) -> list[int]:
        """The chosen articles of the current tab (none in the selection tab)."""
        if self.v.window.tabs.currentIndex() == SEARCH_TAB:
            return self.v.result_view.selected_ids()
        if self.v.edition_browser is not None and self.v.window.tabs.currentIndex() != BASKET_TAB:
            return [int(i) for i in self.v.edition_browser.selected_article_ids()]
        return []

    def remove_selected(self) -> None:
        """Edit → Remove: the selected articles, else (in the edition browser) the opened edition."""
        ids = self.selected_ids()
        on_editions = self.v.window.tabs.currentIndex() == EDITIONS_TAB and self.v.edition_browser is not None
        if not ids and not on_editions and self.v.reader.article is not None:
            ids = [self.v.reader.article.id]
        if ids:
            self.v.remover.remove_articles(ids)
        elif on_editions and self.v.edition_browser.current_edition_id() is not None:
            browser = self.v.edition_browser
            self.v.remover.remove_editions([browser.current_edition_id()], browser.current_edition_label())
        else:
            self.v.window.show_message(self.tr("Select the articles or the edition to remove first."), 5000)

    def batch_edit(self) -> QDialog | None:
        """Edit → Correct several: one street office or topic for all the chosen articles."""
        ids = self.selected_ids()
        if self.v.archive is None or not ids:
            self.v.window.show_message(self.tr("Select the articles to correct first."), 5000)
            return None
        dialog = BatchEditDialog(self.v.archive, self.v.long_tasks, ids, self.v.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.done_count.connect(
            lambda n: self.v.window.show_message(
                self.tr("Corrected %1 article(s).").replace("%1", str(n)), 8000
            )
        )
        dialog.open()
        return dialog

    def export(self) -> None:
        """Open the export dialog: the selected rows, the selection (选集), all results."""
        rows = self.selected_ids()
        if not rows and self.v.reader.article is not None and self.v.window.tabs.currentIndex() != BASKET_TAB:
            rows = [self.v.reader.article.id]
        basket = self.v.basket.ids() if self.v.basket is not None else []
        results = list(self.v.results.ids()) if self.v.archive is not None else []
        sources = [
            ExportSource("rows", self.tr("Selected articles"), tuple(rows)),
            ExportSource("selection", self.tr("The selection (选集)"), tuple(basket)),
            ExportSource("results", self.tr("All results of the search"), tuple(results)),
        ]
        current = "selection" if self.v.window.tabs.currentIndex() == BASKET_TAB else ("rows" if rows else "")
        self.v.actions.export(sources, current)

    def basket_changed(self) -> None:
        """The selection changed: its count on the tab, its ★ in the result list and the editions."""
        ids = set(self.v.basket.ids()) if self.v.basket is not None else set()
        self.v.window.set_basket_count(len(ids))
        self.v.results.set_marked(ids)
        if self.v.edition_browser is not None:
            self.v.edition_browser.model.set_marked(ids)

    def add_to_basket(self, ids: list[int]) -> None:
        """Add articles to the selection and say how many were new."""
        if self.v.basket is None:
            return
        if not ids:
            self.v.window.show_message(self.tr("Select articles to add to the selection first."), 4000)
            return
        added = self.v.basket.add(ids)
        already = len(set(ids)) - added
        if not added:
            text = self.tr("Already in the selection (%1).").replace("%1", str(already))
        elif already:
            text = self.tr("%1 added to the selection; %2 were already in it.")
            text = text.replace("%1", str(added)).replace("%2", str(already))
        else:
            text = self.tr("%1 added to the selection.").replace("%1", str(added))
        self.v.window.show_message(text, 4000)
