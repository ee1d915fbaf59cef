"""org.freedesktop.Notifications for the window: actions, replaces_id, never blocking the UI.

The D-Bus traffic runs on jeepney's threaded router (see coach.reminders.notify_dbus for why not
QtDBus: PySide6 cannot send the unsigned replaces_id). Calls wait in short-lived worker
threads with a timeout; results and the server's ActionInvoked/NotificationClosed signals
come back to the UI thread through queued Qt signals, so a stuck server never freezes
the window: the call times out and the chain moves on to the next adapter.
"""

from __future__ import annotations

import threading
import time

from PySide6.QtCore import Signal

from coach.i18n import _
from coach.reminders import notify_dbus

from . import Adapter, Done

TIMEOUT_S = 2.0


def _open_connection(timeout: float):
    """jeepney's threaded connection, saying Hello without a throw-away router.

    (jeepney's own open_dbus_connection closes a temporary router whose receiver thread
    can race with the reply it just handed over.)
    """
    from jeepney import message_bus
    from jeepney.bus import get_bus
    from jeepney.io.blocking import prep_socket
    from jeepney.io.threading import DBusConnection
    from jeepney.wrappers import unwrap_msg

    address = notify_dbus.session_bus_address()
    conn = DBusConnection(prep_socket(get_bus(address), timeout=timeout))
    hello = message_bus.Hello()
    serial = next(conn.outgoing_serial)
    conn.send(hello, serial=serial)
    deadline = time.monotonic() + timeout
    while True:
        msg = conn.receive(timeout=max(deadline - time.monotonic(), 0.001))
        if msg.header.fields.get(5) == serial:  # HeaderFields.reply_serial
            conn.unique_name = unwrap_msg(msg)[0]
            return conn


class DBusAdapter(Adapter):
    name = "dbus"
    _result = Signal(object, bool, str, object)  # (callback, ok, reason, reply body)
    _server_signal = Signal(str, object)  # ("ActionInvoked" | "NotificationClosed", body)

    def __init__(self, timeout: float = TIMEOUT_S, parent=None) -> None:
        super().__init__(parent)
        self.timeout = timeout
        self.server_name = ""
        self._router = None
        self._lock = threading.Lock()
        # Calls on their way, and whether the window is closing: the connection is closed
        # once no call waits on it. Closed under a call that had just got its answer,
        # jeepney's receiver thread died with InvalidStateError (a traceback in the
        # terminal at quit), and a call still waiting lost its answer.
        self._calls = 0
        self._closing = False
        self._ids: dict[str, int] = {}  # note key → the server's id, for replaces_id
        self._notes: dict[int, object] = {}  # server id → note, for actions
        self._result.connect(self._finish)
        self._server_signal.connect(self._on_server_signal)

    def label(self) -> str:
        if self.server_name:
            return _("desktop notifications ({server})").format(server=self.server_name)
        return _("desktop notifications")

    # --- worker-thread side ------------------------------------------------------------
    def _connect(self):
        """The shared router, opened on first use (in a worker thread)."""
        with self._lock:
            if self._router is not None:
                return self._router
            from jeepney import MatchRule, message_bus
            from jeepney.io.threading import DBusRouter, Proxy

            router = DBusRouter(_open_connection(self.timeout))
            rule = MatchRule(type="signal", interface=notify_dbus.INTERFACE,
                             path=notify_dbus.OBJECT_PATH)
            Proxy(message_bus, router, timeout=self.timeout).AddMatch(rule)
            handle = router.filter(rule, bufsize=100)
            threading.Thread(target=self._listen, args=(handle.queue,), daemon=True,
                             name="dbus-notify-signals").start()
            self._handle = handle
            self._router = router
            return router

    def _listen(self, queue) -> None:
        while True:
            msg = queue.get()
            if msg is None:
                return
            try:
                self._server_signal.emit(msg.header.fields.get(3, ""), msg.body)  # member
            except RuntimeError:
                return  # the window (and this adapter) is gone: nobody left to tell

    def _call(self, message_for, finished) -> None:
        """Ask for the capabilities, send message_for(caps); finished(ok, reason, body)."""
        def run() -> None:
            try:
                router = self._connect()
                caps = notify_dbus.check_reply(router.send_and_get_reply(
                    notify_dbus.capabilities_message(), timeout=self.timeout))[0]
                reply = router.send_and_get_reply(message_for(caps), timeout=self.timeout)
                self._result.emit(finished, True, "", notify_dbus.check_reply(reply))
            except TimeoutError:
                self._result.emit(finished, False, _("the notification service did not answer "
                                                     "within {s} s").format(s=self.timeout), ())
            except Exception as exc:  # noqa: BLE001 - any failure hands over to the next
                self._result.emit(finished, False, str(exc) or type(exc).__name__, ())
            finally:
                self._call_done()

        with self._lock:
            self._calls += 1
        threading.Thread(target=run, daemon=True, name="dbus-notify").start()

    def _call_done(self) -> None:
        with self._lock:
            self._calls -= 1
            last = self._closing and self._calls == 0
        if last:
            self._shut()

    # --- UI-thread side -----------------------------------------------------------------
    def send(self, note, done: Done) -> None:
        replaces = self._ids.get(note.key, 0)

        def message(caps):
            return notify_dbus.notify_message(note, replaces, with_actions="actions" in caps,
                                              markup="body-markup" in caps)

        def finished(ok: bool, reason: str, body) -> None:
            server_id = int(body[0]) if ok and body else 0
            if ok:
                old = self._ids.get(note.key)
                if old is not None:
                    self._notes.pop(old, None)
                self._ids[note.key] = server_id
                self._notes[server_id] = note
            done(ok, reason)

        self._call(message, finished)

    def check(self, done: Done) -> None:
        from jeepney import new_method_call

        def finished(ok: bool, reason: str, body) -> None:
            if ok and body:
                self.server_name = str(body[0])
            done(ok, reason)

        self._call(lambda _caps: new_method_call(notify_dbus._address(),
                                                 "GetServerInformation"), finished)

    def _finish(self, finished, ok: bool, reason: str, body) -> None:
        finished(ok, reason, body)

    def _on_server_signal(self, member: str, body) -> None:
        if member == "ActionInvoked" and len(body) == 2:
            note = self._notes.get(int(body[0]))
            if note is not None:
                key = "open" if body[1] == "default" else str(body[1])
                self.action.emit(note, key)
        elif member == "NotificationClosed" and body:
            note = self._notes.pop(int(body[0]), None)
            if note is not None and self._ids.get(note.key) == int(body[0]):
                del self._ids[note.key]

    def close(self) -> None:
        """Close the connection now, or once the calls on their way have their answers."""
        with self._lock:
            self._closing = True
            busy = self._calls > 0
        if not busy:
            self._shut()

    def _shut(self) -> None:
        with self._lock:
            if self._router is not None:
                self._handle.queue.put(None)
                self._handle.close()
                self._router.close()
                self._router.conn.close()
                self._router = None
