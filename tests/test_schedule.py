"""Scheduling with a fixed clock: working hours, weekends, DST in Berlin, suspend, quiet, pause."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from coach.model.owed_reply import OwedReply
from coach.reminders import schedule
from coach.rules.reply_by import reply_by
from coach.storage.settings import DEFAULTS

BERLIN = ZoneInfo("Europe/Berlin")


def at(text: str) -> datetime:
    """A Berlin wall time as an aware UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN).astimezone(UTC)


def reply(item_id: int, received: str, channel: str = "call", urgent: bool = False,
          who: str = "Jim Baker", about: str | None = "refund", values=None) -> OwedReply:
    got = at(received)
    due = reply_by(channel, got, urgent, BERLIN, values or DEFAULTS)
    return OwedReply(id=item_id, who=who, channel=channel, about=about, received=got,
                     reply_by=due, urgent=urgent, created=got, updated=got)


def plan(replies, now, notified=None, **settings):
    values = dict(DEFAULTS, **settings)
    return schedule.plan(replies, values, now, notified or {}, BERLIN)


def delivered(records, p, now):
    """Apply a plan's deliveries to an in-memory record, as notified.claim does."""
    records = dict(records)
    for note in p.due:
        for key, item_id in zip(note.record_keys, note.item_ids, strict=True):
            records[key] = schedule.after_delivery(records.get(key), key, item_id, now)
    return records


def test_call_is_notified_at_its_reply_by_time_with_who_channel_and_subject():
    call = reply(1, "2026-11-26 10:00")  # Thursday
    assert call.reply_by == at("2026-11-26 14:00")
    before = plan([call], at("2026-11-26 13:59"))
    assert before.due == [] and before.next_wake == at("2026-11-26 14:00")
    due = plan([call], at("2026-11-26 14:00")).due
    assert len(due) == 1
    note = due[0]
    assert "Jim Baker" in note.title
    assert "Call" in note.body and "refund" in note.body
    assert note.item_ids == (1,) and set(note.actions) == {"returned", "snooze", "open"}


def test_back_off_every_two_working_hours_then_daily_skipping_the_night():
    call = reply(1, "2026-11-26 10:00")
    records: dict = {}
    now = call.reply_by
    sent = []
    for _ in range(7):
        p = plan([call], now, records)
        assert len(p.due) == 1, now
        sent.append(now.astimezone(BERLIN).strftime("%a %H:%M"))
        records = delivered(records, p, now)
        again = plan([call], now, records)
        assert again.due == []  # nothing twice
        now = again.next_wake
    assert sent == ["Thu 14:00", "Thu 16:00", "Fri 10:00", "Fri 12:00", "Fri 14:00",
                    "Mon 14:00", "Tue 14:00"]


def test_a_call_on_friday_afternoon_waits_for_monday_over_the_weekend():
    call = reply(1, "2026-11-27 15:00")  # Friday
    p = plan([call], at("2026-11-28 12:00"))  # Saturday
    assert p.due == []
    assert p.next_wake == at("2026-11-30 11:00")


def test_email_is_due_at_the_end_of_the_next_working_day_and_notified_before_it_ends():
    mail = reply(1, "2026-11-27 09:30", channel="email")
    assert mail.reply_by == at("2026-11-30 17:00")
    # Advised "today" on Monday, so it is notified an hour before that working day ends.
    early = plan([mail], at("2026-11-30 15:59"))
    assert early.due == [] and early.next_wake == at("2026-11-30 16:00")
    [note] = plan([mail], at("2026-11-30 16:00")).due
    assert "The reply is due in 1 hour." in note.body
    records = delivered({}, plan([mail], at("2026-11-30 16:00")), at("2026-11-30 16:00"))
    assert plan([mail], at("2026-11-30 16:59"), records).due == []
    assert len(plan([mail], at("2026-11-30 17:00"), records).due) == 1


@pytest.mark.parametrize(("received", "due_utc"), [
    # Spring forward on Sunday 2026-03-29: Monday 11:00 is CEST (UTC+2).
    ("2026-03-27 15:00", datetime(2026, 3, 30, 9, 0, tzinfo=UTC)),
    # Fall back on Sunday 2026-10-25: Monday 12:00 is CET (UTC+1).
    ("2026-10-23 16:00", datetime(2026, 10, 26, 11, 0, tzinfo=UTC)),
])
def test_working_hours_across_the_daylight_saving_weekends(received, due_utc):
    call = reply(1, received)
    p = plan([call], due_utc - timedelta(hours=30))
    assert p.next_wake == due_utc
    assert plan([call], due_utc - timedelta(seconds=1)).due == []
    assert len(plan([call], due_utc).due) == 1


