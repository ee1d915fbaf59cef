"""plyer as a notifier: the native path on Windows and macOS, a fallback on Linux.

plyer on Linux goes through dbus-python or the `notify-send` program. notify-send reads a
message that starts with "-" as an option and plyer never looks at its exit status, and
a hanging notification server can block it for over a minute, so the call runs in a
daemon thread and is given up after a timeout.
"""

from __future__ import annotations

import os
import shutil
import sys
import threading

from coach import APP_NAME
from coach.i18n import _
from coach.reminders.notify_dbus import NotifyError, escape_markup, icon_path
from coach.reminders.schedule import Notification

TIMEOUT_S = 5.0
WORD_JOINER = "\u2060"  # invisible; keeps a leading "-" from reading as an option


def usable() -> bool:
    if sys.platform != "linux":
        return True
    if os.path.exists("/.flatpak-info"):
        return False  # plyer pastes the text unescaped into a gdbus argument there
    try:
        import dbus  # noqa: F401  (dbus-python: plyer's preferred Linux path)

        return True
    except ImportError:
        return shutil.which("notify-send") is not None


def _safe(text: str) -> str:
    return WORD_JOINER + text if text.startswith("-") else text


def send(note: Notification, timeout: float = TIMEOUT_S) -> None:
    if not usable():
        raise NotifyError(_("plyer has no working notification backend here"))
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            from plyer import notification

            body = escape_markup(note.body) if sys.platform == "linux" else note.body
            notification.notify(title=_safe(note.title), message=_safe(body),
                                app_name=APP_NAME, app_icon=icon_path(), timeout=10)
            outcome.append(None)
        except BaseException as exc:  # noqa: BLE001 - reported to the caller below
            outcome.append(exc)

    worker = threading.Thread(target=run, name="plyer-notify", daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:
        raise NotifyError(_("plyer did not return within {s} s").format(s=timeout))
    if outcome[0] is not None:
        raise NotifyError(f"plyer: {outcome[0]}")
