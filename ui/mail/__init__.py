"""Mail in the window: the suggestions view, the mail account dialog, the periodic scan.

`MailFeature(window)` is built by ui/window/compose.py like every other feature; it keeps
its own scanner, actions and open dialogs and sets nothing on the window.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence

from coach.i18n import _


class MailFeature(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        from .scanner import MailScanner

        self.window = window
        self.scanner = MailScanner(window.client, self)
        self.scanner.scanned.connect(self._scanned)
        self.scanner.status_changed.connect(lambda text: window.show_message(text, 10_000))
        self.scanner.failed.connect(window.show_error)
        self.suggestions_dialog = None
        self.settings_dialog = None

        self.suggestions_action = QAction(_("&Suggestions from Mail…"), window)
        self.suggestions_action.setShortcut(QKeySequence("Ctrl+Shift+G"))
        self.suggestions_action.setStatusTip(
            _("Owed replies, promises and follow-ups found in your mailbox"))
        self.suggestions_action.triggered.connect(self.open_suggestions)
        self.account_action = QAction(_("&Mail Account…"), window)
        self.account_action.setStatusTip(_("Set up the mail scan: server, user, your addresses"))
        self.account_action.triggered.connect(self.open_settings)
        # After the first load: the window's first job must be the load, which is the one
        # that explains a damaged database.
        window.client.loaded.connect(self._first_load)

    def _first_load(self, _snapshot=None) -> None:
        self.window.client.loaded.disconnect(self._first_load)
        self.scanner.start_timer()

    def _scanned(self, _report) -> None:
        self.window.client.reload()

    def open_suggestions(self) -> None:
        from .suggestions_view import SuggestionsDialog

        dialog = SuggestionsDialog(self.window.client, self.scanner, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.suggestions_dialog = dialog
        dialog.show()

    def open_settings(self) -> None:
        from .settings_page import MailSettingsDialog

        dialog = MailSettingsDialog(self.window.client, self.scanner, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.settings_dialog = dialog
        dialog.open()

    def close(self) -> None:
        self.scanner.shutdown()
