"""The main window's menu bar and tool bar, built from the window's actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

if TYPE_CHECKING:
    from viewer.mainwindow import MainWindow


def build_menus(w: MainWindow) -> None:
    """The menu bar: File, Edit, Go, View, Help."""
    bar = w.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    file_menu.addActions([w.new_archive_action, w.open_archive_action])
    w.recent_menu = file_menu.addMenu(QCoreApplication.translate("MainWindow", "&Recent archives"))
    file_menu.addAction(w.show_archive_folder_action)
    file_menu.addSeparator()
    file_menu.addActions([w.import_action, w.export_action])
    file_menu.addSeparator()
    file_menu.addActions([w.own_lists_action, w.reenrich_action, w.reindex_action])
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)
    edit_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Edit"))
    edit_menu.addActions([w.find_action, w.copy_citation_action, w.add_to_basket_action])
    edit_menu.addSeparator()
    edit_menu.addActions([w.edit_action, w.batch_edit_action, w.clear_filters_action])
    edit_menu.addSeparator()
    edit_menu.addActions([w.remove_action, w.undo_remove_action])
    go_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Go"))
    go_menu.addActions([w.next_hit_action, w.prev_hit_action, w.next_result_action, w.prev_result_action])
    go_menu.addSeparator()
    go_menu.addAction(w.goto_edition_action)
    view_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&View"))
    view_menu.addActions(w.tab_actions)
    view_menu.addSeparator()
    view_menu.addAction(w.edit_dock.toggleViewAction())
    view_menu.addSeparator()
    view_menu.addActions([w.zoom_in_action, w.zoom_out_action, w.zoom_reset_action])
    lang_menu = view_menu.addMenu(QCoreApplication.translate("MainWindow", "&Language"))
    lang_menu.addActions(list(w.language_actions.values()))
    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    help_menu.addActions([w.syntax_action, w.shortcuts_action])
    help_menu.addSeparator()
    help_menu.addAction(w.log_folder_action)
    help_menu.addSeparator()
    help_menu.addAction(w.about_action)


def build_toolbar(w: MainWindow) -> None:
    """The main tool bar: the actions used every day, with their text."""
    w.toolbar = w.addToolBar(QCoreApplication.translate("MainWindow", "Main tool bar"))
    w.toolbar.setObjectName("mainToolBar")
    w.toolbar.setMovable(False)
    w.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    w.toolbar.addActions([w.import_action, w.export_action])
    w.toolbar.addSeparator()
    w.toolbar.addActions([w.add_to_basket_action, w.edit_action, w.goto_edition_action])
    w.toolbar.addSeparator()
    w.toolbar.addActions([w.clear_filters_action, w.zoom_out_action, w.zoom_in_action])
    w.toolbar.addSeparator()
    w.toolbar.addAction(w.syntax_action)
