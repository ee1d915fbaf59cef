"""edit, snooze, renegotiate, ok, settings and the coaching at capture, through `coach`."""

from __future__ import annotations

import json

import pytest

from tests.conftest import db_dump


@pytest.fixture
def filled(cli):
    ids = [cli("add", "Send the offer", "--to", "Frau Schneider", "--due", "tomorrow 10am",
               "--check", "skip").out.strip(),
           cli("reply", "Jim Baker", "--via", "call", "--about", "refund").out.strip(),
           cli("concern", "ACME unhappy", "--heat", "2").out.strip(),
           cli("add", "Ask for the budget", "--to", "my manager", "--due", "friday",
               "--check", "control=yes,authority=yes,date=yes,facts=yes,manager=no"
               ).out.strip().splitlines()[0]]
    return dict(zip(("offer", "call", "concern", "budget"), ids, strict=True))


def listed(cli) -> dict:
    groups = json.loads(cli("list", "--json").out)
    return {str(item["id"]): item for group in groups.values() for item in group}


def one_line_exit_2(result) -> None:
    assert result.code == 2
    assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_edit_changes_what_was_asked_and_nothing_else(cli, filled):
    assert cli("edit", filled["offer"], "--title", "Send the final offer", "--due",
               "2026-11-30 12:00").code == 0
    assert cli("edit", filled["call"], "--via", "email", "--by", "tomorrow 5pm").code == 0
    items = listed(cli)
    assert items[filled["offer"]]["title"] == "Send the final offer"
    assert items[filled["offer"]]["due"] == "2026-11-30T12:00:00+01:00"
    assert items[filled["offer"]]["to"] == "Frau Schneider"
    assert items[filled["call"]]["via"] == "email"
    assert items[filled["call"]]["reply_by"] == "2026-11-27T17:00:00+01:00"


@pytest.mark.parametrize("args", [
    ("edit", "OFFER", "--via", "email"),  # a commitment has no channel
    ("edit", "OFFER", "--due", "someday maybe"),
    ("edit", "OFFER"),
    ("edit", "CALL", "--by", "2026-11-02 10:00"),  # before it came in
    ("edit", "999", "--title", "x"),
    ("snooze", "OFFER", "2026-11-25 10:00"),  # in the past
    ("snooze", "CONCERN", "2h"),
    ("snooze", "OFFER", "blah"),
    ("renegotiate", "OFFER", "2026-11-25 09:00"),  # in the past
    ("renegotiate", "CALL", "tomorrow"),
    ("ok", "OFFER"),
    ("ok", "abc"),
    ("settings", "work_start", "25:00"),
    ("settings", "work_start", "18:00"),
    ("settings", "manager_email", "not an address"),
    ("settings", "language", "fr"),
    ("settings", "no_such_key"),
])
def test_bad_input_is_one_clear_line_exit_2_and_changes_nothing(cli, filled, data_dir, args):
    names = {"OFFER": filled["offer"], "CALL": filled["call"], "CONCERN": filled["concern"]}
    before = db_dump(data_dir / "coach.db")
    one_line_exit_2(cli(*[names.get(a, a) for a in args]))
    assert db_dump(data_dir / "coach.db") == before


def test_snooze_holds_the_reminder_and_says_until_when(cli, filled, notifications, tmp_path):
    result = cli("snooze", filled["call"], "2 Stunden")
    assert result.code == 0 and "Snoozed until Thu, 26 Nov 2026, 17:00" in result.err
    assert cli("snooze", filled["offer"], "tomorrow 9:30").code == 0


def test_renegotiate_prints_the_honest_message_and_counts_in_time(cli, filled):
    result = cli("renegotiate", filled["offer"], "next tuesday 3pm", "--reason",
                 "the supplier is late")
    assert result.code == 0
    assert result.out.strip() == ("I need until Tue, 1 Dec 2026, 15:00 for “Send the offer”, "
                                  "because the supplier is late. I am sorry for the change.")
    assert listed(cli)[filled["offer"]]["due"] == "2026-12-01T15:00:00+01:00"
    late = cli("renegotiate", filled["offer"], "2026-12-10 10:00", now="2026-12-02T09:00:00+01:00")
    assert "late" in late.err
    stats = json.loads(cli("stats", "--json", now="2026-12-02T09:00:00+01:00").out)
    assert (stats["renegotiated_in_time"], stats["renegotiated_late"]) == (1, 1)


def test_renegotiate_speaks_german_in_german(cli, filled):
    result = cli("renegotiate", filled["offer"], "Dienstag 15 Uhr", env={"COACH_LANG": "de"})
    assert result.out.strip() == ("Ich brauche bis Di., 1. Dez. 2026, 15:00 für „Send the "
                                  "offer“. Entschuldigen Sie die Änderung.")


