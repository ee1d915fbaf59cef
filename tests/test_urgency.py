"""Urgency: the documented formula, alarm words in English and German, sorted lists."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from coach.model import commitment, concern, owed_reply
from coach.rules import urgency
from coach.rules.urgency import CALL_NOW, LATER, THIS_WEEK, TODAY, Coefficients, assess
from coach.storage import settings


def test_due_factor_follows_the_documented_curve():
    assert urgency.due_factor(-5) == 1.0
    assert urgency.due_factor(0) == 1.0
    assert urgency.due_factor(24) == pytest.approx(0.8)
    assert urgency.due_factor(168) == pytest.approx(0.4)
    assert urgency.due_factor(168 + 504) == pytest.approx(0.1)
    assert urgency.due_factor(5000) == pytest.approx(0.1)
    # Never rises as the due time moves further away.
    values = [urgency.due_factor(h) for h in range(0, 1000, 7)]
    assert values == sorted(values, reverse=True)


def test_each_coefficient_adds_what_the_readme_says(now):
    c = urgency.DEFAULT
    assert assess(now=now, when=now).score == c.due
    overdue_3d = assess(now=now, when=now - timedelta(days=3)).score
    assert overdue_3d == pytest.approx(c.due + 3 * c.overdue_per_day)
    capped = assess(now=now, when=now - timedelta(days=30)).score
    assert capped == pytest.approx(c.due + c.overdue_max_days * c.overdue_per_day)
    assert assess(now=now, urgent=True).score == c.urgent
    assert assess(now=now, manager=True).score == c.manager
    assert assess(now=now, who="Frau Kunde").score == c.customer
    assert assess(now=now, channel="call").score == dict(c.channel)["call"]
    assert assess(now=now, channel="email").score == dict(c.channel)["email"]
    assert assess(now=now, since=now - timedelta(days=7)).score == pytest.approx(c.age / 2)
    assert assess(now=now, since=now - timedelta(days=70)).score == pytest.approx(c.age)
    assert assess(now=now, heat=4).score == 4 * c.heat


def test_coefficients_come_from_settings(store, now):
    settings.put(store, "urgency_urgent", 30)
    settings.put(store, "advice_call_now", 29)
    coeff = Coefficients.from_settings(settings.get_all(store))
    result = assess(now=now, urgent=True, coeff=coeff)
    assert result.score == 30 and result.advice == CALL_NOW
    assert assess(now=now, urgent=True).advice == TODAY  # with the defaults


def test_a_broken_setting_is_refused_with_the_settings_message():
    from coach.errors import CoachError
    from coach.storage.settings import WorkingHours

    # Both readers of the settings report a bad value the same way, naming the setting.
    with pytest.raises(CoachError, match='Setting "urgency_due" must be a number'):
        Coefficients.from_settings({"urgency_due": "lots"})
    with pytest.raises(CoachError, match='Setting "work_end": "lots" is not a time of day'):
        WorkingHours.from_settings({"work_end": "lots"})


@pytest.mark.parametrize("hours, advice", [
    (2, TODAY),          # due this afternoon
    (19, TODAY),         # tomorrow morning still needs work today
    (26, THIS_WEEK),     # tomorrow at end of day
    (24 * 6, THIS_WEEK),
    (24 * 20, LATER),
])
def test_advice_by_due_time(now, hours, advice):
    assert assess(now=now, when=now + timedelta(hours=hours)).advice == advice


def test_overdue_urgent_request_from_the_manager_means_call_now(now):
    result = assess(now=now, when=now - timedelta(hours=3), urgent=True, manager=True)
    assert result.advice == CALL_NOW
    assert result.reasons[0] == "due"


@pytest.mark.parametrize("text, word", [
    ("Customer says the server is down", "down"),
    ("ASAP please", "asap"),
    ("URGENT: invoice", "urgent"),
    ("Outage in region west", "outage"),
    ("Possible escalation to the board", "escalation"),
    ("This is critical", "critical"),
    ("Bitte sofort zurückrufen", "sofort"),
    ("Dringend: Angebot", "dringend"),
    ("Drucker ausgefallen", "ausgefallen"),
    ("Kunde droht mit Eskalation", "eskalation"),
    ("Der Login geht nicht", "geht nicht"),
    ("Störung im Netz", "stoerung"),
    ("kritisch für den Launch", "kritisch"),
])
def test_alarm_words_in_english_and_german(now, text, word):
    assert urgency.detect_keyword(text) == word
    result = assess(now=now, text=text)
    assert result.advice == CALL_NOW and result.keyword == word
    assert result.score >= urgency.DEFAULT.call_now


@pytest.mark.parametrize("text", [
    "Download the slides", "Send the notes", "Kritik am Entwurf einarbeiten",
    "Urgency report template", "Das geht schon",
])
def test_ordinary_words_are_not_alarms(now, text):
    assert urgency.detect_keyword(text) is None
    assert assess(now=now, text=text).advice == LATER


def test_own_alarm_words_from_settings(now):
    coeff = Coefficients.from_settings({"urgency_keywords": ["Feuer"]})
    assert assess(now=now, text="Feuer im Lager", coeff=coeff).advice == CALL_NOW
    assert assess(now=now, text="Feuer im Lager").advice == LATER


@pytest.mark.parametrize("who, match", [
    ("Petra", True), ("petra lang", True), ("Petra Lang (CFO)", True), ("Pete", False),
    ("Petran", False), ("Jim Baker", False), ("boss", True), ("Chefin", True), (None, False),
])
def test_manager_recognised_by_name_or_word(who, match):
    coeff = Coefficients(manager_name="Petra Lang")
    assert urgency.is_manager(who, coeff) is match


def test_assess_item_reads_each_kind(now):
    coeff = Coefficients(manager_name="Petra")
    c = commitment.new("Quarterly numbers", now, recipient="Petra", due=now + timedelta(hours=1))
    assert "manager" in urgency.assess_item(c, now, coeff).reasons
    r = owed_reply.new("Jim", "call", now - timedelta(days=1), now - timedelta(hours=1), now,
                       about="Server ausgefallen")
    found = urgency.assess_item(r, now, coeff)
    assert found.advice == CALL_NOW and found.keyword == "ausgefallen"
    k = concern.new("ACME unhappy", now, heat=2)
    assert urgency.assess_item(k, now, coeff).score == 2 * coeff.heat
    # Heating up: the advice is what the nudge says, "today", and "now" at the top heat.
    warm = urgency.assess_item(concern.new("ACME unhappy", now, heat=3), now, coeff)
    assert warm.advice == TODAY and warm.label == "Tell your manager today"
    top = urgency.assess_item(concern.new("ACME unhappy", now, heat=5), now, coeff)
    assert top.advice == CALL_NOW and top.label == "Tell your manager now"
    told = concern.new("ACME unhappy", now, heat=3)
    told.told_heat = 3
    assert urgency.assess_item(told, now, coeff).advice != TODAY


def test_explain_names_the_reasons(now):
    text = urgency.explain(assess(now=now, text="server down", manager=True))
    assert "Call now" in text and '"server down"' in text and "manager" in text


def test_list_json_carries_urgency_and_advice_sorted_highest_first(cli):
    assert cli("add", "Write the wiki page", "--due", "in 3 weeks").code == 0
    assert cli("add", "Fix the login, Server ausgefallen", "--to", "Kunde Müller").code == 0
    assert cli("add", "Quarterly numbers", "--due", "today 17:00", "--urgent").code == 0
    assert cli("reply", "Ops", "--via", "email", "--by", "in 2 weeks").code == 0
    assert cli("reply", "Jim", "--via", "call", "--urgent").code == 0
    assert cli("concern", "ACME calm", "--heat", "1").code == 0
    assert cli("concern", "ACME angry", "--heat", "5").code == 0
    result = cli("list", "--json")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    titles = [i["title"] for i in data["commitments"]]
    assert titles == ["Fix the login, Server ausgefallen", "Quarterly numbers",
                      "Write the wiki page"]
    assert [i["advice"] for i in data["commitments"]] == [CALL_NOW, TODAY, LATER]
    assert [i["who"] for i in data["replies"]] == ["Jim", "Ops"]
    assert [i["heat"] for i in data["concerns"]] == [5, 1]
    for group in data.values():
        scores = [i["urgency"] for i in group]
        assert scores == sorted(scores, reverse=True)
        assert all(isinstance(s, float | int) for s in scores)
        assert all(i["advice"] in urgency.ADVICES for i in group)


def test_list_text_shows_the_advice(cli):
    cli("add", "Server down at ACME")
    out = cli("list").out
    assert "Server down at ACME" in out and "[call now]" in out


def test_sql_order_matches_the_python_rule(store, now):
    """The listing sorts in SQLite with the same rule the JSON prints: never out of order."""
    from coach.ops import listing

    for n in range(40):
        item = commitment.new(f"Task {n}" + (" dringend" if n % 13 == 0 else ""), now,
                              due=now + timedelta(hours=(n * 7) % 90 - 20) if n % 5 else None,
                              urgent=n % 4 == 0, recipient="Kunde" if n % 3 == 0 else None)
        commitment.add(store, item)
    pairs = list(listing.groups(store, False, now)["commitments"])
    assert len(pairs) == 40
    for item, found in pairs:
        assert found == urgency.assess_item(item, now)
    scores = [u.score for _i, u in pairs]
    assert scores == sorted(scores, reverse=True)


def test_a_call_unreturned_past_its_reply_by_time_means_call_now(now):
    late = assess(now=now, when=now - timedelta(hours=1), since=now - timedelta(hours=5),
                  channel="voicemail")
    assert late.advice == CALL_NOW and late.score >= urgency.DEFAULT.call_now
    on_time = assess(now=now, when=now + timedelta(hours=1), since=now, channel="call")
    assert on_time.advice != CALL_NOW
    late_mail = assess(now=now, when=now - timedelta(hours=1), since=now, channel="email")
    assert late_mail.advice != CALL_NOW
