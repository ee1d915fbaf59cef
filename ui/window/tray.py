"""The system tray icon: the same actions as the window's menus, reachable while it is hidden.

Only built when the desktop has a tray (GNOME without the AppIndicator extension has none);
without one, closing the window quits and everything stays in the window's menus.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMenu, QSystemTrayIcon, QWidget

from coach import APP_NAME

from . import icons


def tray_available() -> bool:
    return QSystemTrayIcon.isSystemTrayAvailable()


def create_tray(window: QWidget, actions) -> QSystemTrayIcon | None:
    if not tray_available():
        return None
    tray = QSystemTrayIcon(icons.icon("tray"), window)
    tray.setToolTip(APP_NAME)
    menu = QMenu(window)
    menu.addAction(actions.open)
    menu.addAction(actions.quick_add)
    menu.addAction(actions.new_reply)  # a call just came in: log it without opening the window
    menu.addAction(actions.brief)
    menu.addAction(actions.pause)
    menu.addSeparator()
    menu.addAction(actions.quit)
    tray.setContextMenu(menu)

    def activated(reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            if window.isVisible() and window.isActiveWindow():
                window.hide()
            else:
                window.bring_to_front()

    tray.activated.connect(activated)
    tray.show()
    return tray
