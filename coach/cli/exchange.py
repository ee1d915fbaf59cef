"""export, import, ics: moving data in and out."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _, ngettext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help=_("write everything to a JSON file"))
    p.add_argument("file", metavar="FILE.json", type=Path)
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser("import", help=_("add everything from an export file"))
    p.add_argument("file", metavar="FILE.json", type=Path)
    add_data_dir(p)
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser("ics", help=_("write due and reply-by times to a calendar file"))
    p.add_argument("file", metavar="FILE.ics", type=Path)
    p.add_argument("--force", action="store_true", help=_("overwrite an existing file"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_ics)


def cmd_export(args: argparse.Namespace) -> int:
    import sys

    from coach.storage import exchange
    from coach.timing import timeutil

    with store_for(args) as store:
        n = exchange.export_file(store, args.file, timeutil.now(), args.force)
    print(ngettext("Exported {n} item to {path}.", "Exported {n} items to {path}.", n).format(
        n=n, path=args.file), file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    import sys

    from coach.ops.exchange import import_data
    from coach.storage import exchange

    data = exchange.read_export(args.file)
    with store_for(args) as store:
        n, skipped = import_data(store, data).detail
    print(ngettext("Imported {n} item from {path}.", "Imported {n} items from {path}.", n).format(
        n=n, path=args.file), file=sys.stderr)
    if skipped:
        print(ngettext("Skipped {n} item that is here already.",
                       "Skipped {n} items that are here already.", skipped).format(n=skipped),
              file=sys.stderr)
    return 0


def cmd_ics(args: argparse.Namespace) -> int:
    import sys

    from coach.storage import exchange
    from coach.timing import timeutil

    with store_for(args) as store:
        n = exchange.ics_file(store, args.file, timeutil.now(), args.force)
    print(_("Wrote {n} calendar entries to {path}.").format(n=n, path=args.file), file=sys.stderr)
    return 0
