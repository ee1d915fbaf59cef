"""A recurring commitment is one repeating task on the phone, on Radicale and on Xandikos.

The series starts on Friday 23 October 2026 at 09:00 in Berlin; summer time ends on
Sunday 25 October, so the next Friday's 09:00 is an hour later in UTC.
"""

from __future__ import annotations

from datetime import UTC

import pytest

from coach.errors import CoachError
from coach.model import commitment, commitment_log, recurrence
from coach.ops import commitment_edit, finish
from coach.rhythm import series
from tests.sync.helpers import BERLIN, at, connect, reload, sync

TITLE = "Send Petra the weekly report"


def weekly(store, now):
    rule = recurrence.parse("every Friday 9am", now, BERLIN)
    return series.add(store, series.new_series(TITLE, rule, now))


def occurrences(store):
    return [c for c in commitment.list_open(store) if c.title == TITLE]


def start(store, caldav_server, phone):
    now = at("2026-10-22 15:00")
    first = weekly(store, now)
    connect(store, caldav_server, now)
    sync(store, now)
    return first, phone.by_summary(TITLE)


def test_a_weekly_rule_goes_up_repeating_at_nine_in_berlin_across_dst(
        store, caldav_server, phone):
    from dateutil.rrule import rrulestr

    first, uid = start(store, caldav_server, phone)

    task = phone.todos()[uid]
    raw = phone.raw(uid)
    assert task["rrule"].to_ical().decode() == "FREQ=WEEKLY;BYDAY=FR"
    assert "DTSTART;TZID=Europe/Berlin:20261023T090000" in raw
    assert "DUE;TZID=Europe/Berlin:20261023T090000" in raw
    # What a phone's calendar makes of it: 09:00 on both sides of the change.
    start_at = task.decoded("dtstart")
    expanded = list(rrulestr(task["rrule"].to_ical().decode(), dtstart=start_at))[:3]
    assert [d.strftime("%Y-%m-%d %H:%M %Z") for d in expanded] == [
        "2026-10-23 09:00 CEST", "2026-10-30 09:00 CET", "2026-11-06 09:00 CET"]
    assert reload(store, first).due == at("2026-10-23 09:00")


def test_moving_due_to_the_next_occurrence_on_the_phone_completes_this_one(
        store, caldav_server, phone):
    first, uid = start(store, caldav_server, phone)

    # Tasks.org and jtx: the same task moves on to next Friday and stays NEEDS-ACTION.
    phone.edit(uid, at("2026-10-23 09:30"), due=at("2026-10-30 09:00"),
               dtstart=at("2026-10-30 09:00"))
    result = sync(store, at("2026-10-23 10:00"))

    assert reload(store, first).status == "done"
    [nxt] = occurrences(store)
    assert nxt.due == at("2026-10-30 09:00") and nxt.due.astimezone(UTC).hour == 8
    assert nxt.series_id == first.id and nxt.rule == first.rule
    assert ("status", "phone") in {(e.field, e.source)
                                   for e in commitment_log.entries(store, first.id)}
    todos = phone.todos()
    assert list(todos) == [uid]  # one task, one series
    task = todos[uid]
    assert str(task["status"]) == "NEEDS-ACTION" and task.decoded("due") == at(
        "2026-10-30 09:00")
    assert "RRULE:FREQ=WEEKLY;BYDAY=FR" in phone.raw(uid)
    assert result.conflicts == 0
    again = sync(store, at("2026-10-23 10:05"))
    assert (again.sent, again.received) == (0, 0)
    assert len(occurrences(store)) == 1


def test_completing_on_the_phone_completes_this_one_and_the_task_moves_on(
        store, caldav_server, phone):
    first, uid = start(store, caldav_server, phone)

    phone.complete(uid, at("2026-10-23 08:45"))
    sync(store, at("2026-10-23 08:50"))

    assert reload(store, first).status == "done"
    assert reload(store, first).outcome == "kept"
    [nxt] = occurrences(store)
    assert nxt.due == at("2026-10-30 09:00")
    todos = phone.todos()
    assert list(todos) == [uid]
    task = todos[uid]
    assert str(task["status"]) == "NEEDS-ACTION" and task.get("completed") is None
    assert task.decoded("due") == at("2026-10-30 09:00")
    assert "RRULE:FREQ=WEEKLY;BYDAY=FR" in phone.raw(uid)
    again = sync(store, at("2026-10-23 09:00"))
    assert (again.sent, again.received) == (0, 0)

    # And the next week, completed again: one occurrence done per completion.
    phone.complete(uid, at("2026-10-30 08:00"))
    sync(store, at("2026-10-30 08:05"))
    assert reload(store, nxt).status == "done"
    assert [c.due for c in occurrences(store)] == [at("2026-11-06 09:00")]
    assert list(phone.todos()) == [uid]


