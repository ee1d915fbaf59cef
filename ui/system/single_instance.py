"""One window per data folder: a second `coach` raises the first window and exits.

Two windows on one database would be two writers showing each other stale lists. The first
window holds coach.storage.instance's lock file (which headless commands such as `coach restore`
also consult) and answers on a QLocalServer; a later start that cannot take the lock asks
the running window, over the local socket, to come to the front.
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from coach.storage import instance

RAISE = b"raise\n"
CONNECT_MS = 1000  # only spent when a window already runs; a free name fails at once


def server_name(data_dir: Path) -> str:
    # Per user and per data folder: the socket lives in the shared temp folder.
    key = f"{getpass.getuser()}:{Path(data_dir).resolve()}".encode()
    return f"trust-coach-{hashlib.sha256(key).hexdigest()[:16]}"


class SingleInstance(QObject):
    """The running window's side: emits `activated` when another start asks for it."""

    activated = Signal()

    def __init__(self, data_dir: Path, lock) -> None:
        super().__init__()
        self._lock = lock  # held open for the window's lifetime
        self.name = server_name(data_dir)
        self._server = QLocalServer(self)
        self._server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
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
    sock = QLocalSocket()
    sock.connectToServer(server_name(data_dir))
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
