"""A claim that keeps what it planned for the next one (coach.reminders.kept, issue 19)
notifies exactly what planning every item notifies, pass for pass, while the data changes
between passes: in this process, in another process, in the settings, over a day change with
the morning digest, over the change of daylight saving time and a laptop asleep for a day."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.model import commitment
from coach.ops import edit, finish, snooze
from coach.ops.add import add_commitment, add_reply
from coach.reminders import notified
from coach.reminders.kept import Kept
from coach.reminders.notification import Plan
from coach.storage import settings
from tests.test_reminder_pending import BERLIN, full_plan, same, seed

BERLIN_TZ = {"TZ": "Europe/Berlin"}


def claim_both_ways(store, moment: datetime, memo: Kept):
    """Claim at `moment` with the memo; check it against planning every item."""
    expected = full_plan(store, moment)
    claim = notified.claim(store, moment, BERLIN, memo)
    same(Plan(due=claim.plan.due), Plan(due=expected.due))
    # The next wake-up is the one planning every item with the records just written gives.
    assert claim.plan.next_wake == full_plan(store, moment).next_wake
    return claim


def titles(claim) -> list[str]:
    return [note.title for note in claim.plan.due]


def test_kept_passes_notify_what_planning_every_item_notifies(store, now, cli):
    seed(store, now)
    memo = Kept()
    moment = now.astimezone(UTC)
    kept_passes = sent = 0
    seen: list[str] = []
    for step in range(150):
        # Changes between passes, each seen by the very next pass.
        if step == 6:
            add_commitment(store, "Send the new quote", moment, recipient="Frau Weber",
                           due=moment + timedelta(minutes=50))
        elif step == 12:
            late = commitment.list_open(store)[3]
            edit.edit(store, late.id, {"due": moment + timedelta(hours=3)}, moment)
        elif step == 18:
            finish.finish(store, commitment.list_open(store)[5].id, moment)
        elif step == 24:
            item = commitment.list_open(store)[7]
            snooze.snooze(store, item.id, moment + timedelta(hours=5), moment)
        elif step == 30:
            settings.put(store, "work_start", "07:30")
        elif step == 36:
            settings.put(store, "language", "de")
        elif step == 42:
            add_reply(store, "Herr Brandt", moment, channel="call",
                      reply_by=moment + timedelta(minutes=20))
        elif step == 48:  # another process, while this one keeps its memo
            result = cli("add", "Call the auditor back", "--to", "Frau Klein", "--due",
                         (moment + timedelta(minutes=40)).astimezone(BERLIN)
                         .strftime("%Y-%m-%d %H:%M"), now=moment.isoformat(), env=BERLIN_TZ)
            assert result.code == 0, result.err
        elif step == 54:
            result = cli("done", str(commitment.list_open(store)[0].id), now=moment.isoformat())
            assert result.code == 0, result.err
        elif step == 60:
            result = cli("settings", "work_end", "18:00", now=moment.isoformat())
            assert result.code == 0, result.err
        claim = claim_both_ways(store, moment, memo)
        kept_passes += memo.read < 10
        sent += bool(claim.plan.due)
        seen += titles(claim)
        wake = claim.plan.next_wake
        moment = wake if wake and step % 4 else moment + timedelta(minutes=83)
    assert sent > 30
    # Most passes planned only a few items (the rest was kept) ...
    assert kept_passes > 60
    # ... and what was added here and in the other process was reminded of.
    assert any("Send the new quote" in title for title in seen)
    assert any("Call the auditor back" in title for title in seen)
    assert any("Brandt" in title for title in seen)


def test_kept_passes_over_daylight_saving_and_sleep(store, cli):
    # Friday before the clocks go back in Berlin (Sunday 25 October 2026, 03:00 → 02:00).
    start = datetime(2026, 10, 23, 14, 0, tzinfo=BERLIN)
    seed(store, start)
    settings.put(store, "working_days", [0, 1, 2, 3, 4, 5, 6])  # a pass on the Sunday too
    memo = Kept()
    moment = start.astimezone(UTC)
    asleep = False
    while moment < datetime(2026, 10, 28, tzinfo=UTC):
        claim = claim_both_ways(store, moment, memo)
        wake = claim.plan.next_wake
        if not asleep and moment > datetime(2026, 10, 24, 18, tzinfo=UTC):
            # The laptop sleeps through the night of the switch and wakes up late.
            asleep = True
            moment = datetime(2026, 10, 25, 9, 17, tzinfo=UTC)
            continue
        moment = wake if wake is not None else moment + timedelta(hours=1)
    assert memo.outlook is not None


def test_a_memo_of_another_store_or_zone_is_not_used(store, now, data_dir):
    from zoneinfo import ZoneInfo

    from coach.storage.store import open_store

    seed(store, now)
    memo = Kept()
    moment = now.astimezone(UTC)
    for _first in range(2):  # the morning digest's pass, then the first one it keeps
        notified.claim(store, moment, BERLIN, memo)
        moment += timedelta(minutes=5)
    claim_both_ways(store, moment, memo)
    assert memo.read < 10
    # Another connection to the same file: its own writes are not this one's to count.
    other = open_store(data_dir)
    try:
        moment += timedelta(minutes=5)
        notified.claim(other, moment, BERLIN, memo)
        assert memo.read > 10
    finally:
        other.close()
    moment += timedelta(minutes=5)
    notified.claim(store, moment, ZoneInfo("Europe/Lisbon"), memo)
    assert memo.read > 10
