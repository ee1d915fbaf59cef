"""org.freedesktop.Notifications over jeepney (pure-Python D-Bus), for headless use and the window.

Why not QtDBus: PySide6 cannot marshal an unsigned 32-bit integer from Python (an int
becomes "i", `QDBusArgument << 0` becomes "q"), but Notify's replaces_id must be "u";
GDBus-based servers (GNOME Shell, dunst) reject a call with the wrong signature.
jeepney writes the exact signature, and every call has a timeout so a server that owns
the name but never answers cannot hang `coach remind` or a window's worker thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coach import APP_ID, APP_NAME
from coach.i18n import _
from coach.reminders.schedule import ACTION_LABELS, Notification

BUS_NAME = "org.freedesktop.Notifications"
OBJECT_PATH = "/org/freedesktop/Notifications"
INTERFACE = "org.freedesktop.Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"
TIMEOUT_S = 2.0


class NotifyError(Exception):
    """The notification could not be handed to a notification server."""


def session_bus_address() -> str:
    """The session bus, also from cron: systemd puts every user's bus at /run/user/UID/bus."""
    import os

    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
    if address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    socket = Path(runtime) / "bus"
    if socket.exists():
        return f"unix:path={socket}"
    raise NotifyError(_("no session bus (DBUS_SESSION_BUS_ADDRESS is not set and there is "
                        "no {path})").format(path=socket))


def escape_markup(text: str) -> str:
    """Body text for the spec's markup subset: shown verbatim, never interpreted."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def icon_path() -> str:
    from coach.resources import resource_dir

    icon = Path(resource_dir()) / "icons" / "app.svg"
    return str(icon) if icon.exists() else APP_ID


def notify_args(note: Notification, replaces_id: int = 0, with_actions: bool = True,
                markup: bool = True) -> tuple:
    """The Notify call's arguments, in the order of NOTIFY_SIGNATURE."""
    actions: list[str] = []
    if with_actions:
        for key in note.actions:
            actions += [key, _(ACTION_LABELS[key])]
        # A click on the notification itself does what opens it: the item, or the review.
        opening = next((key for key in ("open", "review") if key in note.actions), None)
        if opening is not None:
            actions += ["default", _(ACTION_LABELS[opening])]
    hints = {
        "desktop-entry": ("s", APP_ID),
        "urgency": ("y", 2 if note.urgent else 1),
        "category": ("s", "x-trustcoach.reminder"),
    }
    # The summary is plain text by the spec; only the body may carry markup.
    body = escape_markup(note.body) if markup else note.body
    return (APP_NAME, replaces_id, icon_path(), note.title, body, actions, hints, -1)


def _address():
    from jeepney import DBusAddress

    return DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=INTERFACE)


def notify_message(note: Notification, replaces_id: int = 0, with_actions: bool = True,
                   markup: bool = True):
    from jeepney import new_method_call

    return new_method_call(_address(), "Notify", NOTIFY_SIGNATURE,
                           notify_args(note, replaces_id, with_actions, markup))


def capabilities_message():
    from jeepney import new_method_call

    return new_method_call(_address(), "GetCapabilities")


def check_reply(reply) -> tuple:
    from jeepney import MessageType

    if reply.header.message_type == MessageType.error:
        name = reply.header.fields.get(4, "error")  # HeaderFields.error_name
        detail = reply.body[0] if reply.body else ""
        raise NotifyError(f"{name}: {detail}")
    return reply.body


def _server_takes_markup(caps: Sequence[str]) -> bool:
    return "body-markup" in caps


class DBusNotifier:
    """A short-lived connection: send, wait (bounded) for the id, close. Used headless."""

    def __init__(self, timeout: float = TIMEOUT_S) -> None:
        self.timeout = timeout

    def send(self, note: Notification, with_actions: bool = False) -> int:
        from jeepney.io.blocking import open_dbus_connection

        address = session_bus_address()
        try:
            conn = open_dbus_connection(bus=address, auth_timeout=self.timeout)
        except Exception as exc:  # no bus, refused, bad address: all mean "cannot deliver"
            raise NotifyError(_("no session bus: {reason}").format(reason=exc)) from None
        try:
            caps = check_reply(conn.send_and_get_reply(capabilities_message(),
                                                       timeout=self.timeout))[0]
            msg = notify_message(note, with_actions=with_actions,
                                 markup=_server_takes_markup(caps))
            body = check_reply(conn.send_and_get_reply(msg, timeout=self.timeout))
            return int(body[0])
        except TimeoutError:
            raise NotifyError(_("the notification service did not answer within {s} s")
                              .format(s=self.timeout)) from None
        except NotifyError:
            raise
        except Exception as exc:
            raise NotifyError(str(exc)) from None
        finally:
            conn.close()
