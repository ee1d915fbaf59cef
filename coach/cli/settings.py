"""coach settings [KEY [VALUE]] [--json]: list, read or set a setting, validated."""

from __future__ import annotations

import argparse
import json
import sys

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("settings", help=_("list, read or set a setting"))
    p.add_argument("key", metavar="KEY", nargs="?")
    p.add_argument("value", metavar="VALUE", nargs="?")
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_settings)


def cmd_settings(args: argparse.Namespace) -> int:
    from coach.ops import preferences

    if args.key is not None:
        preferences.check_key(args.key)
    with store_for(args) as store:
        if args.value is not None:
            preferences.put(store, args.key, args.value)
            return 0
        values = preferences.values(store)
    if args.key is not None:
        values = {args.key: values[args.key]}
    if args.json:
        json.dump(values if args.key is None else values[args.key], sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
    elif args.key is not None:
        print(preferences.shown(args.key, values[args.key]))
    else:
        for key, value in values.items():
            print(f"{key} = {preferences.shown(key, value)}")
    return 0
