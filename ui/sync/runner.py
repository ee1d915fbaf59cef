"""Sync in the background: a thread of its own with its own store connection, so neither the
window nor the store worker waits on the network; the result comes back by a signal."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from coach.i18n import _


class SyncRunner(QObject):
    # ok, one line for the user ("Synced: sent 2, …" or "Sync failed: Cannot reach …")
    finished = Signal(bool, str)
    # for other background steps of the sync page (setup, restore): ok, line
    done = Signal(bool, str)

    def __init__(self, data_dir: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.running = False
        self.timer = QTimer(self, singleShot=False)
        self.timer.timeout.connect(lambda: self.sync_now(quiet=True))

    def start_timer(self, minutes: int) -> None:
        if minutes > 0:
            self.timer.start(minutes * 60_000)
        else:
            self.timer.stop()

    def _thread(self, work: Callable[[Any], str], signal: Signal, syncing: bool) -> None:
        def run() -> None:
            from coach.errors import CoachError
            from coach.storage.store import open_store

            try:
                with open_store(self.data_dir) as store:
                    line = work(store)
                ok = True
            except CoachError as exc:
                ok, line = False, str(exc)
            except Exception as exc:  # noqa: BLE001 - the window shows one line, never a trace
                ok, line = False, _("Sync failed: {reason}").format(reason=exc)
            if syncing:
                self.running = False
            signal.emit(ok, line)

        threading.Thread(target=run, name="coach-sync", daemon=True).start()

    def sync_now(self, quiet: bool = False) -> bool:
        """Start a sync unless one runs; quiet (the timer) skips when sync is not set up."""
        if self.running:
            return False
        self.running = True

        def work(store) -> str:
            from coach.sync import account, service
            from coach.timing import timeutil

            if quiet and account.load(store) is None:
                return ""
            return service.sync(store, timeutil.now()).line()

        self._thread(work, self.finished, True)
        return True

    def run(self, work: Callable[[Any], str]) -> None:
        self._thread(work, self.done, False)


def for_window(window) -> SyncRunner:
    """The window's background sync: every `sync_interval_minutes`, and on demand; the
    result shows in the status bar and reloads the lists."""
    runner = SyncRunner(window.client.data_dir, window)

    def finished(ok: bool, line: str) -> None:
        if line:
            window.statusBar().showMessage(line, 8000)
        if ok and line:
            window.client.reload()

    runner.finished.connect(finished)

    def configure(values: dict) -> None:
        runner.start_timer(int(values.get("sync_interval_minutes") or 0))

    from coach.storage import settings

    window.client.submit(settings.get_all, configure)
    return runner
