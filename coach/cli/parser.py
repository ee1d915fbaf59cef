"""The full argument parser: every command module registers its commands here.

Only commands and --help need it; the window reads its few options without it (see
coach.cli._window_args), so opening the window does not import every command module.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

from coach import __version__
from coach.errors import CoachError
from coach.i18n import _

COMMAND_MODULES = ("items", "exchange", "brief", "backup", "desktop", "stats", "remind",
                   "repair", "sync", "mail", "suggestions", "today", "review", "act",
                   "settings")

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage on one line, exit 2, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        # Every error line already starts "coach: "; the command's help is named at the end.
        raise CoachError(_("{message} (see {prog} --help)").format(prog=self.prog,
                                                                  message=message))


def build_parser() -> Parser:
    from coach.cli import argparse_words

    argparse_words.install()
    parser = Parser(
        prog="coach",
        description=_("Trust Coach keeps your promises, replies and early warnings in view."),
    )
    parser.add_argument("--version", action="version", version=f"Trust Coach {__version__}",
                        help=_("show program's version number and exit"))
    parser.add_argument("--data-dir", metavar="DIR",
                        help=_("where the data lives (default: $COACH_DATA_DIR or the "
                               "user data folder)"))
    parser.add_argument("--smoke", action="store_true",
                        help=_("open the window, report the start-up time, exit"))
    parser.add_argument("--minimized", action="store_true",
                        help=_("start hidden in the system tray (used when starting at login)"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)
    for name in COMMAND_MODULES:
        importlib.import_module(f"coach.cli.{name}").register(sub)
    return parser
