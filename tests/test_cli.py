"""Every CLI command against a real SQLite file, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import db_dump


def ids(result) -> list[int]:
    return [int(line) for line in result.out.split()]


def test_add_prints_only_the_new_id_and_list_shows_it(cli):
    result = cli("add", "Send ACME the revised offer", "--to", "Jim Baker",
                 "--due", "tomorrow 10am", "--note", "with the discount")
    assert result.code == 0, result.err
    assert result.out.strip().isdigit()
    listed = json.loads(cli("list", "--json").out)
    [item] = listed["commitments"]
    assert item["id"] == int(result.out)
    assert item["title"] == "Send ACME the revised offer"
    assert item["to"] == "Jim Baker"
    assert item["due"] == "2026-11-27T10:00:00+01:00"
    assert item["status"] == "open"


def test_reply_gets_reply_by_from_channel_rule(cli):
    # Thursday 15:00: a call is due in 4 working hours -> Friday 11:00.
    call = ids(cli("reply", "Frau Schneider", "--via", "call", "--about", "Gutschrift"))[0]
    mail = ids(cli("reply", "Jim", "--via", "email"))[0]
    urgent = ids(cli("reply", "Ops", "--via", "email", "--urgent"))[0]
    fixed = ids(cli("reply", "Anna", "--by", "2026-12-01 09:00"))[0]
    replies = {r["id"]: r for r in json.loads(cli("list", "--json").out)["replies"]}
    assert replies[call]["reply_by"] == "2026-11-27T11:00:00+01:00"
    assert replies[call]["who"] == "Frau Schneider"
    assert replies[call]["about"] == "Gutschrift"
    assert replies[mail]["reply_by"] == "2026-11-27T17:00:00+01:00"
    assert replies[urgent]["reply_by"] == "2026-11-26T16:00:00+01:00"
    assert replies[fixed]["reply_by"] == "2026-12-01T09:00:00+01:00"


def test_concern_heat_told_and_done(cli, data_dir):
    concern = ids(cli("concern", "ACME angry about delay", "--who", "Jim", "--heat", "2"))[0]
    assert cli("heat", str(concern), "4", "--note", "threatened to escalate").code == 0
    assert cli("told", str(concern)).code == 0
    [item] = json.loads(cli("list", "--json").out)["concerns"]
    assert item["heat"] == 4 and item["told_heat"] == 4
    assert cli("done", str(concern)).code == 0
    assert json.loads(cli("list", "--json").out)["concerns"] == []
    everything = json.loads(cli("list", "--json", "--all").out)
    assert everything["concerns"][0]["status"] == "resolved"
    import sqlite3

    kinds = [r[0] for r in sqlite3.connect(data_dir / "coach.db").execute(
        "SELECT kind FROM concern_log WHERE concern_id = ? ORDER BY id", (concern,))]
    assert kinds == ["created", "heat", "told", "resolved"]


def test_done_accepts_every_kind_of_id(cli):
    made = [ids(cli("add", "Offer"))[0], ids(cli("reply", "Jim"))[0],
            ids(cli("concern", "Trouble"))[0]]
    assert len(set(made)) == 3
    for item_id in made:
        assert cli("done", str(item_id)).code == 0
    listed = json.loads(cli("list", "--json").out)
    assert listed == {"commitments": [], "replies": [], "concerns": []}
    closed = json.loads(cli("list", "--json", "--all").out)
    assert closed["commitments"][0]["status"] == "done"
    assert closed["commitments"][0]["outcome"] == "kept"
    assert closed["replies"][0]["status"] == "returned"


def test_late_commitment_is_recorded_as_late(cli):
    item = ids(cli("add", "Report", "--due", "2026-11-25 12:00"))[0]
    cli("done", str(item))
    [c] = json.loads(cli("list", "--json", "--all").out)["commitments"]
    assert c["outcome"] == "late"


def test_list_text_is_readable_and_empty_state_helps(cli):
    assert "Nothing open" in cli("list").out
    cli("add", "Call Jim back", "--due", "in 2 hours")
    out = cli("list").out
    assert "Commitments" in out and "Call Jim back" in out and "in 2 hours" in out


def test_brief_plain_and_in_german(cli):
    cli("concern", "Server down at ACME", "--heat", "4")
    cli("add", "Overdue report", "--due", "2026-11-20")
    out = cli("brief").out
    assert "Server down at ACME" in out and "Overdue report" in out
    german = cli("brief", "--lang", "de").out
    assert "Server down at ACME" in german


def test_export_import_round_trip_is_identical(cli, tmp_path):
    cli("add", "Offer", "--to", "Jim", "--due", "friday")
    cli("reply", "Anna", "--via", "voicemail", "--about", "Rückerstattung")
    concern = ids(cli("concern", "Heating up", "--heat", "3"))[0]
    cli("heat", str(concern), "4", "--note", "called twice")
    first = tmp_path / "first.json"
    assert cli("export", str(first)).code == 0
    other = tmp_path / "other"
    env = {"COACH_DATA_DIR": str(other)}
    assert cli("import", str(first), env=env).code == 0
    second = tmp_path / "second.json"
    assert cli("export", str(second), env=env).code == 0
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    assert a["tables"] == b["tables"]
    assert len(a["tables"]["concern_log"]) == 2


def test_import_into_a_database_with_items_keeps_both(cli, tmp_path):
    cli("add", "Mine")
    export = tmp_path / "e.json"
    cli("add", "Mine", env={"COACH_DATA_DIR": str(tmp_path / "elsewhere")})  # its own UUID
    cli("export", str(export), env={"COACH_DATA_DIR": str(tmp_path / "elsewhere")})
    assert cli("import", str(export)).code == 0
    titles = [c["title"] for c in json.loads(cli("list", "--json").out)["commitments"]]
    assert titles == ["Mine", "Mine"]
    new_id = ids(cli("add", "After import"))[0]
    assert new_id == 3  # the id counter moved past the imported ids


def test_ics_lists_due_and_reply_by_times(cli, tmp_path):
    cli("add", "Offer", "--due", "2026-11-27 10:00")
    cli("reply", "Anna", "--via", "email")
    target = tmp_path / "coach.ics"
    assert cli("ics", str(target)).code == 0
    from icalendar import Calendar

    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    summaries = sorted(str(e["summary"]) for e in events)
    assert summaries == ["Offer", "Reply to Anna"]
    starts = sorted(e.decoded("dtstart").isoformat() for e in events)
    assert starts[0].startswith("2026-11-27T09:00:00")  # 10:00 Berlin is 09:00 UTC


def test_export_refuses_to_overwrite_without_force(cli, tmp_path):
    target = tmp_path / "e.json"
    target.write_text("keep me")
    result = cli("export", str(target))
    assert result.code == 2 and "--force" in result.err
    assert target.read_text() == "keep me"
    assert cli("export", str(target), "--force").code == 0


def test_version(cli):
    from coach import __version__

    result = cli("--version")
    assert result.code == 0 and __version__ in result.out


def _not_export(tmp_path: Path) -> str:
    path = tmp_path / "random.json"
    path.write_text('{"hello": "world"}')
    return str(path)


BAD_INPUTS = [
    (["add", ""], "must not be empty"),
    (["add", "   "], "must not be empty"),
    (["add", "Offer", "--due", "blah blah"], 'Cannot understand the date "blah blah"'),
    (["reply", "Jim", "--by", "someday maybe"], "Cannot understand the date"),
    (["reply", "Jim", "--via", "pigeon"], 'Unknown channel "pigeon"'),
    (["concern", "Trouble", "--heat", "9"], "from 1 to 5"),
    (["heat", "1", "9"], "from 1 to 5"),
    (["done", "999"], "no item with id 999"),
    (["done", "abc"], "not an item id"),
    (["told", "1"], "not a concern"),
    (["import", "NOT_EXPORT"], "not a Trust Coach export"),
    (["import", "/nonexistent/file.json"], "Cannot read"),
    (["frobnicate"], "invalid choice"),
]


@pytest.mark.parametrize(("argv", "message"), BAD_INPUTS, ids=lambda v: str(v)[:30])
def test_bad_input_exits_2_with_one_line_and_changes_nothing(cli, data_dir, tmp_path, argv,
                                                             message):
    cli("add", "Existing promise", "--due", "tomorrow")  # id 1, a commitment
    before = db_dump(data_dir / "coach.db")
    argv = [_not_export(tmp_path) if a == "NOT_EXPORT" else a for a in argv]
    result = cli(*argv)
    assert result.code == 2
    assert message in result.err
    assert len(result.err.strip().splitlines()) == 1, result.err
    assert "Traceback" not in result.err
    assert db_dump(data_dir / "coach.db") == before


def test_unwritable_data_dir_is_a_clear_error(cli, tmp_path):
    blocked = tmp_path / "file-not-dir"
    blocked.write_text("")
    result = cli("add", "Offer", env={"COACH_DATA_DIR": str(blocked / "sub")})
    assert result.code == 2
    assert "Cannot write to the data directory" in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_data_dir_option_beats_environment(cli, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    assert cli("--data-dir", str(elsewhere), "add", "Here").code == 0
    assert cli("list", "--data-dir", str(elsewhere), "--json").out.count("Here") == 1
    assert json.loads(cli("list", "--json").out)["commitments"] == []


def test_messages_in_german_follow_the_locale(cli):
    result = cli("add", "", env={"COACH_LANG": "", "LANG": "de_DE.UTF-8"})
    assert result.code == 2
    assert "darf nicht leer sein" in result.err
