"""Class 6: backups and restore under stress; a set-aside database is never silently
replaced by an empty one."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time

from tests.attack.conftest import one_clear_line
from tests.conftest import FIXED_NOW, NETGUARD, REPO


def _spawn(data_dir, *args):
    env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_NOW=FIXED_NOW, COACH_LANG="en",
               PYTHONPATH=str(NETGUARD))
    return subprocess.Popen([sys.executable, "-m", "coach", *args], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_ten_parallel_backups_in_the_same_second_all_succeed(cli, data_dir, healthy):
    kept = int(cli("add", "Kept").out)
    runs = [_spawn(data_dir, "backup") for _ in range(10)]
    results = [(run.wait(120), run.stdout.read(), run.stderr.read()) for run in runs]
    assert [code for code, _out, _err in results] == [0] * 10, results
    # Each run made its own file; the rotation then keeps the newest seven.
    assert len(list((data_dir / "backups").glob("coach-*.db"))) == 7
    assert not list((data_dir / "backups").glob(".*partial"))
    healthy({kept})


def test_a_killed_backups_leftover_is_pruned(cli, data_dir, healthy):
    kept = int(cli("add", "Kept").out)
    assert cli("backup").code == 0
    leftover = data_dir / "backups" / ".coach-2020-01-01T00-00-00Z.db.partial"
    leftover.write_bytes(b"half a backup")
    old = time.time() - 3 * 3600
    os.utime(leftover, (old, old))
    assert cli("backup").code == 0
    assert not leftover.exists()
    healthy({kept})


def test_restore_keeps_a_database_in_place_at_every_moment(cli, data_dir, healthy):
    """The replaced database is linked aside first; coach.db itself is renamed over once."""
    first = int(cli("add", "In the backup").out)
    assert cli("backup").code == 0
    later = int(cli("add", "After the backup").out)
    inode_before = os.stat(data_dir / "coach.db").st_ino
    # What a killed restore of the old code left behind, or another user planted: a fixed
    # temp name. The restore must use a fresh name of its own, never write through this.
    victim = data_dir.parent / "victim.txt"
    victim.write_text("untouched")
    (data_dir / ".coach.db.restoring").symlink_to(victim)
    restored = cli("restore")
    assert restored.code == 0, restored.err
    aside = list(data_dir.glob("coach.db.before-restore-*"))
    assert len(aside) == 1 and aside[0].stat().st_ino == inode_before
    conn = sqlite3.connect(aside[0])
    assert conn.execute("SELECT count(*) FROM commitments").fetchone()[0] == 2
    conn.close()
    assert victim.read_text() == "untouched"
    assert not [p for p in data_dir.iterdir() if p.name.endswith(".partial")]
    healthy({first})
    assert later not in {int(line.split()[0]) for line in cli("list").out.splitlines()[1:]}


def test_after_a_set_aside_every_command_says_so_until_the_user_acts(cli, data_dir, tmp_path):
    cli("add", "Lost")
    (data_dir / "coach.db").write_bytes(b"\x00damaged" * 512)
    for path in data_dir.glob("coach.db-*"):
        path.unlink()
    first = cli("list")
    one_clear_line(first)
    for args in (("list",), ("add", "New"), ("export", str(tmp_path / "e.json")),
                 ("brief",), ("stats",)):
        result = cli(*args)
        one_clear_line(result)
        assert "coach restore" in result.err and "--fresh" in result.err, (args, result.err)
    assert not (tmp_path / "e.json").exists()
    assert cli("restore", "--fresh").code == 0
    assert cli("add", "New").code == 0
    assert cli("list", "--json", "--all").code == 0
