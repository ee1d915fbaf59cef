""""By when?" at capture: which captures ask, and what the one-click answers mean."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from coach.model import commitment
from coach.rules import by_when
from coach.timing.dates import local_tz, split_when


@pytest.mark.parametrize("text, asks, word", [
    ("Send Jim the offer", True, None),
    ("Send Jim the offer soon", True, "soon"),
    ("Angebot an Herrn Maier bald", True, "bald"),
    ("Fix the report asap", True, "asap"),
    ("Send Jim the offer tomorrow 10am", False, None),
    ("Angebot morgen 10 Uhr", False, None),
])
def test_capture_without_a_real_time_asks(now, text, asks, word):
    title, due = split_when(text, now, local_tz())
    assert by_when.needs_asking(title, due) is asks
    if asks:
        assert by_when.vague_word(text) == word


def test_strip_vague_keeps_the_title():
    assert by_when.strip_vague("Fix the report asap") == "Fix the report"
    assert by_when.strip_vague("asap") == "asap"


def _local(dt):
    return dt.astimezone(local_tz())


def test_answers_on_a_thursday_afternoon(now):
    tz = local_tz()
    assert _local(by_when.due_for("today", now, tz)).strftime("%a %H:%M") == "Thu 17:00"
    assert _local(by_when.due_for("tomorrow", now, tz)).strftime("%a %H:%M") == "Fri 17:00"
    assert _local(by_when.due_for("this-week", now, tz)).strftime("%a %H:%M") == "Fri 17:00"


def test_today_after_hours_still_gives_an_hour():
    tz = local_tz()
    late = datetime(2026, 11, 26, 21, 0, tzinfo=tz)
    assert by_when.due_for("today", late, tz) == late + timedelta(hours=1)


def test_this_week_on_friday_evening_moves_on():
    tz = local_tz()
    friday_late = datetime(2026, 11, 27, 18, 0, tzinfo=tz)
    # Past the week's last working hour: the next working day (Monday), not Saturday.
    assert _local(by_when.due_for("this-week", friday_late, tz)).strftime("%a %d %H:%M") == \
        "Mon 30 17:00"


def test_ill_ask_makes_a_follow_up_within_the_working_hour(store, now):
    tz = local_tz()
    item = commitment.add(store, commitment.new("Offer for ACME", now, recipient="Jim"))
    follow = commitment.add(store, by_when.ask_follow_up(item, now, tz))
    assert follow.title == 'Ask Jim by when they need "Offer for ACME"'
    assert follow.parent_id == item.id and follow.due == now + timedelta(hours=1)
