"""Owed reply (offene Rückmeldung): a call, voicemail, email or message you still owe an answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from coach.i18n import N_
from coach.model import records, validate
from coach.model.labels import CHANNEL_LABELS, CHANNELS  # noqa: F401 - re-exported vocabulary
from coach.storage.store import Store

OPEN, RETURNED, DROPPED = "open", "returned", "dropped"
# What `coach list --all` and messages say for a status (the words are looked up by _()).
STATUS_LABELS = {OPEN: N_("open"), RETURNED: N_("returned"), DROPPED: N_("dropped")}


@dataclass
class OwedReply:
    TABLE: ClassVar[str] = "owed_replies"
    TIMES: ClassVar[frozenset[str]] = frozenset({"received", "reply_by", "returned", "created",
                                                 "updated"})
    FLAGS: ClassVar[frozenset[str]] = frozenset({"urgent", "reply_by_manual"})

    who: str
    channel: str
    received: datetime
    reply_by: datetime
    created: datetime
    updated: datetime
    id: int | None = None
    about: str | None = None
    reply_by_manual: bool = False
    urgent: bool = False
    returned: datetime | None = None
    note: str | None = None
    status: str = OPEN
    # Generated texts as message + parameters (coach.wording.texts); None: all typed.
    texts: str | None = None

    @property
    def is_open(self) -> bool:
        return self.status == OPEN


def check_channel(channel: str | None) -> str:
    return validate.channel(channel)


def new(who: str, channel: str, received: datetime, reply_by: datetime, now: datetime,
        **fields) -> OwedReply:
    who = validate.name(who, validate.WHO)
    fields["about"] = validate.line(fields.get("about"), validate.ABOUT)
    fields["note"] = validate.note(fields.get("note"))
    return OwedReply(who=who, channel=check_channel(channel), received=received,
                     reply_by=reply_by, created=now, updated=now, **fields)


def add(store: Store, reply: OwedReply) -> OwedReply:
    return records.insert(store, reply)


def mark_returned(store: Store, reply: OwedReply, now: datetime,
                  note: str | None = None, message: dict | None = None) -> OwedReply:
    """Returned; with `note` (typed) or `message` (the app's, coach.wording.texts)."""
    changes: dict = {"status": RETURNED, "returned": now, "updated": now}
    if message is not None:
        from coach.wording import texts

        changes["note"] = texts.render(message)
        changes["texts"] = texts.with_field(reply.texts, texts.NOTE, message)
    elif note:
        changes["note"] = validate.note(note)
    return records.update(store, reply, **changes)


def list_open(store: Store, limit: int | None = None) -> list[OwedReply]:
    return records.select(store, OwedReply, "status = 'open'", order="reply_by, id", limit=limit)
