"""Suggestions (Vorschläge): what the mail scan found, waiting for accept or dismiss.

Each row keeps its evidence (sender, subject, date and the one matched sentence) and, once
accepted, the id of the item it became. A dismissed message is never suggested again (one
row per kind and message), and "never for this sender" blocks the address for good.
Ids come from the item counter, so a suggestion's id never equals an item's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from coach.errors import CoachError
from coach.i18n import N_, _
from coach.storage.store import Store
from coach.timing.timeutil import from_db, iso, to_db
from coach.wording import texts

REPLY, PROMISE, FOLLOW_UP, ESCALATION = "reply", "promise", "follow-up", "escalation"
KINDS = (REPLY, PROMISE, FOLLOW_UP, ESCALATION)
KIND_LABELS = {REPLY: N_("owed reply"), PROMISE: N_("promise"), FOLLOW_UP: N_("follow-up"),
               ESCALATION: N_("escalation")}
OPEN, ACCEPTED, DISMISSED, ANSWERED = "open", "accepted", "dismissed", "answered"
# The statuses as words, for "Suggestion 12 was already accepted."
STATUS_WORDS = (N_("accepted"), N_("dismissed"), N_("answered"))


@dataclass
class Suggestion:
    id: int
    kind: str
    status: str
    message_id: str
    thread: str | None
    sender: str | None  # the other person's address (for sent mail: the recipient)
    sender_name: str | None
    subject: str | None
    evidence: str | None
    date: datetime
    due: datetime | None
    urgent: bool
    item_id: int | None
    person: str | None = None
    texts: str | None = None  # evidence the app wrote, as a message (coach.wording.texts)

    @property
    def who(self) -> str:
        return self.sender_name or self.sender or _("unknown sender")


def _from_row(row: Any) -> Suggestion:
    return Suggestion(id=row["id"], kind=row["kind"], status=row["status"],
                      message_id=row["message_id"], thread=row["thread"],
                      sender=row["sender"], sender_name=row["sender_name"],
                      subject=row["subject"],
                      evidence=texts.field(row["texts"], texts.EVIDENCE, row["evidence"]),
                      date=from_db(row["date"]), due=from_db(row["due"]),
                      urgent=bool(row["urgent"]), item_id=row["item_id"],
                      person=row["person"], texts=row["texts"])


def add(store: Store, kind: str, message_id: str, now: datetime, *, date: datetime,
        thread: str | None = None, sender: str | None = None, sender_name: str | None = None,
        subject: str | None = None, evidence: str | dict | None = None,
        due: datetime | None = None, urgent: bool = False) -> Suggestion | None:
    """A new open suggestion; None when this message was suggested (or dismissed) before
    or its sender is blocked. `evidence` is a sentence of the mail, or the app's reason as
    a message (coach.wording.texts), kept so it reads in the language shown."""
    stored = None
    if isinstance(evidence, dict):
        evidence, stored = texts.made(texts.EVIDENCE, evidence)
    with store.write() as conn:
        if sender and is_blocked(store, sender):
            return None
        suggestion_id = store.next_id()
        cursor = conn.execute(
            "INSERT OR IGNORE INTO mail_suggestions (id, kind, message_id, thread, sender, "
            "sender_name, person, subject, evidence, date, due, urgent, created, updated, "
            "texts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (suggestion_id, kind, message_id, thread, sender, sender_name,
             sender_name or sender, subject, evidence, to_db(date), to_db(due), int(urgent),
             to_db(now), to_db(now), stored))
        if cursor.rowcount == 0:
            # The id is spent either way; a gap in ids is harmless, a reused one is not.
            return None
    return get(store, suggestion_id)


def get(store: Store, suggestion_id: int) -> Suggestion | None:
    row = store.conn.execute("SELECT * FROM mail_suggestions WHERE id = ?",
                             (suggestion_id,)).fetchone()
    return _from_row(row) if row else None


def require_open(store: Store, text: object) -> Suggestion:
    from coach.ops.items import parse_id

    suggestion = get(store, parse_id(text))
    if suggestion is None:
        raise CoachError(_("There is no suggestion with id {id} (see `coach suggestions`)."
                           ).format(id=parse_id(text)))
    if suggestion.status != OPEN:
        raise CoachError(_("Suggestion {id} was already {status}.").format(
            id=suggestion.id, status=_(suggestion.status)))
    return suggestion


def list_open(store: Store) -> list[Suggestion]:
    rows = store.conn.execute(
        "SELECT * FROM mail_suggestions WHERE status = 'open' ORDER BY date, id").fetchall()
    return [_from_row(r) for r in rows]


def in_thread(store: Store, thread: str, kinds: tuple[str, ...],
              statuses: tuple[str, ...] = (OPEN,)) -> list[Suggestion]:
    marks = lambda values: ", ".join("?" for _v in values)  # noqa: E731
    rows = store.conn.execute(
        f"SELECT * FROM mail_suggestions WHERE thread = ? AND kind IN ({marks(kinds)}) "
        f"AND status IN ({marks(statuses)}) ORDER BY date, id",
        (thread, *kinds, *statuses)).fetchall()
    return [_from_row(r) for r in rows]


def from_sender(store: Store, sender: str, kinds: tuple[str, ...]) -> list[Suggestion]:
    marks = ", ".join("?" for _k in kinds)
    rows = store.conn.execute(
        f"SELECT * FROM mail_suggestions WHERE sender = ? AND kind IN ({marks}) "
        "AND status IN ('open', 'accepted') ORDER BY date, id", (sender, *kinds)).fetchall()
    return [_from_row(r) for r in rows]


def set_status(store: Store, suggestion: Suggestion, status: str, now: datetime,
               item_id: int | None = None) -> Suggestion:
    with store.write() as conn:
        conn.execute("UPDATE mail_suggestions SET status = ?, item_id = coalesce(?, item_id), "
                     "updated = ? WHERE id = ?", (status, item_id, to_db(now), suggestion.id))
    suggestion.status = status
    suggestion.item_id = item_id if item_id is not None else suggestion.item_id
    return suggestion


def mark_urgent(store: Store, suggestion: Suggestion, now: datetime) -> None:
    with store.write() as conn:
        conn.execute("UPDATE mail_suggestions SET urgent = 1, updated = ? WHERE id = ?",
                     (to_db(now), suggestion.id))
    suggestion.urgent = True


def is_blocked(store: Store, address: str) -> bool:
    return store.conn.execute("SELECT 1 FROM mail_blocked WHERE address = ?",
                              (address.lower(),)).fetchone() is not None


def dismiss(store: Store, suggestion: Suggestion, now: datetime,
            sender: bool = False) -> list[int]:
    """Dismiss it; with sender=True also every open suggestion from that address, for good.
    Returns the ids dismissed."""
    ids = [suggestion.id]
    with store.write() as conn:
        set_status(store, suggestion, DISMISSED, now)
        if sender and suggestion.sender:
            conn.execute("INSERT OR IGNORE INTO mail_blocked (address, at) VALUES (?, ?)",
                         (suggestion.sender.lower(), to_db(now)))
            rows = conn.execute("SELECT id FROM mail_suggestions WHERE sender = ? AND "
                                "status = 'open'", (suggestion.sender.lower(),)).fetchall()
            ids += [r[0] for r in rows]
            conn.execute("UPDATE mail_suggestions SET status = 'dismissed', updated = ? "
                         "WHERE sender = ? AND status = 'open'",
                         (to_db(now), suggestion.sender.lower()))
    return ids


def to_json(s: Suggestion, tz=None) -> dict[str, Any]:
    """`coach suggestions --json`: one object per suggestion (a stable contract)."""
    return {"id": s.id, "kind": s.kind, "status": s.status, "who": s.who,
            "message_id": s.message_id,
            "address": s.sender, "subject": s.subject, "evidence": s.evidence,
            "date": iso(s.date, tz), "due": iso(s.due, tz), "call_now": s.urgent,
            "item": s.item_id}
