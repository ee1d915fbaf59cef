"""Wiring reminders into the main window: banner, notifier chain, timer, Settings, Returned."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence

from coach.i18n import _

from .banner import Banner
from .chain import default_chain
from .reminders import Reminders


def install(window) -> Reminders:
    """Called from MainWindow.__init__; the app starts the timer (window.reminders.start())."""
    window.reminder_banner = Banner(window)
    window.centralWidget().layout().insertWidget(0, window.reminder_banner)
    window.notifiers = default_chain(window.reminder_banner, lambda: window.tray, window)
    reminders = Reminders(window.client, window.notifiers, window)
    window.reminders = reminders
    reminders.open_requested.connect(lambda item_id: _open_item(window, item_id))
    reminders.brief_requested.connect(lambda item_id: _brief(window, item_id))
    reminders.returned.connect(lambda _id: window.statusBar().showMessage(
        _("Marked returned."), 5000))

    # The lists changed (here or in a terminal): the next wake-up may have moved.
    replan = QTimer(window, singleShot=True, interval=300)
    replan.timeout.connect(lambda: reminders.run_pass() if reminders.started else None)
    window.client.data_refreshed.connect(replan.start)

    settings = QAction(_("&Settings…"), window)
    settings.setShortcut(QKeySequence("Ctrl+,"))  # StandardKey.Preferences is empty on X11
    settings.setMenuRole(QAction.MenuRole.PreferencesRole)
    settings.triggered.connect(lambda: open_settings(window))
    file_menu = window.menus["file"]
    file_menu.insertAction(window.actions.close_window, settings)
    file_menu.insertSeparator(window.actions.close_window)
    window.actions.settings = settings

    returned = QAction(_("Mark &returned with note…"), window)
    returned.setShortcut(QKeySequence("Ctrl+Shift+Return"))
    returned.setStatusTip(_("Mark an owed reply returned; what you agreed can become a "
                            "commitment"))
    returned.triggered.connect(lambda: mark_returned_with_note(window))
    window.menus["items"].insertAction(window.actions.delete, returned)
    window.replies_view.add_view_actions([returned])
    window.actions.returned_with_note = returned
    return reminders


def open_settings(window) -> None:
    from ..dialogs.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.client, window.notifiers, window.reminders, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.settings_dialog = dialog
    dialog.open()


def mark_returned_with_note(window) -> None:
    from ..dialogs.returned_dialog import ReturnedDialog

    window.tabs.setCurrentWidget(window.replies_view)
    item_id = window.replies_view.current_id()
    if item_id is None:
        window.statusBar().showMessage(_("Select an owed reply first."), 4000)
        return
    index = window.replies_view.table.currentIndex()
    who = window.replies_view.model.index(index.row(), 0).data() or ""
    dialog = ReturnedDialog(window.client, item_id, who, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def done() -> None:
        if dialog.commitment_id is not None:
            window._select_after_reload("commitment", dialog.commitment_id)
            window.tabs.setCurrentWidget(window.commitments_view)
            window.statusBar().showMessage(_("Returned, and the agreement is now a "
                                             "commitment."), 6000)
        else:
            window.statusBar().showMessage(_("Marked returned."), 5000)

    dialog.accepted.connect(done)
    window.returned_dialog = dialog
    dialog.open()


def _brief(window, concern_id: int) -> None:
    from ..window.concern_actions import brief_now

    brief_now(window, concern_id)


def _open_item(window, item_id: int) -> None:
    """Show the item in its own tab: reply reminders, concern nudges and at-risk promises."""
    window.bring_to_front()
    for view in (window.replies_view, window.concerns_view, window.commitments_view):
        if view.select_id(item_id):
            window.tabs.setCurrentWidget(view)
            return
    window.tabs.setCurrentWidget(window.replies_view)
