"""stats: the trust figures, as a short summary or as JSON for scripts."""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stats", help=_("trust figures: promises, replies, concerns, briefings"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_stats)


def cmd_stats(args: argparse.Namespace) -> int:
    from coach.stats import figures as stats
    from coach.timing import timeutil

    with store_for(args) as store:
        figures = stats.gather(store, timeutil.now())
    if args.json:
        json.dump(figures, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from coach.stats.wording import summary

        sys.stdout.write(summary(figures))
    return 0
