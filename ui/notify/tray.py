"""The tray balloon (QSystemTrayIcon.showMessage): only where the desktop has a tray."""

from __future__ import annotations

from collections.abc import Callable

from coach.i18n import _

from . import Adapter, Done


class TrayAdapter(Adapter):
    name = "tray"

    def __init__(self, tray: Callable[[], object | None], parent=None) -> None:
        super().__init__(parent)
        self._tray = tray  # a getter: the window creates its tray icon after us

    def label(self) -> str:
        return _("tray balloon")

    def _usable(self):
        from PySide6.QtWidgets import QSystemTrayIcon

        icon = self._tray()
        if icon is None or not QSystemTrayIcon.isSystemTrayAvailable() or not icon.isVisible():
            return None
        return icon

    def send(self, note, done: Done) -> None:
        from PySide6.QtWidgets import QSystemTrayIcon

        icon = self._usable()
        if icon is None:
            done(False, _("no system tray"))
            return
        # The balloon shows plain text; it has no buttons, a click opens the window.
        icon.showMessage(note.title, note.body, QSystemTrayIcon.MessageIcon.Information, 15000)
        done(True, "")

    def check(self, done: Done) -> None:
        ok = self._usable() is not None
        done(ok, "" if ok else _("no system tray"))
