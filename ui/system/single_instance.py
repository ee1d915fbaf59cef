"""One window per data folder: a second `coach` raises the first window and exits.

Two windows on one database would be two writers showing each other stale lists. The first
window holds coach.storage.instance's lock file (which headless commands such as `coach restore`
also consult) and answers on a QLocalServer; a later start that cannot take the lock asks
the running window, over the local socket, to come to the front.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import signal
import socket
import struct
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from coach.storage import instance

RAISE = b"raise\n"
MAX_SOCKET_PATH = 100
CONNECT_MS = 1000  # only spent when a window already runs; a free name fails at once


def server_name(data_dir: Path) -> str:
    """A full socket path in the user's private folder (0700), one per data folder.

    Not a name in the shared /tmp, which another user could take first. The folder's
    bytes are hashed as they are: a path that is not UTF-8 works, and no user name is
    needed (there may be no passwd entry and no $USER).
    """
    from coach.storage.paths import private_dir, short_private_dir

    key = os.fsencode(Path(data_dir).resolve())
    name = f"window-{hashlib.sha256(key).hexdigest()[:16]}.sock"
    path = private_dir() / name
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        path = short_private_dir() / name  # a Unix socket path has room for ~107 bytes
    return str(path)


def peer_is_us(descriptor: int) -> bool:
    """Only the same user may talk to the window (SO_PEERCRED where the platform has it)."""
    if not hasattr(socket, "SO_PEERCRED") or descriptor < 0:
        return True  # the socket's folder is 0700, which already keeps others out
    with contextlib.suppress(OSError):
        probe = socket.fromfd(descriptor, socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            raw = probe.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED,
                                   struct.calcsize("3i"))
        finally:
            probe.close()
        _pid, uid, _gid = struct.unpack("3i", raw)
        return uid == os.getuid()
    return False


def quit_on_terminate(app) -> None:
    """SIGTERM (logout, `kill`) quits like the menu does, so the socket is removed.

    Python runs signal handlers only between bytecodes; the wakeup socket makes Qt's event
    loop hand control back to Python as soon as a signal arrives.
    """
    from PySide6.QtCore import QSocketNotifier

    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno())
    from PySide6.QtCore import QTimer

    # Posted, so that a signal arriving before the event loop runs still quits once it does.
    signal.signal(signal.SIGTERM, lambda *_args: QTimer.singleShot(0, app.quit))
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)
    notifier.activated.connect(lambda *_args: reader.recv(64))
    app._coach_wakeup = (reader, writer, notifier)  # kept alive with the app


class SingleInstance(QObject):
    """The running window's side: emits `activated` when another start asks for it."""

    activated = Signal()

    def __init__(self, data_dir: Path, lock) -> None:
        super().__init__()
        self._lock = lock  # held open for the window's lifetime
        self.name = server_name(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        from PySide6.QtCore import QCoreApplication

        # Before the socket exists: a SIGTERM from then on removes it on the way out.
        quit_on_terminate(QCoreApplication.instance())
        # We hold the lock, so a socket left by a crashed window is stale: remove it.
        QLocalServer.removeServer(self.name)
        self._server.listen(self.name)
        self._server.newConnection.connect(self._accept)

    @property
    def listening(self) -> bool:
        return self._server.isListening()

    def _accept(self) -> None:
        while self._server.hasPendingConnections():
            conn = self._server.nextPendingConnection()
            if not peer_is_us(int(conn.socketDescriptor())):
                conn.abort()
                conn.deleteLater()
                continue
            conn.readyRead.connect(self._read)

    def _read(self) -> None:
        conn = self.sender()
        if not isinstance(conn, QLocalSocket):
            return
        if bytes(conn.readAll().data()).startswith(RAISE.strip()):
            self.activated.emit()
        conn.readyRead.disconnect(self._read)
        conn.deleteLater()

    def close(self) -> None:
        self._server.close()
        if self._lock is not None:
            self._lock.close()
            self._lock = None


def ask_running_window(data_dir: Path) -> bool:
    """Ask a running window to come to the front; False when none answers."""
    name = server_name(data_dir)
    with contextlib.suppress(OSError):
        if os.lstat(name).st_uid != os.getuid():
            return False  # not our window's socket: never talk to it
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return False
    sock.write(RAISE)
    sock.flush()
    sock.waitForBytesWritten(CONNECT_MS)
    sock.disconnectFromServer()
    return True


def claim(data_dir: Path) -> SingleInstance | None:
    """Become the window for data_dir, or raise the one that is (then None: just exit)."""
    from coach.storage.paths import ensure_data_dir

    folder = ensure_data_dir(Path(data_dir))
    lock = instance.hold_window_lock(folder)
    # No lock: another window holds it (or the platform has no locks: ask anyway). If
    # nobody answers it is still starting or hung; a window beats leaving the user with none.
    if lock is None and ask_running_window(folder):
        return None
    return SingleInstance(folder, lock)
