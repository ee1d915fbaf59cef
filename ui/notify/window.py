"""Reminders in the main window: File → Settings…, Items → Mark returned with note…, and where
a notification's "Open" and "Brief now" lead. ui/window/compose.py builds the banner, the
notifier chain and the Reminders timer, and this with them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog

from coach.i18n import _

from .chain import NotifierChain
from .reminders import Reminders


class ReminderActions:
    def __init__(self, window, notifiers: NotifierChain, reminders: Reminders) -> None:
        self.window, self.notifiers, self.reminders = window, notifiers, reminders
        self.settings_dialog: QDialog | None = None
        self.returned_dialog: QDialog | None = None
        reminders.open_requested.connect(self.open_item)
        reminders.brief_requested.connect(window.brief_manager)
        reminders.review_requested.connect(self.open_review)
        reminders.returned.connect(lambda _id: window.show_message(_("Marked returned."), 5000))
        # The lists changed (here or in a terminal): the next wake-up may have moved.
        self._replan = QTimer(window, singleShot=True, interval=300)
        self._replan.timeout.connect(lambda: reminders.run_pass() if reminders.started else None)
        window.client.data_refreshed.connect(self._replan.start)

        self.settings = QAction(_("&Settings…"), window)
        self.settings.setShortcut(QKeySequence("Ctrl+,"))  # StandardKey.Preferences: empty on X11
        self.settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings.triggered.connect(self.open_settings)
        self.returned = QAction(_("Mark &returned with note…"), window)
        self.returned.setShortcut(QKeySequence("Ctrl+Shift+Return"))
        self.returned.setStatusTip(_("Mark an owed reply returned; what you agreed can become a "
                                     "commitment"))
        self.returned.triggered.connect(self.mark_returned_with_note)

    def open_settings(self) -> None:
        from ..dialogs.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.window.client, self.notifiers, self.reminders, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog = dialog
        dialog.open()

    def mark_returned_with_note(self) -> None:
        from ..dialogs.returned_dialog import ReturnedDialog

        window = self.window
        view = window.view_of("reply")
        window.tabs.setCurrentWidget(view)
        item_id = view.current_id()
        if item_id is None:
            window.show_message(_("Select an owed reply first."), 4000)
            return
        who = view.model.index(view.table.currentIndex().row(), 0).data() or ""
        dialog = ReturnedDialog(window.client, item_id, who, window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            if dialog.commitment_id is not None:
                window.select_item("commitment", dialog.commitment_id)
                window.show_message(_("Returned, and the agreement is now a commitment."), 6000)
            else:
                window.show_message(_("Marked returned."), 5000)

        dialog.accepted.connect(done)
        self.returned_dialog = dialog
        dialog.open()

    def open_review(self) -> None:
        """The review's notification: the window comes up with the review open on top."""
        from ..review.dialog import open_review

        window = self.window
        window.bring_to_front()
        from shiboken6 import isValid

        dialog = getattr(window, "review_dialog", None)
        # Closed, it is deleted (WA_DeleteOnClose); open, a second one would ask twice.
        if dialog is not None and isValid(dialog) and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        open_review(window)

    def open_item(self, item_id: int) -> None:
        """Show the item in its own tab: reply reminders, concern nudges, at-risk promises."""
        window = self.window
        window.bring_to_front()
        for kind in ("reply", "concern", "commitment"):
            view = window.view_of(kind)
            if view.select_id(item_id):
                window.tabs.setCurrentWidget(view)
                return
        window.tabs.setCurrentWidget(window.view_of("reply"))
