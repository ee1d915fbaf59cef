"""The sync account: server URL, user, task list; and the last result, for status lines.

The password is never stored here: see coach.sync.password.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from coach.errors import CoachError
from coach.i18n import _
from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db

DEFAULT_LIST = "Trust Coach"


@dataclass
class Account:
    url: str
    user: str
    list_name: str = DEFAULT_LIST
    password_command: str | None = None
    calendar_url: str | None = None
    sync_token: str | None = None
    last_sync: datetime | None = None
    last_result: str | None = None
    last_ok: bool | None = None

    @property
    def key(self) -> str:
        """The keyring entry's user name: one password per user and server."""
        return f"{self.user}@{self.url}"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    """https only, except for a server on this machine (plain http never leaves it)."""
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CoachError(_('"{url}" is not a server address; it should look like '
                           'https://cloud.example.com/remote.php/dav').format(url=url))
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise CoachError(_("Plain http would send your password unencrypted; use an https "
                           "address (http is allowed only for a server on this computer)."))
    return url if url.endswith("/") else url + "/"


def load(store: Store) -> Account | None:
    row = store.conn.execute("SELECT * FROM sync_account WHERE id = 1").fetchone()
    if row is None:
        return None
    return Account(row["url"], row["user"], row["list_name"], row["password_command"],
                   row["calendar_url"], row["sync_token"], from_db(row["last_sync"]),
                   row["last_result"], None if row["last_ok"] is None else bool(row["last_ok"]))


def setup(store: Store, url: str, user: str, list_name: str | None,
          password_command: str | None, now: datetime) -> Account:
    """Create or replace the account. A different server or list starts afresh."""
    from coach.sync import state

    url = check_url(url)
    user = (user or "").strip()
    if not user:
        raise CoachError(_("The user name must not be empty."))
    name = (list_name or "").strip() or DEFAULT_LIST
    command = (password_command or "").strip() or None
    old = load(store)
    with store.write() as conn:
        if old is None or (old.url, old.user, old.list_name) != (url, user, name):
            state.forget_all(store)
        conn.execute("DELETE FROM sync_account")
        conn.execute("INSERT INTO sync_account (id, url, user, list_name, password_command, "
                     "created) VALUES (1, ?, ?, ?, ?, ?)", (url, user, name, command, to_db(now)))
    return load(store)  # type: ignore[return-value]


def remove(store: Store) -> Account | None:
    """Forget the account and every sync record; the commitments stay as they are."""
    from coach.sync import state

    old = load(store)
    with store.write() as conn:
        conn.execute("DELETE FROM sync_account")
        state.forget_all(store)
    return old


def remember_list(store: Store, calendar_url: str) -> None:
    with store.write() as conn:
        conn.execute("UPDATE sync_account SET calendar_url = ? WHERE id = 1", (calendar_url,))


def finish(store: Store, now: datetime, ok: bool, line: str, token: str | None = None) -> None:
    """The result of a run; a new sync token only after a run that completed."""
    with store.write() as conn:
        if ok:
            conn.execute("UPDATE sync_account SET sync_token = ? WHERE id = 1", (token,))
        conn.execute("UPDATE sync_account SET last_sync = ?, last_result = ?, last_ok = ? "
                     "WHERE id = 1", (to_db(now), line, int(ok)))
