"""plyer: the native path on Windows and macOS, a fallback on Linux; run off the UI thread."""

from __future__ import annotations

import threading

from PySide6.QtCore import Signal

from coach.i18n import _
from coach.reminders import notify_plyer
from coach.reminders.notify_dbus import NotifyError

from . import Adapter, Done


class PlyerAdapter(Adapter):
    name = "plyer"
    _result = Signal(object, bool, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._result.connect(lambda done, ok, reason: done(ok, reason))

    def label(self) -> str:
        return _("system notifications (plyer)")

    def send(self, note, done: Done) -> None:
        if not notify_plyer.usable():
            done(False, _("plyer has no working backend here"))
            return

        def run() -> None:
            try:
                notify_plyer.send(note)  # bounded by its own timeout
                self._result.emit(done, True, "")
            except NotifyError as exc:
                self._result.emit(done, False, str(exc))

        threading.Thread(target=run, daemon=True, name="plyer-notify").start()

    def check(self, done: Done) -> None:
        ok = notify_plyer.usable()
        done(ok, "" if ok else _("plyer has no working backend here"))
