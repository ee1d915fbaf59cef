"""Accepting a suggestion: the item it becomes, made by the same core functions as
`coach reply` and `coach add`, in one transaction with the suggestion's new status."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from coach.mail import suggestions as found
from coach.mail.suggestions import ESCALATION, FOLLOW_UP, PROMISE, REPLY, Suggestion
from coach.model import concern, owed_reply, records
from coach.storage import settings
from coach.storage.store import Store
from coach.timing.timeutil import to_db
from coach.wording import texts


@dataclass
class Accepted:
    suggestion: Suggestion
    ids: list[int] = field(default_factory=list)  # the items made or changed, main one first
    check: Any = None  # promise_check.Recorded when a promise was checked


def add_reply(store: Store, s: Suggestion, now: datetime, tz: tzinfo) -> owed_reply.OwedReply:
    """The owed reply for an inbound message; "call now" when the thread is escalating."""
    from coach.ops.add import add_reply as add

    with store.write():
        changed = add(store, s.who, now, channel="call" if s.urgent else "email",
                      about=s.subject, received=s.date, urgent=s.urgent, tz=tz)
        found.set_status(store, s, found.ACCEPTED, now, changed.first)
    return records.fetch(store, owed_reply.OwedReply, changed.first)


def _promise(store: Store, s: Suggestion, now: datetime, tz: tzinfo,
             answers: dict[str, str] | None) -> Accepted:
    from coach.ops.add import PromiseChoice, add_commitment

    fields = {texts.NOTE: texts.message(texts.FOUND_IN_EMAIL, who=s.who,
                                        subject=s.subject or "", date=to_db(s.date))}
    if not (s.evidence or s.subject):
        fields[texts.TITLE] = texts.message(texts.PROMISE_BY_EMAIL)
    stored = texts.dump(fields)
    title = s.evidence or s.subject or texts.field(stored, texts.TITLE, "")
    check = PromiseChoice(answers) if answers is not None else None
    with store.write():
        changed = add_commitment(store, title, now, recipient=s.who, due=s.due,
                                 note=texts.field(stored, texts.NOTE, ""), check=check, tz=tz,
                                 texts=stored)
        found.set_status(store, s, found.ACCEPTED, now, changed.first)
    return Accepted(s, list(changed.created), changed.detail)


def _follow_up(store: Store, s: Suggestion, now: datetime, tz: tzinfo) -> Accepted:
    from coach.ops.add import add_commitment
    from coach.rules.reply_by import reply_by

    due = reply_by("email", now, False, tz, settings.load(store))
    stored = texts.dump({
        texts.TITLE: texts.message(texts.FOLLOW_UP, who=s.who, subject=s.subject or ""),
        texts.NOTE: texts.message(texts.YOU_ASKED, question=s.evidence or "")})
    with store.write():
        changed = add_commitment(
            store, texts.field(stored, texts.TITLE, ""), now, recipient=s.who, due=due,
            note=texts.field(stored, texts.NOTE, ""), tz=tz, texts=stored)
        found.set_status(store, s, found.ACCEPTED, now, changed.first)
    return Accepted(s, list(changed.created))


def accept(store: Store, s: Suggestion, now: datetime, tz: tzinfo,
           answers: dict[str, str] | None = None) -> Accepted:
    """Turn an open suggestion into its item (for an escalation: raise reply and concern)."""
    if s.kind == REPLY:
        return Accepted(s, [add_reply(store, s, now, tz).id])
    if s.kind == PROMISE:
        return _promise(store, s, now, tz, answers)
    if s.kind == FOLLOW_UP:
        return _follow_up(store, s, now, tz)
    assert s.kind == ESCALATION
    with store.write():
        ids = escalate(store, s, now, tz)
        found.set_status(store, s, found.ACCEPTED, now, ids[0] if ids else None)
    return Accepted(s, ids)


def owed_item(store: Store, thread: str) -> tuple[Suggestion | None, Any]:
    """The reply owed in a thread: its suggestion and, once accepted, the open item."""
    for s in found.in_thread(store, thread, (REPLY,), (found.OPEN, found.ACCEPTED)):
        if s.status == found.OPEN:
            return s, None
        item = records.fetch(store, owed_reply.OwedReply, s.item_id) if s.item_id else None
        if item is not None and item.is_open:
            return s, item
    return None, None


def concern_for(store: Store, who: str) -> concern.Concern | None:
    for c in concern.list_open(store):
        if c.who and c.who.strip().lower() == who.strip().lower():
            return c
    return None


def escalate(store: Store, s: Suggestion, now: datetime, tz: tzinfo) -> list[int]:
    """Raise the owed reply to "call now" and open or heat up the concern; the ids changed."""
    from coach.mail.escalation import CONCERN_HEAT
    from coach.ops import concerns, edit
    from coach.ops.add import add_concern

    ids: list[int] = []
    reply_suggestion, item = owed_item(store, s.thread) if s.thread else (None, None)
    if reply_suggestion is not None and item is None:
        reply_suggestion.urgent = True
        item = add_reply(store, reply_suggestion, now, tz)
    elif item is not None:
        edit.edit(store, item.id, {"channel": "call", "urgent": True,
                                   "reply_by": min(item.reply_by, s.date)}, now)
    if isinstance(item, owed_reply.OwedReply):
        ids.append(item.id)
    who = (reply_suggestion.who if reply_suggestion else None) or s.who
    reason = texts.load(s.texts).get(texts.EVIDENCE)  # the app's reason, kept as a message
    evidence = texts.message(texts.ESCALATION_EVIDENCE, date=to_db(s.date),
                             evidence=reason or s.evidence or "", who=who)
    existing = concern_for(store, who)
    if existing is None:
        stored = texts.dump({texts.NOTE: evidence, texts.TITLE: texts.message(
            texts.ESCALATING, who=who, subject=s.subject or "")})
        changed = add_concern(store, texts.field(stored, texts.TITLE, ""), now,
                              heat=CONCERN_HEAT, who=who, note=texts.field(stored, texts.NOTE, ""),
                              source_id=ids[0] if ids else None, texts=stored)
        ids.append(changed.first)
    else:
        concerns.heat(store, existing.id, min(existing.heat + 1, concern.HEAT_MAX), now,
                      message=evidence)
        ids.append(existing.id)
    return ids
