"""The data-safety check at start-up, and Today's first build right after it.

The check (coach.storage.backup.startup_check: quick_check, the daily backup, a damaged file
set aside) must pass before anything reads the database; Today is what the window opens on.
Both begin before Qt is even imported, so they run while the window is being built. The
window opens the database only after the check (`passed`).

On Linux they run in a child process forked at that moment, while nothing but the standard
library is loaded and no other thread runs: the child has a core and a GIL of its own. On a
thread, the check's imports, Babel and Today's queries held the GIL the UI thread needed to
import Qt and build the window, which cost the first frame about as long as the work itself
(issue 19: 277 -> 226 ms at 1k on an idle 2-core machine, benchmarks/README.md). The child
sends back the check's finding and Today, pickled through a pipe. Elsewhere (macOS, where
system frameworks are not fork-safe; Windows; a process that already runs Qt or threads),
or if the child fails, the same work runs on a thread of this process.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable
from typing import Any

# The language the window uses, sent from the UI thread to the child: Today is worded in it.
_NO_LANGUAGE = b"-"


def _build_today(folder: str, language_ready: Callable[[], bool]) -> Any:
    """Today as the window's first build makes it, or None (then the window builds it).

    Babel's dates and locale data and the day's queries were the last thing the first frame
    waited for when Today was built only once the window was up.
    """
    try:
        # What Today's words need of Babel whatever the language: its modules (dates, with
        # the local zone), its global data and the root locale every locale inherits from,
        # read while the UI thread is still importing Qt and choosing the language.
        import babel.dates  # noqa: F401
        from babel import core, localedata

        from coach.rhythm import today

        core.get_global("likely_subtags")
        localedata.load("root")
        if not language_ready():
            return None
        return today.build_in(folder)
    except Exception:  # noqa: BLE001 - a head start only: the window builds it again
        return None


def _check_and_build(folder: str, back_up: bool,
                     language_ready: Callable[[], bool]) -> tuple[Any, str | None, Any]:
    """(the check's finding, an error message, Today) — never raises."""
    from coach.errors import CoachError

    try:
        from coach.storage import backup
        from coach.timing import timeutil

        result = backup.startup_check(folder, timeutil.now(), back_up)
    except CoachError as exc:
        return None, str(exc), None
    except Exception as exc:  # noqa: BLE001 - a message in the window, never a traceback
        from coach.i18n import _

        return None, _("Unexpected error: {error}").format(error=exc), None
    today = _build_today(folder, language_ready) if result.damaged is None else None
    return result, None, today


def _read_all(fd: int) -> bytes:
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _babel_dates_without_pytz() -> None:
    """Import babel.dates as if pytz were not installed (it is: dateparser and vobject
    need it). At import Babel looks up the local time zone, and pytz checks the zone's name
    against all ~600 zone files, opening each: 15-20 ms of the child's path to Today at
    150k items. Without pytz Babel uses zoneinfo; Today hands Babel aware datetimes, so
    nothing else changes. Only in the child, which runs no other thread that could import
    pytz while it is hidden."""
    sys.modules.setdefault("pytz", None)  # None: `import pytz` raises ImportError
    try:
        import babel.dates  # noqa: F401
    except ImportError:
        pass  # _build_today imports it again and gives up on Today if it cannot
    finally:
        if sys.modules.get("pytz", 0) is None:
            del sys.modules["pytz"]


def _child(folder: str, back_up: bool, language_fd: int, result_fd: int) -> None:
    """The forked child's whole life: check, Today, the answer through the pipe, exit."""
    code = 1
    try:
        _babel_dates_without_pytz()
        def language_ready() -> bool:
            chosen = _read_all(language_fd)  # until the window's process closes its end
            if not chosen:
                return False  # it gave up (a second `coach` that only raised the first)
            from coach.i18n import set_language

            set_language(None if chosen == _NO_LANGUAGE else chosen.decode())
            return True

        import pickle

        answer = pickle.dumps(_check_and_build(folder, back_up, language_ready))
        view = memoryview(answer)
        while view:
            view = view[os.write(result_fd, view):]
        code = 0
    except BaseException:  # noqa: BLE001, S110 - the window's process checks again itself
        pass
    finally:
        # No atexit handlers, no flushing of stdio buffers copied from the parent.
        os._exit(code)


def may_fork() -> bool:
    """Only in a process that has loaded no Qt and runs no other thread (Linux)."""
    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and "PySide6.QtCore" not in sys.modules)


