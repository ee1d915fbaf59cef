"""brief: the status update for the manager."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("brief", help=_("write the status update for your manager"))
    p.add_argument("--format", default="text", choices=("text",))
    p.add_argument("--lang", choices=("en", "de"))
    p.add_argument("--out", metavar="FILE", type=Path)
    p.add_argument("--mark-sent", action="store_true",
                   help=_("record it as sent (your manager now knows the concerns in it)"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_brief)


def cmd_brief(args: argparse.Namespace) -> int:
    from coach import briefing, timeutil
    from coach.i18n import current_language, set_language

    lang = set_language(args.lang) if args.lang else current_language()
    with store_for(args) as store:
        draft = briefing.build(store, timeutil.now())
        text = briefing.render_text(draft)
        briefing.save(store, draft, text, lang, args.format, sent=args.mark_sent)
    if args.out:
        from coach.exchange import write_file

        write_file(args.out, text)
    else:
        sys.stdout.write(text)
    return 0