def test_a_due_moved_elsewhere_is_a_plain_due_change(store, caldav_server, phone):
    first, uid = start(store, caldav_server, phone)

    phone.edit(uid, at("2026-10-22 16:00"), due=at("2026-10-24 11:00"))
    sync(store, at("2026-10-22 16:05"))

    after = reload(store, first)
    assert after.status == "open" and after.due == at("2026-10-24 11:00")
    assert occurrences(store) == [after]
    assert ("due", "phone") in {(e.field, e.source)
                                for e in commitment_log.entries(store, first.id)}
    assert list(phone.todos()) == [uid]
    assert "RRULE:FREQ=WEEKLY;BYDAY=FR" in phone.raw(uid)


def test_a_rule_edited_on_the_phone_is_kept_in_the_log_and_ours_goes_back(
        store, caldav_server, phone):
    import icalendar

    first, uid = start(store, caldav_server, phone)

    phone.edit(uid, at("2026-10-22 16:00"),
               rrule=icalendar.vRecur.from_ical("FREQ=WEEKLY;BYDAY=MO"))
    result = sync(store, at("2026-10-22 16:05"))

    assert reload(store, first).rule == "FREQ=WEEKLY;BYDAY=FR"
    kept = [(e.kind, e.field, e.old, e.source) for e in commitment_log.entries(store, first.id)]
    assert ("kept", "rule", "FREQ=WEEKLY;BYDAY=MO", "phone") in kept
    assert result.conflicts == 1
    assert "RRULE:FREQ=WEEKLY;BYDAY=FR" in phone.raw(uid)
    [entry] = [e for e in commitment_log.entries(store, first.id) if e.kind == "kept"]
    assert "repeat rule: FREQ=WEEKLY;BYDAY=MO (from the task list)" in \
        commitment_log.describe(entry)
    with pytest.raises(CoachError, match="keeps its own rule"):
        commitment_edit.restore_kept(store, entry.id, at("2026-10-22 16:07"))
    again = sync(store, at("2026-10-22 16:10"))
    assert (again.sent, again.received, again.conflicts) == (0, 0, 0)


def test_completing_here_moves_the_same_task_on(store, caldav_server, phone):
    first, uid = start(store, caldav_server, phone)

    finish.finish(store, first.id, at("2026-10-23 08:30"))
    result = sync(store, at("2026-10-23 08:35"))

    todos = phone.todos()
    assert list(todos) == [uid]
    assert str(todos[uid]["status"]) == "NEEDS-ACTION"
    assert todos[uid].decoded("due") == at("2026-10-30 09:00")
    assert (result.up_new, result.up_changed) == (0, 1)
    again = sync(store, at("2026-10-23 08:40"))
    assert (again.sent, again.received) == (0, 0)


def test_an_occurrence_finished_late_on_the_phone_moves_on_past_today(
        store, caldav_server, phone):
    first, uid = start(store, caldav_server, phone)

    # Twelve days late, the phone moves the task on by one week: still in the past.
    phone.edit(uid, at("2026-11-04 12:00"), due=at("2026-10-30 09:00"),
               dtstart=at("2026-10-30 09:00"))
    sync(store, at("2026-11-04 12:05"))

    assert reload(store, first).status == "done"
    assert [c.due for c in occurrences(store)] == [at("2026-11-06 09:00")]
    assert list(phone.todos()) == [uid]
    assert phone.todos()[uid].decoded("due") == at("2026-11-06 09:00")


def test_a_repeating_task_made_on_the_phone_is_a_one_off_here_with_its_rule_logged(
        store, caldav_server, phone):
    import icalendar

    start(store, caldav_server, phone)
    made = phone.add("Water the plants", at("2026-10-22 16:00"), due=at("2026-10-23 12:00"))
    phone.edit(made, at("2026-10-22 16:00"), rrule=icalendar.vRecur.from_ical("FREQ=DAILY"))
    sync(store, at("2026-10-22 16:05"))

    [item] = [c for c in commitment.list_open(store) if c.title == "Water the plants"]
    assert item.rule is None and item.due == at("2026-10-23 12:00")
    assert ("kept", "rule", "FREQ=DAILY") in {
        (e.kind, e.field, e.old) for e in commitment_log.entries(store, item.id)}
    assert "RRULE" not in phone.raw(made)
