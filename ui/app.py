"""Start-up: paths, then settings, then QApplication, then the main window.

Only what the first paint needs is imported before it. Beside the UI thread, from the
start: the data-safety check and then Today's first build (ui/system/start_check.py), and
the worker's first load, which waits for the check; the window never waits for them, and
nothing opens the store before the check has passed.
"""

from __future__ import annotations

import os
import sys

from .system.startclock import elapsed_ms


def _configure_settings() -> None:
    from PySide6.QtCore import QSettings

    from .system import feature_scan

    feature_scan.cheapen()  # before the window's modules are imported
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
    """callback() once the start page, Today, shows its first content (painted at once).

    Called right after the lists' first frame was painted: if Today was in place then, that
    frame showed it, and painting the window again would only time a frame the real start
    does not paint.
    """
    today = window.today

    def shown() -> None:
        today.shown.disconnect(shown)
        window.repaint()
        callback()

    if today.today is not None:
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
    from .system.start_check import StartCheck

    check = StartCheck(folder, back_up=not smoke)
    _configure_settings()
    from PySide6.QtCore import QTimer

    app = create_application()
    from .system.collector import MainThreadCollector

    app.collector = MainThreadCollector(app)
    from .system.language import apply_language, saved_language

    # Before any widget reads its texts; Today's first build is worded in it too.
    check.language_chosen(apply_language(saved_language()))
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
