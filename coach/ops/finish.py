"""Finishing an item, every way in the same: done (and close the loop), returned (and clear
its notification record), resolved; "mark returned" with a note that can become a
commitment; and recording how the user closed a loop.
"""

from __future__ import annotations

from datetime import datetime

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, concern, owed_reply
from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.ops import items
from coach.ops.changed import COMMITMENT, Changed, of
from coach.storage import settings
from coach.storage.store import Store

# How the user closed a manager's loop after "done" (see coach.rules.close_loop).
TOLD, BRIEFING, LATER = "told", "briefing", "later"


def _forget_notified(store: Store, item_id: int) -> None:
    # Without this the record still says "notified", and a reply returned, reopened by an
    # undo and due again would never be announced a second time.
    from coach.reminders import notified

    notified.forget(store, [item_id])


def finish_item(store: Store, item: items.Item, now: datetime,
                note: str | None = None, message: dict | None = None) -> Changed:
    """Finish an item already loaded (and open); one transaction with its side effects."""
    kind = items.kind_name(item)
    with store.write():
        if isinstance(item, Commitment):
            from coach.rules import close_loop

            commitment.close(store, item, now)
            # A manager's request done: the loop stays "pending" until they are told.
            close_loop.on_done(store, item, now, settings.load(store).manager_name)
            if item.rule:  # recurring: its next occurrence (coach.rhythm.series), undoable
                from coach.rhythm.series import continue_after

                nxt = continue_after(store, item, now)
                if nxt is not None:
                    return of(kind, item.id, created=(nxt.id,))
        elif isinstance(item, OwedReply):
            owed_reply.mark_returned(store, item, now, note, message)
            _forget_notified(store, item.id)
        else:
            concern.resolve(store, item, now)
            _forget_notified(store, item.id)
    return of(kind, item.id)


def finish(store: Store, item_id: object, now: datetime, note: str | None = None) -> Changed:
    """Done for a commitment, returned for a reply, resolved for a concern."""
    with store.write():
        return finish_item(store, items.require_open(store, item_id), now, note)


def return_reply(store: Store, item_id: object, note: str | None, now: datetime,
                 make_commitment: bool = False, by_when: str | None = None,
                 check=None, message: dict | None = None) -> Changed:
    """Mark an owed reply returned with what was agreed; with make_commitment, the note's
    first line becomes a commitment to the caller (a trailing date is its due time), added
    as any new commitment is: `by_when` answers "By when?", `check` is its promise check
    (coach.ops.add.PromiseChoice). A `message` is a note the app wrote
    (coach.wording.texts) instead of a typed one."""
    from coach.ops.add import add_commitment
    from coach.timing.dates import split_when

    note = (note or "").strip()
    if make_commitment and not note:
        raise CoachError(_("Write down what you agreed to make it a commitment."))
    with store.write():
        reply = items.require_open(store, item_id)
        if not isinstance(reply, OwedReply):
            raise CoachError(_("Item {id} is not an owed reply.").format(id=reply.id))
        changed = finish_item(store, reply, now, note or None, message)
        if not make_commitment:
            return changed
        first_line = note.splitlines()[0]
        title, due = split_when(first_line, now)
        made = add_commitment(store, title or first_line, now, recipient=reply.who, due=due,
                              note=note if note != first_line else None, by_when=by_when,
                              check=check)
    return changed | of(COMMITMENT, created=made.created, detail=made.detail)


def close_loop(store: Store, item_id: object, choice: str, now: datetime) -> Changed:
    """The user's answer to "tell your manager": told, into the next briefing, or later."""
    from coach.rules import close_loop as loop

    if choice not in (TOLD, BRIEFING, LATER):
        raise CoachError(_('"{choice}" is not a way to close the loop.').format(choice=choice))
    with store.write():
        item = items.require(store, item_id)
        if not isinstance(item, Commitment):
            raise CoachError(_("Item {id} is not a commitment.").format(id=item.id))
        if choice == TOLD:
            loop.mark_told(store, item, now)
        elif choice == BRIEFING:
            loop.add_to_briefing(store, item, now)
    return of(COMMITMENT, item.id, detail=item)
