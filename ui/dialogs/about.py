"""Help → About: version, licence, where the data lives and which notifier is in use.

Also home of the window's "Start at login" toggle (File menu), since both describe how the
app sits on this desktop. `AboutEntries` holds both; ui/window/compose.py puts them in menus.

The notifier line: `AboutEntries` is given a function that returns the window's notification
chain (ui.notify.chain.NotifierChain). The dialog names the adapter that last delivered
(`chain.last_used.label()`); before anything was sent it shows "checking…" and asks
`chain.probe()`, which answers asynchronously; with no chain at all it stays at "checking…".
`AboutDialog.set_notifier_name(name)` sets the line directly.
"""

from __future__ import annotations

import platform
import sys
from html import escape
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from coach import APP_NAME, __version__
from coach.errors import CoachError
from coach.i18n import _

from ..system.plain import PlainLabel, RichLabel
from ..window import icons

LICENCE_URL = "https://www.gnu.org/licenses/gpl-3.0.html"


def ask_notifier(dialog: AboutDialog, chain) -> None:
    """Fill the dialog's notifier line from the chain, now or when its probe answers."""
    if chain is None:
        return
    used = getattr(chain, "last_used", None)
    if used is not None:
        dialog.set_notifier_name(used.label())
        return

    def answered(adapter) -> None:
        if isValid(dialog):  # the probe may answer after the dialog was closed
            dialog.set_notifier_name(adapter.label() if adapter else _("none works here"))

    chain.probe(answered)


class AboutDialog(QDialog):
    def __init__(self, data_dir: Path, notifier: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("about-dialog")
        self.setWindowTitle(_("About {app}").format(app=APP_NAME))
        self._data_dir = data_dir

        logo = PlainLabel()
        logo.setPixmap(icons.icon("app").pixmap(64, 64))
        title = RichLabel(f"<h2>{escape(APP_NAME)}</h2>")
        self.version_label = PlainLabel(_("Version {version}").format(version=__version__))
        self.version_label.setObjectName("about-version")
        blurb = PlainLabel(_("Keeps your promises, replies and early warnings in view, so your "
                         "manager hears from you first."))
        blurb.setWordWrap(True)
        heading = QVBoxLayout()
        for label in (title, self.version_label, blurb):
            heading.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(logo)
        top.addLayout(heading, 1)

        licence = escape(_("GNU General Public License, version 3 or later"))
        self.licence_label = RichLabel(
            f'<a href="{LICENCE_URL}">{licence}</a> (GPL-3.0-or-later)')
        self.licence_label.setOpenExternalLinks(True)
        self.data_label = RichLabel(
            f'<a href="{QUrl.fromLocalFile(str(data_dir)).toString()}">'
            f"{escape(str(data_dir))}</a>")
        self.data_label.setObjectName("about-data-dir")
        self.data_label.setToolTip(_("Open the folder that holds coach.db and its backups"))
        # openUrl rather than setOpenExternalLinks: the folder may not exist before first use.
        self.data_label.linkActivated.connect(self._open_data_dir)
        self.notifier_label = PlainLabel()
        self.notifier_label.setObjectName("about-notifier")
        self.set_notifier_name(notifier)
        runtime = PlainLabel(_("Python {python}, Qt {qt}, PySide6 {pyside} on {system}").format(
            python=platform.python_version(), qt=qVersion(), pyside=pyside_version,
            system=platform.system() or sys.platform))
        for label in (self.licence_label, self.data_label, self.notifier_label, runtime):
            # Selectable, so a path or version can be copied into a bug report.
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        form = QFormLayout()
        form.addRow(_("Licence:"), self.licence_label)
        form.addRow(_("Your data:"), self.data_label)
        form.addRow(_("Notifications:"), self.notifier_label)
        form.addRow(_("Runs on:"), runtime)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def set_notifier_name(self, name: str | None) -> None:
        self.notifier_label.setText(name or _("checking…"))

    def _open_data_dir(self, _link: str) -> None:
        self._data_dir.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._data_dir)))


def show_about(window: QWidget, chain=None) -> AboutDialog:
    """The About dialog; `chain` (ui.notify.chain.NotifierChain) names the notifier in use."""
    from coach.storage.paths import data_dir

    client = getattr(window, "client", None)
    dialog = AboutDialog(data_dir(getattr(client, "data_dir", None)), None, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    ask_notifier(dialog, chain)
    dialog.open()
    return dialog


def start_at_login_action(window: QWidget) -> QAction:
    """A checkable action that writes or removes the start-at-login entry right away."""
    from coach.desktop import autostart_enabled, set_autostart

    action = QAction(_("Start at &login"), window)
    action.setObjectName("start-at-login")
    action.setCheckable(True)
    action.setStatusTip(_("Start {app} hidden in the tray when you log in").format(
        app=APP_NAME))
    # The entry on disk is the truth (the desktop's own settings may have removed it).
    action.setChecked(autostart_enabled())

    def toggled(on: bool) -> None:
        try:
            message = set_autostart(on)
        except CoachError as exc:
            action.blockSignals(True)
            action.setChecked(not on)
            action.blockSignals(False)
            window.show_error(str(exc))
            return
        window.statusBar().showMessage(message, 10_000)

    action.toggled.connect(toggled)
    return action


class AboutEntries:
    """Help → About, and File → Start at login (built by ui/window/compose.py)."""

    def __init__(self, window, chain) -> None:
        """`chain()` gives the window's notifier chain (or None before it has one)."""
        self.window, self._chain = window, chain
        self.dialog: AboutDialog | None = None
        self.action = QAction(_("&About {app}").format(app=APP_NAME), window)
        self.action.setObjectName("about")
        self.action.setMenuRole(QAction.MenuRole.AboutRole)
        self.action.triggered.connect(self.show)
        self.start_at_login = start_at_login_action(window)

    def show(self) -> AboutDialog:
        self.dialog = show_about(self.window, self._chain())
        return self.dialog
