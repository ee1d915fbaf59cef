"""Backups, restore and damaged databases: the user's data survives mistakes and bad disks."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from coach.errors import CoachError
from coach.model import commitment
from coach.storage import backup, settings
from coach.storage.store import Store, open_store
from tests.conftest import db_dump


def _add(store: Store, now, *titles: str) -> None:
    for title in titles:
        commitment.add(store, commitment.new(title, now))


def _titles(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM commitments ORDER BY id")]
    finally:
        conn.close()


def test_coach_backup_prints_a_timestamped_private_copy_with_the_data(store, now, cli, data_dir):
    _add(store, now, "Send ACME the offer")
    result = cli("backup")
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert path.parent == data_dir / "backups"
    assert path.name == "coach-2026-11-26T14-00-00Z.db"  # COACH_NOW, in UTC
    assert _titles(path) == ["Send ACME the offer"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert backup.quick_check(path)
    assert not Path(f"{path}-wal").exists()  # a standalone file, safe to copy anywhere


def test_only_the_newest_backups_are_kept(store, now, data_dir):
    settings.put(store, "backups_keep", 3)
    made = [backup.make_backup(store, data_dir, now + timedelta(days=i)) for i in range(5)]
    assert [b.path for b in backup.list_backups(data_dir)] == made[:1:-1]
    assert not made[0].exists() and not made[1].exists()


def test_two_backups_in_the_same_second_do_not_collide(store, now, data_dir):
    first = backup.make_backup(store, data_dir, now)
    _add(store, now, "Later")
    second = backup.make_backup(store, data_dir, now)
    assert first != second and first.exists()
    assert backup.list_backups(data_dir)[0].path == second


def test_automatic_backup_happens_at_most_once_a_day(store, now, data_dir):
    assert backup.backup_if_due(store, data_dir, now) is not None
    assert backup.backup_if_due(store, data_dir, now + timedelta(hours=23)) is None
    assert backup.backup_if_due(store, data_dir, now + timedelta(hours=24)) is not None
    assert len(backup.list_backups(data_dir)) == 2


def test_everyday_commands_do_not_pay_for_backups(cli, data_dir):
    assert cli("add", "Call Jim back").code == 0
    assert cli("list").code == 0
    assert not (data_dir / "backups").exists()


def test_restore_brings_back_the_newest_good_backup_and_keeps_the_current_file(
        store, now, cli, data_dir):
    _add(store, now, "In the old backup")
    backup.make_backup(store, data_dir, now - timedelta(days=2))
    _add(store, now, "In the newest backup")
    newest = backup.make_backup(store, data_dir, now - timedelta(days=1))
    _add(store, now, "Only in the current database")
    store.close()
    newest.write_bytes(b"\0" * 4096)  # the newest backup went bad: it must be skipped

    result = cli("restore")
    assert result.code == 0, result.err
    assert _titles(data_dir / "coach.db") == ["In the old backup"]
    kept = [p for p in data_dir.iterdir() if p.name.startswith("coach.db.before-restore-")]
    assert len(kept) == 1 and _titles(kept[0]) == [
        "In the old backup", "In the newest backup", "Only in the current database"]
    assert "was kept as" in result.err
    assert cli("add", "Works after restore").code == 0


def test_restore_of_a_named_file(store, now, cli, data_dir, tmp_path):
    _add(store, now, "Saved elsewhere")
    elsewhere = tmp_path / "copy.db"
    backup.make_backup(store, data_dir, now).rename(elsewhere)
    _add(store, now, "Added later")
    store.close()
    assert cli("restore", str(elsewhere)).code == 0
    assert _titles(data_dir / "coach.db") == ["Saved elsewhere"]


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 200, None])
def test_restore_refuses_a_bad_file_and_changes_nothing(store, now, cli, data_dir, tmp_path,
                                                       content):
    _add(store, now, "Precious")
    store.close()
    before = db_dump(data_dir / "coach.db")
    bad = tmp_path / "bad.db"
    if content is not None:
        bad.write_bytes(content)
    result = cli("restore", str(bad))
    assert result.code == 2
    assert "nothing was changed" in result.err and "Traceback" not in result.err
    assert db_dump(data_dir / "coach.db") == before
    assert not list(data_dir.glob("coach.db.before-restore-*"))


def test_restore_without_any_backup_is_a_clear_error(store, cli):
    store.close()
    result = cli("restore")
    assert result.code == 2 and "no good backup" in result.err


def test_restore_is_refused_while_the_window_holds_the_data_dir(store, now, cli, data_dir):
    from coach.storage import instance

    backup.make_backup(store, data_dir, now)
    store.close()
    lock = instance.hold_window_lock(data_dir)
    try:
        assert instance.window_running(data_dir)
        result = cli("restore")
        assert result.code == 2 and "window is open" in result.err
    finally:
        lock.close()
    assert not instance.window_running(data_dir)
    assert cli("restore").code == 0


# --- damaged databases -------------------------------------------------------------------

def _big_database(data_dir: Path, now) -> Path:
    with open_store(data_dir) as store, store.write():
        for i in range(400):
            commitment.add(store, commitment.new(f"Promise number {i} " + "x" * 200, now))
    conn = sqlite3.connect(data_dir / "coach.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return data_dir / "coach.db"


def _truncate(path: Path) -> None:
    with open(path, "r+b") as fh:
        fh.truncate(path.stat().st_size // 2)


def _scribble(path: Path) -> None:
    # Garbage over pages of the commitments table's data in the middle of the file: the
    # header and the schema still open, the rows do not read back. (Pages picked by what
    # they hold, since where indexes and schema land depends on the migrations.)
    conn = sqlite3.connect(path)
    try:
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        pages = [n for (n,) in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = 'commitments' AND pagetype = 'leaf' "
            "ORDER BY pageno")]
    finally:
        conn.close()
    with open(path, "r+b") as fh:
        for page in pages[len(pages) // 2:len(pages) // 2 + 4]:
            fh.seek((page - 1) * size)
            fh.write(os.urandom(size))


@pytest.mark.parametrize("damage", [
    pytest.param(lambda p: p.write_bytes(b"Hello, I am a text file.\n" * 50), id="not-a-db"),
    pytest.param(_truncate, id="truncated"),
    pytest.param(_scribble, id="fails-quick-check"),
    pytest.param(lambda p: p.write_bytes(b""), id="empty"),
])
def test_a_damaged_database_is_moved_aside_untouched_and_restore_is_offered(
        data_dir, now, cli, damage):
    path = _big_database(data_dir, now)
    with open_store(data_dir) as store:
        backup.make_backup(store, data_dir, now - timedelta(hours=3))
    damage(path)
    damaged_bytes = path.read_bytes()

    result = cli("list", "--all")
    assert result.code == 2
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) == 1
    assert "damaged" in result.err and "coach restore" in result.err
    aside = [p for p in data_dir.iterdir() if p.name.startswith("coach.db.damaged-")]
    assert len(aside) == 1 and aside[0].read_bytes() == damaged_bytes
    assert str(aside[0]) in result.err

    assert cli("restore").code == 0
    assert len(_titles(path)) == 400


def test_a_backup_is_never_taken_of_a_damaged_database(data_dir, now):
    path = _big_database(data_dir, now)
    with open_store(data_dir) as store:
        good = backup.make_backup(store, data_dir, now, keep=1)
    _scribble(path)
    store = Store(path)  # opening reads only the first pages: the damage is further in
    with store, pytest.raises(CoachError, match="failed its check"):
        backup.make_backup(store, data_dir, now + timedelta(days=1), keep=1)
    # The good backup was not rotated out by the bad one.
    assert [b.path for b in backup.list_backups(data_dir)] == [good]


def test_damage_without_any_backup_waits_for_a_fresh_start_on_purpose(data_dir, cli):
    data_dir.mkdir(parents=True)
    (data_dir / "coach.db").write_bytes(b"\x00garbage" * 100)
    result = cli("add", "Something")
    assert result.code == 2 and "no backup to restore" in result.err
    assert "coach restore --fresh" in result.err
    again = cli("add", "Something")
    assert again.code == 2 and "coach restore --fresh" in again.err
    assert cli("restore", "--fresh").code == 0
    assert cli("add", "Something").out.strip() == "1"


def test_a_busy_database_is_a_plain_message(data_dir, monkeypatch, capsys):
    from coach.cli import run
    from coach.storage import store as store_module

    with open_store(data_dir):
        pass
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(data_dir / "coach.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        code = run(["add", "Blocked"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    err = capsys.readouterr().err
    assert code == 2 and "busy" in err and "nothing was changed" in err
    assert "damaged" not in err and not list(data_dir.glob("coach.db.damaged-*"))


def test_window_start_up_check_backs_up_once_and_sets_damage_aside(data_dir, now):
    path = _big_database(data_dir, now)
    first = backup.startup_check(data_dir, now)
    assert first.damaged is None and first.backup is not None
    assert backup.startup_check(data_dir, now + timedelta(hours=2)).backup is None
    _scribble(path)  # opens fine, fails quick_check: only the full check finds it
    found = backup.startup_check(data_dir, now + timedelta(hours=3))
    assert found.damaged is not None and found.damaged.exists()
    assert found.good_backup is not None and found.good_backup.path == first.backup
    assert len(backup.list_backups(data_dir)) == 1  # no backup was taken of the damage
