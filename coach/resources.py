"""The app's own files (icons, translations, templates), wherever the app was installed.

An installed wheel ships resources/ as the package `coach_resources`, read through
importlib.resources; a checkout reads the folder beside coach/; a PyInstaller bundle unpacks it
under sys._MEIPASS. This module imports nothing of ours, so i18n can use it without a cycle.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resource_dir() -> Path:
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    try:
        from importlib.resources import files

        installed = files("coach_resources")
    except ModuleNotFoundError:
        # A checkout without an install: the folder beside the coach package.
        return Path(__file__).resolve().parent.parent / "resources"
    # Wheels install as plain files, so the traversable is a real folder; Jinja, gettext and
    # the desktop installer all need paths.
    return Path(str(installed))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
