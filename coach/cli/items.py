"""add, reply, concern, heat, told, list, done: the everyday commands."""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import add_data_dir, store_for, when
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help=_("record a commitment; prints its id"))
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--to", metavar="WHO", help=_("who you promised it to"))
    p.add_argument("--due", metavar="WHEN", help=_('when it is due ("tomorrow 10am")'))
    p.add_argument("--urgent", action="store_true")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--check", metavar="ANSWERS",
                   help=_("promise check answers, e.g. control=yes,authority=no,date=yes,"
                          "facts=unsure,manager=yes (left out: unsure), or skip"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("reply", help=_("record a call or message you owe a reply; prints its id"))
    p.add_argument("who", metavar="WHO")
    p.add_argument("--via", default="call", metavar="CHANNEL",
                   help=_("call, voicemail, email or message (default: call)"))
    p.add_argument("--about", metavar="TEXT")
    p.add_argument("--received", metavar="WHEN", help=_("when it came in (default: now)"))
    p.add_argument("--by", metavar="WHEN", help=_("reply by (default: from the channel's rule)"))
    p.add_argument("--urgent", action="store_true")
    add_data_dir(p)
    p.set_defaults(handler=cmd_reply)

    p = sub.add_parser("concern", help=_("record a situation heating up; prints its id"))
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--who", metavar="WHO")
    p.add_argument("--heat", default="2", metavar="1-5")
    p.add_argument("--note", metavar="TEXT")
    add_data_dir(p)
    p.set_defaults(handler=cmd_concern)

    p = sub.add_parser("heat", help=_("change a concern's heat, with a log entry"))
    p.add_argument("id", metavar="ID")
    p.add_argument("heat", metavar="N")
    p.add_argument("--note", metavar="TEXT")
    add_data_dir(p)
    p.set_defaults(handler=cmd_heat)

    p = sub.add_parser("told", help=_("record that your manager was told about a concern"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--note", metavar="TEXT")
    add_data_dir(p)
    p.set_defaults(handler=cmd_told)

    p = sub.add_parser("list", help=_("show open items"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.add_argument("--all", action="store_true", help=_("include finished items"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("done", help=_("mark an item done, returned or resolved"))
    p.add_argument("id", metavar="ID")
    add_data_dir(p)
    p.set_defaults(handler=cmd_done)


def cmd_add(args: argparse.Namespace) -> int:
    from coach.cli import coaching
    from coach.model import commitment
    from coach.timing import timeutil

    now = timeutil.now()
    title, due, notes = coaching.title_and_due(args.title, when(args.due, now), now,
                                               args.due is not None)
    item = commitment.new(title, now, recipient=args.to, due=due, urgent=args.urgent,
                          note=args.note)
    if args.check is not None:
        code = _add_checked(args, item, now)
        print("\n".join(notes), file=sys.stderr) if notes else None
        return code
    with store_for(args) as store:
        commitment.add(store, item)
    print(item.id)
    notes += coaching.check_skipped(item)
    if notes:
        print("\n".join(notes), file=sys.stderr)
    return 0


def _add_checked(args: argparse.Namespace, item, now) -> int:
    from coach.rules import promise_check
    from coach.storage import settings
    from coach.timing.dates import local_tz

    # Parsed before the store is opened: bad answers must write nothing.
    answers = promise_check.parse_answers(args.check)
    tz = local_tz()
    with store_for(args) as store:
        hours = settings.WorkingHours.from_settings(settings.get_all(store))
        done = promise_check.record(store, item, answers, now, tz, hours=hours)
    print("\n".join(str(i) for i in done.ids))
    print(promise_check.summary(done, now, tz), file=sys.stderr)
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    from coach.cli import coaching
    from coach.model import owed_reply
    from coach.rules.reply_by import reply_by
    from coach.storage import settings
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    now = timeutil.now()
    channel = owed_reply.check_channel(args.via)
    received = when(args.received, now) or now
    due = when(args.by, now)
    coaching.check_reply_times(received, due, now)
    with store_for(args) as store:
        if due is None:
            due = reply_by(channel, received, args.urgent, local_tz(), settings.get_all(store),
                           text=args.about)
        item = owed_reply.new(args.who, channel, received, due, now, about=args.about,
                              urgent=args.urgent, reply_by_manual=args.by is not None)
        owed_reply.add(store, item)
    print(item.id)
    return 0


def cmd_concern(args: argparse.Namespace) -> int:
    from coach.model import concern
    from coach.timing import timeutil

    now = timeutil.now()
    item = concern.new(args.title, now, heat=args.heat, who=args.who, note=args.note)
    with store_for(args) as store:
        concern.add(store, item)
    print(item.id)
    return 0


def _concern(store, text):
    from coach.errors import CoachError
    from coach.model.concern import Concern
    from coach.ops.items import require

    item = require(store, text)
    if not isinstance(item, Concern):
        raise CoachError(_("Item {id} is not a concern.").format(id=item.id))
    return item


def cmd_heat(args: argparse.Namespace) -> int:
    from coach.model import concern
    from coach.timing import timeutil

    heat = concern.check_heat(args.heat)
    with store_for(args) as store:
        concern.set_heat(store, _concern(store, args.id), heat, timeutil.now(), args.note)
    return 0


def cmd_told(args: argparse.Namespace) -> int:
    from coach.model import concern
    from coach.timing import timeutil

    with store_for(args) as store:
        concern.mark_told(store, _concern(store, args.id), timeutil.now(), args.note)
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    from coach.errors import CoachError
    from coach.ops import items
    from coach.timing import timeutil

    with store_for(args) as store:
        item = items.require(store, args.id)
        if not item.is_open:
            raise CoachError(_("Item {id} is already closed ({status}).").format(
                id=item.id, status=_(item.status)))
        items.finish(store, item, timeutil.now())
        from coach.cli import coaching

        hint = coaching.close_loop_hint(store, item)
    if hint:
        print(hint, file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from coach.ops import listing
    from coach.timing import timeutil

    with store_for(args) as store:
        groups = listing.groups(store, include_closed=args.all, now=timeutil.now())
        if args.json:
            listing.write_json(groups, sys.stdout)
        else:
            listing.write_text(groups, sys.stdout, timeutil.now())
    return 0



