"""What users install must work: the wheel, installed into a fresh venv outside the checkout.

An editable install and the PyInstaller bundle both see the checkout's folders; only a real
wheel shows a package left out of the build or a resource read through a path that exists in
the checkout alone. Building and installing takes about half a minute, so it runs once per suite.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _run(cmd: list[str | Path], **kw) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=600,
                          **kw)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin/ folder of a fresh venv with the wheel built from this checkout installed."""
    root = tmp_path_factory.mktemp("wheel")
    # Built from a clean copy: setuptools' build/ folder in a checkout can hold stale files.
    source = root / "source"
    shutil.copytree(REPO, source, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".hypothesis"))
    build = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", root / "dist",
                  source], cwd=root)
    assert build.returncode == 0, build.stderr
    assert "warning" not in build.stderr.lower().replace("warning: location", ""), build.stderr
    wheel = next((root / "dist").glob("trust_coach-*.whl"))
    venv = root / "venv"
    assert _run([sys.executable, "-m", "venv", venv]).returncode == 0
    install = _run([venv / "bin" / "python", "-m", "pip", "install", "--quiet",
                    "-c", REPO / "constraints.txt", wheel], cwd=root)
    assert install.returncode == 0, install.stderr
    return venv / "bin"


def _env(data: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env.update({"COACH_DATA_DIR": str(data), "QT_QPA_PLATFORM": "offscreen", "COACH_LANG": "en",
                "COACH_NOW": "2026-11-26T15:00:00+01:00", **extra})
    return env


def test_wheel_ships_the_shell_under_its_own_name_and_every_resource(installed):
    wheel = next(installed.parent.parent.joinpath("dist").glob("*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    # No generic top-level `ui` in the user's site-packages.
    assert tops == {"coach", "coach_ui", "coach_resources"}
    assert "coach_ui/notify/dbus.py" in names
    assert "coach_resources/locale/de/LC_MESSAGES/coach.mo" in names
    assert not any("/screenshots/" in n for n in names)


@pytest.mark.slow
def test_installed_app_opens_and_round_trips_outside_the_checkout(installed, tmp_path):
    data, elsewhere = tmp_path / "data", tmp_path / "cwd"
    elsewhere.mkdir()
    coach = installed / "coach"

    smoke = _run([coach, "--smoke"], cwd=elsewhere, env=_env(data))
    assert smoke.returncode == 0, smoke.stderr
    assert smoke.stdout.startswith("ready in ")

    added = _run([coach, "add", "Call Mr Jansen back", "--to", "Mr Jansen",
                  "--due", "tomorrow 10am"], cwd=elsewhere, env=_env(data))
    assert added.returncode == 0, added.stderr
    item = added.stdout.strip()
    listed = _run([coach, "list", "--json"], cwd=elsewhere, env=_env(data))
    assert listed.returncode == 0, listed.stderr
    assert "Call Mr Jansen back" in listed.stdout
    german = _run([coach, "brief"], cwd=elsewhere, env=_env(data, COACH_LANG="de"))
    assert german.returncode == 0 and "Lagebericht" in german.stdout, german.stderr
    remind = _run([coach, "remind", "--once"], cwd=elsewhere, env=_env(data))
    assert remind.returncode == 0, remind.stderr
    done = _run([coach, "done", item], cwd=elsewhere, env=_env(data))
    assert done.returncode == 0, done.stderr
    after = json.loads(_run([coach, "list", "--json"], cwd=elsewhere, env=_env(data)).stdout
                       or "{}")
    assert "Call Mr Jansen back" not in json.dumps(after)
