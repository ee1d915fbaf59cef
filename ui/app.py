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


def run_app(data_dir: str | None, smoke: bool, minimized: bool = False) -> int:
    from coach.storage.paths import data_dir as resolve_data_dir

    folder = str(resolve_data_dir(data_dir))  # paths first: --data-dir, $COACH_DATA_DIR
    _configure_settings()
    from PySide6.QtCore import QTimer

    app = create_application()
    from .system.language import apply_language, saved_language

    apply_language(saved_language())  # before any widget reads its texts
    instance = None
    if not smoke:
        from .system.single_instance import claim

        instance = claim(folder)  # a second `coach` raises the first window and exits
        if instance is None:
            return 0
    window = create_window(folder, tray=not smoke, complete=False)
    window.save_layout = not smoke
    if instance is not None:
        from .system.single_instance import quit_on_terminate

        instance.activated.connect(window.bring_to_front)
        app.aboutToQuit.connect(instance.close)
        quit_on_terminate(app)
    app.setQuitOnLastWindowClosed(window.tray is None)
    app.aboutToQuit.connect(window.close_services)
    app.aboutToQuit.connect(window.client.shutdown)

    def after_first_paint() -> None:
        if smoke:
            print(f"ready in {elapsed_ms()} ms", flush=True)
            app.quit()
        else:
            window.finish_setup()  # menus' other entries, reminders, backups: see there
            # quick_check, daily backup, a damaged file set aside: all before anything
            # reads the database (ui/system/data_safety.py); the first load and reminders follow.
            def loaded_and_reminding() -> None:
                window.client.reload()
                window.features.reminders.start()  # one timer: ui/notify/reminders.py

            window.features.data_safety.start_up(then=loaded_and_reminding)

    if minimized and not smoke:
        # Started at login: nothing is painted while hidden or minimised, so load the lists
        # and start the reminders now rather than after a first paint that may never come.
        QTimer.singleShot(0, after_first_paint)
        if window.tray is None:
            window.showMinimized()  # no tray to hide in: a taskbar entry is the next best
    else:
        window.first_painted.connect(lambda: QTimer.singleShot(0, after_first_paint))
        window.show()
    return app.exec()
