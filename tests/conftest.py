"""Shared fixtures. Every test runs against real SQLite files in its own temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Set before anything imports Qt; tests that need a real X server start their own Xvfb.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("COACH_LANG", "en")
# The suite must not depend on the machine's zone or locale.
os.environ["TZ"] = "Europe/Berlin"

REPO = Path(__file__).resolve().parent.parent
# session_bus and notifications: a private D-Bus session bus with a fake notification server.
pytest_plugins = ("tests.dbus_session",)
FIXED_NOW = "2026-11-26T15:00:00+01:00"  # a Thursday afternoon in Berlin


NETGUARD = Path(__file__).resolve().parent / "netguard"  # a sitecustomize for subprocesses


def is_loopback(address: object) -> bool:
    """Only a literal loopback address counts (the same rule as tests/netguard)."""
    import ipaddress

    host = address[0] if isinstance(address, tuple) and address else None
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Trust Coach works offline: any TCP/UDP connection fails the test loudly, except to
    loopback (127.0.0.0/8, ::1), where tests run real servers (IMAP, CalDAV).

    AF_UNIX stays allowed (D-Bus, QLocalSocket). `coach` subprocesses get the same guard
    from tests/netguard/sitecustomize.py, which the cli fixture puts on PYTHONPATH.
    """
    import socket

    def guarded(real):
        def connect(sock: socket.socket, address: object):
            if sock.family in (socket.AF_INET, socket.AF_INET6) and not is_loopback(address):
                pytest.fail(f"network connection to {address!r} attempted: Trust Coach "
                            "must not talk to the network", pytrace=True)
            return real(sock, address)
        return connect

    monkeypatch.setattr(socket.socket, "connect", guarded(socket.socket.connect))
    monkeypatch.setattr(socket.socket, "connect_ex", guarded(socket.socket.connect_ex))


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("COACH_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def cli(data_dir: Path):
    """Run the real `coach` command line in a subprocess against the test's data dir."""

    def run(*args: str, now: str | None = FIXED_NOW, env: dict[str, str] | None = None,
            input: str | None = None) -> CliResult:
        environment = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_LANG="en")
        if now:
            environment["COACH_NOW"] = now
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(NETGUARD), environment.get("PYTHONPATH")]))
        environment.update(env or {})
        proc = subprocess.run(
            [sys.executable, "-m", "coach", *args], capture_output=True, text=True,
            env=environment, cwd=REPO, input=input, timeout=60,
        )
        return CliResult(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def store(data_dir: Path) -> Iterator:
    from coach.storage.store import open_store

    s = open_store(data_dir)
    yield s
    s.close()


@pytest.fixture
def now():
    from datetime import datetime

    return datetime.fromisoformat(FIXED_NOW)


def db_dump(path: Path) -> list[str]:
    """Every row of every table, for 'the database is exactly as it was' checks."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()
