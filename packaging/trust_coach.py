"""PyInstaller's entry point: the bundled executable behaves exactly like `coach`."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
