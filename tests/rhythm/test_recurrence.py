"""Recurring commitments: the phrases, the stored rule, and occurrences across DST."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from coach.model import recurrence as rec

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 4, 12, 0, tzinfo=UTC)  # a Wednesday


@pytest.mark.parametrize(("phrase", "rule", "start"), [
    ("every Friday 9am", "FREQ=WEEKLY;BYDAY=FR", "2026-03-06T09:00"),
    ("jeden Freitag 9 Uhr", "FREQ=WEEKLY;BYDAY=FR", "2026-03-06T09:00"),
    ("freitags um 9", "FREQ=WEEKLY;BYDAY=FR", "2026-03-06T09:00"),
    ("every 2 weeks on Monday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-03-09T17:00"),
    ("alle zwei Wochen am Montag 8:30", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO", "2026-03-09T08:30"),
    ("monatlich am 1.", "FREQ=MONTHLY;BYMONTHDAY=1", "2026-04-01T17:00"),
    ("monthly on the 15th at 10am", "FREQ=MONTHLY;BYMONTHDAY=15", "2026-03-15T10:00"),
    ("each workday 17:00", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-03-04T17:00"),
    ("werktags 7 Uhr", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR", "2026-03-05T07:00"),
    ("täglich 18 Uhr", "FREQ=DAILY", "2026-03-04T18:00"),
    ("every other week on Monday and Thursday", "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
     "2026-03-05T17:00"),
])
def test_phrases_in_english_and_german_become_rules(phrase, rule, start):
    found = rec.parse(phrase, NOW, BERLIN)
    assert (found.rule, found.start.isoformat(timespec="minutes"), found.tz) == (
        rule, start, "Europe/Berlin")
    assert rec.looks_recurring(phrase)


@pytest.mark.parametrize("phrase", ["weekly", "monthly", "every", "every blah", "jeden",
                                    "every Friday 25:00", "every Friday on the 3rd",
                                    "every Friday 9am 10am", "tomorrow 10am", ""])
def test_vague_or_unknown_rules_are_refused_not_guessed(phrase):
    with pytest.raises(rec.RecurrenceError, match="Cannot understand the rule"):
        rec.parse(phrase, NOW, BERLIN)


def test_looks_recurring_tells_rules_from_single_dates():
    assert rec.looks_recurring("every Friday") and rec.looks_recurring("jeden Montag 9 Uhr")
    assert rec.looks_recurring("alle 2 Wochen") and rec.looks_recurring("mondays")
    for single in ("next Friday", "tomorrow 10am", "nächsten Freitag", "Montag 9 Uhr",
                   "in 2 weeks"):
        assert not rec.looks_recurring(single), single


def test_quick_capture_splits_a_trailing_rule_off_the_title():
    title, found = rec.split_recurring("Send my manager the weekly report every Friday 9am",
                                       NOW, BERLIN)
    assert title == "Send my manager the weekly report"
    assert found.rule == "FREQ=WEEKLY;BYDAY=FR"
    assert rec.split_recurring("Call Jim tomorrow", NOW, BERLIN) == ("Call Jim tomorrow", None)


def test_the_seam_for_caldav_gives_the_rrule_and_its_zone():
    class Item:
        rule, rule_start, rule_tz = "FREQ=WEEKLY;BYDAY=FR", "2026-03-06T09:00", "Europe/Berlin"

    assert rec.rrule_of(Item()) == "FREQ=WEEKLY;BYDAY=FR"
    assert rec.start_of(Item()) == (datetime(2026, 3, 6, 9, 0), "Europe/Berlin")
    assert rec.rrule_of(object()) is None


def _commitments(cli, now):
    return json.loads(cli("list", "--json", "--all", now=now).out)["commitments"]


def _work_through(cli, first_id: int, times: list[str]) -> list[str]:
    """Finish each occurrence at the given moment; the due times of all occurrences seen."""
    seen, current = [], first_id
    for moment in times:
        rows = {r["id"]: r for r in _commitments(cli, moment)}
        seen.append(rows[current]["due"])
        assert cli("done", str(current), now=moment).code == 0
        after = [r for r in _commitments(cli, moment) if r["status"] == "open"
                 and r["title"] == rows[current]["title"]]
        [nxt] = after
        current = nxt["id"]
    seen.append({r["id"]: r for r in _commitments(cli, times[-1])}[current]["due"])
    return seen


def test_a_month_of_a_weekly_rule_keeps_9am_across_the_spring_dst_change(cli):
    # Europe/Berlin moves to summer time on Sunday 29 March 2026.
    start = "2026-03-04T12:00:00+01:00"
    added = cli("add", "Weekly report to Petra", "--every", "every Friday 9am", now=start)
    assert added.code == 0, added.err
    dues = _work_through(cli, int(added.out), [
        "2026-03-06T08:30:00+01:00", "2026-03-13T08:45:00+01:00",
        "2026-03-20T10:00:00+01:00", "2026-03-27T08:00:00+01:00"])
    assert dues == ["2026-03-06T09:00:00+01:00", "2026-03-13T09:00:00+01:00",
                    "2026-03-20T09:00:00+01:00", "2026-03-27T09:00:00+01:00",
                    "2026-04-03T09:00:00+02:00"]
    done = [r for r in _commitments(cli, start) if r["status"] == "done"]
    # Statistics count occurrences: four promises, one of them late (the 20th at 10:00).
    assert [r["outcome"] for r in done] == ["kept", "kept", "late", "kept"]
    stats = json.loads(cli("stats", "--json", now="2026-03-28T12:00:00+01:00").out)
    assert stats["rhythm"]["occurrences_done"] == 4
    assert stats["rhythm"]["occurrences_kept_on_time"] == 3


def test_a_monthly_rule_keeps_its_wall_time_across_dst(cli):
    added = cli("add", "Timesheet", "--every", "monatlich am 1. um 9 Uhr",
                now="2026-02-15T12:00:00+01:00")
    assert added.code == 0, added.err
    dues = _work_through(cli, int(added.out), ["2026-03-01T08:00:00+01:00",
                                                "2026-04-01T08:00:00+02:00"])
    assert dues == ["2026-03-01T09:00:00+01:00", "2026-04-01T09:00:00+02:00",
                    "2026-05-01T09:00:00+02:00"]


def test_a_workday_rule_across_the_autumn_change_and_a_skip_is_recorded(cli):
    # Berlin returns to winter time on Sunday 25 October 2026.
    added = cli("add", "Update the ticket board", "--every", "each workday 17:00",
                now="2026-10-23T09:00:00+02:00")
    first = int(added.out)
    [row] = _commitments(cli, "2026-10-23T09:00:00+02:00")
    assert row["due"] == "2026-10-23T17:00:00+02:00"  # Friday
    skipped = cli("skip", str(first), "--note", "team offsite", now="2026-10-23T09:05:00+02:00")
    assert skipped.code == 0, skipped.err
    assert "Monday" in skipped.out
    [row] = _commitments(cli, "2026-10-23T09:05:00+02:00")
    assert row["id"] == first and row["due"] == "2026-10-26T17:00:00+01:00"
    stats = json.loads(cli("stats", "--json", now="2026-10-23T10:00:00+02:00").out)
    assert stats["rhythm"]["occurrences_skipped"] == 1
    assert stats["promises_settled"] == 0  # a skip is not a broken promise


def test_undoing_a_skip_puts_back_exactly_the_rows_before_it(data_dir):
    from coach.ops import undo
    from coach.rhythm import series
    from coach.storage.store import open_store

    now = datetime(2026, 10, 23, 7, 0, tzinfo=UTC)
    with open_store(data_dir) as store:
        rule = rec.parse("each workday 17:00", now, BERLIN)
        item = series.add(store, series.new_series("Update the ticket board", rule, now))
        before = undo.take(store, frozenset({item.id}))
        done = undo.record(store, {item.id},
                           lambda s: series.skip_occurrence(s, item.id, now, "offsite"))
        assert len(series.skips(store, item.id)) == 1
        done.undo(store)
        assert undo.take(store, frozenset({item.id})) == before
        assert series.skips(store, item.id) == []
        done.redo(store)
        assert [s["note"] for s in series.skips(store, item.id)] == ["offsite"]


def test_bad_rules_exit_2_with_one_line_and_change_nothing(cli, data_dir):
    for args in (["--every", "every blah"], ["--every", "weekly"],
                 ["--every", "every Friday", "--due", "tomorrow"]):
        result = cli("add", "Report", *args)
        assert result.code == 2 and result.err.count("\n") == 1, result.err
        assert "Traceback" not in result.err
    assert cli("list", "--json").out.count('"id"') == 0
    plain = cli("add", "One-off")
    assert cli("skip", plain.out.strip()).code == 2
