"""The mail scan against a real Dovecot holding a seeded English and German mailbox."""

from __future__ import annotations

import json

from tests.mail import seed
from tests.mail.conftest import by_kind, flags_of, suggestions


def scan(cli, **kw) -> dict:
    result = cli("mail", "scan", "--json", **kw)
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_the_scan_finds_exactly_the_owed_replies_promises_and_follow_ups(cli, account):
    before = flags_of(account)
    assert len(before) >= 60
    report = scan(cli)
    assert report["messages"] == len(seed.mailbox())
    found = suggestions(cli)
    assert by_kind(found) == seed.EXPECTED
    for s in found:
        key = seed.key_of(s["message_id"])
        if s["kind"] == "reply":
            assert s["call_now"] == (key in seed.CALL_NOW), key
        if s["kind"] == "promise":
            assert s["due"] == seed.DUE[key], key
    promise = next(s for s in found if seed.key_of(s["message_id"]) == "p1")
    assert promise["evidence"] == "I'll send you the offer by Friday."
    assert promise["who"] == "Tom Becker"
    follow_up = next(s for s in found if s["kind"] == "follow-up")
    assert follow_up["evidence"] == "could you send me the signed contract?"
    # Nothing was marked read, or changed in any other way.
    assert flags_of(account) == before


def test_a_second_scan_with_no_new_mail_adds_nothing_and_is_fast(cli, account):
    scan(cli)
    first = suggestions(cli)
    again = scan(cli)
    assert again["messages"] == 0 and again["replies"] == again["promises"] == 0
    assert again["seconds"] < 1.0
    assert suggestions(cli) == first


def test_a_reply_put_into_sent_closes_the_owed_reply(cli, account, store):
    scan(cli)
    tom = next(s for s in suggestions(cli) if seed.key_of(s["message_id"]) == "d1")
    accepted = cli("accept", str(tom["id"]))
    assert accepted.code == 0, accepted.err
    item_id = int(accepted.out.split()[0])
    listed = json.loads(cli("list", "--json").out)
    reply = next(i for g in listed.values() for i in g if i["id"] == item_id)
    assert reply["who"] == "Tom Becker" and reply["via"] == "email"
    assert reply["about"] == "Offer for 40 licences"
    d1 = next(m for m in seed.mailbox() if m.key == "d1")
    answer = seed.Mail("Sent", "d1r", seed.ANNA, ["Tom Becker <tom@kunde-a.example>"],
                       "Re: Offer for 40 licences", seed.at("11-26T14:05:00"),
                       body="Hi Tom,\n\nthe offer is attached.\n", reply_to=d1, seen=True)
    client = account.client()
    seed.seed(client, [answer])
    client.logout()
    report = scan(cli)
    assert report["closed"] == [item_id]
    everything = json.loads(cli("list", "--json", "--all").out)
    reply = next(i for g in everything.values() for i in g if i["id"] == item_id)
    assert reply["status"] == "returned"
    assert reply["returned"] == "2026-11-26T14:05:00+01:00"
    from coach.model import owed_reply, records

    stored = records.fetch(store, owed_reply.OwedReply, item_id)
    assert stored.note == "Returned by email at 14:05."
