"""The store: WAL, migrations from empty, newer databases refused untouched."""

from __future__ import annotations

import sqlite3

import pytest

from coach.errors import CoachError
from coach.storage.migrations import SCHEMA_VERSION
from coach.storage.store import FutureDatabaseError, Store, open_store


def test_fresh_database_is_migrated_with_wal_and_foreign_keys(data_dir):
    store = open_store(data_dir)
    assert store.schema_version == SCHEMA_VERSION
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master "
                                               "WHERE type = 'table'")}
    assert {"commitments", "owed_replies", "concerns", "concern_log", "promise_checks",
            "briefings", "settings"} <= tables
    store.close()


def test_database_from_the_future_is_refused_and_left_untouched(data_dir, cli):
    data_dir.mkdir(parents=True)
    path = data_dir / "coach.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE newer_things (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(FutureDatabaseError, match="newer version"):
        Store(path)
    result = cli("list")
    assert result.code == 2 and "newer version of Trust Coach" in result.err
    assert path.read_bytes() == before
    assert not (data_dir / "coach.db-wal").exists()


def test_a_write_that_fails_leaves_nothing_behind(store, now):
    from coach.model import commitment

    with pytest.raises(RuntimeError), store.write():
        commitment.add(store, commitment.new("Half done", now))
        raise RuntimeError("power cut in the middle")
    assert store.query("SELECT count(*) FROM commitments")[0][0] == 0


def test_ids_are_shared_across_kinds(store, now):
    from coach.model import commitment, concern, owed_reply

    a = commitment.add(store, commitment.new("Offer", now))
    b = owed_reply.add(store, owed_reply.new("Jim", "call", now, now, now))
    c = concern.add(store, concern.new("Trouble", now))
    assert [a.id, b.id, c.id] == [1, 2, 3]


def test_not_a_database_is_a_clear_error(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "coach.db").write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(CoachError, match="not a Trust Coach database"):
        open_store(data_dir)
