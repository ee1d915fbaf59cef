"""The mail scan off the UI thread: on a timer from settings and on demand.

IMAP and the keyring can take seconds; they run in a worker thread of their own, with a
database connection of their own, so neither the window nor the store worker waits on
the network. Results come back as signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from coach.i18n import _


def _scan(store) -> Any:
    from coach.mail import scan
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    return scan.run(store, timeutil.now(), local_tz())


def _plan(store) -> tuple[bool, int]:
    from coach.mail import account
    from coach.storage import settings

    return account.load(store) is not None, int(settings.get(store, "mail.scan_minutes") or 0)


class MailScanner(QObject):
    scanned = Signal(object)  # coach.mail.report.Report
    failed = Signal(str)
    status_changed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, client, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client  # the window's store worker: quick reads of settings
        self._worker = None
        self.busy = False
        self.status = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.scan_now)

    def start_timer(self) -> None:
        """Scan on the interval from settings, if mail is on (read in the worker)."""
        def planned(plan: tuple[bool, int]) -> None:
            enabled, minutes = plan
            self.timer.stop()
            if enabled and minutes > 0:
                self.timer.start(minutes * 60_000)

        self.client.submit(_plan, planned, lambda _message: None)

    @property
    def worker(self):
        """A second store worker, made on first use: its thread talks to the mail server
        and the keyring, so the window's own worker never waits on the network."""
        if self._worker is None:
            from PySide6.QtWidgets import QApplication

            from ..background.worker import StoreClient

            self._worker = StoreClient(self.client.data_dir, self)
            app = QApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(self.shutdown)
        return self._worker

    def run(self, job, on_done=None, on_error=None) -> None:
        """Run job(store) in the mail thread (setup, verify, keyring)."""
        self.worker.submit(job, on_done, on_error)

    def scan_now(self) -> bool:
        if self.busy:
            return False
        self.busy = True
        self.busy_changed.emit(True)
        self._set_status(_("Scanning mail…"))
        self.worker.submit(_scan, self._done, self._failed)
        return True

    def _done(self, report) -> None:
        self.busy = False
        self.busy_changed.emit(False)
        self._set_status(report.text())
        self.scanned.emit(report)

    def _failed(self, message: str) -> None:
        self.busy = False
        self.busy_changed.emit(False)
        self._set_status(_("Mail scan failed: {error}").format(error=message))
        self.failed.emit(message)

    def _set_status(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)

    def shutdown(self) -> None:
        self.timer.stop()
        if self._worker is not None:
            self._worker.shutdown()