def test_settings_lists_reads_sets_and_gives_json(cli):
    listing = cli("settings").out
    assert "work_start = 09:00" in listing and "manager_name = " in listing
    assert cli("settings", "manager_name", "Petra Lang").code == 0
    assert cli("settings", "working_days", "mon-thu").code == 0
    assert cli("settings", "manager_name").out.strip() == "Petra Lang"
    values = json.loads(cli("settings", "--json").out)
    assert values["manager_name"] == "Petra Lang" and values["working_days"] == [0, 1, 2, 3]
    assert cli("settings", "commitment_lead_hours", "2").code == 0
    assert json.loads(cli("settings", "commitment_lead_hours", "--json").out) == 2


def test_add_reads_the_date_in_the_title_and_coaches_on_stderr(cli):
    result = cli("add", "Check the Wilsons today", "--to", "the Wilsons")
    assert result.code == 0
    assert "Thu, 26 Nov 2026, 17:00" in result.err and "promise check was skipped" in result.err
    [item] = listed(cli).values()
    assert item["title"] == "Check the Wilsons" and item["due"] == "2026-11-26T17:00:00+01:00"
    undated = cli("add", "Tidy the wiki")
    assert "no due time" in undated.err and "promise check" not in undated.err
    late = cli("add", "Send the minutes", "--due", "2026-11-25 10:00", "--check", "skip")
    assert late.code == 0 and "already passed" in late.err


def test_skipped_checks_count_in_the_statistics(cli):
    cli("add", "Send the offer", "--to", "Frau Schneider", "--due", "today 10am")
    stats = json.loads(cli("stats", "--json").out)
    assert stats["calibration_counts"]["skipped"] == [0, 1]


def test_reply_refuses_what_cannot_be_true(cli, data_dir):
    cli("list")
    before = db_dump(data_dir / "coach.db")
    one_line_exit_2(cli("reply", "Jim", "--received", "tomorrow 9am"))
    one_line_exit_2(cli("reply", "Jim", "--received", "today 10am", "--by", "today 9am"))
    one_line_exit_2(cli("reply", "Jim", "--received", "today 9am", "--by", "today 10am"))
    assert db_dump(data_dir / "coach.db") == before


def test_done_on_a_manager_request_prints_the_close_the_loop_hint(cli):
    item = cli("add", "Quarterly numbers", "--to", "my manager", "--due", "tomorrow",
               "--check", "skip").out.strip()
    result = cli("done", item)
    assert result.code == 0 and "Close the loop" in result.err
    assert '"Quarterly numbers" is done.' in result.err


@pytest.mark.parametrize("lang", ["en", "de"])
def test_every_new_command_is_in_help(cli, lang):
    text = cli("--help", env={"COACH_LANG": lang}).out
    for name in ("edit", "snooze", "renegotiate", "ok", "settings"):
        assert f"    {name} " in text or f"    {name}\n" in text, name
    assert ("list, read or set a setting" if lang == "en"
            else "Einstellungen auflisten, lesen oder setzen") in text


def test_brief_out_writes_the_format_its_extension_names_and_keeps_only_saved_ones(
        cli, filled, data_dir, tmp_path):
    import sqlite3

    def kept() -> int:
        conn = sqlite3.connect(data_dir / "coach.db")
        try:
            return conn.execute("SELECT count(*) FROM briefings").fetchone()[0]
        finally:
            conn.close()

    assert cli("brief").code == 0 and kept() == 0  # a preview is not history
    out = tmp_path / "update.json"
    assert cli("brief", "--out", str(out)).code == 0
    assert json.loads(out.read_text())["sections"] is not None and kept() == 1
    md = tmp_path / "update.md"
    assert cli("brief", "--out", str(md)).code == 0 and md.read_text().startswith("#")
    before = db_dump(data_dir / "coach.db")
    one_line_exit_2(cli("brief", "--out", str(tmp_path / "x.html"), "--format", "json"))
    assert db_dump(data_dir / "coach.db") == before and not (tmp_path / "x.html").exists()


def test_ok_clears_the_wait_for_the_managers_ok(cli, filled, data_dir):
    import sqlite3

    def waiting() -> int:
        conn = sqlite3.connect(data_dir / "coach.db")
        try:
            return conn.execute("SELECT awaiting_ok FROM commitments WHERE id = ?",
                                (int(filled["budget"]),)).fetchone()[0]
        finally:
            conn.close()

    assert waiting() == 1
    assert cli("brief", "--mark-sent").code == 0 and waiting() == 1  # sent is not approved
    assert cli("ok", filled["budget"]).code == 0 and waiting() == 0