class StartCheck:
    """The check's finding (`result`, or `error`) and a first Today, once `done`."""

    def __init__(self, folder: str, back_up: bool, fork: bool | None = None) -> None:
        """fork: run in a child process (None: where may_fork() allows it)."""
        self.folder, self.back_up = folder, back_up
        self.result = None
        self.error: str | None = None
        self.today = None  # Today, built right after a passed check
        self._language_set = threading.Event()
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._done = False
        self._notify: Callable[[], None] | None = None
        self._language_fd: int | None = None
        self.forked = (may_fork() if fork is None else fork) and self._fork()
        if not self.forked:
            threading.Thread(target=self._run, name="coach-check", daemon=True).start()

    # --- where the work runs ------------------------------------------------------------
    def _fork(self) -> bool:
        language_in, language_out = os.pipe()
        result_in, result_out = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            for fd in (language_in, language_out, result_in, result_out):
                os.close(fd)
            return False
        if pid == 0:
            os.close(language_out)
            os.close(result_in)
            _child(self.folder, self.back_up, language_in, result_out)  # never returns
        os.close(language_in)
        os.close(result_out)
        self._language_fd = language_out
        threading.Thread(target=self._collect, args=(pid, result_in), name="coach-check",
                         daemon=True).start()
        return True

    def _collect(self, pid: int, fd: int) -> None:
        """The child's answer; if it has none (it failed or was killed), check here."""
        from . import memory

        memory.limit_arenas()  # before the worker and the list threads make arenas of their own
        try:
            answer = _read_all(fd)
        finally:
            os.close(fd)
        os.waitpid(pid, 0)
        try:
            import pickle

            self.result, self.error, self.today = pickle.loads(answer)  # noqa: S301 - ours
        except Exception:  # noqa: BLE001 - an empty or broken answer
            self._check_here()
            return
        self._finish()

    def _run(self) -> None:
        from . import memory

        memory.limit_arenas()  # before the worker and the list threads make arenas of their own
        self._check_here()

    def _check_here(self) -> None:
        # Today waits for the language (coach.i18n's, set by the UI thread) before wording.
        self.result, self.error, self.today = _check_and_build(
            self.folder, self.back_up, lambda: self._language_set.wait(timeout=30))
        self._finish()

    def _finish(self) -> None:
        with self._lock:
            self._done = True
            notify = self._notify
        if notify is not None:
            notify()  # posted to the UI thread before the first load may start (passed)
        self._finished.set()

    # --- the UI thread's side -----------------------------------------------------------
    def language_chosen(self, language: str | None = None) -> None:
        """The window's language is set (coach.i18n; `language`: the one it uses, for a
        child process): Today can be worded now."""
        self._language_set.set()
        fd, self._language_fd = self._language_fd, None
        if fd is not None:
            try:
                os.write(fd, language.encode() if language else _NO_LANGUAGE)
            except OSError:
                pass  # the child is gone: its answer (or none) says what happened
            finally:
                os.close(fd)

    def passed(self) -> bool:
        """Wait for the check (off the UI thread): may the store be opened and read now?"""
        self._finished.wait()
        return self.error is None and self.result is not None and self.result.damaged is None

    def when_done(self, callback: Callable[[], None]) -> None:
        """callback() on the UI thread once the check is done (at once if it is)."""
        from PySide6.QtCore import QObject, Qt, Signal

        class Relay(QObject):
            done = Signal()

        relay = self._relay = Relay()
        relay.done.connect(callback, Qt.ConnectionType.QueuedConnection)
        with self._lock:
            if not self._done:
                self._notify = relay.done.emit
                return
        # Queued, like the check thread's emit: an event posted now, so it comes before
        # the answer to any job the worker is given after this call.
        relay.done.emit()
