"""The command line: a stable contract (see DESIGN.md). Headless commands never import Qt.

Each command group lives in a module of this package with a `register(subparsers)`
function; handlers import what they need when they run, so `coach add` stays fast.
"""

from __future__ import annotations

import sys
from types import SimpleNamespace
from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.i18n import _

if TYPE_CHECKING:
    from coach.cli.parser import Parser


def build_parser() -> Parser:
    """The full parser (coach.cli.parser), built only for commands and --help."""
    from coach.cli.parser import build_parser as build

    return build()


WINDOW_FLAGS = frozenset({"--smoke", "--minimized"})


def window_args(argv: list[str]) -> SimpleNamespace | None:
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
    return SimpleNamespace(**values)


def run(argv: list[str]) -> int:
    args = None
    try:
        if window_args(argv) is not None:
            # The core never imports the window (ui imports coach, not the other way round).
            raise CoachError(_("This is the headless command line: the window opens with the "
                               "`coach` command or `python -m ui`."))
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise CoachError(_("Name a command (see `coach --help`); `coach` alone opens "
                               "the window."))
        return args.handler(args)
    except CoachError as exc:
        from coach.model.validate import visible

        # A message may quote what the user typed: one line, control characters shown.
        print(f"coach: {visible(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `coach list | head` closes the pipe early; that is not an error.
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence: never a traceback
        # sqlite3 is not imported before the window paints; an error from it means it was.
        sqlite3 = sys.modules.get("sqlite3")
        if sqlite3 is not None and isinstance(exc, sqlite3.DatabaseError):
            from coach.storage.backup import explain_database_error

            print(f"coach: {explain_database_error(exc, getattr(args, 'data_dir', None))}",
                  file=sys.stderr)
            return 2
        log = _write_crash_log()
        print(_("coach: unexpected error: {error} (details in {log})").format(
            error=exc, log=log), file=sys.stderr)
        return 1


def _write_crash_log() -> str:
    """Append the traceback to crash.log in the user's private folder (0700, file 0600).

    Not a fixed name in /tmp: another user could read it, or plant a symlink there that
    makes us append to a file of their choosing.
    """
    import os
    import traceback

    from coach.storage.paths import private_dir

    try:
        path = private_dir() / "crash.log"
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8", errors="backslashreplace") as fh:
            traceback.print_exc(file=fh)
    except (OSError, CoachError):
        return "-"
    return str(path)
