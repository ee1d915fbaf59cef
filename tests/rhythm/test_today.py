"""Today: the sections, their order and one-key actions, the briefing day, the empty state."""

from __future__ import annotations

import json

import pytest

from coach.model import concern
from coach.rhythm import today, weekly
from coach.storage import settings
from coach.storage.store import open_store
from tests.rhythm.helpers import BERLIN, a_day, at


@pytest.fixture
def store(data_dir):
    with open_store(data_dir) as s:
        yield s


def test_today_lists_what_matters_in_the_order_a_day_is_worked(store):
    ids = a_day(store)
    found = today.build(store, at("2026-11-26 13:00"), BERLIN)
    sections = {s.key: [e.id for e in s.entries] for s in found.sections}
    assert list(sections) == [today.OVERDUE, today.DUE_TODAY, today.REPLIES, today.CONCERNS]
    assert sections[today.OVERDUE] == [ids["offer"]]
    assert sections[today.DUE_TODAY] == [ids["slides"]]  # the December one is not today
    # The unreturned call is past its reply-by time: "call now", before the e-mail.
    assert sections[today.REPLIES] == [ids["call"], ids["mail"]]
    call = found.entry(ids["call"])
    assert (call.chip, call.action, call.call_now) == ("call now", today.RETURNED, True)
    assert found.entry(ids["offer"]).chip == "yesterday"
    assert found.entry(ids["slides"]).chip == "16:00"
    assert sections[today.CONCERNS] == [ids["acme"], ids["calm"]]
    assert found.entry(ids["acme"]).action == today.TOLD
    # Once the manager heard of ACME at heat 4, it leaves Today until it heats up again.
    concern.mark_told(store, concern.list_open(store)[0], at("2026-11-26 13:05"))
    found = today.build(store, at("2026-11-26 13:10"), BERLIN)
    assert [e.id for e in found.sections[-1].entries] == [ids["calm"]]
    assert found.briefing is None  # Thursday: not the briefing day, nothing gone quiet


def test_on_the_briefing_day_today_says_what_changed_since_the_last_briefing(store):
    a_day(store)
    friday = at("2026-11-27 09:00")
    found = today.build(store, friday, BERLIN)
    assert found.briefing.due
    assert found.briefing.reason == "Friday is your briefing day. In the last week:"
    assert found.briefing.changes == ("3 new promises", "2 new concerns")
    settings.put(store, "briefing_weekday", 0)
    assert today.briefing_due(store, friday, BERLIN, settings.get_all(store)) is None
    settings.put(store, "briefing_weekday", 4)
    with store.write() as conn:
        conn.execute("INSERT INTO briefings (generated_at, sent_at, text) VALUES (?, ?, '')",
                     ("2026-11-27T07:30:00Z", "2026-11-27T07:30:00Z"))
    assert today.build(store, at("2026-11-27 10:00"), BERLIN).briefing is None


def test_an_empty_day_congratulates(store):
    found = today.build(store, at("2026-11-26 13:00"), BERLIN)
    assert found.count == 0 and found.sections == ()
    assert today.summary(found).startswith("All clear.")


def test_coach_today_prints_the_same_content_as_text_and_json(cli, store):
    ids = a_day(store)
    store.close()
    now = "2026-11-26T13:00:00+01:00"
    data = json.loads(cli("today", "--json", now=now).out)
    assert data["headline"] == "Thursday, 26 November"
    assert [s["key"] for s in data["sections"]] == ["overdue", "today", "replies", "concerns"]
    first = data["sections"][0]["entries"][0]
    assert (first["id"], first["key"], first["late"]) == (ids["offer"], "D", True)
    assert data["review"] == {"kind": "catch-up", "day": "2026-11-25", "text":
                              "You skipped the review on Wednesday: catch up now, it takes "
                              "two minutes."}
    text = cli("today", now=now).out
    assert text.splitlines()[:2] == ["Thursday, 26 November",
                                     "1 overdue · 1 promise due today · 2 replies owed · "
                                     "2 concerns to tell"]
    assert f"{ids['call']:>6}  Frau Schneider — call · credit note  [call now]  (R: Returned)" \
        in text
    # Each locale's own form of the day: German keeps the ordinal dot, US English its order.
    for env, day in (({"COACH_LANG": "de"}, "Donnerstag, 26. November"),
                     ({"LANG": "en_US.UTF-8"}, "Thursday, November 26")):
        assert cli("today", now=now, env=env).out.splitlines()[0] == day


