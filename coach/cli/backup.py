"""backup, restore: copies of the database, on demand and back again."""

from __future__ import annotations

import argparse
from pathlib import Path

from coach.cli.common import add_data_dir
from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help=_("copy the database into the backups folder now; "
                                        "prints the file"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help=_("put a backup in place of the database (the newest "
                                         "good one unless FILE is given)"))
    p.add_argument("file", metavar="FILE", nargs="?", type=Path)
    p.add_argument("--fresh", action="store_true",
                   help=_("after a damaged database was set aside: start with an empty one"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_restore)


def cmd_backup(args: argparse.Namespace) -> int:
    from coach.cli.common import store_for
    from coach.storage import backup
    from coach.timing import timeutil

    with store_for(args) as store:
        path = backup.make_backup(store, store.path.parent, timeutil.now())
    print(path)
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    import sys

    from coach.errors import CoachError
    from coach.storage import backup, instance
    from coach.storage.paths import data_dir, ensure_data_dir
    from coach.timing import timeutil
    from coach.timing.display import local

    folder = ensure_data_dir(data_dir(getattr(args, "data_dir", None)))
    if instance.window_running(folder):
        # The window keeps its connection to the old file; its next write would land there.
        raise CoachError(_("The Trust Coach window is open; close it first, or use "
                           "File → Restore from backup… in the window. Nothing was changed."))
    if args.fresh:
        if args.file:
            raise CoachError(_("Give either a backup FILE or --fresh, not both."))
        if not backup.start_fresh(folder):
            raise CoachError(_("No damaged database was set aside; there is nothing to start "
                               "afresh from. Nothing was changed."))
        print(_("Trust Coach starts with an empty database; the damaged file stays where it "
                "was moved."), file=sys.stderr)
        return 0
    source = args.file.expanduser() if args.file else None
    done = backup.restore(folder, source, timeutil.now())
    print(_("Restored {path}.").format(path=done.source), file=sys.stderr)
    if done.previous:
        print(_("The database it replaced was kept as {path}.").format(path=done.previous),
              file=sys.stderr)
    match = [b for b in backup.list_backups(folder) if b.path == done.source]
    if match:
        print(_("Your data is now as it was on {when}.").format(when=local(match[0].taken)),
              file=sys.stderr)
    return 0