@pytest.mark.parametrize(("received", "quiet_end_utc"), [
    ("2026-03-28 21:30", datetime(2026, 3, 29, 5, 0, tzinfo=UTC)),  # 07:00 CEST
    ("2026-10-24 21:30", datetime(2026, 10, 25, 6, 0, tzinfo=UTC)),  # 07:00 CET
])
def test_quiet_hours_end_at_seven_local_on_the_daylight_saving_night(received, quiet_end_utc):
    urgent = reply(1, received, urgent=True)  # due 22:30, inside quiet hours
    p = plan([urgent], urgent.reply_by)
    assert p.due == []
    assert p.next_wake == quiet_end_utc
    assert len(plan([urgent], quiet_end_utc).due) == 1


def test_nothing_during_quiet_hours_even_if_overdue():
    call = reply(1, "2026-11-26 10:00")
    p = plan([call], at("2026-11-26 23:00"))
    assert p.due == [] and p.next_wake == at("2026-11-27 07:00")


def test_quiet_hours_can_be_switched_off_and_moved():
    call = reply(1, "2026-11-26 10:00")
    assert len(plan([call], at("2026-11-26 23:00"), quiet_start="00:00",
                    quiet_end="00:00").due) == 1
    p = plan([call], at("2026-11-26 14:30"), quiet_start="12:00", quiet_end="15:00")
    assert p.due == [] and p.next_wake == at("2026-11-26 15:00")


def test_pause_holds_everything_until_it_ends():
    call = reply(1, "2026-11-26 10:00")
    pause = at("2026-11-26 16:30").isoformat()
    p = plan([call], at("2026-11-26 15:00"), paused_until=pause)
    assert p.due == [] and p.next_wake == at("2026-11-26 16:30")
    assert len(plan([call], at("2026-11-26 16:30"), paused_until=pause).due) == 1


def test_pause_ending_in_quiet_hours_waits_for_the_morning():
    call = reply(1, "2026-11-26 10:00")
    pause = at("2026-11-26 22:00").isoformat()
    p = plan([call], at("2026-11-26 15:00"), paused_until=pause)
    assert p.next_wake == at("2026-11-27 07:00")


def test_after_a_ten_hour_suspend_everything_due_comes_as_one_grouped_notification():
    replies = [reply(i, f"2026-11-26 {6 + i:02d}:15", who=f"Caller {i}") for i in range(1, 7)]
    replies.append(reply(9, "2026-11-26 16:00", who="Later"))  # due Friday 12:00
    asleep = at("2026-11-26 08:00")
    p = plan(replies, asleep)
    assert p.due == [] and p.next_wake == at("2026-11-26 13:00")
    woke = asleep + timedelta(hours=10)  # 18:00, nothing notified in between
    p = plan(replies, woke)
    assert len(p.due) == 1
    group = p.due[0]
    assert group.title == "6 replies overdue"
    assert set(group.item_ids) == {1, 2, 3, 4, 5, 6}
    assert "Caller 1" in group.body and "and 1 more" in group.body
    after = plan(replies, woke, delivered({}, p, woke))
    assert after.due == []
    assert after.next_wake == at("2026-11-27 11:00")  # 2 working hours after 18:00


def test_returned_replies_are_never_notified():
    call = reply(1, "2026-11-26 10:00")
    call.status = "returned"
    p = plan([call], at("2026-11-26 15:00"))
    assert p.due == [] and p.next_wake is None


def test_snooze_moves_the_next_reminder_one_hour_on():
    call = reply(1, "2026-11-26 10:00")
    records = delivered({}, plan([call], call.reply_by), call.reply_by)
    rec = records["reply:1"]
    snoozed = schedule.Notified(rec.key, 1, rec.first_at, rec.last_at, rec.count,
                                snoozed_until=at("2026-11-26 15:00"))
    p = plan([call], at("2026-11-26 14:30"), {"reply:1": snoozed})
    assert p.due == [] and p.next_wake == at("2026-11-26 15:00")


def test_a_reply_by_moved_later_starts_the_reminders_afresh():
    call = reply(1, "2026-11-26 10:00")
    records = delivered({}, plan([call], call.reply_by), call.reply_by)
    call.reply_by = at("2026-11-27 09:30")
    p = plan([call], at("2026-11-26 16:00"), records)
    assert p.due == [] and p.next_wake == at("2026-11-27 09:30")


def test_plan_refuses_a_naive_clock():
    with pytest.raises(ValueError):
        plan([], datetime(2026, 11, 26, 15, 0))


def test_an_email_reply_in_german_says_e_mail_as_german_writes_it():
    from coach.i18n import current_language, set_language

    mail = reply(1, "2026-11-27 09:30", channel="email")
    before = current_language()
    set_language("de")
    try:
        [note] = plan([mail], at("2026-11-30 16:00")).due
    finally:
        set_language(before)
    assert note.body.startswith("E-Mail") and "ist in 1 Stunde fällig" in note.body
