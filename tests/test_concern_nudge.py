"""Concern nudges: when they fire, that they fire once, and quiet until heat rises again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.model import concern
from coach.reminders import concern_nudge
from coach.reminders.concern_nudge import Thresholds, due_nudges, needs_telling


def _concern(now, heat, told_heat=None):
    item = concern.new("ACME unhappy", now, heat=heat)
    item.id = 7
    if told_heat is not None:
        item.told_heat, item.told_at = told_heat, now - timedelta(days=1)
    return item


@pytest.mark.parametrize("heat, told, expected", [
    (1, None, False), (2, None, False), (3, None, True), (5, None, True),
    (3, 3, False),   # told at this heat: quiet
    (2, 3, False),   # cooled down: quiet
    (4, 3, True),    # rose again above what the manager heard
    (2, 1, False),   # rose, but below the threshold and by less than 2
    (3, 1, True),
])
def test_needs_telling_with_default_thresholds(now, heat, told, expected):
    assert needs_telling(_concern(now, heat, told)) is expected


def test_rise_by_two_counts_even_below_a_higher_threshold(now):
    limits = Thresholds(heat=4, rise=2)
    assert not needs_telling(_concern(now, 3), limits)
    assert needs_telling(_concern(now, 3, told_heat=1), limits)
    assert not needs_telling(_concern(now, 3, told_heat=2), limits)


def test_resolved_concerns_never_nudge(now):
    item = _concern(now, 5)
    item.status = concern.RESOLVED
    assert not needs_telling(item)


def test_nudge_text_says_tell_today_and_now_at_the_top_heat_like_the_advice(now):
    (nudge,) = due_nudges([_concern(now, 4, told_heat=2)], now)
    assert nudge.title == "Tell your manager today: ACME unhappy"
    (top,) = due_nudges([_concern(now, 5, told_heat=2)], now)
    assert top.title == "Tell your manager now: ACME unhappy"
    assert "up from 2" in nudge.body and nudge.heat == 4 and nudge.concern_id == 7


def test_key_changes_with_heat_and_with_telling(now):
    a = _concern(now, 3)
    b = _concern(now, 4)
    c = _concern(now, 3, told_heat=2)
    assert len({concern_nudge.key_of(x) for x in (a, b, c)}) == 3
    assert concern_nudge.key_of(a).startswith("concern:7:heat:3")


def test_end_to_end_once_per_heat_and_quiet_until_heat_rises_again(store, now):
    item = concern.add(store, concern.new("ACME unhappy", now, heat=2))

    def run(at):
        sent = concern_nudge.pending(store, at)
        for nudge in sent:
            concern_nudge.record_sent(store, nudge, at)
        return [(n.concern_id, n.heat) for n in sent]

    assert run(now) == []
    concern.set_heat(store, item, 3, now, "Jim called twice")
    assert run(now) == [(item.id, 3)]
    assert run(now + timedelta(minutes=5)) == []          # nudged already: not again
    concern.mark_told(store, item, now + timedelta(minutes=10))
    assert run(now + timedelta(minutes=15)) == []         # told: quiet
    concern.set_heat(store, item, 2, now + timedelta(hours=1))
    concern.set_heat(store, item, 3, now + timedelta(hours=2))
    assert run(now + timedelta(hours=2)) == []            # back to what she heard: quiet
    concern.set_heat(store, item, 4, now + timedelta(hours=3), "threatens to cancel")
    assert run(now + timedelta(hours=3)) == [(item.id, 4)]  # rose again
    assert run(now + timedelta(hours=4)) == []
    row = store.conn.execute("SELECT count(*) FROM notifications WHERE item_id = ?",
                             (item.id,)).fetchone()
    assert row[0] == 2


def test_telling_again_at_the_same_heat_later_allows_a_fresh_nudge(store, now):
    item = concern.add(store, concern.new("Server migration slipping", now, heat=4))
    assert len(concern_nudge.pending(store, now)) == 1
    concern_nudge.record_sent(store, concern_nudge.pending(store, now)[0], now)
    concern.mark_told(store, item, now)
    concern.set_heat(store, item, 2, now)
    concern.mark_told(store, item, now + timedelta(days=1))
    concern.set_heat(store, item, 4, now + timedelta(days=2))
    # Heat 4 was nudged before, but she has since heard heat 2: this is news again.
    assert [n.heat for n in concern_nudge.pending(store, now + timedelta(days=2))] == [4]


def test_cli_told_silences_the_nudge(cli, store, now):
    concern_id = int(cli("concern", "ACME unhappy", "--heat", "3").out)
    assert [n.concern_id for n in concern_nudge.pending(store, now)] == [concern_id]
    assert cli("told", str(concern_id)).code == 0
    assert concern_nudge.pending(store, now) == []
    assert cli("heat", str(concern_id), "4").code == 0
    assert [n.heat for n in concern_nudge.pending(store, now)] == [4]


def test_settings_change_the_threshold(store, now):
    from coach.storage import settings

    settings.put(store, "concern_nudge_heat", 4)
    concern.add(store, concern.new("Warm", now, heat=3))
    assert concern_nudge.pending(store, now) == []


def test_the_shared_reminder_pass_sends_the_nudge_once(store, now):
    """`coach remind --once` and the window's timer claim through coach.reminders.notified."""
    from coach.reminders import notified
    from coach.timing.dates import local_tz

    item = concern.add(store, concern.new("ACME unhappy", now, heat=3))
    first = notified.claim(store, now, local_tz()).plan.due
    # The morning digest (first of the day, caught up at 15:00) names it too.
    assert [(n.kind, n.item_ids, n.actions) for n in first] == [
        ("digest", (item.id,), ("open",)), ("concern", (item.id,), ("brief", "open"))]
    assert first[1].title == "Tell your manager today: ACME unhappy"
    assert notified.claim(store, now + timedelta(minutes=10), local_tz()).plan.due == []
    concern.set_heat(store, item, 4, now + timedelta(minutes=20))
    again = notified.claim(store, now + timedelta(minutes=30), local_tz()).plan.due
    assert [n.item_ids for n in again] == [(item.id,)]


def test_quiet_hours_hold_the_nudge_until_morning(store):
    from datetime import datetime

    from coach.reminders import notified
    from coach.timing.dates import local_tz

    tz = local_tz()
    night = datetime(2026, 11, 26, 22, 0, tzinfo=tz)
    concern.add(store, concern.new("ACME unhappy", night, heat=5))
    plan = notified.current_plan(store, night, tz)
    assert plan.due == []
    assert plan.next_wake.astimezone(tz).strftime("%d %H:%M") == "27 07:00"
