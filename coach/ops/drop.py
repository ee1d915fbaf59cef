"""Drop (fallen lassen): let go of a promise you cannot keep, with a note to the recipient.

The commitment closes as "dropped" (a recurring one's series ends there) and the message to
send is returned, in the app's language. The end-of-day review's "what slips" is the way in
today; moving a date instead is coach.ops.renegotiate.
"""

from __future__ import annotations

from datetime import datetime

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment
from coach.model.commitment import Commitment
from coach.ops import items
from coach.ops.changed import COMMITMENT, Changed, of
from coach.storage.store import Store


def message(item: Commitment, note: str | None) -> str:
    from coach.wording.german import subj

    # "Guten Tag Herr Jansen," however the name was typed ("Herrn Jansen" after "an").
    lines = [_("Hello {who},").format(who=subj(item.recipient)) if item.recipient
             else _("Hello,"),
             _("I have to let go of “{title}”; I can't keep this promise.").format(
                 title=item.title)]
    if note:
        lines.append(note.strip())
    lines.append(_("I'm sorry, and I wanted you to hear it from me now rather than wait."))
    return "\n".join(lines)


def drop(store: Store, item_id: object, now: datetime, note: str | None = None) -> Changed:
    """Close an open commitment as dropped; `detail` is the message for the recipient."""
    with store.write():
        item = items.require_open(store, item_id)
        if not isinstance(item, Commitment):
            raise CoachError(_("Item {id} is not a commitment; only promises can be "
                               "dropped.").format(id=item.id))
        note = commitment.clean_text(note, limit=commitment.MAX_NOTE)
        commitment.close(store, item, now, status=commitment.DROPPED)
    return of(COMMITMENT, item.id, detail=message(item, note))
