"""Privacy: the data stays private to the user, on this machine, and is never overwritten."""

from __future__ import annotations

import json
import os
import socket
import stat
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from coach.model import commitment
from coach.storage import backup
from coach.storage.store import open_store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    # A typical desktop umask would make new files world-readable; the app must not rely on it.
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_data_dir_database_wal_shm_and_backups_are_private(loose_umask, data_dir, now):
    store = open_store(data_dir)
    commitment.add(store, commitment.new("Private promise", now))
    assert _mode(data_dir) == 0o700
    for name in ("coach.db", "coach.db-wal", "coach.db-shm"):
        assert (data_dir / name).exists() and _mode(data_dir / name) == 0o600, name
    made = backup.make_backup(store, data_dir, now)
    assert _mode(made.parent) == 0o700 and _mode(made) == 0o600
    store.close()
    backup.restore(data_dir, None, now + timedelta(minutes=1))
    for path in data_dir.iterdir():
        if path.is_file() and path.name.startswith("coach.db"):
            assert _mode(path) == 0o600, path.name  # also the file moved aside by restore


def test_opening_the_store_leaves_the_process_umask_alone(loose_umask, data_dir):
    # Regression: Store.__init__ used to set umask 077 for the whole process, silently
    # changing the mode of every file the rest of the app (and its user) writes later.
    open_store(data_dir).close()
    current = os.umask(0o022)
    assert current == 0o022


def test_the_cli_creates_everything_private_too(cli, data_dir):
    assert cli("add", "Private").code == 0
    assert cli("backup").code == 0
    assert _mode(data_dir) == 0o700 and _mode(data_dir / "coach.db") == 0o600
    assert all(_mode(p) == 0o600 for p in (data_dir / "backups").iterdir())


def test_the_network_guard_refuses_tcp_but_allows_loopback_and_unix_sockets(tmp_path):
    # 192.0.2.1 (TEST-NET-1) and 2001:db8::1 are documentation addresses: never reached.
    for family, address in ((socket.AF_INET, ("192.0.2.1", 9)),
                            (socket.AF_INET6, ("2001:db8::1", 9, 0, 0)),
                            (socket.AF_INET, ("127.0.0.1.example.com", 9))):
        tcp = socket.socket(family, socket.SOCK_STREAM)
        with pytest.raises(pytest.fail.Exception, match="network"):
            tcp.connect(address)
        tcp.close()
    # Loopback is where the mail tests' real IMAP server listens: reached, and refused only
    # because nothing listens on this port.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    tcp = socket.create_connection(listener.getsockname(), 2)
    tcp.close()
    listener.close()
    if hasattr(socket, "AF_UNIX"):
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(str(tmp_path / "s"))
        server.listen()
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(str(tmp_path / "s"))
        client.close()
        server.close()


def test_the_guard_also_covers_coach_subprocesses():
    import subprocess

    from tests.conftest import NETGUARD

    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 9), 1)"],
        env=dict(os.environ, PYTHONPATH=str(NETGUARD)), capture_output=True, text=True)
    assert probe.returncode == 97 and "network connection" in probe.stderr
    local = subprocess.run(
        [sys.executable, "-c", "import socket\ns = socket.socket(); s.bind(('127.0.0.1', 0)); "
         "s.listen(); socket.create_connection(s.getsockname(), 1); print('ok')"],
        env=dict(os.environ, PYTHONPATH=str(NETGUARD)), capture_output=True, text=True)
    assert local.returncode == 0 and local.stdout.strip() == "ok", local.stderr


def test_everyday_work_opens_no_network_connection(data_dir, tmp_path, capsys):
    # Runs in-process, so the autouse guard sees every connect() the commands make.
    from coach.cli import run

    assert run(["add", "Send ACME the offer", "--to", "Jim", "--due", "tomorrow 10am"]) == 0
    assert run(["reply", "Frau Schneider", "--via", "voicemail"]) == 0
    assert run(["concern", "ACME unhappy", "--heat", "3"]) == 0
    assert run(["list", "--all", "--json"]) == 0
    assert run(["brief"]) == 0
    assert run(["export", str(tmp_path / "all.json")]) == 0
    assert run(["ics", str(tmp_path / "all.ics")]) == 0
    assert run(["backup"]) == 0
    capsys.readouterr()


@pytest.mark.parametrize("command", ["export", "ics"])
def test_an_export_never_overwrites_a_file_without_force(command, cli, tmp_path):
    assert cli("add", "Something to export", "--due", "tomorrow 10am").code == 0
    target = tmp_path / f"mine.{'json' if command == 'export' else 'ics'}"
    target.write_text("my own notes, not an export\n")
    refused = cli(command, str(target))
    assert refused.code == 2 and "--force" in refused.err
    assert target.read_text() == "my own notes, not an export\n"
    forced = cli(command, str(target), "--force")
    assert forced.code == 0, forced.err
    text = target.read_text()
    assert "Something to export" in text
    if command == "export":
        assert json.loads(text)["format"] == "trust-coach-export"
