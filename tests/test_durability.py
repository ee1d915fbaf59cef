"""Durability: a write the app acknowledged survives the process being killed at any moment."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from tests.conftest import REPO

# Commits in a loop and prints each id only after COMMIT returned: printing is the
# acknowledgement, like `coach add` printing the new id.
WRITER = """
import sys
from coach.model import commitment
from coach.timing import timeutil
from coach.storage.store import open_store

store = open_store(sys.argv[1])
now = timeutil.now()
print("ready", flush=True)
while True:
    item = commitment.add(store, commitment.new("Durable promise", now, note="x" * 300))
    print(item.id, flush=True)
"""


def _run_and_kill(data_dir: Path, delay: float) -> list[int]:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(data_dir)], cwd=REPO,
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    acknowledged: list[int] = []
    reader = threading.Thread(
        target=lambda: acknowledged.extend(int(line) for line in proc.stdout
                                           if line.strip().isdigit()))
    reader.start()
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join()
    return acknowledged


def test_nothing_acknowledged_is_lost_when_the_writer_is_killed(data_dir):
    rng = random.Random(9)
    acknowledged: list[int] = []
    kills = 30
    for _ in range(kills):
        acknowledged += _run_and_kill(data_dir, rng.uniform(0.0, 0.15))
    assert len(acknowledged) > kills  # the writer really was killed mid-stream, many times

    conn = sqlite3.connect(data_dir / "coach.db")
    try:
        stored = {row[0] for row in conn.execute("SELECT id FROM commitments")}
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        counter = conn.execute("SELECT value FROM counters WHERE name = 'item'").fetchone()[0]
    finally:
        conn.close()
    missing = set(acknowledged) - stored
    assert not missing, f"acknowledged but lost: {sorted(missing)[:10]}"
    # No id was handed out twice across restarts.
    assert len(acknowledged) == len(set(acknowledged)) and counter >= max(acknowledged)


def test_commits_are_synced_to_disk_before_they_are_acknowledged(store):
    # FULL syncs the WAL on every commit; NORMAL would not survive a power cut.
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _spawn_adds(data_dir: Path, count: int) -> list[subprocess.Popen]:
    env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_LANG="en")
    return [subprocess.Popen([sys.executable, "-m", "coach", "add", f"From the CLI {i}"],
                             cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True) for i in range(count)]


def test_cli_writes_while_the_window_writes_are_safe(store, data_dir, now):
    from coach.model import commitment

    # The open Store plays a busy window: in its own thread it writes every 50 ms and holds
    # the write lock 50 ms each time, while several `coach add` processes write at once.
    stop = threading.Event()

    def window() -> None:
        from coach.storage.store import open_store

        own = open_store(data_dir)
        while not stop.is_set():
            with own.write():
                commitment.add(own, commitment.new("From the window", now))
                time.sleep(0.05)
            stop.wait(0.05)
        own.close()

    writer = threading.Thread(target=window)
    writer.start()
    try:
        procs = _spawn_adds(data_dir, 6)
        results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    finally:
        stop.set()
        writer.join()
    for code, _out, err in results:
        assert code == 0 and "locked" not in err and "busy" not in err, err
    cli_ids = {int(out) for _, out, _ in results}
    rows = store.query("SELECT id, title FROM commitments")
    assert cli_ids <= {r["id"] for r in rows if r["title"].startswith("From the CLI")}
    assert len(cli_ids) == 6 and any(r["title"] == "From the window" for r in rows)


def test_first_runs_at_the_same_moment_share_one_database(data_dir):
    procs = _spawn_adds(data_dir, 5)
    results = [(p.wait(timeout=60), *p.communicate()) for p in procs]
    assert [code for code, _, _ in results] == [0] * 5, [err for _, _, err in results]
    assert sorted(int(out) for _, out, _ in results) == [1, 2, 3, 4, 5]
    assert not list(data_dir.glob(".coach.db.new-*"))
