"""Advice and reminders never contradict each other, over generated items (hypothesis).

For any open item the lists advise "call now", a notification is due at that very moment
when it is inside working hours (and not quiet or paused); one advised "today" is notified
before that working day ends.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.model.commitment import Commitment
from coach.model.labels import CALL_NOW, TODAY
from coach.model.owed_reply import OwedReply
from coach.reminders import schedule
from coach.rules.urgency import Coefficients, assess_item
from coach.storage.settings import DEFAULTS

BERLIN = ZoneInfo("Europe/Berlin")
WORDS = ["refund", "invoice", "Server down since 8am", "läuft nicht", "geht nicht",
         "funktioniert nicht", "not working", "kaputt", "Ausfall", "dringend", "sofort",
         "asap", "call back", "Rückruf", "customer", "Kunde", "quarterly report", ""]
PEOPLE = ["Jim Baker", "Herr Jansen", "my manager", "Frau Schneider", "Kundin Weber"]


@st.composite
def moments(draw) -> datetime:
    """A moment inside working hours (Mon–Fri 09:00–16:59 Berlin), across 2026 and DST."""
    day = datetime(2026, 1, 5) + timedelta(weeks=draw(st.integers(0, 50)),
                                           days=draw(st.integers(0, 4)))
    minute = draw(st.integers(9 * 60, 17 * 60 - 1))
    return day.replace(hour=minute // 60, minute=minute % 60, tzinfo=BERLIN).astimezone(UTC)


@st.composite
def items(draw, now: datetime):
    offset = timedelta(minutes=draw(st.integers(-10 * 24 * 60, 10 * 24 * 60)))
    text = draw(st.sampled_from(WORDS))
    who = draw(st.sampled_from(PEOPLE))
    urgent = draw(st.booleans())
    created = now - timedelta(hours=draw(st.integers(0, 400)))
    if draw(st.booleans()):
        due = None if draw(st.integers(0, 5)) == 0 else now + offset
        return Commitment(id=1, title=text or "Send the offer", recipient=who, due=due,
                          urgent=urgent, created=created, updated=created)
    received = min(created, now)
    return OwedReply(id=1, who=who, channel=draw(st.sampled_from(
        ["call", "voicemail", "email", "message"])), about=text or None, received=received,
        reply_by=max(received, now + offset), urgent=urgent, created=received, updated=now)


@st.composite
def cases(draw):
    now = draw(moments())
    return now, draw(items(now))


def plan_for(item, now):
    replies = [item] if isinstance(item, OwedReply) else []
    commitments = [item] if isinstance(item, Commitment) else []
    return schedule.plan(replies, DEFAULTS, now, {}, BERLIN, commitments_=commitments)


@settings(max_examples=400, deadline=None)
@given(cases())
def test_call_now_is_notified_now_within_working_hours(case):
    now, item = case
    advice = assess_item(item, now, Coefficients.from_settings(DEFAULTS)).advice
    due_ids = [i for note in plan_for(item, now).due for i in note.item_ids]
    if advice == CALL_NOW:
        assert due_ids == [item.id], (advice, item)


@settings(max_examples=300, deadline=None)
@given(cases())
def test_today_is_notified_before_the_working_day_ends(case):
    now, item = case
    advice = assess_item(item, now, Coefficients.from_settings(DEFAULTS)).advice
    if advice != TODAY:
        return
    found = plan_for(item, now)
    end = now.astimezone(BERLIN).replace(hour=17, minute=0)
    assert found.due or (found.next_wake is not None and found.next_wake < end), item


def test_an_overdue_promise_is_never_later_than_today_and_an_overdue_callback_is_call_now():
    now = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    coeff = Coefficients.from_settings(DEFAULTS)
    late = Commitment(id=1, title="Send the slides", recipient="Jim", due=now - timedelta(
        minutes=5), created=now, updated=now)
    assert assess_item(late, now, coeff).advice in (TODAY, CALL_NOW)
    callback = Commitment(id=2, title="Call back Herr Jansen", recipient="Herr Jansen",
                          due=now - timedelta(minutes=5), created=now, updated=now)
    assert assess_item(callback, now, coeff).advice == CALL_NOW
