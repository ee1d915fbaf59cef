"""Commitments that arrived by sync (a task made on the phone) still owe two questions:
"By when?" if the task has no due time, and the promise check. The window asks them the next
time it is open, one commitment at a time; answering or skipping marks them asked, so each
commitment is asked once. Each function is one transaction and returns `Changed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, validate
from coach.model.commitment import Commitment
from coach.ops.add import PromiseChoice
from coach.ops.changed import COMMITMENT, Changed, of
from coach.ops.commitment_edit import mark_prompted, unprompted
from coach.storage import settings
from coach.storage.store import Store


@dataclass(frozen=True)
class Arrival:
    """What the window needs to ask about one commitment (plain values, for the UI thread)."""

    id: int
    title: str
    recipient: str | None
    due: datetime | None


def waiting(store: Store) -> list[Arrival]:
    """Open commitments from sync not asked yet, oldest first."""
    return [Arrival(c.id, c.title, c.recipient, c.due)
            for c in sorted(unprompted(store), key=lambda c: (c.created, c.id))]


def _require(store: Store, item_id: int) -> Commitment:
    item = commitment.get(store, item_id)
    if item is None:
        raise CoachError(_("There is no item with id {id}.").format(id=item_id))
    return item


def _tz(tz: tzinfo | None) -> tzinfo:
    from coach.timing.dates import local_tz

    return tz or local_tz()


def answer_by_when(store: Store, item_id: int, answer: str, now: datetime,
                   tz: tzinfo | None = None) -> Changed:
    """"By when?" answered for a commitment from sync: today, tomorrow, this week (a due time
    at the end of that working day), or "I'll ask" (a follow-up to ask them, within the hour).
    The promise check still follows, so the commitment is not marked asked here."""
    from coach.ops import commitment_edit
    from coach.rules import by_when

    by_when.check_answer(answer)
    tz = _tz(tz)
    prefs = settings.load(store)
    created: tuple[int, ...] = ()
    due = None
    with store.write():
        item = _require(store, item_id)
        if answer == by_when.ASK:
            created = (commitment.add(store, by_when.ask_follow_up(item, now, tz, prefs)).id,)
        else:
            due = by_when.due_for(answer, now, tz, prefs)
            commitment_edit.change(store, item, now, source="local", due=due)
    return of(COMMITMENT, item_id, created=created, detail=due)  # detail: the new due time


def check(store: Store, item_id: int, choice: PromiseChoice, now: datetime,
          tz: tzinfo | None = None) -> Changed:
    """The promise check for a commitment from sync (answers None: skipped on purpose);
    a "not yet" adds the get-back commitment, as at capture. Marks it asked."""
    from coach.rules import promise_check

    tz = _tz(tz)
    with store.write():
        item = _require(store, item_id)
        if choice.recipient:
            item.recipient = validate.line(choice.recipient, validate.RECIPIENT)
        done = promise_check.record(store, item, choice.answers, now, tz, choice.lang,
                                    choice.others, settings.load(store).working_hours,
                                    existing=True)
        mark_prompted(store, item_id)
    extra = tuple(i for i in done.ids if i != item_id)
    return of(COMMITMENT, item_id, created=extra, detail=done)


def skip(store: Store, item_id: int) -> Changed:
    """Not asked after all (the user chose "Skip"): the commitment stays as it came."""
    with store.write():
        _require(store, item_id)
        mark_prompted(store, item_id)
    return of(COMMITMENT, item_id)
