"""The chain: each adapter may fail and hand the notification to the next one."""

from __future__ import annotations

import sys
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from coach.i18n import _

from . import Adapter


class NotifierChain(QObject):
    action = Signal(object, str)  # (Notification, "returned" | "snooze" | "open")
    delivered = Signal(object, str)  # (Notification, adapter name)
    undeliverable = Signal(object, str)  # (Notification, why the last adapter failed)

    def __init__(self, adapters: list[Adapter], parent=None) -> None:
        super().__init__(parent)
        self.adapters = adapters
        self.last_used: Adapter | None = None
        for adapter in adapters:
            adapter.setParent(self)
            adapter.action.connect(self.action)

    def send(self, note, on_done: Callable[[bool, str], None] | None = None,
             start: int = 0) -> None:
        """Try the adapters from `start` on; on_done(ok, adapter name or last reason)."""
        if start >= len(self.adapters):
            self.undeliverable.emit(note, _("no notifier could deliver it"))
            if on_done:
                on_done(False, _("no notifier could deliver it"))
            return
        adapter = self.adapters[start]

        def done(ok: bool, reason: str) -> None:
            if ok:
                self.last_used = adapter
                self.delivered.emit(note, adapter.name)
                if on_done:
                    on_done(True, adapter.name)
            else:
                self.send(note, on_done, start + 1)

        adapter.send(note, done)

    def probe(self, on_done: Callable[[Adapter | None], None], start: int = 0) -> None:
        """Which adapter would deliver now: the first whose check succeeds."""
        if start >= len(self.adapters):
            on_done(None)
            return
        adapter = self.adapters[start]
        adapter.check(lambda ok, _reason: on_done(adapter) if ok
                      else self.probe(on_done, start + 1))

    def close(self) -> None:
        for adapter in self.adapters:
            closer = getattr(adapter, "close", None)
            if closer:
                closer()


def default_chain(banner, tray_getter, parent=None) -> NotifierChain:
    """D-Bus first on Linux; plyer first where it is the native path; then tray, banner."""
    from .banner import BannerAdapter
    from .dbus import DBusAdapter
    from .plyer_adapter import PlyerAdapter
    from .tray import TrayAdapter

    if sys.platform == "linux":
        first: list[Adapter] = [DBusAdapter(), PlyerAdapter()]
    else:
        first = [PlyerAdapter()]
    return NotifierChain([*first, TrayAdapter(tray_getter), BannerAdapter(banner)], parent)
