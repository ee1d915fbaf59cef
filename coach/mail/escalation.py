"""Escalation signals: a customer going up the ladder, seen in the inbox.

Three signs, each in a thread where the user owes a reply (or from a person who is owed
one): a message that copies or is addressed to the user's manager; a chase with words such
as "still waiting" or "immer noch keine Antwort", or a second chase; a message from that
person to the manager with the user only in Cc. Applying one raises the owed reply to
"call now" and opens a concern for the person, or raises its heat, with the message as
evidence, so the nudge tells the user to brief the manager before the customer does.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from coach.i18n import N_, _
from coach.mail.headers import Message
from coach.mail.suggestions import Suggestion

MANAGER_COPIED = N_("{who} copied your manager in “{subject}”.")
CHASED = N_("{who} is chasing again: “{subject}”.")
TO_MANAGER = N_("{who} wrote to your manager about it, with you only in Cc: “{subject}”.")
CONCERN_HEAT = 3  # the nudge threshold's default: the user is told to brief the manager now


def signal(message: Message, manager: str, chases: int, owed_sender: str | None,
           own: frozenset[str]) -> str | None:
    """The reason (untranslated template) this inbound message escalates, or None.

    chases: earlier unanswered messages from the same person in the thread, not counting
    the first one (so 1 means this message is the second chase)."""
    to = set(message.recipients)
    copied = set(message.copied)
    if manager and manager in to and own & copied and not own & to:
        return TO_MANAGER
    if manager and manager in to | copied:
        return MANAGER_COPIED
    from coach.mail.phrases import is_chase

    if owed_sender == message.sender and (is_chase(message.subject) or chases >= 1):
        return CHASED
    return None


def apply(store, s: Suggestion, now: datetime, tz: tzinfo) -> list[int]:
    """Raise the owed reply to "call now" and open or heat up the concern; the ids changed."""
    from coach.mail import accept
    from coach.model import concern, owed_reply
    from coach.ops import concerns, edit
    from coach.ops.add import add_concern

    ids: list[int] = []
    reply_suggestion, item = accept.owed_item(store, s.thread) if s.thread else (None, None)
    if reply_suggestion is not None and item is None:
        reply_suggestion.urgent = True
        item = accept.add_reply(store, reply_suggestion, now, tz)
    elif item is not None:
        edit.edit(store, item.id, {"channel": "call", "urgent": True,
                                   "reply_by": min(item.reply_by, s.date)}, now)
    if isinstance(item, owed_reply.OwedReply):
        ids.append(item.id)
    who = (reply_suggestion.who if reply_suggestion else None) or s.who
    evidence = _("{date}: {evidence} Brief your manager before they hear it from {who}."
                 ).format(date=s.date.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                          evidence=s.evidence or "", who=who)
    existing = accept.concern_for(store, who)
    if existing is None:
        changed = add_concern(store, _("{who} is escalating: {subject}").format(
            who=who, subject=s.subject or ""), now, heat=CONCERN_HEAT, who=who, note=evidence,
            source_id=ids[0] if ids else None)
        ids.append(changed.first)
    else:
        concerns.heat(store, existing.id, min(existing.heat + 1, concern.HEAT_MAX), now,
                      evidence)
        ids.append(existing.id)
    return ids
