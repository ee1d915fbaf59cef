"""Mail in the window: the suggestions view, Settings → Mail, and the periodic scan.

`install(window)` is the one hook the main window calls; everything else lives here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from coach.i18n import _


def install(window) -> None:
    from .scanner import MailScanner

    window.mail = MailScanner(window.client, window)
    window.mail.scanned.connect(lambda _report: window.client.reload())
    window.mail.status_changed.connect(
        lambda text: window.statusBar().showMessage(text, 10_000))
    window.mail.failed.connect(window.show_error)

    view = QAction(_("&Suggestions from Mail…"), window)
    view.setShortcut(QKeySequence("Ctrl+Shift+G"))
    view.setStatusTip(_("Owed replies, promises and follow-ups found in your mailbox"))
    view.triggered.connect(lambda: open_suggestions(window))
    window.menus["view"].addAction(view)
    account = QAction(_("&Mail Account…"), window)
    account.setStatusTip(_("Set up the mail scan: server, user, your addresses"))
    account.triggered.connect(lambda: open_settings(window))
    window.menus["file"].insertAction(window.actions.close_window, account)
    window.actions.mail_suggestions, window.actions.mail_account = view, account

    # After the first load: the window's first job must be the load, which is the one that
    # explains a damaged database.
    def first_load(_snapshot=None) -> None:
        window.client.loaded.disconnect(first_load)
        window.mail.start_timer()

    window.client.loaded.connect(first_load)


def open_suggestions(window) -> None:
    from .suggestions_view import SuggestionsDialog

    dialog = SuggestionsDialog(window.client, window.mail, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.suggestions_dialog = dialog
    dialog.show()


def open_settings(window) -> None:
    from .settings_page import MailSettingsDialog

    dialog = MailSettingsDialog(window.client, window.mail, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.mail_settings_dialog = dialog
    dialog.open()
