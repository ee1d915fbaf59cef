"""Helpers the command modules share: the store, the clock, dates from the command line."""

from __future__ import annotations

import argparse
from datetime import datetime

from coach.storage.store import Store, open_store


def store_for(args: argparse.Namespace) -> Store:
    return open_store(getattr(args, "data_dir", None))


def when(text: str | None, now: datetime) -> datetime | None:
    if text is None:
        return None
    from coach.errors import CoachError
    from coach.model import validate
    from coach.timing.dates import WhenError, parse_when

    try:
        moment = parse_when(text, now)
    except WhenError as exc:
        raise CoachError(str(exc)) from None
    except (OverflowError, ValueError):
        moment = None
    if moment is None:
        raise CoachError(str(WhenError(text)))
    # Refused at the door: a date outside 1970-2200 is a typo, and would trouble every reader.
    return validate.when(moment, validate.DATE)


def add_data_dir(parser: argparse.ArgumentParser) -> None:
    # Also accepted after the command name: `coach list --data-dir D`.
    parser.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS,
                        help=argparse.SUPPRESS)
