"""Edit: change the title, person, due or reply-by time, note or channel of an item.

Each option maps onto the item's kind: --title is a commitment's or concern's title and an
owed reply's subject; --to is the recipient, the caller or the person concerned; --due and
--by are a commitment's due time and an owed reply's reply-by time; --via is a reply's
channel. An option the kind does not have is refused, and nothing changes. A moved due or
reply-by time starts that item's reminders afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from coach.errors import CoachError
from coach.i18n import N_, _
from coach.model import records
from coach.model.commitment import EMPTY_NAME, EMPTY_TITLE, MAX_NOTE, Commitment, clean_text
from coach.model.concern import Concern
from coach.model.owed_reply import OwedReply, check_channel
from coach.storage.store import Store


@dataclass(frozen=True)
class Changes:
    title: str | None = None
    to: str | None = None
    due: datetime | None = None
    note: str | None = None
    via: str | None = None
    by: datetime | None = None

    def given(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


# option → the field it sets, per kind (missing: the kind has no such thing).
FIELDS: dict[type, dict[str, str]] = {
    Commitment: {"title": "title", "to": "recipient", "due": "due", "note": "note"},
    OwedReply: {"title": "about", "to": "who", "by": "reply_by", "note": "note",
                "via": "channel"},
    Concern: {"title": "title", "to": "who", "note": "note"},
}
KIND_WORDS = {Commitment: N_("a commitment"), OwedReply: N_("an owed reply"),
              Concern: N_("a concern")}


def _clean(option: str, field: str, value: Any, kind: type) -> Any:
    if option == "via":
        return check_channel(value)
    if option in ("due", "by"):
        return value
    if option == "note":
        return clean_text(value, limit=MAX_NOTE)
    if field in ("title",):
        return clean_text(value, EMPTY_TITLE)
    if field == "who":
        return clean_text(value, EMPTY_NAME)
    return clean_text(value)  # a recipient or a reply's subject may be emptied


def plan(item, changes: Changes) -> dict[str, Any]:
    """The field values to write, validated; raises before anything is written."""
    given = changes.given()
    if not given:
        raise CoachError(_("Nothing to change: give at least one of --title, --to, --due, "
                           "--note, --via, --by."))
    fields = FIELDS[type(item)]
    out: dict[str, Any] = {}
    for option, value in given.items():
        if option not in fields:
            raise CoachError(_("--{option} does not apply to item {id}, which is {kind}.").format(
                option=option, id=item.id, kind=_(KIND_WORDS[type(item)])))
        out[fields[option]] = _clean(option, fields[option], value, type(item))
    if isinstance(item, OwedReply) and "reply_by" in out:
        if out["reply_by"] < item.received:
            raise CoachError(_("The reply-by time cannot be before the call or message came "
                               "in."))
        out["reply_by_manual"] = True
    return out


def edit(store: Store, item, changes: Changes, now: datetime):
    from coach.reminders import notified

    values = plan(item, changes)
    with store.write() as conn:
        records.update(store, item, updated=now, **values)
        if "due" in values:
            notified.restart(store, item.id)
        if "reply_by" in values:
            conn.execute("DELETE FROM notifications WHERE key = ?", (f"reply:{item.id}",))
    return item
