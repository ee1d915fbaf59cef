"""Classes 2 and 9: import runs the command line's validation; restore takes only a
database whose schema this app made; messages say the cause."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.attack.conftest import one_clear_line
from tests.conftest import db_dump

SLOW = settings(max_examples=10, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
NOW = "2025-01-01T10:00:00Z"


def _export(tables: dict) -> dict:
    return {"format": "trust-coach-export", "version": 1, "schema": 4, "tables": tables}


def _write(path: Path, data: dict) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8",
                    errors="surrogatepass")
    return path


def _commitment(**fields) -> dict:
    return {"id": 500, "title": "Imported", "status": "open", "created": NOW,
            "updated": NOW, **fields}


BAD_COMMITMENTS = st.one_of(
    st.builds(lambda n: _commitment(title="x" * n), st.integers(501, 5000)),
    st.builds(lambda c: _commitment(title=f"a{c}b"),
              st.sampled_from(["\x1b", "\x07", "\r", "\x00", "\x7f", "\x9b", "\n", "\u202e",
                               "\u2066", "\ud800"])),
    st.builds(lambda i: _commitment(id=i), st.integers(2**63, 2**70)),
    st.builds(lambda i: _commitment(id=i), st.integers(-2**70, 0)),
    st.builds(lambda y: _commitment(due=f"{y:04d}-01-01T00:00:00Z"),
              st.one_of(st.integers(1, 1969), st.integers(2201, 9999))),
    st.builds(lambda s: _commitment(status=s), st.text(max_size=8).filter(
        lambda s: s not in ("open", "done", "renegotiated", "dropped"))),
    st.builds(lambda c: _commitment(confidence=c), st.floats(1.01, 1e6)),
    st.builds(lambda d: _commitment(due=d), st.sampled_from(
        ["999-01-01T00:00:00Z", "2025-01-01", "tomorrow", "2025-01-01T10:00:00"])),
)


@SLOW
@given(bad=BAD_COMMITMENTS)
def test_import_refuses_what_the_command_line_refuses(cli, data_dir, healthy, tmp_path, bad):
    kept = int(cli("add", "Already here").out)
    before = db_dump(data_dir / "coach.db")
    one_clear_line(cli("import", str(_write(tmp_path / "bad.json",
                                           _export({"commitments": [bad]})))))
    assert db_dump(data_dir / "coach.db") == before
    healthy({kept})


@SLOW
@given(heat=st.one_of(st.integers(-10**20, 0), st.integers(6, 10**20), st.just("hot"),
                      st.floats(allow_nan=True)))
def test_import_refuses_a_heat_outside_1_to_5(cli, data_dir, healthy, tmp_path, heat):
    kept = int(cli("add", "Already here").out)
    concern = {"id": 600, "title": "C", "heat": heat, "status": "open", "created": NOW,
               "updated": NOW}
    one_clear_line(cli("import", str(_write(tmp_path / "h.json",
                                           _export({"concerns": [concern]})))))
    assert cli("remind", "--once").code in (0, 1)
    healthy({kept})


@SLOW
@given(setting=st.one_of(
    st.tuples(st.sampled_from(["backups_keep", "briefing_quiet_days", "concern_nudge_heat"]),
              st.one_of(st.just("{"), st.just('"seven"'), st.just("-3"), st.just("1e400"),
                        st.just("[]"), st.just("true"), st.just(str(2**64)))),
    st.tuples(st.just("working_days"), st.sampled_from(["[]", "[7]", '["mon"]', "[0,0]", "3"])),
    st.tuples(st.just("work_start"), st.sampled_from(['"25:00"', '"9"', "9", "null"])),
    st.tuples(st.just("no_such_setting"), st.just("1")),
))
def test_import_refuses_settings_that_are_not_json_or_of_the_wrong_kind(
        cli, data_dir, healthy, tmp_path, setting):
    kept = int(cli("add", "Already here").out)
    key, value = setting
    one_clear_line(cli("import", str(_write(tmp_path / "s.json", _export(
        {"settings": [{"key": key, "value": value}]})))))
    for args in (("list",), ("brief",), ("remind", "--once"), ("backup",)):
        result = cli(*args)
        assert "Traceback" not in result.err and "unexpected" not in result.err, args
    healthy({kept})


def test_a_valid_import_still_works_and_times_become_canonical(cli, data_dir, healthy,
                                                             tmp_path):
    data = _export({"commitments": [_commitment(due="2025-03-01T10:00:00+01:00")]})
    assert cli("import", str(_write(tmp_path / "ok.json", data))).code == 0
    conn = sqlite3.connect(data_dir / "coach.db")
    assert conn.execute("SELECT due FROM commitments").fetchone()[0] == "2025-03-01T09:00:00Z"
    conn.close()
    healthy({500})


def test_restore_refuses_a_database_with_an_extra_trigger_view_or_table(cli, data_dir,
                                                                        healthy, tmp_path):
    first = int(cli("add", "Before the backup").out)
    backup = Path(cli("backup").out.strip())
    for extra in ("CREATE TRIGGER wipe AFTER INSERT ON commitments BEGIN "
                  "DELETE FROM commitments; END",
                  "CREATE VIEW v AS SELECT * FROM commitments",
                  "CREATE TABLE spy (x)",
                  "CREATE INDEX odd ON commitments(title)"):
        forged = tmp_path / "forged.db"
        forged.write_bytes(backup.read_bytes())
        conn = sqlite3.connect(forged)
        conn.execute(extra)
        conn.commit()
        conn.close()
        one_clear_line(cli("restore", str(forged)))
    second = int(cli("add", "After the attack").out)
    healthy({first, second})


def test_import_of_lone_surrogates_and_huge_ints_says_why(cli, healthy, tmp_path):
    kept = int(cli("add", "Already here").out)
    raw = ('{"format": "trust-coach-export", "version": 1, "tables": {"commitments": '
           '[{"id": 700, "title": "bad \\ud800 text", "status": "open", "created": "'
           + NOW + '", "updated": "' + NOW + '"}]}}')
    (tmp_path / "s.json").write_text(raw)
    result = cli("import", str(tmp_path / "s.json"))
    one_clear_line(result)
    assert "UTF-8" in result.err and "unexpected" not in result.err
    big = _export({"notifications": [{"key": "k", "item_id": 1, "first_at": NOW,
                                      "last_at": NOW, "count": 2**64}]})
    result = cli("import", str(_write(tmp_path / "b.json", big)))
    one_clear_line(result)
    assert "too large" in result.err
    healthy({kept})
