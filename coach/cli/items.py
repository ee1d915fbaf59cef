"""add, reply, concern, heat, told, list, done: the everyday commands."""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import add_account_options, add_data_dir, store_for, when
from coach.i18n import _
from coach.ops.listing.rows import LIST_PAGE


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add", help=_("record a commitment; prints its id"))
    p.add_argument("title", metavar="TITLE")
    p.add_argument("--to", metavar="WHO", help=_("who you promised it to"))
    p.add_argument("--due", metavar="WHEN", help=_('when it is due ("tomorrow 10am")'))
    p.add_argument("--every", metavar="RULE",
                   help=_('a recurring commitment ("every Friday 9am", "jeden Freitag 9 Uhr")'))
    p.add_argument("--urgent", action="store_true")
    p.add_argument("--note", metavar="TEXT")
    p.add_argument("--check", metavar="ANSWERS",
                   help=_("promise check answers, e.g. control=yes,authority=no,date=yes,"
                          "facts=unsure,manager=yes (also ja, nein, unsicher; left out: "
                          "unsure), or skip"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_add)

    p = sub.add_parser("reply", help=_("record a call or message you owe a reply; prints its id"))
    p.add_argument("who", metavar="WHO")
    p.add_argument("--via", default="call", metavar="CHANNEL",
                   help=_("call, voicemail, email or message; Anruf, Mailbox, E-Mail, Mail "
                          "or Nachricht (default: call)"))
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
    add_account_options(p)
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

    p = sub.add_parser("list", help=_("show the most urgent open items"))
    p.add_argument("--json", action="store_true",
                   help=_("machine-readable output (every item, whatever --limit says)"))
    p.add_argument("--all", action="store_true", help=_("include finished items"))
    p.add_argument("--limit", type=_limit, default=None, metavar="N",
                   help=_("items of each kind to show, most urgent first (default: {n}; "
                          "0 shows all)").format(n=LIST_PAGE))
    add_data_dir(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("done", help=_("mark an item done, returned or resolved"))
    p.add_argument("id", metavar="ID")
    add_data_dir(p)
    p.set_defaults(handler=cmd_done)


def cmd_add(args: argparse.Namespace) -> int:
    from coach.cli import coaching
    from coach.ops.add import PromiseChoice, add_commitment
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    now = timeutil.now()
    if args.every is not None:  # recurring: coach.rhythm.series owns the rule
        from coach.cli.today import add_recurring

        return add_recurring(args, now)
    check = None
    if args.check is not None:
        from coach.rules import promise_check

        # Parsed before the store is opened: bad answers must write nothing.
        check = PromiseChoice(promise_check.parse_answers(args.check))
    # Like quick capture: a date at the end of the title is the due time (said on stderr).
    title, due, notes = coaching.title_and_due(args.title, when(args.due, now, args), now,
                                               args.due is not None)
    tz = local_tz()
    with store_for(args) as store:
        changed = add_commitment(store, title, now, recipient=args.to, due=due,
                                 urgent=args.urgent, note=args.note, check=check, tz=tz)
    print("\n".join(str(i) for i in changed.created))
    if check is not None:
        from coach.rules import promise_check

        print(promise_check.summary(changed.detail, now, tz), file=sys.stderr)
    else:
        notes += coaching.check_skipped(args.to)
    if notes:
        print("\n".join(notes), file=sys.stderr)
    return 0


def cmd_reply(args: argparse.Namespace) -> int:
    from coach.cli import coaching
    from coach.model import owed_reply
    from coach.ops.add import add_reply
    from coach.timing import timeutil

    now = timeutil.now()
    owed_reply.check_channel(args.via)  # the channel is the first thing a typo is told about
    received = when(args.received, now, args, due=False)
    due = when(args.by, now, args)
    coaching.check_reply_times(received or now, due, now)
    with store_for(args) as store:
        changed = add_reply(store, args.who, now, channel=args.via, about=args.about,
                            received=received, reply_by=due, urgent=args.urgent)
    print(changed.first)
    return 0


def cmd_concern(args: argparse.Namespace) -> int:
    from coach.model import concern
    from coach.ops.add import add_concern
    from coach.timing import timeutil

    now = timeutil.now()
    account = {name: getattr(args, name) for name in concern.ACCOUNT}
    concern.new(args.title, now, heat=args.heat, who=args.who, note=args.note,
                **account)  # checks first
    with store_for(args) as store:
        changed = add_concern(store, args.title, now, heat=args.heat, who=args.who,
                              note=args.note, **account)
    print(changed.first)
    return 0


def cmd_heat(args: argparse.Namespace) -> int:
    from coach.model import concern
    from coach.ops import concerns
    from coach.timing import timeutil

    heat = concern.check_heat(args.heat)
    with store_for(args) as store:
        concerns.heat(store, args.id, heat, timeutil.now(), args.note)
    return 0


def cmd_told(args: argparse.Namespace) -> int:
    from coach.ops import concerns
    from coach.timing import timeutil

    with store_for(args) as store:
        concerns.told(store, args.id, timeutil.now(), args.note)
    return 0


def cmd_done(args: argparse.Namespace) -> int:
    from coach.cli import coaching
    from coach.ops import items
    from coach.ops.finish import finish
    from coach.timing import timeutil

    with store_for(args) as store:
        finish(store, args.id, timeutil.now())
        hint = coaching.close_loop_hint(store, items.find(store, items.parse_id(args.id)))
    if hint:
        print(hint, file=sys.stderr)
    return 0


def _limit(text: str) -> int:
    """--limit: a whole number, 0 or more (argparse names the option in its message)."""
    digits = text.strip()
    if not (digits.isascii() and digits.isdigit()):
        raise argparse.ArgumentTypeError(
            _("\"{value}\" is not a number of items (0 or more; 0 shows all).").format(
                value=text))
    return int(digits)


def cmd_list(args: argparse.Namespace) -> int:
    from coach.ops import listing
    from coach.timing import timeutil

    limit = LIST_PAGE if args.limit is None else args.limit
    # Checked first when every item is written out: damage deep in the file must not pass
    # as a shorter list. A page reads its rows and says how many it leaves out; its quick
    # check (60 ms at 150,000 items) is left to `--limit 0`, which the page names.
    with store_for(args, checked=args.json or not limit) as store:
        if args.json:
            groups = listing.groups(store, include_closed=args.all, now=timeutil.now())
            listing.write_json(groups, sys.stdout)
        else:
            listing.write_text(store, args.all, sys.stdout, timeutil.now(), limit)
    return 0
