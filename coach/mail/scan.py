"""The scan: fetch what is new since the last scan, then work out what it means.

Incremental per folder (UIDVALIDITY and the last UID seen). Folders are opened read-only
(EXAMINE) and fetched with BODY.PEEK, so no flag ever changes. The inbox gives headers
only; the user's own sent mail is read whole, once, for the promise and the question in
it, and only those sentences are kept. Nothing is written until everything was fetched,
and then in one transaction: a scan that fails leaves the store as it was and the next
one starts from the same place.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from typing import Any

from coach.i18n import _
from coach.mail import account as accounts
from coach.mail import headers, inbox, index, sent
from coach.mail.account import Account, MailError
from coach.mail.headers import Message
from coach.mail.report import Report
from coach.storage.store import Store

SENT_NAMES = ("Sent", "Sent Items", "Sent Messages", "Sent Mail", "Gesendet",
              "Gesendete Elemente", "Gesendete Objekte", "Gesendete Nachrichten",
              "[Gmail]/Sent Mail", "[Gmail]/Gesendet", "INBOX.Sent", "INBOX/Sent",
              "INBOX.Gesendet", "INBOX/Gesendet")
HEADER_BATCH = 1000
BODY_BATCH = 50
# progress(role, done, total): messages of that folder whose headers are in so far;
# role "analysis" once everything is fetched and the matching starts.
Progress = Callable[[str, int, int], None]


@dataclass
class Folder:
    role: str
    name: str
    uidvalidity: int
    last_uid: int
    messages: list[Message] = field(default_factory=list)


def find_sent(client: Any) -> str:
    """The Sent folder: by its special-use flag, else by a common English or German name."""
    folders = client.list_folders()
    for flags, _sep, name in folders:
        if b"\\Sent" in flags:
            return name
    by_name = {name.lower(): name for _flags, _sep, name in folders}
    for candidate in SENT_NAMES:
        if candidate.lower() in by_name:
            return by_name[candidate.lower()]
    raise MailError(_("No Sent folder was found on the mail server (looked for the \\Sent "
                      "flag and names such as Sent, Gesendet, Gesendete Elemente). Without "
                      "it answered mail cannot be recognised."))


def _state(store: Store, role: str) -> tuple[str, int, int] | None:
    row = store.conn.execute("SELECT name, uidvalidity, last_uid FROM mail_folders "
                             "WHERE role = ?", (role,)).fetchone()
    return (row[0], row[1], row[2]) if row else None


def _key(data: dict, prefix: bytes) -> bytes:
    for key, value in data.items():
        if isinstance(key, bytes) and key.startswith(prefix):
            return value or b""
    return b""


def fetch(client: Any, store: Store, role: str, name: str, account: Account,
          since: datetime, progress: Progress | None = None) -> Folder:
    try:
        info = client.select_folder(name, readonly=True)
    except Exception as exc:
        if "imap" in type(exc).__module__.lower():
            raise MailError(_("The folder “{name}” cannot be opened on the mail server "
                              "({reason}); was it deleted or renamed?").format(
                name=name, reason=_reason(exc))) from None
        raise
    validity = int(info[b"UIDVALIDITY"])
    saved = _state(store, role)
    last = saved[2] if saved and saved[1] == validity and saved[0] == name else 0
    folder = Folder(role, name, validity, last)
    uidnext = info.get(b"UIDNEXT")
    if uidnext is not None and int(uidnext) <= last + 1:
        return folder  # nothing new: no search, no fetch
    if not info.get(b"EXISTS"):
        return folder
    uids = sorted(u for u in client.search(["UID", f"{last + 1}:*"]) if u > last)
    own = account.own
    for start in range(0, len(uids), HEADER_BATCH):
        chunk = uids[start:start + HEADER_BATCH]
        for uid, data in client.fetch(chunk, [headers.HEADER_ITEM, "INTERNALDATE"]).items():
            raw = _key(data, b"BODY[HEADER")
            folder.messages.append(headers.parse(role, uid, raw, data.get(b"INTERNALDATE"),
                                                 own))
        if progress is not None:
            progress(role, len(folder.messages), len(uids))
    if uids:
        folder.last_uid = uids[-1]
    if role == "sent":
        _read_own_words(client, folder.messages, since)
    return folder


def _read_own_words(client: Any, messages: list[Message], since: datetime) -> None:
    """The promise and the question in each recent sent message; the body is not kept."""
    from coach.mail.phrases import asks, find_promise

    recent = [m for m in messages if m.date >= since]
    by_uid = {m.uid: m for m in recent}
    uids = sorted(by_uid)
    for start in range(0, len(uids), BODY_BATCH):
        chunk = uids[start:start + BODY_BATCH]
        for uid, data in client.fetch(chunk, ["BODY.PEEK[]"]).items():
            text = headers.body_text(_key(data, b"BODY[]"))
            by_uid[uid].promise = find_promise(text)
            by_uid[uid].question = asks(text)


def _reason(exc: BaseException) -> str:
    text = exc.args[0] if exc.args else exc
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return str(text).strip() or type(exc).__name__


def _save_folder(store: Store, folder: Folder) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO mail_folders (role, name, uidvalidity, last_uid) "
                     "VALUES (?, ?, ?, ?) ON CONFLICT(role) DO UPDATE SET name = excluded.name, "
                     "uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid",
                     (folder.role, folder.name, folder.uidvalidity, folder.last_uid))


def run(store: Store, now: datetime, tz: tzinfo, password: str | None = None,
        progress: Progress | None = None) -> Report:
    """One scan of the configured account. Raises MailError (after recording it for
    `coach mail status` and the window) on any failure."""
    from coach.mail import connection
    from coach.mail import password as passwords
    from coach.storage import settings

    started = time.perf_counter()
    account = accounts.require(store)
    try:
        secret = password or passwords.get(account)
        values = settings.get_all(store)
        since = now - timedelta(days=int(values.get("mail.look_back_days", 14)))
        with connection.session(account, secret) as client:
            client.normalise_times = False
            folders = [fetch(client, store, "sent", find_sent(client), account, since,
                             progress),
                       fetch(client, store, "inbox", "INBOX", account, since, progress)]
        report = Report(messages=sum(len(f.messages) for f in folders))
        if progress is not None and report.messages:
            progress("analysis", report.messages, report.messages)
        with store.write():
            new_sent = index.store_messages(store, folders[0].messages)
            new_inbox = index.store_messages(store, folders[1].messages)
            sent.handle(store, new_sent, since, now, tz, report)
            inbox.handle(store, new_inbox, account, values, since, now, tz, report)
            sent.follow_ups(store, now, tz, values, report)
            for folder in folders:
                _save_folder(store, folder)
            accounts.put_state(store, "last_scan", now.isoformat())
            accounts.put_state(store, "last_error", None)
    except MailError as exc:
        accounts.put_state(store, "last_error", str(exc))
        accounts.put_state(store, "last_error_at", now.isoformat())
        raise
    report.seconds = time.perf_counter() - started
    return report


def verify(account: Account, password: str) -> str:
    """Log in and find the Sent folder, for `coach mail add`: the Sent folder's name."""
    from coach.mail import connection

    with connection.session(account, password) as client:
        return find_sent(client)
