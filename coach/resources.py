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
    from importlib.util import find_spec

    # find_spec, not importlib.resources: the window asks for its icon before the first
    # paint, and importlib.resources costs a few milliseconds of imports (issue 19).
    spec = find_spec("coach_resources")
    if spec is None:
        # A checkout without an install: the folder beside the coach package.
        return Path(__file__).resolve().parent.parent / "resources"
    # Wheels install as plain files, so the package is a real folder; Jinja, gettext and
    # the desktop installer all need paths.
    if spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    from importlib.resources import files

    return Path(str(files("coach_resources")))


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
