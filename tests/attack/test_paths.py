"""Classes 7 and 8: private paths for the crash log and the window's socket; the window
starts with a non-UTF-8 data folder and for a uid without a passwd entry."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.conftest import FIXED_NOW, REPO


def _run_dir(tmp_path: Path) -> Path:
    # Short, like /run/user/UID: a socket path has room for about 107 bytes.
    link = tmp_path / "run"
    if not link.exists():
        link.symlink_to(tempfile.mkdtemp(prefix="r", dir="/tmp"))
    return link.resolve()


def _env(tmp_path: Path, data_dir, **extra) -> dict:
    env = dict(os.environ, COACH_DATA_DIR=os.fsdecode(data_dir), COACH_NOW=FIXED_NOW,
               COACH_LANG="en", QT_QPA_PLATFORM="offscreen",
               XDG_RUNTIME_DIR=str(_run_dir(tmp_path)), HOME=str(tmp_path / "home"))
    env.update(extra)
    return {k: v for k, v in env.items() if v is not None}


def _sockets(tmp_path: Path) -> list[Path]:
    folder = _run_dir(tmp_path) / "trust-coach"
    return list(folder.glob("*.sock")) if folder.is_dir() else []


def _window(tmp_path: Path, data_dir, prefix: list[str] = (), **extra) -> subprocess.Popen:
    return subprocess.Popen([*prefix, sys.executable, "-m", "ui"], cwd=REPO,
                            env=_env(tmp_path, data_dir, **extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for_socket(tmp_path: Path, proc: subprocess.Popen) -> Path:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = _sockets(tmp_path)
        if found:
            return found[0]
        assert proc.poll() is None, proc.stderr.read().decode(errors="replace")
        time.sleep(0.1)
    proc.kill()
    raise AssertionError("the window never listened: "
                         + proc.communicate()[1].decode(errors="replace")[-2000:])


def _stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGTERM)
    return proc.wait(60)


def test_the_socket_is_private_and_gone_after_sigterm(tmp_path):
    proc = _window(tmp_path, tmp_path / "data")
    try:
        sock = _wait_for_socket(tmp_path, proc)
        folder = sock.parent
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        assert not str(sock).startswith("/tmp/trust-coach-")
    finally:
        code = _stop(proc)
    assert code == 0
    assert _sockets(tmp_path) == []


def test_a_crash_log_goes_to_a_private_folder_never_through_a_planted_link(cli, tmp_path):
    planted = Path("/tmp/trust-coach-crash.log")
    from coach.cli import _write_crash_log

    # The crash log is written by the same function the CLI's last line of defence calls.
    os.environ["XDG_RUNTIME_DIR"] = str(_run_dir(tmp_path))
    try:
        try:
            raise RuntimeError("test crash")
        except RuntimeError:
            where = _write_crash_log()
    finally:
        del os.environ["XDG_RUNTIME_DIR"]
    log = Path(where)
    assert log.parent == _run_dir(tmp_path) / "trust-coach"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    assert "test crash" in log.read_text()
    assert not planted.is_symlink() or planted.resolve() != log


def test_the_window_starts_with_a_data_folder_that_is_not_utf8(tmp_path):
    data_dir = os.fsencode(tmp_path) + b"/caf\xe9-\xff-data"
    smoke = subprocess.run([sys.executable, "-m", "ui", "--smoke"], cwd=REPO,
                           env=_env(tmp_path, data_dir), capture_output=True, timeout=120)
    assert smoke.returncode == 0, smoke.stderr.decode(errors="replace")
    proc = _window(tmp_path, data_dir)
    try:
        _wait_for_socket(tmp_path, proc)
    finally:
        assert _stop(proc) == 0


def test_the_window_starts_for_a_uid_without_passwd_entry_and_no_user(tmp_path):
    # A user namespace maps us to uid 54321, which has no passwd entry; $USER is unset.
    prefix = ["unshare", "-U", "--map-user=54321", "--map-group=54321"]
    probe = subprocess.run([*prefix, sys.executable, "-c",
                            "import os, pwd\ntry:\n pwd.getpwuid(os.getuid())\n"
                            "except KeyError:\n print('no entry')"],
                           capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip() == "no entry", probe.stderr
    unset = {"USER": None, "LOGNAME": None, "USERNAME": None, "LNAME": None}
    smoke = subprocess.run([*prefix, sys.executable, "-m", "ui", "--smoke"], cwd=REPO,
                           env=_env(tmp_path, tmp_path / "data", **unset),
                           capture_output=True, timeout=120)
    assert smoke.returncode == 0, smoke.stderr.decode(errors="replace")
    proc = _window(tmp_path, tmp_path / "data", prefix, **unset)
    try:
        _wait_for_socket(tmp_path, proc)
    finally:
        assert _stop(proc) == 0
