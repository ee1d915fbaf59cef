"""coach suggestions | accept ID | dismiss ID [--sender]: what the mail scan found."""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggestions", help=_("what the mail scan found, waiting for you"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("accept", help=_("turn a suggestion into an item; prints its id"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--check", metavar="ANSWERS",
                   help=_("for a promise: the promise check after the fact, as for "
                          "`coach add --check`"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_accept)

    p = sub.add_parser("dismiss", help=_("drop a suggestion; it is never suggested again"))
    p.add_argument("id", metavar="ID")
    p.add_argument("--sender", action="store_true",
                   help=_("never suggest anything from this sender again"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_dismiss)


def cmd_list(args: argparse.Namespace) -> int:
    from coach.mail import suggestions
    from coach.timing.dates import local_tz

    with store_for(args) as store:
        found = suggestions.list_open(store)
    tz = local_tz()
    if args.json:
        json.dump([suggestions.to_json(s, tz) for s in found], sys.stdout, indent=2,
                  ensure_ascii=False)
        print()
        return 0
    if not found:
        print(_("No suggestions."))
        return 0
    for s in found:
        kind = _(suggestions.KIND_LABELS[s.kind])
        if s.urgent:
            kind = _("{kind}, call now").format(kind=kind)
        print(f"{s.id:>5}  {s.date.astimezone(tz):%Y-%m-%d %H:%M}  {kind}: {s.who} — "
              f"{s.subject or ''}")
        if s.evidence and s.evidence != s.subject:
            # A found sentence is quoted; an escalation's reason is the app's own words.
            shown = s.evidence if s.kind == suggestions.ESCALATION else f"“{s.evidence}”"
            print(f"       {shown}")
        if s.due:
            print("       " + _("due {when}").format(when=f"{s.due.astimezone(tz):%Y-%m-%d %H:%M}"))
    return 0


def cmd_accept(args: argparse.Namespace) -> int:
    from coach.mail import accept, suggestions
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    answers = None
    if args.check is not None:
        from coach.rules import promise_check

        answers = promise_check.parse_answers(args.check)
    now, tz = timeutil.now(), local_tz()
    with store_for(args) as store:
        s = suggestions.require_open(store, args.id)
        if answers is not None and s.kind != suggestions.PROMISE:
            from coach.errors import CoachError

            raise CoachError(_("--check is only for a promise; suggestion {id} is a "
                               "{kind}.").format(id=s.id, kind=_(suggestions.KIND_LABELS[s.kind])))
        done = accept.accept(store, s, now, tz, answers)
    print("\n".join(str(i) for i in done.ids))
    if done.check is not None:
        from coach.rules import promise_check

        print(promise_check.summary(done.check, now, tz), file=sys.stderr)
    elif s.kind == suggestions.PROMISE:
        print(_("Added without a promise check. Accept a promise with --check "
                "control=…,authority=…,date=…,facts=…,manager=… to check it after the fact; "
                "a risky one then gets the honest correction to send."), file=sys.stderr)
    return 0


def cmd_dismiss(args: argparse.Namespace) -> int:
    from coach.mail import suggestions
    from coach.timing import timeutil

    with store_for(args) as store:
        s = suggestions.require_open(store, args.id)
        ids = suggestions.dismiss(store, s, timeutil.now(), sender=args.sender)
    if args.sender:
        print(_("Dismissed {n}; nothing from {sender} will be suggested again.").format(
            n=len(ids), sender=s.sender))
    return 0
