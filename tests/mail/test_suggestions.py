"""Accepting and dismissing what the scan found: items made by the core, nothing twice."""

from __future__ import annotations

import json

from tests.mail import dovecot, seed
from tests.mail.conftest import by_kind, suggestions
from tests.mail.test_scan import scan


def _find(found: list[dict], key: str, kind: str | None = None) -> dict:
    return next(s for s in found if seed.key_of(s["message_id"]) == key
                and (kind is None or s["kind"] == kind))


def _items(cli) -> list[dict]:
    listed = json.loads(cli("list", "--json", "--all").out)
    return [i for group in listed.values() for i in group]


def test_an_escalation_raises_the_reply_to_call_now_and_opens_a_concern(cli, account):
    scan(cli)
    found = suggestions(cli)
    vogel = _find(found, "e1b", "escalation")
    assert "immer noch keine Antwort" in vogel["evidence"]
    result = cli("accept", str(vogel["id"]))
    assert result.code == 0, result.err
    reply_id, concern_id = (int(x) for x in result.out.split())
    items = {i["id"]: i for i in _items(cli)}
    assert items[reply_id]["via"] == "call" and items[reply_id]["urgent"] is True
    assert items[reply_id]["who"] == "Herr Vogel"
    assert items[concern_id]["kind"] == "concern" and items[concern_id]["heat"] == 3
    assert "Brief your manager" in items[concern_id]["note"]
    # The owed reply it came from is no longer waiting as a suggestion.
    assert "e1" not in by_kind(suggestions(cli)).get("reply", set())
    listed = cli("list")
    assert "call now" in listed.out.lower()


def test_a_second_escalation_for_the_same_person_raises_the_heat(cli, account):
    scan(cli)
    found = suggestions(cli)
    roth_reply = _find(found, "e4", "reply")
    assert cli("accept", str(roth_reply["id"])).code == 0
    first = cli("accept", str(_find(found, "e4b", "escalation")["id"]))
    assert first.code == 0, first.err
    concern_id = int(first.out.split()[-1])
    # Another copy to the manager a day later heats the same concern up.
    later = seed.Mail("INBOX", "e4c", "Frau Roth <roth@kunde-j.example>",
                      [f"Herr Jansen <{seed.MANAGER}>"], "Nochmals: Vertragsverlängerung",
                      seed.at("11-26T14:00:00"), cc=[seed.ME])
    client = account.client()
    seed.seed(client, [later])
    client.logout()
    assert scan(cli)["escalations"] == 1
    again = _find(suggestions(cli), "e4c", "escalation")
    assert cli("accept", str(again["id"])).code == 0
    concern = next(i for i in _items(cli) if i["id"] == concern_id)
    assert concern["heat"] == 4


def test_a_promise_becomes_a_commitment_with_its_due_date_and_check(cli, account):
    scan(cli)
    p1 = _find(suggestions(cli), "p1")
    result = cli("accept", str(p1["id"]), "--check",
                 "control=yes,authority=yes,date=no,facts=yes,manager=yes")
    assert result.code == 0, result.err
    assert "Say:" in result.err  # the honest correction to send
    ids = [int(x) for x in result.out.split()]
    commitment = next(i for i in _items(cli) if i["id"] == ids[0])
    assert commitment["title"] == "I'll send you the offer by Friday."
    assert commitment["to"] == "Tom Becker"
    assert commitment["due"] == "2026-11-27T17:00:00+01:00"
    assert commitment["check"]["result"] == "not-yet"


def test_dismissed_messages_and_blocked_senders_never_come_back(cli, account):
    scan(cli)
    found = suggestions(cli)
    maria = _find(found, "d2")
    assert cli("dismiss", str(maria["id"])).code == 0
    tom = _find(found, "d1")
    blocked = cli("dismiss", str(tom["id"]), "--sender")
    assert blocked.code == 0 and "tom@kunde-a.example" in blocked.out
    keys = {seed.key_of(s["message_id"]) for s in suggestions(cli)}
    assert "d2" not in keys and "d1" not in keys
    # Even a full rescan (account removed and added again) brings neither back, and new
    # mail from the blocked sender is not suggested.
    assert cli("mail", "remove").code == 0
    assert cli("mail", "add", "--host", "127.0.0.1", "--port", str(account.port), "--user",
               dovecot.USER, "--security", "none", "--password-command",
               f"echo {dovecot.PASSWORD}", "--address", seed.ME,
               "--address", seed.ALIAS).code == 0
    client = account.client()
    seed.seed(client, [seed.Mail("INBOX", "d1b", "Tom Becker <tom@kunde-a.example>",
                                 [seed.ME], "Another question", seed.at("11-26T12:00:00"))])
    client.logout()
    scan(cli)
    keys = {seed.key_of(s["message_id"]) for s in suggestions(cli)}
    assert not keys & {"d1", "d2", "d1b"}
    assert "d3" in keys
    assert cli("accept", str(maria["id"])).code == 2


def test_a_question_becomes_a_follow_up_after_three_working_days(cli, account):
    scan(cli)
    assert "q2" not in by_kind(suggestions(cli)).get("follow-up", set())
    # Sent Monday 09:00; the third working day after it ends Thursday 17:00.
    scan(cli, now="2026-11-27T09:00:00+01:00")
    follow = _find(suggestions(cli), "q2", "follow-up")
    assert follow["evidence"] == "können Sie mir bitte die Bestellnummer schicken?"
    result = cli("accept", str(follow["id"]))
    assert result.code == 0
    item = next(i for i in _items(cli) if i["id"] == int(result.out))
    assert item["title"] == "Follow up with Jan Moll: Bestellung"


def test_auto_add_turns_inbound_owed_replies_into_items(cli, account, store):
    from coach.storage import settings

    settings.put(store, "mail.auto_add", True)
    report = scan(cli)
    assert report["added"] == len(seed.EXPECTED["reply"]) and report["replies"] == 0
    replies = {i["about"]: i for i in _items(cli) if i["kind"] == "reply"}
    assert replies["Reklamation Auftrag 5531"]["via"] == "call"
    assert replies["Offer for 40 licences"]["via"] == "email"
    assert "reply" not in by_kind(suggestions(cli))


def test_cc_counts_makes_cc_only_mail_owed(cli, account, store):
    from coach.storage import settings

    settings.put(store, "mail.cc_counts", True)
    scan(cli)
    assert {"cc1", "cc2"} <= by_kind(suggestions(cli))["reply"]
