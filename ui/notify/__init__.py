"""Notifiers: a chain of adapters (D-Bus → plyer → tray balloon → in-app banner).

Every adapter has the same small interface: `send(note, done)` hands a
`coach.reminders.schedule.Notification` over and calls `done(ok, reason)` later on the UI thread;
`check(done)` says whether it could deliver now; `action` reports a button the user
pressed on a notification ("returned", "snooze", "open").
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

Done = Callable[[bool, str], None]


class Adapter(QObject):
    action = Signal(object, str)  # (Notification, action key)
    name = "adapter"

    def label(self) -> str:
        return self.name

    def send(self, note, done: Done) -> None:  # pragma: no cover - interface
        raise NotImplementedError

    def check(self, done: Done) -> None:
        done(True, "")
