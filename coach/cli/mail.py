"""coach mail add | status | scan | remove: the opt-in mail account and its scan."""

from __future__ import annotations

import argparse
import json
import os
import sys

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    from coach.cli.parser import Parser

    p = sub.add_parser("mail", help=_("the mail account whose inbox and sent mail are scanned"))
    add_data_dir(p)
    mail = p.add_subparsers(dest="mail_command", metavar="ACTION", parser_class=Parser)
    p.set_defaults(handler=_missing_action)

    a = mail.add_parser("add", help=_("set up the mail account (checks the login first)"))
    a.add_argument("--host", required=True, metavar="HOST")
    a.add_argument("--port", metavar="N", help=_("default: 993 for imaps, 143 otherwise"))
    a.add_argument("--user", required=True, metavar="USER")
    a.add_argument("--security", default="imaps", metavar="imaps|starttls|none",
                   help=_("imaps (default), starttls, or none (only for this computer)"))
    a.add_argument("--password-command", metavar="CMD",
                   help=_("a command that prints the password (e.g. `pass show mail`); "
                          "without it the password is asked for and kept in the keyring"))
    a.add_argument("--address", action="append", default=[], metavar="ADDR",
                   help=_("one of your own addresses or aliases (repeatable; default: USER)"))
    add_data_dir(a)
    a.set_defaults(handler=cmd_add)

    s = mail.add_parser("status", help=_("the account, the last scan and its result"))
    add_data_dir(s)
    s.set_defaults(handler=cmd_status)

    s = mail.add_parser("scan", help=_("scan the mailbox now (for cron: exit 2 on failure)"))
    s.add_argument("--json", action="store_true", help=_("machine-readable output"))
    # For the window, which runs the scan as this command in a process of its own: one
    # line `progress ROLE DONE TOTAL` on stderr per batch of headers fetched, at a low CPU
    # priority so that on a busy machine the window gets the processor first.
    s.add_argument("--progress", action="store_true", help=argparse.SUPPRESS)
    add_data_dir(s)
    s.set_defaults(handler=cmd_scan)

    s = mail.add_parser("remove", help=_("turn mail off: forget the account and password"))
    add_data_dir(s)
    s.set_defaults(handler=cmd_remove)


def _missing_action(args: argparse.Namespace) -> int:
    from coach.errors import CoachError

    raise CoachError(_("Name a mail action: add, status, scan or remove (see `coach mail "
                       "--help`)."))


def _read_password() -> str:
    from coach.mail.account import MailError

    if sys.stdin is not None and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(_("Mail password (kept in the keyring): "))
    else:
        # Piped in (`pass show mail | coach mail add ...`): the first line.
        password = (sys.stdin.readline() if sys.stdin else "").rstrip("\r\n")
    if not password:
        raise MailError(_("No password given. Type it when asked, pipe it in, or use "
                          "--password-command CMD."))
    return password


def cmd_add(args: argparse.Namespace) -> int:
    from coach.mail import account, password, scan

    # Everything is checked before anything is saved: a failed add changes nothing.
    acct = account.check(args.host, args.user, args.port, args.security,
                         args.password_command, args.address)
    secret = (password.from_command(acct.password_command) if acct.password_command
              else _read_password())
    sent_folder = scan.verify(acct, secret)
    if not acct.password_command:
        password.save(acct, secret)
    with store_for(args) as store:
        account.save(store, acct)
    print(_("Mail account {account} added ({security}); logged in, Sent folder: "
            "{sent}.").format(account=acct.label, security=acct.security, sent=sent_folder))
    print(_("Your addresses: {addresses}. Scan with `coach mail scan`.").format(
        addresses=", ".join(sorted(acct.own))))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from coach.mail import account, suggestions

    with store_for(args) as store:
        acct = account.load(store)
        if acct is None:
            print(_("Mail is off: no account is set up (add one with `coach mail add`)."))
            return 0
        last = account.get_state(store, "last_scan")
        error = account.get_state(store, "last_error")
        waiting = len(suggestions.list_open(store))
    how = (_("password command") if acct.password_command else _("keyring"))
    print(_("Account: {account} ({security}), password from the {how}").format(
        account=acct.label, security=acct.security, how=how))
    print(_("Your addresses: {addresses}").format(addresses=", ".join(sorted(acct.own))))
    print(_("Last scan: {when}").format(when=_local(last) if last else _("never")))
    if error:
        print(_("Last scan failed: {error}").format(error=error))
    print(_("Suggestions waiting: {n}").format(n=waiting))
    return 0


def _local(text: str) -> str:
    from datetime import datetime

    from coach.timing.dates import local_tz

    return datetime.fromisoformat(text).astimezone(local_tz()).strftime("%Y-%m-%d %H:%M")


def cmd_scan(args: argparse.Namespace) -> int:
    from coach.mail import scan
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    def progress(role: str, done: int, total: int) -> None:
        print(f"progress {role} {done} {total}", file=sys.stderr, flush=True)

    if args.progress and hasattr(os, "nice"):
        os.nice(10)

    with store_for(args) as store:
        report = scan.run(store, timeutil.now(), local_tz(),
                          progress=progress if args.progress else None)
    if args.json:
        json.dump(report.to_json(), sys.stdout, indent=2)
        print()
    else:
        print(report.text())
        if report.found:
            print(_("See them with `coach suggestions`."))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from coach.mail import account, password

    with store_for(args) as store:
        acct = account.require(store)
        account.forget(store)
    password.forget(acct)
    print(_("Mail is off: the account {account} and its password were removed; items "
            "already added stay.").format(account=acct.label))
    return 0
