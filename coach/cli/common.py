"""Helpers the command modules share: the store, the clock, dates from the command line."""

from __future__ import annotations

import argparse
from datetime import datetime

from coach.storage.store import Store, open_store


def store_for(args: argparse.Namespace, checked: bool = False) -> Store:
    return open_store(getattr(args, "data_dir", None), checked=checked)


def working_hours(args: argparse.Namespace | None):
    """The user's working hours, read without creating a database that is not there yet
    (a date refused must change nothing)."""
    from coach.storage import settings
    from coach.storage.paths import DB_NAME, data_dir

    if args is None or not (data_dir(getattr(args, "data_dir", None)) / DB_NAME).exists():
        return settings.DEFAULT_HOURS
    with store_for(args) as store:
        return settings.WorkingHours.from_settings(settings.get_all(store))


def when(text: str | None, now: datetime, args: argparse.Namespace | None = None,
         due: bool = True) -> datetime | None:
    """A WHEN option as UTC. For a due time on a day off, says so on stderr."""
    if text is None:
        return None
    import sys

    from coach.errors import CoachError
    from coach.model import validate
    from coach.timing.dates import WhenError, not_working_day, parse_when

    hours = working_hours(args)
    try:
        value = parse_when(text, now, hours=hours)
    except WhenError as exc:
        raise CoachError(str(exc)) from None
    except (OverflowError, ValueError):
        value = None
    if value is None:
        raise CoachError(str(WhenError(text)))
    # Refused at the door: a date outside 1970-2200 is a typo, and would trouble every reader.
    value = validate.when(value, validate.DATE)
    if due and (note := not_working_day(value, hours=hours)):
        print(f"coach: {note}", file=sys.stderr)
    return value


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    # Also accepted after the command name: `coach list --data-dir D`.
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help=argparse.SUPPRESS)


def add_account_options(parser: argparse.ArgumentParser) -> None:
    """A concern's account for the briefing: each said by the user, never read from the note."""
    from coach.i18n import _

    parser.add_argument("--happened", metavar="TEXT",
                        help=_("what happened (the briefing says it as a fact)"))
    parser.add_argument("--doing", metavar="TEXT", help=_("what you are doing about it"))
    parser.add_argument("--need", metavar="TEXT",
                        help=_("what you need from your manager"))
