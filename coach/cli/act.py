"""edit, snooze, renegotiate, ok: acting on items that already exist."""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import add_account_options, add_data_dir, store_for, when
from coach.i18n import N_, _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("edit", help=_("change an item's title, person, due time, note or "
                                      "channel"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--title", metavar="T", help=_("new title (an owed reply's subject)"))
    p.add_argument("--to", metavar="WHO", help=_("who it is for, from or about"))
    p.add_argument("--due", metavar="WHEN", help=_("a commitment's new due time"))
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--via", metavar="CHANNEL",
                   help=_("an owed reply's channel: call, voicemail, email or message"))
    p.add_argument("--by", metavar="WHEN", help=_("an owed reply's new reply-by time"))
    add_account_options(p)  # a concern's
    add_data_dir(p)
    p.set_defaults(handler=cmd_edit)

    p = sub.add_parser("snooze", help=_("hold an item's reminders until later"))
    p.add_argument("id", metavar="ID")
    p.add_argument("when", metavar="WHEN", nargs="+",
                   help=_('a duration ("2h", "2 Stunden") or a time ("tomorrow 9am")'))
    add_data_dir(p)
    p.set_defaults(handler=cmd_snooze)

    p = sub.add_parser("renegotiate", help=_("move a commitment's date honestly; prints the "
                                             "message for the recipient"))
    p.add_argument("id", metavar="ID")
    p.add_argument("new_when", metavar="NEW_WHEN", nargs="+")
    p.add_argument("--reason", metavar="TEXT", help=_("why it needs longer"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_renegotiate)

    p = sub.add_parser("ok", help=_("record that your manager approved an item waiting for "
                                    "their OK"))
    p.add_argument("id", metavar="ID")
    add_data_dir(p)
    p.set_defaults(handler=cmd_ok)


# option → the field it sets, per kind of item (missing: that kind has no such thing).
EDIT_FIELDS = {
    "commitment": {"title": "title", "to": "recipient", "due": "due", "note": "note"},
    "reply": {"title": "about", "to": "who", "by": "reply_by", "note": "note",
              "via": "channel"},
    "concern": {"title": "title", "to": "who", "note": "note", "happened": "happened",
                "doing": "doing", "need": "need"},
}
KIND_WORDS = {"commitment": N_("a commitment"), "reply": N_("an owed reply"),
              "concern": N_("a concern")}


def cmd_edit(args: argparse.Namespace) -> int:
    from coach.errors import CoachError
    from coach.ops import edit, items
    from coach.timing import timeutil

    now = timeutil.now()
    # Dates and the id are read before the store opens: bad input writes nothing.
    item_id = items.parse_id(args.id)
    given = {"title": args.title, "to": args.to, "due": when(args.due, now),
             "note": args.note, "via": args.via, "by": when(args.by, now),
             "happened": args.happened, "doing": args.doing, "need": args.need}
    given = {k: v for k, v in given.items() if v is not None}
    if not given:
        raise CoachError(_("Nothing to change: give at least one of --title, --to, --due, "
                           "--note, --via, --by, --happened, --doing, --need."))
    with store_for(args) as store:
        item = items.require_open(store, item_id)
        kind = items.kind_name(item)
        fields = EDIT_FIELDS[kind]
        for option in given:
            if option not in fields:
                raise CoachError(_("--{option} does not apply to item {id}, which is {kind}.")
                                 .format(option=option, id=item.id, kind=_(KIND_WORDS[kind])))
        changes = {fields[option]: value for option, value in given.items()}
        if kind == "reply" and "reply_by" in changes and changes["reply_by"] < item.received:
            raise CoachError(_("The reply-by time cannot be before the call or message came "
                               "in."))
        edit.edit(store, item_id, changes, now)
    if "due" in given and given["due"] < now:
        print(_("coach: the new due time has already passed; the commitment is overdue."),
              file=sys.stderr)
    return 0


def cmd_snooze(args: argparse.Namespace) -> int:
    from coach.ops import items, snooze
    from coach.timing import timeutil
    from coach.timing.display import day_and_time

    now = timeutil.now()
    item_id = items.parse_id(args.id)
    until = snooze.parse_until(" ".join(args.when), now)
    with store_for(args) as store:
        snooze.snooze(store, item_id, until, now)
    print(_("Snoozed until {when}.").format(when=day_and_time(until)), file=sys.stderr)
    return 0


def cmd_renegotiate(args: argparse.Namespace) -> int:
    from coach.ops import items, renegotiate
    from coach.timing import timeutil

    now = timeutil.now()
    item_id = items.parse_id(args.id)
    new_due = when(" ".join(args.new_when), now)
    with store_for(args) as store:
        done = renegotiate.renegotiate(store, items.require(store, item_id), new_due, now,
                                       args.reason)
    print(done.message)
    if not done.in_time:
        print(_("coach: recorded as renegotiated after it was due (late)."), file=sys.stderr)
    return 0


def cmd_ok(args: argparse.Namespace) -> int:
    from coach.ops import approve, items
    from coach.timing import timeutil

    with store_for(args) as store:
        approve.approve(store, items.require(store, args.id), timeutil.now())
    return 0
