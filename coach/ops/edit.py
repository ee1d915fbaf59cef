"""Editing an item's fields. Status and heat go through their own rules: a commitment set to
done here is finished exactly as by "Mark done" (the loop is closed), a heat change is logged.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import commitment, concern, records, validate
from coach.model.commitment import Commitment
from coach.model.concern import Concern
from coach.model.owed_reply import OwedReply
from coach.ops import items
from coach.ops.changed import Changed, of
from coach.storage.store import Store

TEXT = ("title", "recipient", "who", "about")
TIMES = ("due", "received", "reply_by")
EDITABLE: dict[type, frozenset[str]] = {
    Commitment: frozenset({"title", "recipient", "due", "note", "urgent", "from_manager",
                           "report_back", "status"}),
    OwedReply: frozenset({"who", "channel", "about", "received", "reply_by", "note",
                          "urgent"}),
    Concern: frozenset({"title", "who", "note", "heat", *concern.ACCOUNT}),
}


_FIELD_NAMES = {"title": validate.TITLE, "recipient": validate.RECIPIENT, "who": validate.WHO,
                "about": validate.ABOUT}


def _checked(item: items.Item, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes as they will be stored, each through coach.model.validate."""
    unknown = set(changes) - EDITABLE[type(item)]
    if unknown:
        raise CoachError(_("Item {id} has no field {names}.").format(
            id=item.id, names=", ".join(sorted(unknown))[:80]))
    out: dict[str, Any] = {}
    for name, value in changes.items():
        if name == "title" or (name == "who" and isinstance(item, OwedReply)):
            value = validate.text(value, _FIELD_NAMES[name], required=True)
        elif name in TEXT:
            value = validate.line(value, _FIELD_NAMES[name])
        elif name == "note":
            value = validate.note(value)
        elif name in concern.ACCOUNT:
            value = validate.note(value, concern.ACCOUNT[name])
        elif name == "channel":
            value = validate.channel(value)
        elif name == "heat":
            value = validate.heat(value)
        elif name == "status":
            value = validate.status(items.kind_name(item), value)
        elif name in TIMES:
            if value is None and name != "due":
                raise CoachError(_("A date is needed here."))
            value = None if value is None else validate.when(value, name)
        elif name in ("urgent", "from_manager", "report_back"):
            value = bool(value)
        out[name] = value
    if "reply_by" in out and isinstance(item, OwedReply):
        out["reply_by_manual"] = True
    return out


def _set_status(store: Store, item: Commitment, status: str, now: datetime) -> None:
    from coach.ops.finish import finish_item
    from coach.rules import close_loop

    if status == commitment.DONE:
        finish_item(store, item, now)
    elif status == commitment.OPEN:
        loop = None if item.loop_state in (close_loop.PENDING, close_loop.BRIEFING) \
            else item.loop_state
        records.update(store, item, status=status, closed=None, outcome=None, loop_state=loop,
                       updated=now)
    else:
        commitment.close(store, item, now, status=status)


def edit(store: Store, item_id: object, changes: Mapping[str, Any], now: datetime) -> Changed:
    """Change the given fields of an item; fields equal to the stored value are left alone."""
    with store.write():
        item = items.require(store, item_id)
        wanted = {k: v for k, v in _checked(item, changes).items()
                  if getattr(item, k) != v}
        heat = wanted.pop("heat", None)
        status = wanted.pop("status", None)
        if wanted:
            records.update(store, item, updated=now, **wanted)
        if "due" in wanted or "reply_by" in wanted:
            from coach.reminders import notified

            # A moved due or reply-by time: its reminders start afresh for the new time.
            notified.restart(store, item.id)
        if heat is not None:
            concern.set_heat(store, item, heat, now)
        if status is not None:
            _set_status(store, item, status, now)
    return of(items.kind_name(item), item.id)
