"""One IMAP session to the configured host: TLS verified, plain text only to loopback.

Every way a connection can fail becomes one MailError sentence; nothing else escapes.
"""

from __future__ import annotations

import contextlib
import imaplib
import socket
import ssl
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from coach.i18n import _
from coach.mail.account import Account, MailError, is_loopback

TIMEOUT = 30


def explain(exc: BaseException, account: Account) -> MailError:
    """The sentence a user needs for a failure below IMAP (network, TLS) or in IMAP."""
    where = f"{account.host}:{account.port}"
    if isinstance(exc, MailError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        return MailError(_("The certificate of {where} could not be verified ({reason}). "
                           "Trust Coach only sends your password over a verified "
                           "connection.").format(where=where,
                                                 reason=exc.verify_message or exc.reason))
    if isinstance(exc, ssl.SSLError):
        return MailError(_("The secure connection to {where} failed ({reason}); check the "
                           "port and --security (imaps is usually port 993, starttls "
                           "143).").format(where=where, reason=exc.reason or exc))
    if isinstance(exc, socket.gaierror):
        return MailError(_("The mail server {host} was not found; check the host name and "
                           "your network.").format(host=account.host))
    if isinstance(exc, TimeoutError | socket.timeout):
        return MailError(_("The mail server {where} did not answer in time.").format(
            where=where))
    if isinstance(exc, ConnectionError | OSError | EOFError):
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return MailError(_("Cannot reach the mail server {where}: {reason}.").format(
            where=where, reason=reason))
    from imapclient import exceptions

    if isinstance(exc, exceptions.LoginError):
        return MailError(_("The mail server refused the login for {user}: wrong user name or "
                           "password. Gmail and Microsoft 365 need an app password (see the "
                           "README, section Mail).").format(user=account.user))
    text = exc.args[0] if exc.args else exc
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    return MailError(_("The mail server {where} reported an error: {reason}").format(
        where=where, reason=str(text).strip() or type(exc).__name__))


def _context() -> ssl.SSLContext:
    # The system's trust store, hostname checked: never an unverified fallback.
    return ssl.create_default_context()


@contextmanager
def session(account: Account, password: str) -> Iterator[Any]:
    """A logged-in IMAPClient; every error inside becomes a MailError."""
    from imapclient import IMAPClient

    if account.security == "none" and not is_loopback(account.host):
        raise MailError(_("Security none is allowed only for a server on this computer."))
    client = None
    try:
        client = IMAPClient(account.host, port=account.port,
                            ssl=account.security == "imaps",
                            ssl_context=_context() if account.security == "imaps" else None,
                            timeout=TIMEOUT)
        if account.security == "starttls":
            if not client.has_capability("STARTTLS"):
                raise MailError(_("The mail server {where} does not offer STARTTLS; use "
                                  "--security imaps.").format(
                                      where=f"{account.host}:{account.port}"))
            client.starttls(_context())
        client.login(account.user, password)
        yield client
    except (OSError, EOFError, imaplib.IMAP4.error) as exc:
        # Network, TLS and IMAP failures; errors of the caller's own code pass unchanged.
        raise explain(exc, account) from None
    finally:
        if client is not None:
            with contextlib.suppress(Exception):  # the server may be gone already
                client.logout()
