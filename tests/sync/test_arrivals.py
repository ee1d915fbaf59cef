"""Commitments made on the phone get their questions once: by when, then the promise check."""

from __future__ import annotations

from coach.model import commitment
from coach.ops import arrivals, commitment_edit, undo
from coach.ops.add import PromiseChoice
from coach.rules import promise_check
from tests.sync.helpers import BERLIN, at

YES = dict.fromkeys(promise_check.QUESTIONS, "yes")


def test_by_when_then_check_and_it_is_not_asked_again(store):
    now = at("2026-11-26 15:00")
    made = commitment_edit.add_from(store, "Ring Mrs Okafor", None, "sync", now)
    dated = commitment_edit.add_from(store, "Send the slides", at("2026-11-27 12:00"), "sync",
                                     now)
    assert [a.id for a in arrivals.waiting(store)] == [made.id, dated.id]

    arrivals.answer_by_when(store, made.id, "tomorrow", now, BERLIN)
    due = commitment.get(store, made.id).due
    assert due.astimezone(BERLIN).date().isoformat() == "2026-11-27"
    assert [a.id for a in arrivals.waiting(store)] == [made.id, dated.id]  # the check follows

    arrivals.check(store, made.id, PromiseChoice(YES, recipient="Mrs Okafor"), now, BERLIN)
    assert promise_check.load(store, made.id)["result"] == "safe"
    assert commitment.get(store, made.id).recipient == "Mrs Okafor"
    assert [a.id for a in arrivals.waiting(store)] == [dated.id]

    arrivals.skip(store, dated.id)
    assert arrivals.waiting(store) == []
    assert promise_check.load(store, dated.id) is None


def test_a_doubtful_check_adds_the_get_back_and_undo_asks_again(store):
    now = at("2026-11-26 15:00")
    made = commitment_edit.add_from(store, "Refund for Mr Jansen", at("2026-11-27 09:00"),
                                    "sync", now)
    answers = dict(YES, authority="no")
    done = undo.record(store, {made.id}, lambda s: arrivals.check(
        s, made.id, PromiseChoice(answers), now, BERLIN))
    assert len(done.changed.created) == 1  # "get back to them by …"
    assert commitment.get(store, done.changed.created[0]).parent_id == made.id
    done.undo(store)
    assert [a.id for a in arrivals.waiting(store)] == [made.id]
    assert commitment.get(store, done.changed.created[0]) is None


def test_i_will_ask_adds_a_follow_up(store):
    now = at("2026-11-26 15:00")
    made = commitment_edit.add_from(store, "Quote for the new site", None, "sync", now)
    changed = arrivals.answer_by_when(store, made.id, "ask", now, BERLIN)
    follow = commitment.get(store, changed.created[0])
    assert follow.parent_id == made.id and follow.due is not None
    assert commitment.get(store, made.id).due is None
