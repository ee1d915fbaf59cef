"""A real private D-Bus session bus and a fake notification server for the tests.

`session_bus` starts `dbus-daemon --session --print-address --nofork` once per test session
and points DBUS_SESSION_BUS_ADDRESS at it; `notifications` starts the fake server
(tests/fake_notification_server.py, QtDBus) on that bus for one test and stops it after.
tests/conftest.py loads this module as a plugin, so every test can ask for both.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

SERVER = Path(__file__).resolve().parent / "fake_notification_server.py"
START_TIMEOUT_S = 15.0


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        raise RuntimeError(f"{proc.args[0]} printed nothing within {timeout} s")
    return proc.stdout.readline().strip()


@pytest.fixture(scope="session")
def session_bus() -> Iterator[str]:
    proc = subprocess.Popen(
        ["dbus-daemon", "--session", "--print-address", "--nofork"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        address = _read_line(proc, START_TIMEOUT_S)
        old = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
        os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
        yield address
    finally:
        proc.kill()
        proc.wait()
        if old is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = old


class FakeServer:
    def __init__(self, proc: subprocess.Popen, record: Path) -> None:
        self.proc = proc
        self.record = record

    def calls(self, member: str | None = "Notify") -> list[dict]:
        if not self.record.exists():
            return []
        rows = [json.loads(line) for line in self.record.read_text().splitlines() if line]
        return [r for r in rows if member is None or r["member"] == member]

    def wait_for(self, count: int, member: str = "Notify", timeout: float = 10.0) -> list[dict]:
        """Block (the test thread only) until `count` calls arrived; for CLI tests."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls(member)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} {member} calls, got {self.calls(member)}")

    def command(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()
        answer = _read_line(self.proc, START_TIMEOUT_S)
        assert answer == f"done {line}", answer

    def invoke_action(self, notification_id: int, key: str) -> None:
        """What a user's click on a notification's button makes the server do."""
        self.command(f"action {notification_id} {key}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def notifications(session_bus: str, tmp_path: Path) -> Iterator:
    """Start a fake server: `notifications()` answers, `notifications(hang=True)` never does,
    `notifications(slow=True)` answers Notify half a second late."""
    servers: list[FakeServer] = []

    def start(hang: bool = False, markup: bool = True, slow: bool = False) -> FakeServer:
        record = tmp_path / f"notifications-{len(servers)}.jsonl"
        args = [sys.executable, str(SERVER), str(record)]
        if hang:
            args.append("--hang")
        if slow:
            args.append("--slow")
        if not markup:
            args.append("--no-markup")
        env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=session_bus,
                   QT_QPA_PLATFORM="offscreen")
        proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=env)
        server = FakeServer(proc, record)
        servers.append(server)
        line = _read_line(proc, START_TIMEOUT_S)
        if line != "ready":
            server.stop()
            raise RuntimeError(f"fake notification server did not start: {line}")
        return server

    yield start
    for server in servers:
        server.stop()