def test_the_weekly_briefing_reminder_says_what_changed(store):
    a_day(store)
    values = settings.get_all(store)
    assert weekly.reminder(store, at("2026-11-26 10:00"), BERLIN, values) is None  # Thursday
    key, title, body = weekly.reminder(store, at("2026-11-27 10:00"), BERLIN, values)
    assert key == "briefing-weekly:2026-11-27" and title == "Time for your weekly briefing"
    assert body == ("Friday is your briefing day. In the last week: 3 new promises; "
                    "2 new concerns.")


def _a_busy_day(store) -> None:
    """More of everything than a section shows: 30 overdue promises, 15 due today, 20 e-mails
    due tonight and 14 unreturned calls, one outage call due tomorrow, 15 hot concerns."""
    from coach.model import commitment, owed_reply

    morning = at("2026-11-26 09:00")
    for n in range(30):
        commitment.add(store, commitment.new(f"Late {n:02}", morning,
                                             due=at("2026-11-20 09:00").replace(minute=n)))
    for n in range(15):
        commitment.add(store, commitment.new(f"Today {n:02}", morning,
                                             due=at("2026-11-26 18:00").replace(minute=n)))
    for n in range(20):
        owed_reply.add(store, owed_reply.new(f"Mail {n:02}", "email", morning,
                                             at("2026-11-26 20:00").replace(minute=n), morning))
    for n in range(14):
        owed_reply.add(store, owed_reply.new(f"Caller {n:02}", "call", morning,
                                             at("2026-11-26 10:00").replace(minute=n), morning))
    owed_reply.add(store, owed_reply.new("Ops", "email", morning, at("2026-11-27 12:00"),
                                         morning, about="server outage"))
    for n in range(15):
        concern.add(store, concern.new(f"Concern {n:02}", morning, heat=3 + n % 3))


def test_each_section_shows_the_most_urgent_entries_and_counts_the_rest(store, cli):
    _a_busy_day(store)
    now = at("2026-11-26 13:00")
    found = today.build(store, now, BERLIN)
    everything = today.build(store, now, BERLIN, limit=1000)
    cap = today.SECTION_LIMIT
    for shown, whole in zip(found.sections, everything.sections, strict=True):
        # The first entries in the section's own order, and how many more there are.
        assert shown.entries == whole.entries[:cap]
        assert (shown.more, shown.total) == (len(whole.entries) - cap, len(whole.entries))
    totals = {s.key: s.total for s in found.sections}
    # The outage e-mail due tomorrow already says "call now", so it counts among the replies.
    assert totals == {today.OVERDUE: 30, today.DUE_TODAY: 15, today.REPLIES: 35,
                      today.CONCERNS: 15}
    replies = found.sections[2].entries
    assert all(e.call_now for e in replies) and replies[0].title == "Caller 00"
    # The summary and the tab count everything, not only what is shown.
    assert found.count == 95
    assert today.summary(found) == ("30 overdue · 15 promises due today · 35 replies owed · "
                                    "15 concerns to tell")
    printed = json.loads(cli("today", "--json", now="2026-11-26T13:00:00+01:00").out)
    assert [(s["key"], len(s["entries"]), s["more"], s["total"]) for s in printed["sections"]] \
        == [("overdue", 12, 18, 30), ("today", 12, 3, 15), ("replies", 12, 23, 35),
            ("concerns", 12, 3, 15)]
    assert printed["count"] == 95
    text = cli("today", now="2026-11-26T13:00:00+01:00").out
    assert "Overdue (30)" in text and "  and 18 more\n" in text and "  and 3 more\n" in text
    german = cli("today", now="2026-11-26T13:00:00+01:00", env={"COACH_LANG": "de"}).out
    assert "und 18 weitere" in german


def test_a_minute_refresh_keeps_the_briefing_card_of_the_same_day_only(store):
    a_day(store)
    friday = at("2026-11-27 09:00")
    first = today.build(store, friday, BERLIN)
    assert first.briefing.changes == ("3 new promises", "2 new concerns")
    # A promise made meanwhile would change the card; a minute refresh with the same data
    # keeps it, and the rest of Today is read again.
    later = today.build(store, at("2026-11-27 09:01"), BERLIN, card_from=first)
    assert later.briefing is first.briefing
    assert later == first  # nothing else changed in that minute either
    # On another day the card is read again: Saturday is no briefing day.
    saturday = today.build(store, at("2026-11-28 09:00"), BERLIN, card_from=first)
    assert saturday.briefing is None
