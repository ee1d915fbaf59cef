"""`python -m coach COMMAND`: the headless command line alone (the `coach` command, which
also opens the window, is ui.launch)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    from coach.cli import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
