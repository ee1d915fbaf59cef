"""`python -m ui`: the same as the `coach` command (the window, or a headless command)."""

import sys

from .launch import main

if __name__ == "__main__":
    sys.exit(main())
