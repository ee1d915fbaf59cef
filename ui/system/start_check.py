"""The data-safety check at start-up, and Today's first build right after it.

The check (coach.storage.backup.startup_check: quick_check, the daily backup, a damaged file
set aside) must pass before anything reads the database; Today is what the window opens on.
Both run on a thread started before Qt is even imported, while the window is being built,
so that neither waits for the window's first turn of the event loop (issue 19). The window
opens the database only after the check (`passed`).

A forked child process (a core and a GIL of its own) was tried: on an idle 2-core machine
it saves the GIL time, but it repeats imports and copies pages, about 0.1 s of CPU more, and
under load it was slower (benchmarks/README.md, "start19").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


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


class StartCheck:
    """The check's finding (`result`, or `error`) and a first Today, once `done`."""

    def __init__(self, folder: str, back_up: bool) -> None:
        self.folder, self.back_up = folder, back_up
        self.result = None
        self.error: str | None = None
        self.today = None  # Today, built right after a passed check
        self._language_set = threading.Event()
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._done = False
        self._notify: Callable[[], None] | None = None
        threading.Thread(target=self._run, name="coach-check", daemon=True).start()

    def _run(self) -> None:
        from . import memory

        memory.limit_arenas()  # before the worker and the list threads make arenas of their own
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
    def language_chosen(self) -> None:
        """The window's language is set (coach.i18n): Today can be worded now."""
        self._language_set.set()

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
