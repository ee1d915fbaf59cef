"""Reads the window the way a screen reader does, over a real AT-SPI bus.

Runs under Debian's system Python (/usr/bin/python3), because python3-pyatspi is not on PyPI,
inside `dbus-run-session`, started by tests/ui/test_accessibility_atspi.py:

    atspi_reader.py APP_NAME TIMEOUT_S -- COMMAND...

It starts the accessibility bus (at-spi-bus-launcher), then COMMAND (the app), waits with a
deadline until the app's window is on the bus, presses each section's tab as a user of a
screen reader would (so each list is built), and prints what it read as JSON: the frame's
name, and per page tab the tables with their names and first rows' cells. It stops what it
started before it exits.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

LAUNCHER = "/usr/libexec/at-spi-bus-launcher"


def wait_for(predicate, deadline: float, step: float = 0.1):
    while time.monotonic() < deadline:
        found = predicate()
        if found:
            return found
        time.sleep(step)
    return None


def bus_is_up() -> bool:
    answer = subprocess.run(
        ["dbus-send", "--session", "--print-reply", "--dest=org.freedesktop.DBus",
         "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", "string:org.a11y.Bus"],
        capture_output=True, text=True)
    return "true" in answer.stdout


def descendants(node, depth: int = 0, limit: int = 25):
    if node is None or depth > limit:
        return
    yield node
    try:
        count = node.childCount
    except Exception:  # noqa: BLE001 - a widget that died while it was read
        return
    for index in range(min(count, 300)):
        try:
            child = node.getChildAtIndex(index)
        except Exception:  # noqa: BLE001
            continue
        yield from descendants(child, depth + 1, limit)


def role(node) -> str:
    try:
        return node.getRoleName()
    except Exception:  # noqa: BLE001
        return ""


def read_table(node) -> dict:
    table = node.queryTable()
    cells = []
    for row in range(min(table.nRows, 5)):
        cells.append([(table.getAccessibleAt(row, col).name or "")
                      for col in range(table.nColumns)])
    headers = []
    for col in range(table.nColumns):
        header = table.getColumnHeader(col)
        headers.append(header.name if header is not None else "")
    return {"name": node.name or "", "rows": table.nRows, "headers": headers, "cells": cells}


def find_app(pyatspi, app_name: str):
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        app = desktop.getChildAtIndex(index)
        if app is not None and app.name == app_name:
            frames = [c for c in descendants(app, limit=1) if role(c) == "frame"]
            if frames:
                return frames[0]
    return None


def showing(node) -> bool:
    import pyatspi

    try:
        return node.getState().contains(pyatspi.STATE_SHOWING)
    except Exception:  # noqa: BLE001
        return False


def tables_in(frame, only_showing: bool = False) -> list:
    return [read_table(n) for n in descendants(frame)
            if role(n) == "table" and (showing(n) or not only_showing)]


def log(*args) -> None:
    print(*args, file=sys.stderr, flush=True)


def read(pyatspi, app_name: str, deadline: float) -> dict:
    frame = wait_for(lambda: find_app(pyatspi, app_name), deadline)
    if frame is None:
        return {"error": f"no window of an application named {app_name!r} on the AT-SPI bus"}
    log("frame", frame.name)
    tabs = [n for n in descendants(frame) if role(n) == "page tab"]
    log("tabs", [t.name for t in tabs])
    pages = {}
    for tab in tabs:
        name = tab.name or ""
        try:
            action = tab.queryAction()
            names = [action.getName(i) for i in range(action.nActions)]
            action.doAction(names.index("press") if "press" in names else 0)
        except Exception as exc:  # noqa: BLE001 - reported, the test says what failed
            pages[name] = {"error": f"could not press the tab: {exc}"}
            continue
        # The list is built when its tab is first shown: read once it has rows.
        seen = wait_for(lambda: [t for t in tables_in(frame, True) if t["rows"]],
                        min(deadline, time.monotonic() + 10))
        pages[name] = {"tables": seen or tables_in(frame, True)}
        log("page", name, pages[name])
    return {"frame": frame.name or "", "page_tabs": [t.name or "" for t in tabs],
            "pages": pages, **focusable(frame)}


def focusable(frame) -> dict:
    """The names of what the keyboard can reach, and the roles of those without a name."""
    import pyatspi

    named, unnamed = [], []

    def visit(node, depth: int = 0) -> None:
        if node is None or depth > 25:
            return
        kind = role(node)
        try:
            state = node.getState()
            if state.contains(pyatspi.STATE_FOCUSABLE) and state.contains(
                    pyatspi.STATE_SHOWING) and kind not in ("table cell", "page tab"):
                (named if node.name else unnamed).append(node.name or kind)
            count = 0 if kind == "table" else node.childCount
        except Exception:  # noqa: BLE001
            return
        for index in range(min(count, 300)):
            visit(node.getChildAtIndex(index), depth + 1)

    visit(frame)
    return {"named": named, "unnamed": unnamed}


def main() -> int:
    app_name, timeout = sys.argv[1], float(sys.argv[2])
    command = sys.argv[sys.argv.index("--") + 1:]
    deadline = time.monotonic() + timeout
    # The bus's daemons and the app talk on stdout too: only the JSON goes there.
    started = [subprocess.Popen([LAUNCHER, "--launch-immediately"], stdout=sys.stderr)]
    try:
        if not wait_for(bus_is_up, deadline):
            print(json.dumps({"error": "the accessibility bus did not start"}))
            return 1
        started.append(subprocess.Popen(command, env=dict(os.environ), stdout=sys.stderr))
        import pyatspi  # after the bus is up: importing connects to it

        result = read(pyatspi, app_name, deadline)
        print(json.dumps(result, ensure_ascii=False))
        return 1 if "error" in result else 0
    finally:
        for process in reversed(started):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
