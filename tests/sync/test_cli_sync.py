"""`coach sync setup | sync | status | remove` as real processes against real servers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from tests.conftest import NETGUARD, REPO, db_dump
from tests.sync.conftest import PASSWORD, USER

PASSCMD = f"printf '%s\\n' '{PASSWORD}'"


def setup(cli, server, *extra):
    return cli("sync", "setup", "--url", server.url, "--user", USER, "--password-command",
               PASSCMD, *extra)


def test_setup_sync_status_and_remove(cli, caldav_server, phone, data_dir):
    assert cli("add", "Send the quote", "--to", "Mr Jansen", "--due", "tomorrow 9am").code == 0
    done = setup(cli, caldav_server)
    assert done.code == 0, done.err
    assert 'list "Trust Coach"' in done.out

    first = cli("sync", "--json")
    assert first.code == 0, first.err
    figures = json.loads(first.out)
    assert figures["ok"] and figures["up_new"] == 1 and figures["sent"] == 1
    assert [str(t["summary"]) for t in phone.todos().values()] == ["Send the quote"]

    text = cli("sync")
    assert text.out.strip() == "Synced: sent 0, received 0, conflicts 0."

    status = cli("sync", "status")
    assert status.code == 0
    assert f"Account: {USER} at {caldav_server.url}" in status.out
    assert "Synced items: 1" in status.out and "Waiting to go up: 0" in status.out
    assert "Password: from the password command" in status.out

    removed = cli("sync", "remove")
    assert removed.code == 0 and "Sync removed" in removed.out
    assert cli("sync", "status").out.strip() == "Sync is not set up."
    assert "Send the quote" in cli("list").out


def test_bad_input_is_refused_in_one_line_and_changes_nothing(cli, data_dir):
    cli("list")
    before = db_dump(data_dir / "coach.db")
    for args in (["sync", "setup", "--url", "http://cloud.example.com/dav", "--user", "a",
                  "--password-command", "true"],
                 ["sync", "setup", "--url", "not a url", "--user", "a"],
                 ["sync", "setup", "--url", "https://cloud.example.com/dav", "--user", " ",
                  "--password-command", PASSCMD],
                 ["sync", "setup", "--url", "https://cloud.example.com/dav", "--user", "a",
                  "--password-command", "exit 3"],
                 ["sync"]):
        result = cli(*args, input="")
        assert result.code == 2, (args, result.err)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert db_dump(data_dir / "coach.db") == before


def test_offline_changes_queue_and_go_up_later(cli, caldav_server, phone):
    cli("add", "First promise")
    setup(cli, caldav_server)
    assert cli("sync").code == 0
    caldav_server.stop()
    cli("add", "Made while offline")
    failed = cli("sync")
    assert failed.code == 1
    assert failed.err.startswith("coach: Sync failed: Cannot reach 127.0.0.1")
    assert failed.err.count("\n") == 1
    status = cli("sync", "status").out
    assert "Waiting to go up: 1" in status and "Sync failed" in status

    caldav_server.start()
    assert cli("sync").code == 0
    assert sorted(str(t["summary"]) for t in phone.todos().values()) == [
        "First promise", "Made while offline"]


def test_a_sync_killed_midway_and_run_again_loses_nothing_and_duplicates_nothing(
        cli, caldav_server, phone, data_dir, store):
    from coach.model import commitment
    from tests.conftest import FIXED_NOW

    for n in range(3):
        cli("add", f"Early promise {n}")
    setup(cli, caldav_server)
    assert cli("sync").code == 0
    phone.edit(phone.by_summary("Early promise 1"), commitment.list_open(store)[0].created,
               summary="Early promise 1 (changed on the phone)")
    assert cli("edit", str(next(c.id for c in commitment.list_open(store)
                                if c.title == "Early promise 2")),
               "--title", "Early promise 2 (changed here)").code == 0
    many = 150
    with store.write():
        for n in range(many):
            commitment.add(store, commitment.new(f"Bulk promise {n:03}",
                                                 commitment.list_open(store)[0].created))

    env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_LANG="en", COACH_NOW=FIXED_NOW,
               PYTHONPATH=str(NETGUARD))
    proc = subprocess.Popen([sys.executable, "-m", "coach", "sync"], cwd=REPO, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if len(phone.cal.get_objects_by_sync_token(None, load_objects=False)) > 3 + many // 3:
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the sync finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    again = cli("sync")
    assert again.code == 0, again.err
    summaries = sorted(str(t["summary"]) for t in phone.todos().values())
    assert len(summaries) == len(set(summaries)) == 3 + many
    titles = sorted(c.title for c in commitment.list_open(store))
    assert titles == summaries
    assert "Early promise 1 (changed on the phone)" in titles
    assert "Early promise 2 (changed here)" in summaries
    assert cli("sync").out.strip() == "Synced: sent 0, received 0, conflicts 0."


def test_the_password_lives_in_the_keyring(caldav_server, phone, data_dir, tmp_path, cli):
    """Secret Service on a private session bus: gnome-keyring, its login keyring unlocked
    with a password on stdin (without one the first save fails with "Prompt dismissed")."""
    cli("add", "Promise kept in sync")
    home = tmp_path / "home"
    (home / ".local/share/keyrings").mkdir(parents=True)
    script = (
        "printf 'login' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && "
        f'printf "%s\\n" "$PW" | {sys.executable} -m coach sync setup --url "$URL" '
        f"--user {USER} && {sys.executable} -m coach sync && "
        f"{sys.executable} -m coach sync status"
    )
    env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_LANG="en", HOME=str(home),
               XDG_DATA_HOME=str(home / ".local/share"), PW=PASSWORD, URL=caldav_server.url,
               PYTHONPATH=str(NETGUARD), XDG_RUNTIME_DIR=str(tmp_path))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    proc = subprocess.run(["dbus-run-session", "--", "sh", "-c", script], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Password: in the keyring" in proc.stdout
    assert "Synced: sent 1" in proc.stdout
    assert [str(t["summary"]) for t in phone.todos().values()] == ["Promise kept in sync"]
    assert PASSWORD not in (data_dir / "coach.db").read_bytes().decode("latin-1")
