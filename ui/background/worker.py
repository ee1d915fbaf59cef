"""The worker thread that owns the window's Store: the UI thread never runs SQL.

The UI submits plain functions `fn(store) -> result`; they run one after another on the
worker's own connection and their results come back to the UI thread through signals
(the Anki pattern). Writes are followed by a reload of the lists; changes made by other
processes (`coach add` in a terminal) are noticed by a file watcher on the database's
WAL plus a cheap `PRAGMA data_version` check, never by a polling loop.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QFileSystemWatcher, QObject, QThread, QTimer, Signal, Slot

from coach.errors import CoachError
from coach.i18n import _

Job = Callable[[Any], Any]


class _Worker(QObject):
    finished = Signal(int, object)
    failed = Signal(int, str)
    checked = Signal(bool)  # a typed signal: PySide mishandles refcounts of bools as object

    def __init__(self, data_dir: str | None) -> None:
        super().__init__()
        self._data_dir = data_dir
        self._store = None
        self._data_version: int | None = None
        self.gate: Callable[[], bool] | None = None  # see StoreClient.load_after

    def _open(self):
        if self._store is None:
            from coach.storage.store import open_store

            self._store = open_store(self._data_dir)
        return self._store

    @Slot(int, object)
    def run(self, request: int, job: Job) -> None:
        if self.gate is not None:
            gate, self.gate = self.gate, None
            if not gate():  # waits here, on the worker, never on the UI thread
                self.finished.emit(request, None)  # dropped: the store stays closed
                return
        try:
            result = job(self._open())
        except CoachError as exc:
            self.failed.emit(request, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown as a message, never a traceback
            self.failed.emit(request, _("Unexpected error: {error} (details in {log})").format(
                error=exc, log=_crash_log()))
            return
        self.finished.emit(request, result)

    @Slot()
    def changed_elsewhere(self) -> None:
        """Did another connection commit since we last looked? (cheap: no table is read)"""
        try:
            version = self._open().data_version()
        except Exception:  # noqa: BLE001 - the next reload reports a broken database
            return
        changed = self._data_version is not None and version != self._data_version
        self._data_version = version
        self.checked.emit(changed)

    @Slot()
    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None


def _crash_log() -> str:
    import tempfile

    path = Path(tempfile.gettempdir()) / "trust-coach-crash.log"
    try:
        with path.open("a", encoding="utf-8") as fh:
            import traceback  # only here: start-up should not pay for it

            traceback.print_exc(file=fh)
    except OSError:
        return "-"
    return str(path)


def _deliver(callback: Callable[[Any], None], value: Any) -> None:
    """Hand a result to its callback, unless the dialog that asked was closed meanwhile.

    A user may close a dialog while its data is still loading; its bound methods then
    reach a deleted Qt object, which is no error worth showing anyone.
    """
    try:
        callback(value)
    except RuntimeError as exc:
        if "already deleted" not in str(exc):
            raise


class StoreClient(QObject):
    """The UI side: submit jobs, get callbacks on the UI thread, hear about reloads."""

    loaded = Signal(object)  # ui.background.rows.Snapshot
    # After `loaded`, when the data itself may have changed (not for a filter keystroke):
    # what depends on the data rather than on the visible list (reminders, badges) listens.
    data_refreshed = Signal()
    failed = Signal(str)  # an error no caller handled: the window shows it
    busy_changed = Signal(bool)

    _request = Signal(int, object)
    _check = Signal()
    _close = Signal()

    def __init__(self, data_dir: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._thread = QThread()
        self._thread.setObjectName("coach-store")
        self._worker = _Worker(data_dir)
        self._worker.moveToThread(self._thread)
        self._thread.finished.connect(self._worker.deleteLater)
        self._request.connect(self._worker.run)
        self._check.connect(self._worker.changed_elsewhere)
        self._close.connect(self._worker.close)
        self._worker.finished.connect(self._finished)
        self._worker.failed.connect(self._failed)
        self._worker.checked.connect(self._external_checked)
        self.filter_text = ""
        self._reloading = False
        self._reload_again = False
        self._data_moved = False
        self._fresh = False
        self._watcher: QFileSystemWatcher | None = None
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.check_external)
        self._thread.start()

    # --- jobs -------------------------------------------------------------------------
    def submit(self, job: Job, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[str], None] | None = None, *, writes: bool = False) -> int:
        """Run job(store) in the worker; a write reloads the lists once it is done."""
        request = next(self._ids)
        if writes:
            def job(store, _job=job) -> Any:
                from .rows import forget

                try:
                    return _job(store)
                finally:
                    forget(store)  # the lists may have changed: score them again

            def done(result: Any, _cb=on_done) -> None:
                if _cb:
                    _cb(result)
                self.reload()
            on_done = done
        self._pending[request] = (on_done, on_error)
        self.busy_changed.emit(True)
        self._request.emit(request, job)
        return request

    def _finished(self, request: int, result: Any) -> None:
        on_done, _on_error = self._pending.pop(request, (None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        if on_done:
            _deliver(on_done, result)

    def _failed(self, request: int, message: str) -> None:
        _on_done, on_error = self._pending.pop(request, (None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        _deliver(on_error or self.failed.emit, message)

    @property
    def idle(self) -> bool:
        return not self._pending

    # --- the lists --------------------------------------------------------------------
    def set_filter(self, text: str) -> None:
        if text != self.filter_text:
            self.filter_text = text
            self.reload(fresh=False)

    def reload(self, fresh: bool = True) -> None:
        """Reload the lists; calls while one is running collapse into one more.

        fresh=False (filter keystrokes) may reuse urgency scored earlier on unchanged data.
        """
        self._fresh = self._fresh or fresh
        if self._reloading:
            self._reload_again = True
            return
        from .rows import load

        self._reloading = True
        text, fresh, self._fresh = self.filter_text, self._fresh, False
        self.submit(lambda store: load(store, text, fresh),
                    lambda snapshot: self._reloaded(snapshot, fresh), self._reload_failed)

    def load_after(self, gate: Callable[[], bool]) -> None:
        """The first load, queued now, run once gate() says yes (the start-up check passed).

        The worker waits for the check while the UI thread is still building the window,
        instead of the load starting only once the window is on screen. If gate() says no,
        nothing opens the store, the load is dropped, and whoever handles the check's
        finding reloads when the data is safe to read.
        """
        self._worker.gate = gate  # read by the worker only after the request below
        self.reload()

    def _reloaded(self, snapshot: Any, fresh: bool = True) -> None:
        self._reloading = False
        if snapshot is None:  # a load_after() that its gate dropped
            if self._reload_again:
                self._reload_again = False
                self.reload(fresh=False)  # a fresh request that waited set self._fresh
            return
        self._data_moved = self._data_moved or fresh
        if self._reload_again or snapshot.filter_text != self.filter_text:
            self._reload_again = False
            self.reload(fresh=False)  # a fresh request that waited set self._fresh
            return
        self.loaded.emit(snapshot)
        if self._data_moved:
            self._data_moved = False
            self.data_refreshed.emit()
        # After the frame that shows the lists: the watcher's first set-up costs tens of ms.
        QTimer.singleShot(0, self._watch)

    def _reload_failed(self, message: str) -> None:
        self._reloading = self._reload_again = False
        self.failed.emit(message)

    # --- changes made by other processes ------------------------------------------------
    def _watch(self) -> None:
        if not self._thread.isRunning():
            return
        from coach.storage.paths import DB_NAME, data_dir

        folder = data_dir(self.data_dir)
        wanted = [str(folder), *(str(folder / f"{DB_NAME}{s}") for s in ("", "-wal"))]
        if self._watcher is None:
            self._watcher = QFileSystemWatcher(self)
            self._watcher.fileChanged.connect(self._on_file_changed)
            self._watcher.directoryChanged.connect(self._on_file_changed)
            self.check_external()  # learn the current data_version
        have = set(self._watcher.files()) | set(self._watcher.directories())
        missing = [p for p in wanted if p not in have and Path(p).exists()]
        if missing:
            self._watcher.addPaths(missing)

    def _on_file_changed(self, _path: str) -> None:
        # A write touches the WAL several times; one check after the burst is enough.
        self._debounce.start()

    def check_external(self) -> None:
        self._check.emit()

    def _external_checked(self, changed: bool) -> None:
        self._watch()  # a checkpoint may have removed and recreated the WAL
        if changed:
            self.reload()

    def shutdown(self) -> None:
        """Finish queued jobs (a save must not be lost), close the store, stop the thread."""
        self._debounce.stop()
        if self._watcher is not None:
            # Deleted here, on the UI thread: a watcher left to Python's garbage collector
            # could be destroyed from another thread and spin on its inotify socket.
            self._watcher.deleteLater()
            self._watcher = None
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait()
