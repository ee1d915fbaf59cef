"""A fetched message as the scan needs it: ids, thread, people, subject, date, kind.

Only these headers are fetched from the inbox (with BODY.PEEK, so nothing is marked read);
the body is read only for the user's own sent mail, and only the matched sentence is kept.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import getaddresses, parseaddr, parsedate_to_datetime

FIELDS = ("FROM", "TO", "CC", "SUBJECT", "DATE", "MESSAGE-ID", "IN-REPLY-TO", "REFERENCES",
          "LIST-ID", "LIST-UNSUBSCRIBE", "PRECEDENCE", "AUTO-SUBMITTED", "X-AUTOREPLY",
          "X-AUTORESPOND", "X-AUTO-RESPONSE-SUPPRESS")
HEADER_ITEM = "BODY.PEEK[HEADER.FIELDS ({})]".format(" ".join(FIELDS))
HEADER_KEY = "BODY[HEADER.FIELDS ({})]".format(" ".join(FIELDS)).encode()
_ID = re.compile(r"<[^<>\s]+>")


@dataclass
class Message:
    role: str  # "inbox" or "sent"
    uid: int
    message_id: str
    thread: str
    in_reply_to: str | None
    refs: tuple[str, ...]
    sender: str
    sender_name: str
    recipients: tuple[str, ...]
    copied: tuple[str, ...]
    subject: str
    date: datetime
    bulk: bool = False  # a list, a bulk sender or an automatic reply: never owed
    mine: bool = False
    promise: str | None = None  # sent mail: the sentence that promises something
    question: str | None = None  # sent mail: the sentence that asks something
    names: dict[str, str] = field(default_factory=dict)  # address -> display name


def _decode(value: object) -> str:
    return " ".join(str(value or "").split())


def _ids(value: str) -> list[str]:
    return _ID.findall(value or "")


def _date(value: str, arrived: datetime | None) -> datetime:
    """The Date header, unless it is missing, broken or claims a time well after arrival."""
    parsed = None
    try:
        parsed = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None and parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if arrived is not None and arrived.tzinfo is None:
        arrived = arrived.replace(tzinfo=UTC)
    if parsed is None or (arrived is not None and parsed > arrived + timedelta(days=1)):
        parsed = arrived or datetime.now(UTC)
    return parsed.astimezone(UTC).replace(microsecond=0)


def parse(role: str, uid: int, raw: bytes, arrived: datetime | None,
          own: frozenset[str]) -> Message:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    get = lambda name: _decode(msg.get(name, ""))  # noqa: E731
    name, sender = parseaddr(get("From"))
    sender = sender.lower()
    people = {}
    to, cc = [], []
    for target, header in ((to, "To"), (cc, "Cc")):
        for display, address in getaddresses([get(header)]):
            if address:
                target.append(address.lower())
                if display:
                    people[address.lower()] = display
    message_id = (_ids(get("Message-ID")) or [f"<uid-{role}-{uid}@coach.invalid>"])[0]
    refs = tuple(_ids(get("References")))
    reply_to = (_ids(get("In-Reply-To")) or [None])[0]
    thread = refs[0] if refs else reply_to or message_id
    auto = get("Auto-Submitted").lower()
    precedence = get("Precedence").lower()
    subject = get("Subject")
    from coach.mail.phrases import is_auto_subject, is_no_reply

    bulk = bool(get("List-Id") or get("List-Unsubscribe")
                or precedence in ("bulk", "list", "junk", "auto_reply")
                or (auto and auto != "no") or get("X-Autoreply") or get("X-Autorespond")
                or is_auto_subject(subject) or is_no_reply(sender))
    if name:
        people[sender] = name
    return Message(role=role, uid=uid, message_id=message_id, thread=thread,
                   in_reply_to=reply_to, refs=refs, sender=sender, sender_name=name,
                   recipients=tuple(to), copied=tuple(cc), subject=subject,
                   date=_date(get("Date"), arrived), bulk=bulk,
                   mine=role == "sent" or sender in own, names=people)


def body_text(raw: bytes) -> str:
    """The text part of a whole message (the HTML part, tags dropped, if there is none)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, ValueError):
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", errors="replace")
    if part.get_content_type() == "text/html":
        text = re.sub(r"(?is)<(script|style|blockquote).*?</\1>", " ", text)
        text = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", text)
        text = re.sub(r"<[^>]+>", " ", text)
        import html

        text = html.unescape(text)
    return text
