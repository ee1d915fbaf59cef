"""Help → About and File → Start at login in the real main window."""

from __future__ import annotations

import os
from pathlib import Path

from coach import APP_ID, __version__


def about_dialog(window, qtbot):
    from ui.dialogs.about import AboutDialog

    window.features.about.action.trigger()
    qtbot.waitUntil(lambda: isinstance(window.features.about.dialog, AboutDialog)
                    and window.features.about.dialog.isVisible())
    return window.features.about.dialog


def test_about_is_in_the_help_menu_and_shows_version_licence_and_data_folder(
        window, qtbot, data_dir: Path):
    assert window.features.about.action in window.menus["help"].actions()
    dialog = about_dialog(window, qtbot)
    assert __version__ in dialog.version_label.text()
    assert "GPL-3.0-or-later" in dialog.licence_label.text()
    assert str(data_dir) in dialog.data_label.text()
    dialog.set_notifier_name(None)
    assert dialog.notifier_label.text() == "checking…"
    dialog.set_notifier_name("Desktop notifications (D-Bus)")
    assert dialog.notifier_label.text() == "Desktop notifications (D-Bus)"
    dialog.reject()
    assert not window.features.about.dialog.isVisible()


def test_about_names_the_notifier_that_works_here(window, qtbot):
    from ui.notify.banner import Banner, BannerAdapter
    from ui.notify.chain import NotifierChain
    from ui.notify.tray import TrayAdapter

    banner = Banner()
    qtbot.addWidget(banner)
    # No tray offscreen, so the chain's probe passes over the tray balloon to the banner.
    window.features.notifiers = NotifierChain([TrayAdapter(lambda: None), BannerAdapter(banner)])
    dialog = about_dialog(window, qtbot)
    qtbot.waitUntil(lambda: dialog.notifier_label.text() == "a banner in the window")


def test_about_says_when_no_notifier_works(window, qtbot):
    from ui.notify.chain import NotifierChain
    from ui.notify.tray import TrayAdapter

    window.features.notifiers = NotifierChain([TrayAdapter(lambda: None)])
    dialog = about_dialog(window, qtbot)
    qtbot.waitUntil(lambda: dialog.notifier_label.text() == "none works here")


def autostart_entry() -> Path:
    return Path(os.environ["XDG_CONFIG_HOME"]) / "autostart" / f"{APP_ID}.desktop"


def test_start_at_login_writes_and_removes_the_autostart_entry(window):
    toggle = window.features.about.start_at_login
    assert toggle in window.menus["file"].actions()
    assert toggle.isCheckable() and not toggle.isChecked()

    toggle.trigger()
    assert toggle.isChecked()
    assert "--minimized" in autostart_entry().read_text()
    assert "will start at login" in window.statusBar().currentMessage()

    toggle.trigger()
    assert not toggle.isChecked()
    assert not autostart_entry().exists()


def test_start_at_login_shows_the_entry_that_is_already_there(open_window):
    autostart_entry().parent.mkdir(parents=True)
    autostart_entry().write_text("[Desktop Entry]\nType=Application\nName=Trust Coach\n"
                                 "Exec=coach --minimized\n")
    assert open_window().features.about.start_at_login.isChecked()


def test_start_at_login_that_cannot_be_written_says_so_and_stays_off(window):
    # A file where the autostart folder should be: the entry cannot be created.
    autostart_entry().parent.parent.mkdir(parents=True, exist_ok=True)
    autostart_entry().parent.write_text("not a folder")
    toggle = window.features.about.start_at_login
    toggle.trigger()
    assert not toggle.isChecked()
    assert window.banner.isVisible()
    assert "Cannot change start at login" in window.banner.text()


STARTED_AT_LOGIN = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from ui.app import run_app
from ui.window.main_window import MainWindow

seen = {}

def watch():
    # Runs once run_app's event loop is up, so its window exists by now.
    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

    def loaded():
        seen.update(minimized=window.isMinimized(), visible=window.isVisible())
        QApplication.quit()

    window.snapshot_shown.connect(loaded)

QTimer.singleShot(0, watch)
QTimer.singleShot(20_000, QApplication.quit)  # a safety net if the lists never load
code = run_app(sys.argv[1], smoke=False, minimized=True)
print(json.dumps({"code": code, **seen}))
"""


def test_started_at_login_without_a_tray_it_is_minimised_and_loads_its_lists(
        data_dir: Path, clock, tmp_path: Path):
    # run_app runs and quits the application's own event loop, which a test process shares
    # with every later test: so it runs in a process of its own.
    import json
    import subprocess
    import sys

    from tests.conftest import REPO

    proc = subprocess.run([sys.executable, "-c", STARTED_AT_LOGIN, str(data_dir)],
                          capture_output=True, text=True, cwd=REPO, timeout=60,
                          env=dict(os.environ, COACH_SETTINGS_DIR=str(tmp_path / "qs")))
    assert proc.returncode == 0, proc.stderr
    # No tray offscreen: minimised to the taskbar, with the lists (and reminders) loaded.
    assert json.loads(proc.stdout.splitlines()[-1]) == {
        "code": 0, "minimized": True, "visible": True}
