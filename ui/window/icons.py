"""The app's icons, drawn from the SVGs in resources/icons so they stay sharp at any scale."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from coach.resources import resource


@cache
def icon(name: str) -> QIcon:
    # QIcon renders an SVG at the size asked for, so high-DPI screens get a crisp pixmap.
    return QIcon(str(resource("icons", f"{name}.svg")))


FLAG = "⚑"  # a concern the manager should hear about now (tab badge, log dialog)
