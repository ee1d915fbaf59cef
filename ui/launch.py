"""The `coach` command: the window for `coach [--smoke] [--minimized] [--data-dir DIR]`,
the headless command line (coach.cli, which never loads Qt) for everything else.

It lives in ui/ because only the shell may know about the window: the core never imports
ui, so `coach list` in a cron job loads no Qt and `python -m coach` is headless alone.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from coach.cli import run, window_args

    options = window_args(args)
    if options is None:
        return run(args)
    try:
        from .app import run_app
    except ImportError as exc:
        from coach.i18n import _

        print(_("coach: The window cannot start: {reason}. Headless commands still work; "
                "see `coach --help`.").format(reason=exc), file=sys.stderr)
        return 2
    return run_app(data_dir=options.data_dir, smoke=options.smoke, minimized=options.minimized)
