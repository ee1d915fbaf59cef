"""The core's operations: each way in gets the same result, side effects included."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.errors import CoachError
from coach.model import commitment, concern, owed_reply
from coach.ops import add, concerns, delete, edit, finish, items, undo
from coach.rules import close_loop
from coach.rules.by_when import ASK
from coach.storage import settings


def _notified_ids(store) -> set[int]:
    # The morning digest's row belongs to no item (finishing one must not resend the digest).
    return {row[0] for row in store.conn.execute(
        "SELECT item_id FROM notifications WHERE item_id IS NOT NULL")}


def _owed_and_notified(store, now) -> int:
    """An owed reply past its reply-by time whose reminder went out."""
    from coach.reminders import notified
    from coach.timing.dates import local_tz

    item_id = add.add_reply(store, "Jim Baker", now - timedelta(hours=6), channel="call",
                            reply_by=now - timedelta(hours=1)).first
    notified.claim(store, now, local_tz())
    assert item_id in _notified_ids(store)
    return item_id


def test_every_way_of_marking_a_reply_returned_clears_its_notification_record(
        store, now, cli):
    # Regression: `coach done` left the record behind (only the window's two ways cleared it).
    by_cli = _owed_and_notified(store, now)
    assert cli("done", str(by_cli)).code == 0
    by_finish = _owed_and_notified(store, now)
    finish.finish(store, by_finish, now)
    with_note = _owed_and_notified(store, now)
    finish.return_reply(store, with_note, "Send the offer by Friday", now, make_commitment=True)
    assert _notified_ids(store) == set()
    assert owed_reply.list_open(store) == []


def test_done_through_edit_closes_the_loop_like_mark_done(store, now):
    # Regression: the Edit dialog's status "done" skipped close-the-loop.
    settings.put(store, "manager_name", "Petra Lang")
    via_edit = add.add_commitment(store, "Quarterly numbers", now, recipient="Petra Lang").first
    via_done = add.add_commitment(store, "Budget draft", now, from_manager=True).first
    edit.edit(store, via_edit, {"status": "done"}, now)
    finish.finish(store, via_done, now)
    for item_id in (via_edit, via_done):
        assert commitment.get(store, item_id).loop_state == close_loop.PENDING
    assert [c.id for c in close_loop.for_briefing(store)] == [via_edit, via_done]


def test_ill_ask_saves_the_item_and_a_follow_up_linked_to_it(store, now):
    # Regression: the follow-up was built from an unsaved item and lost its parent link.
    changed = add.add_commitment(store, "Send the report asap", now, recipient="Jim",
                                 by_when=ASK)
    item, follow = (commitment.get(store, i) for i in changed.created)
    assert item.title == "Send the report" and item.due is None
    assert follow.parent_id == item.id and follow.recipient == "Jim"
    assert follow.due == now + timedelta(hours=1)


def test_a_refused_operation_changes_nothing(store, now):
    item_id = add.add_concern(store, "ACME unhappy", now, heat=3).first
    before = undo.take(store, frozenset({item_id}))
    for bad in (lambda: concerns.heat(store, item_id, 999, now),
                lambda: edit.edit(store, item_id, {"title": "x" * 501}, now),
                lambda: edit.edit(store, item_id, {"status": "done"}, now),
                lambda: finish.finish(store, 2**63, now)):
        with pytest.raises(CoachError):
            bad()
    assert undo.take(store, frozenset({item_id})) == before


def test_undo_puts_back_the_rows_and_redo_the_result(store, now):
    item_id = add.add_concern(store, "ACME unhappy", now, heat=2).first
    done = undo.record(store, {item_id}, lambda s: concerns.heat(s, item_id, 4, now, "angry"))
    assert concern.log_of(store, item_id)[-1].note == "angry"
    done.undo(store)
    assert items.find(store, item_id).heat == 2
    assert [e.kind for e in concern.log_of(store, item_id)] == ["created"]
    done.redo(store)
    assert items.find(store, item_id).heat == 4
    added = undo.record(store, set(), lambda s: add.add_commitment(s, "Call Jim", now))
    added.undo(store)
    assert items.find(store, added.changed.first) is None
    added.redo(store)
    assert items.find(store, added.changed.first).title == "Call Jim"


def test_delete_and_restore_bring_back_the_same_item_with_its_log(store, now):
    item_id = add.add_concern(store, "ACME unhappy", now, heat=3, note="first call").first
    concerns.told(store, item_id, now, "in the 1:1")
    gone = delete.delete(store, item_id)
    assert items.find(store, item_id) is None
    delete.restore(store, gone.detail)
    assert [e.note for e in concern.log_of(store, item_id)] == ["first call", "in the 1:1"]


def test_a_renegotiated_commitment_is_deleted_and_restored_with_its_renegotiation(store, now):
    from coach.ops import renegotiate

    item_id = add.add_commitment(store, "Offer", now, due=now + timedelta(hours=2)).first
    renegotiate.renegotiate(store, items.require(store, item_id), now + timedelta(days=2), now)
    gone = delete.delete(store, item_id)
    assert items.find(store, item_id) is None
    assert renegotiate.counts(store, now, now)["in_time"] == 0
    delete.restore(store, gone.detail)
    assert renegotiate.counts(store, now, now)["in_time"] == 1


def test_briefing_closes_loops_through_close_loop_even_from_before_the_last_one(store, now):
    from coach.ops import briefing

    old = add.add_commitment(store, "Old request", now - timedelta(days=30),
                             from_manager=True).first
    first = briefing.draft(store, now - timedelta(days=20))  # built while it was open
    finish.finish(store, old, now - timedelta(days=15))
    briefing.keep(store, first, "sent without it", "en", "text", sent=True,
                  now=now - timedelta(days=10))
    draft = briefing.draft(store, now)
    assert old in draft.loop_ids  # done before the last briefing, loop still open
    briefing.keep(store, draft, "text", "en", "text", sent=True, now=now)
    assert commitment.get(store, old).loop_state == close_loop.TOLD
    assert close_loop.for_briefing(store) == []
