"""Migrations: every shipped schema upgrades with its data intact; a failed step changes nothing."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from coach.storage import migrations
from coach.storage.store import MigrationError, Store, open_store
from tests.conftest import db_dump

DATA = Path(__file__).resolve().parent / "data"
SHIPPED = sorted(DATA.glob("schema-v*.db"), key=lambda p: int(re.findall(r"\d+", p.name)[0]))


def _read_only(path: Path) -> sqlite3.Connection:
    # The kept files are WAL databases: a plain read-only open would still leave -wal and
    # -shm files beside them in tests/data. immutable=1 reads them without any side file.
    flag = "immutable=1" if path.parent == DATA else "mode=ro"
    return sqlite3.connect(f"{path.as_uri()}?{flag}", uri=True)


def _rows(path: Path) -> dict[str, list[dict]]:
    conn = _read_only(path)
    conn.row_factory = sqlite3.Row
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {t: [dict(r) for r in conn.execute(f"SELECT * FROM {t} ORDER BY rowid")]
                for t in tables}
    finally:
        conn.close()


def test_the_kept_databases_are_what_their_names_say():
    # A release adds tests/data/schema-vN.db for its schema (tests/data/make_schema_dbs.py);
    # versions still in development have not reached users and need no file yet.
    assert SHIPPED and SHIPPED[0].name == "schema-v1.db"
    for path in SHIPPED:
        conn = _read_only(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
        assert path.name == f"schema-v{version}.db"
        assert version <= migrations.SCHEMA_VERSION


@pytest.mark.parametrize("shipped", SHIPPED, ids=lambda p: p.stem)
def test_a_shipped_database_migrates_to_the_current_schema_with_its_data(
        shipped, data_dir, cli):
    data_dir.mkdir(parents=True)
    path = data_dir / "coach.db"
    shutil.copy(shipped, path)
    before = _rows(shipped)
    assert sum(len(rows) for rows in before.values()) > 10  # a real database, with data

    with open_store(data_dir) as store:
        assert store.schema_version == migrations.SCHEMA_VERSION
    after = _rows(path)
    for table, rows in before.items():
        # Columns may be added by later migrations; every old value must still be there.
        assert [{k: r[k] for k in old} for r, old in zip(after[table], rows, strict=True)] \
            == rows, table

    listed = cli("list", "--all", "--json")
    assert listed.code == 0, listed.err
    for title in ("Send ACME the revised offer", "Frau Schneider", "ACME unhappy"):
        assert title in listed.out
    # The id counter survived: the next item does not reuse an old id.
    assert int(cli("add", "After the upgrade").out) > max(
        r["id"] for t in ("commitments", "owed_replies", "concerns") for r in before[t])


def _fail_plainly(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE commitments ADD COLUMN half_done TEXT")
    conn.execute("UPDATE commitments SET title = 'overwritten'")
    conn.execute("DELETE FROM owed_replies")
    raise ValueError("a bug in the new migration")


def _fail_in_sql(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE newer (x)")
    conn.execute("INSERT INTO newer VALUES (1)")
    conn.execute("ALTER TABLE no_such_table ADD COLUMN y")


def _fail_after_sqlite_utils(conn: sqlite3.Connection) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db["concerns"].transform(drop={"note"})
    db["extra"].insert_all([{"a": i} for i in range(50)])
    raise RuntimeError("failed after sqlite-utils rebuilt a table")


@pytest.mark.parametrize("step", [_fail_plainly, _fail_in_sql, _fail_after_sqlite_utils])
def test_a_failing_migration_rolls_back_and_leaves_the_file_as_it_was(
        step, data_dir, monkeypatch, capsys):
    from coach.cli import run

    data_dir.mkdir(parents=True)
    path = data_dir / "coach.db"
    shutil.copy(SHIPPED[-1], path)
    # Open once so the file is exactly as a user of the current version has it.
    Store(path).close()
    before_bytes, before_rows = path.read_bytes(), db_dump(path)

    monkeypatch.setattr(migrations, "MIGRATIONS", [*migrations.MIGRATIONS, step])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(migrations.MIGRATIONS))
    with pytest.raises(MigrationError, match="left as it was"):
        Store(path)
    assert run(["list"]) == 2
    err = capsys.readouterr().err
    assert "Could not upgrade the database" in err and "Traceback" not in err

    assert db_dump(path) == before_rows
    assert path.read_bytes() == before_bytes
    assert not list(data_dir.glob("coach.db.damaged-*"))  # a failed upgrade is not damage


def test_skips_recorded_before_they_named_their_occurrence_find_it(data_dir, monkeypatch):
    from datetime import UTC, datetime

    from coach.ops import undo
    from coach.timing.timeutil import to_db

    data_dir.mkdir(parents=True)
    path = data_dir / "coach.db"
    full = list(migrations.MIGRATIONS)
    before = full.index(migrations._v12_skip_occurrence)  # the schema just before it
    monkeypatch.setattr(migrations, "MIGRATIONS", full[:before])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", before)
    store = Store(path)
    first, later = (datetime(2026, 10, d, 7, 0, tzinfo=UTC) for d in (16, 23))
    with store.write() as conn:
        for created in (first, later):  # last week's occurrence (done), this week's (open)
            conn.execute("INSERT INTO commitments (title, status, created, updated, rule, "
                         "series_id) VALUES ('Board', 'open', ?, ?, 'FREQ=DAILY', 1)",
                         (to_db(created), to_db(created)))
        conn.execute("INSERT INTO occurrence_skips (series_id, due, at) VALUES (1, ?, ?)",
                     (to_db(later), to_db(later)))
    store.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", full)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(full))
    with open_store(data_dir) as store:
        taken = dict(undo.take(store, frozenset({2})).tables)
        assert [row["series_id"] for row in taken["occurrence_skips"]] == [1]
