"""The sync operations the command line and the window call: set up, sync now, status, remove.

A failed sync raises SyncFailed with one line that says why (no network, wrong password,
server error), records that line for `coach sync status` and the window, and leaves the
queue of local changes as it was: they go up with the next sync that gets through.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit

from coach.errors import CoachError
from coach.i18n import N_ as _N
from coach.i18n import _
from coach.storage.store import Store
from coach.sync import account, password, state
from coach.sync.report import Result


class SyncFailed(CoachError):
    exit_code = 1  # not bad input: the same command may work in a minute


def require(store: Store) -> account.Account:
    found = account.load(store)
    if found is None:
        raise CoachError(_("Sync is not set up; run `coach sync setup --url URL --user USER` "
                           "first."))
    return found


def setup(store: Store, url: str, user: str, list_name: str | None,
          password_command: str | None, secret: str | None, now: datetime) -> account.Account:
    """Save the account; the password goes to the keyring unless a command gives it."""
    url = account.check_url(url)
    if password_command:
        password.run_command(password_command)  # fails now, not at the first sync
    elif secret:
        password.save(f"{(user or '').strip()}@{url}", secret)
    else:
        raise CoachError(_("No password given: type it when asked, pipe it on standard "
                           "input, or use --password-command."))
    return account.setup(store, url, user, list_name, password_command, now)


def remove(store: Store) -> account.Account | None:
    old = account.remove(store)
    if old is not None and not old.password_command:
        password.delete(old.key)
    return old


def sync(store: Store, now: datetime, secret: str | None = None,
         use_token: bool = True) -> Result:
    from coach.sync import engine, remote

    acct = require(store)
    try:
        server = remote.Server(acct.url, acct.user,
                               secret or password.get(acct.key, acct.password_command))
        list_url = server.open_list(acct.list_name, acct.calendar_url)
        if list_url != acct.calendar_url:
            account.remember_list(store, list_url)
        result, token = engine.run(store, server, now, acct.sync_token, use_token)
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line, never a trace
        line = why(exc, acct.url)
        account.finish(store, now, False, line)
        raise SyncFailed(line) from None
    account.finish(store, now, True, result.line(), token)
    return result


def why(exc: BaseException, url: str) -> str:
    """One line for a failed sync: what went wrong, in the user's words."""
    from caldav.lib import error

    host = urlsplit(url).hostname or url
    if isinstance(exc, CoachError):
        text = str(exc)
    elif isinstance(exc, error.AuthorizationError):
        text = _("{host} refused the user name or password.").format(host=host)
    elif isinstance(exc, error.NotFoundError):
        text = _("The task list was not found on {host}.").format(host=host)
    elif isinstance(exc, error.DAVError):
        text = _("{host} answered with an error: {reason}").format(
            host=host, reason=_first_line(exc))
    elif isinstance(exc, OSError) or "connect" in type(exc).__name__.lower() \
            or "timeout" in type(exc).__name__.lower():
        text = _("Cannot reach {host}: {reason}").format(host=host, reason=_network(exc))
    else:
        text = _first_line(exc)
    return _("Sync failed: {reason}").format(reason=text)


_NETWORK_REASONS = (
    ("refused", _N("the connection was refused (is the server running?)")),
    ("timed out", _N("no answer in time")),
    ("name or service not known", _N("the name is not known (no network?)")),
    ("temporary failure in name resolution", _N("the name is not known (no network?)")),
    ("certificate", _N("its TLS certificate could not be verified")),
    ("unreachable", _N("the network is unreachable")),
)


def _network(exc: BaseException) -> str:
    """The cause under the HTTP library's long message, in a few words."""
    text = str(exc).lower()
    for marker, reason in _NETWORK_REASONS:
        if marker in text:
            return _(reason)
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return (lines[0][:160] if lines else type(exc).__name__)


@dataclass(frozen=True)
class Status:
    account: account.Account | None
    counts: dict[str, int]
    queued: int


def status(store: Store) -> Status:
    from coach.sync import scope, vtodo

    acct = account.load(store)
    queued = 0
    if acct is not None:
        recs = {(r.kind, r.item_id): r for r in state.all_records(store)
                if r.state == state.LIVE}
        for item in scope.local_items(store):
            kind = state.COMMITMENT if item.__class__.__name__ == "Commitment" else state.REPLY
            rec = recs.get((kind, item.id))
            if rec is None or rec.etag is None or vtodo.changed_since(rec.base, item):
                queued += 1
    return Status(acct, state.counts(store), queued)
