"""PySide's look at every module imported after it, made cheap.

Once PySide6.QtCore is loaded, PySide checks each module imported after it for the word
"PySide6", to know which modules its opt-in `from __feature__ import …` switches apply to.
It reads the source through inspect.getsource, which looks for the file several ways,
decodes it and keeps every line in linecache: about 0.1 ms per module and the sources held
in memory, for the 80-odd modules the window imports before its first frame (issue 19).
The app uses no such switch; the same test on the file's bytes gives the same answer.
"""

from __future__ import annotations

import sys
from types import ModuleType


def _mentions_pyside(module: ModuleType) -> bool:
    spec = getattr(module, "__spec__", None)
    origin = getattr(spec, "origin", None)
    if not isinstance(origin, str) or not origin.endswith(".py"):
        return False  # built in, compiled or without a file: PySide's own test says no too
    try:
        with open(origin, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def cheapen() -> None:
    """Call right after importing PySide6.QtCore; does nothing if PySide works differently."""
    feature = sys.modules.get("PySide6.support.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = _mentions_pyside
