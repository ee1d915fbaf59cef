"""coach install-desktop / uninstall-desktop and start at login, against a temporary home."""

from __future__ import annotations

import plistlib
import shlex
import struct
import subprocess
from pathlib import Path

import pytest

from coach import APP_ID, __version__
from coach.desktop import (
    autostart_enabled,
    exec_line,
    install_desktop,
    locations,
    set_autostart,
    uninstall_desktop,
)
from coach.errors import CoachError

SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    return {"HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
            "XDG_CONFIG_HOME": str(tmp_path / "xdg-config")}


def launcher(home: dict[str, str]) -> Path:
    return Path(home["XDG_DATA_HOME"]) / "applications" / f"{APP_ID}.desktop"


def icon_files(home: dict[str, str]) -> list[Path]:
    return sorted((Path(home["XDG_DATA_HOME"]) / "icons" / "hicolor").rglob(f"{APP_ID}.*"))


def key(entry: Path, name: str) -> str:
    for line in entry.read_text(encoding="utf-8").splitlines():
        if line.startswith(name + "="):
            return line.split("=", 1)[1]
    raise AssertionError(f"{name} missing from {entry}")


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", head[16:24])


def test_install_desktop_puts_a_valid_launcher_and_icons_in_the_xdg_folders(cli, home):
    result = cli("install-desktop", env=home)
    assert result.code == 0, result.err
    entry = launcher(home)
    assert f"Installed the launcher {entry}" in result.out
    assert "Installed 10 icons" in result.out
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert key(entry, "Icon") == APP_ID

    # Exec names this very copy of coach by absolute path, and it really starts it.
    command = shlex.split(key(entry, "Exec"))
    assert Path(command[0]).is_absolute()
    run = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert run.stdout.strip() == f"Trust Coach {__version__}"

    icons = icon_files(home)
    pngs = {p.parent.parent.name: p for p in icons if p.suffix == ".png"}
    assert set(pngs) == {f"{n}x{n}" for n in SIZES}
    for folder, png in pngs.items():
        n = int(folder.split("x")[0])
        assert png_size(png) == (n, n)
    svg = [p for p in icons if p.suffix == ".svg"]
    assert [p.parent.parent.name for p in svg] == ["scalable"]
    assert svg[0].read_text().lstrip().startswith("<svg")


def test_install_desktop_twice_changes_nothing_the_second_time(cli, home):
    assert cli("install-desktop", env=home).code == 0
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in [launcher(home),
                                                                 *icon_files(home)]}
    again = cli("install-desktop", env=home)
    assert again.code == 0, again.err
    assert "is already up to date" in again.out
    assert "icons in" in again.out and "already up to date" in again.out
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in [launcher(home),
                                                                *icon_files(home)]}
    assert after == before


def test_uninstall_desktop_takes_out_only_our_files_and_is_idempotent(cli, home):
    assert cli("install-desktop", env=home).code == 0
    other = launcher(home).with_name("org.example.Other.desktop")
    other.write_text("[Desktop Entry]\n")
    set_autostart(True, system="linux", env=home)

    result = cli("uninstall-desktop", env=home)
    assert result.code == 0, result.err
    assert f"Removed the launcher {launcher(home)}" in result.out
    assert "Removed 10 icons" in result.out
    assert "Removed the start-at-login entry" in result.out
    assert not launcher(home).exists()
    assert icon_files(home) == []
    assert not autostart_enabled(system="linux", env=home)
    assert other.exists()

    again = cli("uninstall-desktop", env=home)
    assert again.code == 0
    assert again.out.startswith("Nothing to remove")


def test_start_at_login_writes_and_removes_an_xdg_autostart_entry(home):
    entry = locations(home).autostart_entry
    assert not autostart_enabled(system="linux", env=home)

    message = set_autostart(True, system="linux", env=home)
    assert str(entry) in message
    assert autostart_enabled(system="linux", env=home)
    assert entry == Path(home["XDG_CONFIG_HOME"]) / "autostart" / f"{APP_ID}.desktop"
    assert shlex.split(key(entry, "Exec"))[-1] == "--minimized"
    check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr

    # A desktop's own settings switch the entry off in place; we must read that as "off".
    entry.write_text(entry.read_text() + "Hidden=true\n")
    assert not autostart_enabled(system="linux", env=home)

    set_autostart(True, system="linux", env=home)
    assert autostart_enabled(system="linux", env=home)
    assert "no longer" in set_autostart(False, system="linux", env=home)
    assert not entry.exists()
    set_autostart(False, system="linux", env=home)  # already off: no error


def test_start_at_login_on_macos_is_a_launch_agent(home):
    agent = Path(home["HOME"]) / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    set_autostart(True, system="darwin", env=home)
    assert autostart_enabled(system="darwin", env=home)
    plist = plistlib.loads(agent.read_bytes())
    assert plist["Label"] == APP_ID
    assert plist["RunAtLoad"] is True
    assert plist["ProgramArguments"][-1] == "--minimized"
    assert Path(plist["ProgramArguments"][0]).is_absolute()
    set_autostart(False, system="darwin", env=home)
    assert not agent.exists()
    assert not autostart_enabled(system="darwin", env=home)


def test_install_desktop_refuses_politely_off_linux(home):
    for system in ("darwin", "win32"):
        with pytest.raises(CoachError, match="Linux desktops"):
            install_desktop(system=system, env=home)
        with pytest.raises(CoachError, match="Linux desktops"):
            uninstall_desktop(system=system, env=home)


def test_relative_xdg_values_are_ignored_as_the_spec_requires(home):
    env = dict(home, XDG_DATA_HOME="relative/data")
    assert locations(env).applications == Path(home["HOME"]) / ".local/share/applications"


@pytest.mark.parametrize(("command", "expected"), [
    (["/usr/bin/coach"], "/usr/bin/coach"),
    (["/opt/my apps/coach", "--minimized"], '"/opt/my apps/coach" --minimized'),
    (["/opt/100%/coach"], "/opt/100%%/coach"),
    (['/opt/say "hi"/coach'], r'"/opt/say \\"hi\\"/coach"'),
    (["C:\\Tools\\coach"], r'"C:\\\\Tools\\\\coach"'),
])
def test_exec_lines_are_quoted_as_the_desktop_entry_spec_says(command, expected):
    assert exec_line(command) == expected
