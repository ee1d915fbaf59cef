"""Escalation signals: a customer going up the ladder, seen in the inbox.

Three signs, each in a thread where the user owes a reply (or from a person who is owed
one): a message that copies or is addressed to the user's manager; a chase with words such
as "still waiting" or "immer noch keine Antwort", or a second chase; a message from that
person to the manager with the user only in Cc. Applying one raises the owed reply to
"call now" and opens a concern for the person, or raises its heat, with the message as
evidence, so the nudge tells the user to brief the manager before the customer does
(coach.mail.accept.escalate does that).
"""

from __future__ import annotations

from coach.mail.headers import Message
from coach.wording.texts import CHASED, MANAGER_COPIED, TO_MANAGER

# The reasons are messages (coach.wording.texts): the suggestion keeps the key, so its
# evidence, and the concern note made of it, read in the language shown.
__all__ = ["CHASED", "MANAGER_COPIED", "TO_MANAGER", "signal"]
CONCERN_HEAT = 3  # the nudge threshold's default: the user is told to brief the manager now


def signal(message: Message, manager: str, chases: int, owed_sender: str | None,
           own: frozenset[str]) -> str | None:
    """The reason (a message key, coach.wording.texts) this inbound message escalates, or
    None.

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
