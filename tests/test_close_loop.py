"""Close the loop: a manager's request, done, reaches the manager — or the next briefing."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, unquote, urlparse

from coach.model import commitment
from coach.ops.finish import finish
from coach.rules import close_loop
from coach.rules.close_loop import BRIEFING, PENDING, TOLD
from coach.storage import settings


def _add(store, now, **fields):
    item = commitment.new(fields.pop("title", "Quarterly numbers"), now, **fields)
    return commitment.add(store, item)


def test_who_needs_the_loop_closed(now):
    assert close_loop.needs_loop(commitment.new("a", now, from_manager=True))
    assert close_loop.needs_loop(commitment.new("a", now, report_back=True))
    assert close_loop.needs_loop(commitment.new("a", now, recipient="Petra"), "Petra Lang")
    assert not close_loop.needs_loop(commitment.new("a", now, recipient="Jim"), "Petra Lang")
    assert not close_loop.needs_loop(commitment.new("a", now))


def test_done_from_manager_leaves_the_loop_pending_until_told(store, now):
    item = _add(store, now, from_manager=True)
    other = _add(store, now, title="Tidy the wiki")
    finish(store, item.id, now)
    finish(store, other.id, now)
    assert commitment.get(store, item.id).loop_state == PENDING
    assert commitment.get(store, other.id).loop_state is None
    assert [c.id for c in close_loop.for_briefing(store)] == [item.id]

    later = now + timedelta(minutes=5)
    close_loop.mark_told(store, commitment.get(store, item.id), later)
    stored = commitment.get(store, item.id)
    assert stored.loop_state == TOLD and stored.loop_closed == later
    assert close_loop.for_briefing(store) == []


def test_add_to_briefing_then_a_sent_briefing_closes_it(store, now):
    item = _add(store, now, report_back=True)
    finish(store, item.id, now)
    close_loop.add_to_briefing(store, commitment.get(store, item.id), now)
    assert commitment.get(store, item.id).loop_state == BRIEFING
    assert [c.id for c in close_loop.for_briefing(store)] == [item.id]
    close_loop.closed_by_briefing(store, [item.id], now + timedelta(hours=1))
    assert commitment.get(store, item.id).loop_state == TOLD
    assert close_loop.for_briefing(store) == []


def test_message_and_mailto(now):
    item = commitment.new("Quarterly numbers & forecast", now, from_manager=True)
    text = close_loop.message(item, "Petra Lang")
    assert text.startswith("Hi Petra,") and '"Quarterly numbers & forecast" is done.' in text
    link = close_loop.mailto(item, "petra@example.com", "Petra Lang")
    parsed = urlparse(link)
    assert parsed.scheme == "mailto" and unquote(parsed.path) == "petra@example.com"
    query = parse_qs(parsed.query)
    assert query["subject"] == ["Done: Quarterly numbers & forecast"]
    assert query["body"] == [text]


def test_message_names_the_customer_it_was_for(now):
    item = commitment.new("Refund", now, recipient="Frau Schneider", report_back=True)
    assert '"Refund" for Frau Schneider is done.' in close_loop.message(item, "")


def test_cli_done_on_a_request_for_the_manager_lands_in_the_briefing(cli, store):
    settings.put(store, "manager_name", "Petra Lang")
    first = cli("add", "Quarterly numbers", "--to", "Petra", "--due", "tomorrow")
    assert first.code == 0, first.err
    item_id = int(first.out)
    assert cli("done", str(item_id)).code == 0
    done = commitment.get(store, item_id)
    assert done.status == "done" and done.loop_state == PENDING
    assert [c.id for c in close_loop.for_briefing(store)] == [item_id]
