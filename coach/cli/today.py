"""today, skip: what matters today, and skipping one occurrence of a recurring commitment."""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("today", help=_("today's promises, owed replies, concerns, briefing"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_today)

    p = sub.add_parser("skip", help=_("skip one occurrence of a recurring commitment"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--note", metavar="TEXT", help=_("why it is skipped this time"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_skip)


def cmd_today(args: argparse.Namespace) -> int:
    from coach.rhythm import today
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    tz = local_tz()
    with store_for(args) as store:
        found = today.build(store, timeutil.now(), tz)
    if args.json:
        json.dump(found.to_json(tz), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(today.render_text(found))
    return 0


def cmd_skip(args: argparse.Namespace) -> int:
    from coach.rhythm import series
    from coach.rules.promise_check import say_when
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    now = timeutil.now()
    with store_for(args) as store:
        item = series.skip_occurrence(store, args.id, now, args.note).detail
    print(_("Skipped; next occurrence: {when}.").format(when=say_when(item.due, now, local_tz())))
    return 0


def add_recurring(args: argparse.Namespace, now) -> int:
    """`coach add TITLE --every RULE`: the first occurrence; prints its id."""
    from coach.errors import CoachError
    from coach.rhythm import series
    from coach.storage import settings
    from coach.timing.dates import local_tz

    if args.due is not None:
        raise CoachError(_("Use either --due or --every: a recurring commitment is due at "
                           "each time its rule names."))
    tz = local_tz()
    series.parse_every(args.every, now, tz)  # refused before the store is even opened
    with store_for(args) as store:
        days = tuple(settings.get(store, "working_days") or (0, 1, 2, 3, 4))
        rule = series.parse_every(args.every, now, tz, days)
        item = series.new_series(args.title, rule, now, recipient=args.to,
                                 urgent=args.urgent, note=args.note)
        if args.check is not None:
            from coach.rhythm.capture import PromiseLine, record_promise
            from coach.rules import promise_check

            answers = promise_check.parse_answers(args.check)
            done = record_promise(store, PromiseLine(item.title, item.due, rule), answers,
                                  now, tz, recipient=args.to)
            print("\n".join(str(i) for i in done.ids))
            print(promise_check.summary(done, now, tz), file=sys.stderr)
            return 0
        series.add(store, item)
    print(item.id)
    return 0
