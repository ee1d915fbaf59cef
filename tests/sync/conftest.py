"""Real CalDAV servers on loopback, and a second client that acts like a phone.

`caldav_server` runs every test twice: against Radicale (in this process, as a WSGI app in a
thread, htpasswd auth so the user's principal exists) and against Xandikos (a subprocess).
Both can be stopped and started again on the same port and data, for the offline tests.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

USER, PASSWORD = "alice", "s3cret pass"
LIST = "Trust Coach"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Radicale:
    name = "radicale"

    def __init__(self, root: Path) -> None:
        import radicale
        import radicale.config

        root.mkdir(parents=True, exist_ok=True)
        (root / "users").write_text(f"{USER}:{PASSWORD}\n")
        conf = radicale.config.load([])
        conf.update({
            "auth": {"type": "htpasswd", "htpasswd_filename": str(root / "users"),
                     "htpasswd_encryption": "plain"},
            "storage": {"filesystem_folder": str(root / "collections")},
            "rights": {"type": "owner_only"},
            "logging": {"level": "error", "mask_passwords": "True"},
        }, "tests", privileged=True)
        self.app = radicale.Application(conf)
        self.port = 0
        self.httpd = None
        self.start()

    def start(self) -> None:
        from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

        class Quiet(WSGIRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

        class Threaded(WSGIServer):
            # One thread per request: the sync and the phone may talk to it at once.
            def process_request(self, request, client_address):
                threading.Thread(target=self._serve, args=(request, client_address),
                                 daemon=True).start()

            def _serve(self, request, client_address):
                try:
                    self.finish_request(request, client_address)
                finally:
                    self.shutdown_request(request)

        self.httpd = make_server("127.0.0.1", self.port, self.app, server_class=Threaded,
                                 handler_class=Quiet)
        self.port = self.httpd.server_port
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


class Xandikos:
    name = "xandikos"

    def __init__(self, root: Path) -> None:
        self.root = root
        self.port = _free_port()
        self.proc: subprocess.Popen | None = None
        self.start()

    def start(self) -> None:
        exe = Path(sys.executable).with_name("xandikos")
        self.proc = subprocess.Popen(
            [str(exe), "serve", "-d", str(self.root / "data"), "--defaults",
             "--state-dir", str(self.root / "state"), "-l", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), 0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("xandikos did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"


@pytest.fixture(params=["radicale", "xandikos"])
def caldav_server(request, tmp_path: Path) -> Iterator[Radicale | Xandikos]:
    server = (Radicale if request.param == "radicale" else Xandikos)(tmp_path / "server")
    yield server
    with contextlib.suppress(Exception):  # a test may have stopped it already
        server.stop()


class Phone:
    """A second CalDAV client, used the way Tasks.org through DAVx5 would use the list."""

    def __init__(self, url: str) -> None:
        import caldav

        self.client = caldav.DAVClient(url=url, username=USER, password=PASSWORD)
        self._cal = None

    @property
    def cal(self):
        if self._cal is None:
            for cal in self.client.principal().calendars():
                if cal.get_display_name() == LIST:
                    self._cal = cal
        assert self._cal is not None, "the task list does not exist on the server"
        return self._cal

    def todos(self) -> dict[str, Any]:
        """uid -> the VTODO component, completed ones included."""
        found = {}
        for obj in self.cal.search(todo=True, include_completed=True):
            comp = obj.icalendar_component
            found[str(comp["uid"])] = comp
        return found

    def raw(self, uid: str) -> str:
        return self.cal.get_todo_by_uid(uid).data

    def by_summary(self, summary: str) -> str:
        for uid, comp in self.todos().items():
            if str(comp.get("summary")) == summary:
                return uid
        raise AssertionError(f"no task {summary!r} on the server")

    def edit(self, uid: str, at: datetime, **changes: Any) -> None:
        obj = self.cal.get_todo_by_uid(uid)
        comp = obj.icalendar_component
        for name, value in changes.items():
            comp.pop(name, None)
            if value is not None:
                comp.add(name, value)
        comp.pop("last-modified", None)
        comp.add("last-modified", at.astimezone(UTC))
        obj.save()

    def complete(self, uid: str, at: datetime) -> None:
        self.edit(uid, at, status="COMPLETED", completed=at.astimezone(UTC),
                  **{"percent-complete": 100})

    def add(self, summary: str, at: datetime, due: datetime | None = None,
            uid: str | None = None) -> str:
        import icalendar

        uid = uid or f"phone-{time.monotonic_ns()}"
        cal = icalendar.Calendar()
        cal.add("prodid", "-//Phone//Tasks//EN")
        cal.add("version", "2.0")
        todo = icalendar.Todo()
        todo.add("uid", uid)
        todo.add("dtstamp", at.astimezone(UTC))
        todo.add("last-modified", at.astimezone(UTC))
        todo.add("summary", summary)
        todo.add("status", "NEEDS-ACTION")
        if due is not None:
            todo.add("due", due)
        cal.add_component(todo)
        if due is not None:
            cal.add_missing_timezones()
        self.cal.save_todo(cal.to_ical().decode())
        return uid

    def put_raw(self, uid: str, data: str) -> None:
        self.cal.save_todo(data)

    def delete(self, uid: str) -> None:
        self.cal.get_todo_by_uid(uid).delete()


@pytest.fixture
def phone(caldav_server) -> Phone:
    return Phone(caldav_server.url)
