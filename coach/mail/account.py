"""The mail account: host, port, login, security and the user's own addresses.

Stored in mail_state as JSON; the password never is (see coach.mail.password).
"""

from __future__ import annotations

import ipaddress
import json
from dataclasses import asdict, dataclass

from coach.errors import CoachError
from coach.i18n import _
from coach.storage.store import Store

SECURITY = ("imaps", "starttls", "none")
DEFAULT_PORTS = {"imaps": 993, "starttls": 143, "none": 143}
KEY = "account"


class MailError(CoachError):
    """A mail problem the user can fix (password, server, TLS, folder): one clear sentence."""


@dataclass(frozen=True)
class Account:
    host: str
    port: int
    user: str
    security: str = "imaps"
    password_command: str | None = None
    addresses: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.user}@{self.host}:{self.port}"

    @property
    def own(self) -> frozenset[str]:
        """Every address that is the user: the listed ones, or the login name."""
        return frozenset(a.lower() for a in (self.addresses or (self.user,)))


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check(host: str, user: str, port: object = None, security: str | None = None,
          password_command: str | None = None,
          addresses: list[str] | tuple[str, ...] = ()) -> Account:
    """A validated account, or one clear error naming what is wrong."""
    host = (host or "").strip()
    user = (user or "").strip()
    security = (security or "imaps").strip().lower()
    if not host or any(c.isspace() or c in "/@" for c in host):
        raise MailError(_('"{host}" is not a mail server name.').format(host=host))
    if not user:
        raise MailError(_("The user name must not be empty."))
    if security not in SECURITY:
        raise MailError(_('Unknown security "{value}"; use one of: {choices}.').format(
            value=security, choices=", ".join(SECURITY)))
    if security == "none" and not is_loopback(host):
        raise MailError(_("Security none sends the password unencrypted; it is allowed only "
                          "for a server on this computer (localhost, 127.0.0.1). Use imaps "
                          "or starttls for {host}.").format(host=host))
    if port is None or port == "":
        number = DEFAULT_PORTS[security]
    else:
        text = str(port).strip()
        number = int(text) if text.isdigit() else 0
        if not 1 <= number <= 65535:
            raise MailError(_('"{port}" is not a port number (1 to 65535).').format(port=port))
    own = []
    for address in addresses or ():
        address = address.strip()
        if "@" not in address or any(c.isspace() for c in address):
            raise MailError(_('"{address}" is not an email address.').format(address=address))
        if address.lower() not in (a.lower() for a in own):
            own.append(address)
    command = (password_command or "").strip() or None
    return Account(host, number, user, security, command, tuple(own))


def save(store: Store, account: Account) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO mail_state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (KEY, json.dumps(asdict(account))))


def load(store: Store) -> Account | None:
    row = store.conn.execute("SELECT value FROM mail_state WHERE key = ?", (KEY,)).fetchone()
    if row is None:
        return None
    data = json.loads(row[0])
    data["addresses"] = tuple(data.get("addresses") or ())
    return Account(**data)


def require(store: Store) -> Account:
    account = load(store)
    if account is None:
        raise MailError(_("Mail is off: no account is set up. Add one with `coach mail add "
                          "--host HOST --user USER` (see the README, section Mail)."))
    return account


def forget(store: Store) -> None:
    """Turn mail off: the account and where each scan stopped. Items already made stay, and
    so do dismissed messages and blocked senders (they must never come back)."""
    with store.write() as conn:
        conn.execute("DELETE FROM mail_state")
        conn.execute("DELETE FROM mail_folders")
        conn.execute("DELETE FROM mail_messages")
        conn.execute("DELETE FROM mail_suggestions WHERE status = 'open'")


def get_state(store: Store, key: str) -> str | None:
    row = store.conn.execute("SELECT value FROM mail_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def put_state(store: Store, key: str, value: str | None) -> None:
    with store.write() as conn:
        conn.execute("INSERT INTO mail_state (key, value) VALUES (?, ?) ON CONFLICT(key) "
                     "DO UPDATE SET value = excluded.value", (key, value))
