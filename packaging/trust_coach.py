"""PyInstaller's entry point: the bundled executable behaves exactly like `coach`."""

import sys

from coach.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
