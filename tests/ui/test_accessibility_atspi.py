"""End to end: the real app under Xvfb, read over a real AT-SPI bus like a screen reader.

The app runs on Qt's xcb platform with accessibility always on, in a private D-Bus session
(`dbus-run-session`) where tests/ui/atspi_reader.py starts the accessibility bus and reads
the window with Debian's python3-pyatspi under the system Python. The Debian packages are in
.ci/system-deps (at-spi2-core, python3-pyatspi, xvfb, dbus).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXED_NOW, REPO

READER = Path(__file__).with_name("atspi_reader.py")
SYSTEM_PYTHON = "/usr/bin/python3"


@pytest.fixture
def display():
    """A private X server; -displayfd hands back its number once it accepts clients."""
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1366x768x24", "-nolisten", "tcp"], pass_fds=(write,),
                              stderr=subprocess.DEVNULL)
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    assert number, "Xvfb did not start"
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def read_window(display: str, data_dir: Path, tmp_path: Path, lang: str) -> dict:
    env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb",
               QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", COACH_DATA_DIR=str(data_dir),
               COACH_SETTINGS_DIR=str(tmp_path / "settings"), COACH_NOW=FIXED_NOW,
               COACH_LANG=lang, XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # the private session's own bus
    env.pop("AT_SPI_BUS_ADDRESS", None)
    proc = subprocess.run(
        ["dbus-run-session", "--", SYSTEM_PYTHON, str(READER), "Trust Coach", "60", "--",
         sys.executable, "-m", "ui"],
        env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip(), proc.stderr[-3000:]
    result = json.loads(proc.stdout)
    assert "error" not in result, (result, proc.stderr[-3000:])
    return result


@pytest.mark.parametrize("lang", ["en", "de"])
def test_a_screen_reader_finds_the_window_its_lists_and_reads_a_title(
        display, cli, data_dir, tmp_path, lang):
    from coach.i18n import _, set_language

    assert cli("add", "Angebot für Meier & Söhne", "--to", "Herr Meier", "--due",
               "tomorrow 10am").code == 0
    assert cli("reply", "Jim Baker", "--via", "call", "--about", "Contract").code == 0
    assert cli("concern", "ACME unhappy about the delay", "--heat", "4").code == 0

    seen = read_window(display, data_dir, tmp_path, lang)

    set_language(lang)
    try:
        names = [_("Commitments list"), _("Owed replies list"), _("Concerns list")]
        filter_name = _("Filter the lists")
    finally:
        set_language("en")
    assert seen["frame"] == "Trust Coach"
    tables = [table for page in seen["pages"].values() for table in page["tables"]]
    assert [table["name"] for table in tables] == names
    commitments = tables[0]
    # Read as a screen reader reads a row: cell by cell, the title first, "&" as written.
    assert commitments["cells"][0][0] == "Angebot für Meier & Söhne"
    assert commitments["cells"][0][1] == "Herr Meier"
    assert tables[2]["cells"][0][0] == "ACME unhappy about the delay"
    assert filter_name in seen["named"]
    assert seen["unnamed"] == []
