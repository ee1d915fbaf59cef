"""Start-up: paths, then settings, then QApplication, then the main window.

Only what the first paint needs is imported before it; the store is opened by the worker
thread after the window is on screen, so the lists fill in a moment later instead of
holding the window back.
"""

from __future__ import annotations

import os
import sys

from .system.startclock import elapsed_ms


def _configure_settings() -> None:
    from PySide6.QtCore import QSettings

    # INI everywhere: one readable file per user, and tests can point it at a tmp folder.
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    folder = os.environ.get("COACH_SETTINGS_DIR")
    if folder:
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)


def create_application():
    from PySide6.QtWidgets import QApplication

    import coach

    from .window import icons

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("TrustCoach")
    app.setApplicationName(coach.APP_NAME)
    app.setApplicationVersion(coach.__version__)
    app.setDesktopFileName(coach.APP_ID)
    app.setWindowIcon(icons.icon("app"))
    return app


def create_window(data_dir: str | None, tray: bool = True, complete: bool = True):
    """The window with its worker; the tray too if the desktop has one.

    complete=False leaves the features the first paint does not need to
    window.finish_setup(), which run_app calls right after the first paint.
    """
    from .background.worker import StoreClient
    from .window.main_window import MainWindow

    client = StoreClient(data_dir)
    window = MainWindow(client)
    if complete:
        window.finish_setup()
    if tray:
        from .window.tray import create_tray

        window.tray = create_tray(window, window.actions)
    return window


class _StartCheck:
    """The data-safety check (coach.storage.backup.startup_check), started on a thread of its
    own before Qt is even imported, so it runs while the window is being built."""

    def __init__(self, folder: str, back_up: bool) -> None:
        import threading

        self.folder, self.back_up = folder, back_up
        self.result = None
        self.error: str | None = None
        self.today = None  # Today, built on this thread right after a passed check
        self._language = threading.Event()  # set once the window's language is chosen
        self._finished = threading.Event()
        self._lock = threading.Lock()
        self._done = False
        self._notify = None
        threading.Thread(target=self._run, name="coach-check", daemon=True).start()

    def _run(self) -> None:
        from coach.errors import CoachError

        try:
            from coach.storage import backup
            from coach.timing import timeutil

            self.result = backup.startup_check(self.folder, timeutil.now(), self.back_up)
            if self.result.damaged is None:
                self.today = self._build_today()
        except CoachError as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a message in the window, never a traceback
            from coach.i18n import _

            self.error = _("Unexpected error: {error}").format(error=exc)
        with self._lock:
            self._done = True
            notify = self._notify
        if notify is not None:
            notify()  # posted to the UI thread before the first load may start (passed)
        self._finished.set()

    def _build_today(self):
        """The start page's first content, or None (then the window builds it as usual).

        Built here, once the check has passed, while the UI thread is still importing Qt
        and building the window: Today is what the window opens on, and its build (Babel's
        dates and locale data, the day's queries) was the last thing the first frame waited
        for. It also loads what the first list load needs (the rules), as the warm-up
        thread this replaces did, without a third thread competing for the GIL.
        """
        try:
            # What Today's words need of Babel whatever the language: its modules (dates,
            # with the local zone), its global data and the root locale every locale
            # inherits from; read while the UI thread is still importing Qt.
            import babel.dates  # noqa: F401
            from babel import core, localedata

            from coach.rhythm import today
            from coach.storage.store import open_store
            from coach.timing import timeutil
            from coach.timing.dates import local_tz

            core.get_global("likely_subtags")
            localedata.load("root")
            # Today's words are in the language the window shows (the settings' choice,
            # which the UI thread reads from QSettings).
            if not self._language.wait(timeout=30):
                return None
            store = open_store(self.folder)
            try:
                return today.build(store, timeutil.now(), local_tz())
            finally:
                store.close()
        except Exception:  # noqa: BLE001 - a head start only: the window builds it again
            return None

    def language_chosen(self) -> None:
        """The UI thread has set the language (coach.i18n): Today can be worded now."""
        self._language.set()

    def passed(self) -> bool:
        """Wait for the check (off the UI thread): may the store be opened and read now?"""
        self._finished.wait()
        return self.error is None and self.result is not None and self.result.damaged is None

    def when_done(self, callback) -> None:
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


def _when_content_painted(window, callback) -> None:
    """callback() once a frame showing the first loaded lists has been painted.

    The frame is painted at once (QWidget.repaint paints what the load made dirty, the
    list pages and the tab counts), not on the next turn of the event loop, so that the
    features installed after it and the file watcher never hold it back.
    """

    def shown() -> None:
        window.snapshot_shown.disconnect(shown)
        window.repaint()
        callback()

    window.snapshot_shown.connect(shown)


def _when_today_painted(window, callback) -> None:
    """callback() once the start page, Today, shows its first content (painted at once)."""
    today = window.today

    def shown() -> None:
        today.shown.disconnect(shown)
        window.repaint()
        callback()

    if today.today is not None:
        window.repaint()
        callback()
    else:
        today.shown.connect(shown)


