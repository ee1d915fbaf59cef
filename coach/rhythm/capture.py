"""One-line captures the review offers: a promise (with its check) or an owed reply.

A promise line is "what, then when" ("Send Jim the offer Friday 10am"), optionally
"… every Friday 9am" for a recurring one; an owed-reply line is "who: about", optionally
starting with the channel ("email Anna: invoice").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from coach.errors import CoachError
from coach.i18n import _
from coach.model import owed_reply
from coach.model import recurrence as rec
from coach.model.commitment import Commitment
from coach.storage.store import Store

CHANNEL_WORDS = {
    "call": "call", "anruf": "call", "voicemail": "voicemail", "mailbox": "voicemail",
    "email": "email", "e-mail": "email", "mail": "email", "message": "message",
    "nachricht": "message", "sms": "message", "chat": "message",
}


@dataclass(frozen=True)
class PromiseLine:
    title: str
    due: datetime | None
    recurrence: rec.Recurrence | None

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {"title": self.title, "due": self.due}
        if self.recurrence is not None:
            fields.update(rec.to_fields(self.recurrence), due=self.recurrence.first())
        return fields


def understand_promise(text: str, now: datetime, tz: tzinfo,
                       working_days: tuple[int, ...] = rec.WORKDAYS,
                       hours: Any = None) -> PromiseLine:
    """Title and due time, or title and rule; as the quick capture reads them."""
    from coach.timing.dates import split_when

    title, found = rec.split_recurring(text, now, tz, working_days)
    if found is not None:
        return PromiseLine(title, found.first(), found)
    title, due = split_when(text, now, tz, hours=hours)
    return PromiseLine(title, due, None)


def record_promise(store: Store, line: PromiseLine, answers: dict[str, str] | None,
                   now: datetime, tz: tzinfo, recipient: str | None = None):
    """The commitment with its promise check (answers None: skipped on purpose), added by
    coach.ops.add as every other way in adds one; returns the check's result."""
    from coach.ops.add import PromiseChoice, add_commitment

    fields = line.fields()
    title = fields.pop("title")
    return add_commitment(store, title, now, recipient=recipient,
                          check=PromiseChoice(answers), tz=tz, **fields).detail


def understand_reply(text: str) -> tuple[str, str, str | None]:
    """(who, channel, about) from "email Anna Meyer: invoice"; a call unless it says so."""
    words = text.strip().split(maxsplit=1)
    channel = "call"
    if len(words) == 2 and words[0].lower().rstrip(":") in CHANNEL_WORDS:
        channel, text = CHANNEL_WORDS[words[0].lower().rstrip(":")], words[1]
    who, _sep, about = text.partition(":")
    if not who.strip():
        raise CoachError(_("Say who called or wrote, e.g. “Anna Meyer: delivery date”."))
    return who.strip(), channel, about.strip() or None


def record_reply(store: Store, text: str, now: datetime, tz: tzinfo) -> owed_reply.OwedReply:
    """The owed reply, added by coach.ops.add (its reply-by as `coach reply` sets it)."""
    from coach.ops.add import add_reply
    from coach.ops.items import require

    who, channel, about = understand_reply(text)
    return require(store, add_reply(store, who, now, channel=channel, about=about,
                                    tz=tz).first)


def as_commitment(store: Store, item_id: int) -> Commitment:
    from coach.ops.items import require

    item = require(store, item_id)
    if not isinstance(item, Commitment):
        raise CoachError(_("Item {id} is not a commitment.").format(id=item.id))
    return item
