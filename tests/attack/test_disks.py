"""Classes 9 and 10: a full disk and a read-only file system say what happened; ICS text
carries no control characters; the data folder is private."""

from __future__ import annotations

import json
import os
import sqlite3
import stat

from tests.attack.conftest import one_clear_line, remount_read_only


def _fill(point) -> None:
    with open(point / "filler", "wb") as fh:
        try:
            while True:
                fh.write(b"\0" * 65536)
        except OSError:
            pass


def test_a_full_disk_says_so_and_reading_still_works(cli, tmpfs, tmp_path):
    point = tmpfs("1m")
    env = {"COACH_DATA_DIR": str(point / "data")}
    first = cli("add", "Before the disk filled", env=env)
    assert first.code == 0
    rows = [{"id": 100 + n, "title": "x" * 400, "status": "open",
             "created": "2025-01-01T00:00:00Z", "updated": "2025-01-01T00:00:00Z"}
            for n in range(3000)]
    big = tmp_path / "big.json"
    big.write_text(json.dumps({"format": "trust-coach-export", "version": 1,
                               "tables": {"commitments": rows}}))
    _fill(point)
    result = cli("import", str(big), env=env)
    one_clear_line(result)
    assert "disk is full" in result.err and "no transaction" not in result.err
    listing = cli("list", env=env)
    assert listing.code == 0 and "Before the disk filled" in listing.out
    for args in (("add", "More"), ("backup",)):
        result = cli(*args, env=env)
        one_clear_line(result)
        assert "disk is full" in result.err and "I/O error" not in result.err
    (point / "filler").unlink()
    conn = sqlite3.connect(point / "data" / "coach.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert cli("add", "After", env=env).code == 0


def test_a_read_only_file_system_still_lists_and_exports(cli, tmpfs, tmp_path):
    point = tmpfs("4m")
    env = {"COACH_DATA_DIR": str(point / "data")}
    cli("add", "Readable", env=env)
    remount_read_only(point)
    listing = cli("list", env=env)
    assert listing.code == 0 and "Readable" in listing.out
    out = tmp_path / "export.json"
    assert cli("export", str(out), env=env).code == 0
    assert json.loads(out.read_text())["tables"]["commitments"][0]["title"] == "Readable"
    result = cli("add", "Cannot", env=env)
    one_clear_line(result)
    assert "read-only" in result.err


def test_an_existing_open_data_folder_is_tightened(cli, data_dir, healthy):
    data_dir.mkdir(parents=True)
    os.chmod(data_dir, 0o755)
    kept = int(cli("add", "Private").out)
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    healthy({kept})


def test_ics_summary_carries_no_control_characters(cli, data_dir, tmp_path):
    item = int(cli("add", "placeholder", "--due", "tomorrow").out)
    reply = int(cli("reply", "Bob").out)
    conn = sqlite3.connect(data_dir / "coach.db")
    conn.execute("UPDATE commitments SET title = ?, note = ? WHERE id = ?",
                 ("a\x0bb\x0cc\x1bd\x7fe", "line1\nline2\x1b", item))
    conn.execute("UPDATE owed_replies SET who = ? WHERE id = ?", ("B\x1bob\x0b", reply))
    conn.commit()
    conn.close()
    assert cli("ics", str(tmp_path / "c.ics")).code == 0
    raw = (tmp_path / "c.ics").read_bytes().decode("utf-8")
    bad = [c for c in raw if ord(c) < 32 and c not in "\r\n" or ord(c) == 0x7F]
    assert bad == []
    assert "line1\\nline2" in raw  # a note keeps its line breaks, escaped as RFC 5545 asks