def start_reminders(window) -> None:
    """Start the reminders once the lists are in their exact order.

    A reminder pass reads every open item on the worker; on a big list that takes seconds,
    and the pages the user scrolls to right after the start would wait behind it.
    """
    models = window.models.values()
    if all(model.exact for model in models):
        window.features.reminders.start()
        return

    def exact(_snapshot=None) -> None:
        if all(model.exact for model in models):
            window.client.loaded.disconnect(exact)
            window.features.reminders.start()

    window.client.loaded.connect(exact)


def run_app(data_dir: str | None, smoke: bool, minimized: bool = False) -> int:
    from coach.storage.paths import data_dir as resolve_data_dir

    folder = str(resolve_data_dir(data_dir))  # paths first: --data-dir, $COACH_DATA_DIR
    # quick_check (and the daily backup) before anything reads the database: a damaged
    # file is set aside first (ui/system/data_safety.py). A probe writes no backup.
    check = _StartCheck(folder, back_up=not smoke)
    _configure_settings()
    from PySide6.QtCore import QTimer

    app = create_application()
    from .system.collector import MainThreadCollector

    app.collector = MainThreadCollector(app)
    from .system.language import apply_language, saved_language

    apply_language(saved_language())  # before any widget reads its texts
    check.language_chosen()
    instance = None
    if not smoke:
        from .system.single_instance import claim

        instance = claim(folder)  # a second `coach` raises the first window and exits
        if instance is None:
            return 0
    window = create_window(folder, tray=not smoke, complete=False)
    window.save_layout = not smoke
    if instance is not None:
        instance.activated.connect(window.bring_to_front)
        app.aboutToQuit.connect(instance.close)
    app.setQuitOnLastWindowClosed(window.tray is None)
    app.aboutToQuit.connect(window.close_services)
    app.aboutToQuit.connect(window.lists.close)
    app.aboutToQuit.connect(window.client.shutdown)
    exit_code = [0]

    def content_painted() -> None:
        if smoke:
            # The window opens on Today (issue 22): the probe is ready once Today shows its
            # content too, not only the lists behind their tabs.
            lists_ms.append(elapsed_ms())
            _when_today_painted(window, report)
            return
        window.finish_setup()  # menus' other entries, reminders, backups: see there
        window.features.data_safety.take(check.result,
                                         then=lambda: start_reminders(window))

    lists_ms: list[int] = []

    def report() -> None:
        counts = {kind: window.models[kind].total for kind in window.models}
        print(f"ready in {elapsed_ms()} ms", flush=True)
        # A probe's lines for scripts and tests, in English like the line above.
        print(f"shown: {counts['commitment']} commitments, {counts['reply']} owed "
              f"replies, {counts['concern']} concerns", flush=True)
        print(f"today: {window.today.today.count} entries; lists painted in {lists_ms[0]} ms",
              flush=True)
        app.quit()

    def checked() -> None:
        if check.error is not None:
            if smoke:
                print(f"coach --smoke: {check.error}", file=sys.stderr, flush=True)
                exit_code[0] = 1
                app.quit()
                return
            window.show_error(check.error)
        elif check.result.damaged is not None:
            if smoke:  # nobody to ask whether to restore: say what the check found
                from coach.i18n import _

                print(_("coach --smoke: the database is damaged; it was moved to {path}.")
                      .format(path=check.result.damaged), file=sys.stderr, flush=True)
                exit_code[0] = 1
                app.quit()
                return
            window.finish_setup()
            # Restore or start empty, as the user chooses; the first load follows.
            window.features.data_safety.take(check.result, then=lambda: (
                window.client.reload(), window.features.reminders.start()))
            return
        if not smoke and (minimized or check.error is not None):
            if check.error is not None:
                window.client.reload()  # the first load was dropped: the check failed
            QTimer.singleShot(0, lambda: content_painted() if check.result else (
                window.finish_setup(), window.features.reminders.start()))
            return
        _when_content_painted(window, content_painted)
        # The start page: built on the check's thread already, or now beside the first load.
        window.today.start(check.today)  # the first load is on its way (load_after)

    # `checked` is posted to the UI thread before the first load can be: it sets up what
    # waits for that load. The load waits on the worker for the check and runs while the
    # window is shown, not after its first paint (issue 19); if the check did not pass, it
    # is dropped and `checked` reloads once the data is safe.
    check.when_done(checked)
    window.client.load_after(check.passed)
    if minimized and not smoke:
        # Started at login: nothing is painted while hidden or minimised, so the lists load
        # and the reminders start without waiting for a paint that may never come.
        if window.tray is None:
            window.showMinimized()  # no tray to hide in: a taskbar entry is the next best
    else:
        window.show()
    code = app.exec()
    return exit_code[0] or code
