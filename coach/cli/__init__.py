"""The command line: a stable contract (see DESIGN.md). Headless commands never import Qt.

Each command group lives in a module of this package with a `register(subparsers)`
function; handlers import what they need when they run, so `coach add` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys
import traceback
from collections.abc import Callable

from coach import __version__
from coach.errors import CoachError
from coach.i18n import _

COMMAND_MODULES = ("items", "exchange", "brief", "backup", "desktop", "stats", "remind")

Handler = Callable[[argparse.Namespace], int]


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage on one line, exit 2, like every other error."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CoachError(_("{prog}: {message} (see --help)").format(prog=self.prog,
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


def _open_window(args: argparse.Namespace) -> int:
    try:
        from ui.app import run_app
    except ImportError as exc:
        raise CoachError(
            _("The window cannot start: {reason}. Headless commands still work; "
              "see `coach --help`.").format(reason=exc)
        ) from None
    return run_app(data_dir=args.data_dir, smoke=args.smoke, minimized=args.minimized)


WINDOW_FLAGS = frozenset({"--smoke", "--minimized"})


def _window_args(argv: list[str]) -> argparse.Namespace | None:
    """Options for the window alone, read without building every command's parser.

    Start-up time is the window's first impression; the full parser (every command module
    imported and registered) is only needed for commands and --help.
    """
    values = {"data_dir": None, "smoke": False, "minimized": False, "command": None}
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word in WINDOW_FLAGS:
            values[word[2:]] = True
        elif word.startswith("--data-dir=") and len(word) > len("--data-dir="):
            values["data_dir"] = word.split("=", 1)[1]
        elif word == "--data-dir" and rest and not rest[0].startswith("-"):
            values["data_dir"] = rest.pop(0)
        else:
            return None
    return argparse.Namespace(**values)


def run(argv: list[str]) -> int:
    args = None
    try:
        args = _window_args(argv) or build_parser().parse_args(argv)
        if args.command is None:
            return _open_window(args)
        return args.handler(args)
    except CoachError as exc:
        print(f"coach: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except sqlite3.DatabaseError as exc:
        from coach.backup import explain_database_error

        print(f"coach: {explain_database_error(exc, getattr(args, 'data_dir', None))}",
              file=sys.stderr)
        return 2
    except BrokenPipeError:
        # `coach list | head` closes the pipe early; that is not an error.
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        log = _write_crash_log()
        print(_("coach: unexpected error: {error} (details in {log})").format(
            error=exc, log=log), file=sys.stderr)
        return 1


def _write_crash_log() -> str:
    import tempfile

    path = f"{tempfile.gettempdir()}/trust-coach-crash.log"
    try:
        with open(path, "a", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
    except OSError:
        return "-"
    return path
