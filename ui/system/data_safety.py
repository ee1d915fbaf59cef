"""The window's side of data safety: the start-up check, daily backups, File menu entries.

File → Back up now, Restore from backup…, Export…. Everything that touches the database or
the backups runs off the UI thread: on the window's worker (its own connection) once the
window is up, or on a QThreadPool task for the start-up check, which runs before the worker
opens the database so that a damaged file is set aside before anything reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from coach.errors import CoachError
from coach.i18n import _
from coach.timing import timeutil
from coach.timing.display import local

from .plain import ask, message_box, set_informative

if TYPE_CHECKING:
    from coach.storage import backup

DAILY_CHECK_MS = 60 * 60 * 1000  # hourly look; backup_if_due makes at most one a day


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(str)


_running: set[_Relay] = set()  # relays stay alive until their task reports back


def run_off_ui(fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[str], None]) -> None:
    """Run fn on the thread pool; its result or error comes back on the UI thread."""
    relay = _Relay()
    _running.add(relay)

    def finish(callback: Callable, value: Any) -> None:
        _running.discard(relay)
        callback(value)

    relay.done.connect(lambda value: finish(on_done, value))
    relay.failed.connect(lambda message: finish(on_error, message))

    class Task(QRunnable):
        def run(self) -> None:
            try:
                result = fn()
            except CoachError as exc:
                relay.failed.emit(str(exc))
            except Exception as exc:  # noqa: BLE001 - a message, never a traceback
                relay.failed.emit(_("Unexpected error: {error}").format(error=exc))
            else:
                relay.done.emit(result)

    QThreadPool.globalInstance().start(Task())


class DataSafety(QObject):
    restored = Signal(object)  # coach.storage.backup.Restored
    backed_up = Signal(object)  # Path
    checked = Signal(object)  # coach.storage.backup.StartupCheck

    def __init__(self, window) -> None:
        super().__init__(window)
        from coach.storage.paths import data_dir

        self.window = window
        self.folder = data_dir(window.client.data_dir)
        self.damage_box: QMessageBox | None = None
        self.restore_dialog = None
        self.back_up_action = QAction(_("&Back up now"), window)
        self.back_up_action.setStatusTip(_("Copy your data into the backups folder"))
        self.back_up_action.triggered.connect(self.back_up_now)
        self.restore_action = QAction(_("&Restore from backup…"), window)
        self.restore_action.triggered.connect(self.choose_backup)
        self.export_action = QAction(_("&Export…"), window)
        self.export_action.setStatusTip(_("Write all your data to a JSON file"))
        self.export_action.triggered.connect(self.export)
        self._daily = QTimer(self, interval=DAILY_CHECK_MS)
        self._daily.timeout.connect(self.daily_backup)
        self._daily.start()

    # --- start-up ---------------------------------------------------------------------
    def start_up(self, then: Callable[[], None]) -> None:
        """quick_check and the daily backup, off the UI thread; then `then` (the first load)."""
        from coach.storage import backup  # loaded after the first paint, not before

        folder = self.folder

        def failed(message: str) -> None:
            self.window.show_error(message)
            then()

        run_off_ui(lambda: backup.startup_check(folder, timeutil.now()),
                   lambda result: self.take(result, then), failed)

    def take(self, result: backup.StartupCheck, then: Callable[[], None]) -> None:
        """The start-up check's result (from start_up, or from the app's start path, which
        runs the check while the window is being built): say what it did, then `then`."""
        self.checked.emit(result)
        if result.damaged is not None:
            self.offer_restore(result, then)
            return
        if result.backup is not None:
            self._say(_("Backed up your data to {path}.").format(path=result.backup))
        elif result.backup_error:
            self.window.show_error(result.backup_error)
        then()

    def offer_restore(self, result: backup.StartupCheck, then: Callable[[], None]) -> None:
        from coach.storage import backup  # loaded after the first paint, not before

        box = message_box(self.window, _("Your data file is damaged"),
                          _("Trust Coach found your database damaged, so it did not use or "
                            "change it. The file was moved to {path}.").format(
                              path=result.damaged), icon=QMessageBox.Icon.Warning)
        restore = None
        if result.good_backup is not None:
            set_informative(box, _("The newest good backup is from {when}. Restore it, or "
                                     "start with an empty database?").format(
                when=local(result.good_backup.taken)))
            restore = box.addButton(_("&Restore the backup"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Start &empty"), QMessageBox.ButtonRole.RejectRole)
            box.setDefaultButton(restore)
        else:
            set_informative(box, _("There is no backup to restore, so Trust Coach starts "
                                     "with an empty database."))
            box.addButton(QMessageBox.StandardButton.Ok)
        self.damage_box = box

        def answered(button) -> None:
            self.damage_box = None
            if restore is not None and button is restore:
                source, folder = result.good_backup.path, self.folder
                run_off_ui(lambda: backup.restore(folder, source, timeutil.now()),
                           lambda done: (self._restored(done), then()),
                           lambda message: (self.window.show_error(message), then()))
            else:
                # "Start empty" is the user's own choice: the set-aside notice ends here.
                folder = self.folder
                run_off_ui(lambda: backup.start_fresh(folder), lambda _found: then(),
                           lambda message: (self.window.show_error(message), then()))

        box.buttonClicked.connect(answered)
        box.open()

    # --- backups ----------------------------------------------------------------------
    def back_up_now(self) -> None:
        from coach.storage import backup  # loaded after the first paint, not before

        folder = self.folder

        def done(path: Path) -> None:
            self._say(_("Backed up your data to {path}.").format(path=path))
            self.backed_up.emit(path)

        self.window.client.submit(
            lambda store: backup.make_backup(store, folder, timeutil.now()), done,
            self.window.show_error)

    def daily_backup(self) -> None:
        from coach.storage import backup  # loaded after the first paint, not before

        folder = self.folder
        self.window.client.submit(
            lambda store: backup.backup_if_due(store, folder, timeutil.now()),
            lambda path: path and self.backed_up.emit(path), self.window.show_error)

    def choose_backup(self) -> None:
        from coach.storage import backup  # loaded after the first paint, not before

        folder = self.folder

        def listed(found: list) -> None:
            from ..dialogs.restore_dialog import RestoreDialog

            dialog = RestoreDialog(found, timeutil.now(), self.window)
            self.restore_dialog = dialog
            dialog.accepted.connect(lambda: self._restore(dialog.chosen()))
            dialog.open()

        # Sizes and the listing are file-system reads: off the UI thread with the rest.
        self.window.client.submit(
            lambda _store: [(b, b.path.stat().st_size) for b in backup.list_backups(folder)],
            listed, self.window.show_error)

    def _restore(self, chosen: backup.Backup | None) -> None:
        from coach.storage import backup  # loaded after the first paint, not before

        if chosen is None:
            return
        folder = self.folder

        def job(store) -> backup.Restored:
            # The worker's connection must let go of the file that is being replaced, and
            # pick up the restored one afterwards, whether the restore worked or not.
            store.close()
            try:
                return backup.restore(folder, chosen.path, timeutil.now())
            finally:
                store.reopen()

        self.window.client.submit(job, self._restored, self.window.show_error, writes=True)

    def _restored(self, done: backup.Restored) -> None:
        message = _("Restored the backup {path}.").format(path=done.source.name)
        if done.previous is not None:
            message += " " + _("Your previous data is kept in {path}.").format(
                path=done.previous)
        self._say(message)
        self.restored.emit(done)

    # --- export -----------------------------------------------------------------------
    def export(self) -> None:
        name = f"trust-coach-{timeutil.now().date().isoformat()}.json"
        path, _filter = QFileDialog.getSaveFileName(
            self.window, _("Export all data"), str(Path.home() / name),
            _("Trust Coach export (*.json)"),
            options=QFileDialog.Option.DontConfirmOverwrite)
        if not path:
            return
        target = Path(path)
        if target.exists():
            # Asked here rather than by the file dialog, so it is asked on every platform.
            answer = ask(
                self.window, _("Replace the file?"),
                _("{name} already exists. Replace it with this export?").format(
                    name=target.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.export_to(target, force=True)

    def export_to(self, target: Path, force: bool) -> None:
        from coach.storage import exchange

        now: datetime = timeutil.now()
        self.window.client.submit(
            lambda store: exchange.export_file(store, target, now, force),
            lambda n: self._say(_("Exported {n} items to {path}.").format(n=n, path=target)),
            self.window.show_error)

    def _say(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 15_000)
