"""coach sync: two-way CalDAV task sync of commitments (setup, sync, status, remove)."""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("sync", help=_("sync commitments with a CalDAV task list (phone)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_sync)
    actions = p.add_subparsers(dest="sync_action", metavar="ACTION")

    s = actions.add_parser("setup", help=_("connect a CalDAV account (password asked or "
                                           "read from standard input)"))
    s.add_argument("--url", required=True, metavar="URL", help=_("the CalDAV server address"))
    s.add_argument("--user", required=True, metavar="USER")
    s.add_argument("--password-command", metavar="CMD",
                   help=_("a command that prints the password (instead of the keyring)"))
    s.add_argument("--list", metavar="NAME",
                   help=_('the task list (default: "Trust Coach", created if missing)'))
    add_data_dir(s)
    s.set_defaults(handler=cmd_setup)

    s = actions.add_parser("status", help=_("show the account and the last sync"))
    add_data_dir(s)
    s.set_defaults(handler=cmd_status)

    s = actions.add_parser("remove", help=_("forget the account and its password"))
    add_data_dir(s)
    s.set_defaults(handler=cmd_remove)


def _read_password() -> str | None:
    if sys.stdin is None:
        return None
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(_("Password: ")) or None
    line = sys.stdin.readline()
    return line.rstrip("\r\n") or None


def cmd_setup(args: argparse.Namespace) -> int:
    from coach.sync import account, service
    from coach.timing import timeutil

    now = timeutil.now()
    account.check_url(args.url)  # refused before a password is asked for
    secret = None if args.password_command else _read_password()
    with store_for(args) as store:
        acct = service.setup(store, args.url, args.user, args.list, args.password_command,
                             secret, now)
    where = _("password command") if acct.password_command else _("keyring")
    print(_('Sync set up: {user} at {url}, list "{name}" (password from the {where}).').format(
        user=acct.user, url=acct.url, name=acct.list_name, where=where))
    print(_("Run `coach sync` to sync now."))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from coach.sync import service
    from coach.timing import timeutil

    with store_for(args) as store:
        try:
            result = service.sync(store, timeutil.now())
        except service.SyncFailed as exc:
            if args.json:
                print(json.dumps({"ok": False, "error": str(exc)}))
            raise
    if args.json:
        print(json.dumps(result.to_json(), sort_keys=True))
    else:
        print(result.line())
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from coach.model import commitment_log
    from coach.sync import service
    from coach.timing.dates import local_tz

    with store_for(args) as store:
        info = service.status(store)
        kept = commitment_log.kept(store, limit=10)
        acct = info.account
        if acct is None:
            print(_("Sync is not set up."))
            return 0
        tz = local_tz()
        print(_('Account: {user} at {url}, list "{name}"').format(
            user=acct.user, url=acct.url, name=acct.list_name))
        print(_("Password: from the password command") if acct.password_command
              else _("Password: in the keyring"))
        print(_("Synced items: {n}").format(n=info.counts.get("live", 0)))
        print(_("Waiting to go up: {n}").format(n=info.queued))
        if acct.last_sync is None:
            print(_("Last sync: never"))
        else:
            print(_("Last sync: {at}: {line}").format(
                at=acct.last_sync.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
                line=acct.last_result))
        if kept:
            print(_("Values kept after a conflict (Settings → Sync puts one back):"))
            for entry in kept:
                print("  " + commitment_log.describe(entry, tz))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from coach.sync import service

    with store_for(args) as store:
        old = service.remove(store)
    print(_("Sync removed; your commitments stay as they are.") if old
          else _("Sync was not set up."))
    return 0
