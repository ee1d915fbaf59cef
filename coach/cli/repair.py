"""delete: remove an item for good, e.g. one an older version stored damaged."""

from __future__ import annotations

import argparse

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("delete", help=_("remove an item and its history for good"))
    p.add_argument("id", metavar="ID")
    add_data_dir(p)
    p.set_defaults(handler=cmd_delete)


def cmd_delete(args: argparse.Namespace) -> int:
    from coach.ops.delete import delete

    with store_for(args) as store:
        delete(store, args.id)
    return 0
