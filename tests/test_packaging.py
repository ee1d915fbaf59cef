"""packaging/: the desktop entry, AppStream metadata, icon set and the PyInstaller bundle.

The bundle tests (marker `packaging`) build dist/trust-coach with PyInstaller into a temporary
folder, which takes about a minute, so CI runs them on every run. Locally, deselect them with
`pytest -m "not packaging"`.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coach import APP_ID, __version__
from coach.desktop import entry_text, exec_line

REPO = Path(__file__).resolve().parent.parent
PACKAGING = REPO / "packaging"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"


def run(*cmd: str | Path, **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=120,
                          **kw)


def test_desktop_file_passes_desktop_file_validate():
    result = run("desktop-file-validate", DESKTOP)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""  # not even a hint


def test_desktop_file_matches_what_install_desktop_writes():
    # One definition of the entry: distro packages and `coach install-desktop` must agree.
    assert DESKTOP.read_text(encoding="utf-8") == entry_text(exec_line(["coach"]))


def test_metainfo_passes_appstreamcli_validate():
    result = run("appstreamcli", "validate", "--no-net", METAINFO)
    assert result.returncode == 0, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if re.match(r"^[EW]: ", line)]
    assert problems == []
    # The one info appstreamcli 0.16 prints is <developer>, a tag from AppStream 1.0 that it
    # does not know yet (explained in the file); anything else is news.
    infos = [line for line in result.stdout.splitlines() if line.startswith("I: ")]
    assert all("unknown-tag developer" in line for line in infos), infos


def test_metainfo_names_this_app_version_and_launcher():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "GPL-3.0-or-later"
    versions = [r.get("version") for r in root.iter("release")]
    assert versions[0] == __version__
    prefix = "https://github.com/trustcoach/trust-coach/raw/main/"
    images = [img.text or "" for img in root.iter("image")]
    assert images and all(u.startswith(prefix) for u in images)
    # Software centres fetch these from the repository: each must be a file in it.
    for url in images:
        assert (REPO / url.removeprefix(prefix)).is_file(), url


def test_hicolor_icons_are_up_to_date_with_app_svg():
    result = run(sys.executable, PACKAGING / "make_icons.py", "--check",
                 env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_version_comes_from_one_place(cli):
    result = cli("--version")
    assert result.out.strip() == f"Trust Coach {__version__}"
    pyproject = (REPO / "pyproject.toml").read_text()
    assert 'version = { attr = "coach.__version__" }' in pyproject


# --- the PyInstaller bundle -------------------------------------------------------------


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle")
    result = run(sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                 "--distpath", out / "dist", "--workpath", out / "build",
                 PACKAGING / "trust-coach.spec", cwd=REPO)
    assert result.returncode == 0, result.stderr[-3000:]
    exe = out / "dist" / "trust-coach" / "trust-coach"
    assert exe.is_file()
    return exe


def bundle_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, QT_QPA_PLATFORM="offscreen", COACH_DATA_DIR=str(tmp_path / "data"),
                COACH_SETTINGS_DIR=str(tmp_path / "settings"),
                XDG_DATA_HOME=str(tmp_path / "xdg-data"),
                XDG_CONFIG_HOME=str(tmp_path / "xdg-config"), **extra)


@pytest.mark.packaging
@pytest.mark.slow
def test_bundle_opens_its_window(bundle, tmp_path):
    result = run(bundle, "--smoke", env=bundle_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"ready in \d+ ms\n"
                        r"shown: 0 commitments, 0 owed replies, 0 concerns\n"
                        r"today: 0 entries; lists painted in \d+ ms\n", result.stdout)


@pytest.mark.packaging
@pytest.mark.slow
def test_bundle_runs_headless_commands(bundle, tmp_path):
    env = bundle_env(tmp_path, COACH_NOW="2026-11-26T15:00:00+01:00", TZ="Europe/Berlin")
    assert run(bundle, "--version", env=env).stdout.strip() == f"Trust Coach {__version__}"
    added = run(bundle, "add", "Call ACME back", "--due", "tomorrow 10am", env=env)
    assert added.returncode == 0, added.stderr
    listed = run(bundle, "list", env=env)
    assert "Call ACME back" in listed.stdout


@pytest.mark.packaging
@pytest.mark.slow
def test_bundle_installs_a_launcher_that_starts_the_bundle(bundle, tmp_path):
    env = bundle_env(tmp_path)
    result = run(bundle, "install-desktop", env=env)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "xdg-data" / "applications" / DESKTOP.name
    exec_value = next(line.split("=", 1)[1] for line in entry.read_text().splitlines()
                      if line.startswith("Exec="))
    assert shlex.split(exec_value) == [str(bundle.resolve())]


@pytest.mark.packaging
@pytest.mark.slow
def test_bundle_carries_resources_and_leaves_out_unused_qt(bundle):
    internal = bundle.parent / "_internal"
    assert (internal / "resources" / "icons" / "app.svg").is_file()
    assert (internal / "resources" / "icons" / "hicolor" / "512x512" / "apps"
            / f"{APP_ID}.png").is_file()
    qt = internal / "PySide6"
    assert sorted(p.name for p in (qt / "Qt" / "plugins" / "platforms").iterdir()) == [
        "libqminimal.so", "libqoffscreen.so", "libqwayland.so", "libqxcb.so"]
    assert not list(qt.glob("QtQml*")) and not list(qt.glob("QtQuick*"))
    assert not list((qt / "Qt" / "translations").glob("*_fr.qm"))
