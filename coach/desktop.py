"""Trust Coach on the user's desktop: the launcher entry, its icons, and start at login.

Linux (and other XDG desktops): `install_desktop` copies the launcher into
$XDG_DATA_HOME/applications and the icons into $XDG_DATA_HOME/icons/hicolor; start at login is
an entry in $XDG_CONFIG_HOME/autostart. macOS: start at login is a LaunchAgent plist. Windows:
a value under HKCU\\...\\Run. Whether the app starts at login is read back from that entry
itself rather than kept in our database, so the toggle can never disagree with what the
desktop will actually do (the user may also remove the entry with their desktop's tools).

Every function takes `system` (a `sys.platform` value) and `env` so tests can aim it at a
temporary home; callers normally pass neither.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from coach import APP_ID, APP_NAME
from coach.errors import CoachError
from coach.i18n import _, ngettext

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
RUN_VALUE = "TrustCoach"
MINIMIZED = "--minimized"


@dataclass(frozen=True)
class Locations:
    applications: Path
    icons: Path  # the user's hicolor theme folder
    autostart: Path
    launch_agents: Path

    @property
    def launcher(self) -> Path:
        return self.applications / f"{APP_ID}.desktop"

    @property
    def autostart_entry(self) -> Path:
        return self.autostart / f"{APP_ID}.desktop"

    @property
    def launch_agent(self) -> Path:
        return self.launch_agents / f"{APP_ID}.plist"


def locations(env: Mapping[str, str] | None = None) -> Locations:
    env = os.environ if env is None else env
    home = Path(env.get("HOME") or Path.home())

    def xdg(var: str, default: Path) -> Path:
        # The XDG spec says relative values are invalid and must be ignored.
        value = env.get(var, "")
        return Path(value) if value and Path(value).is_absolute() else default

    data = xdg("XDG_DATA_HOME", home / ".local" / "share")
    config = xdg("XDG_CONFIG_HOME", home / ".config")
    return Locations(applications=data / "applications", icons=data / "icons" / "hicolor",
                     autostart=config / "autostart",
                     launch_agents=home / "Library" / "LaunchAgents")


def launch_command() -> list[str]:
    """The absolute command that starts this very copy of Trust Coach."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the executable is the app
        return [str(Path(sys.executable).resolve())]
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 and argv0.stem == "coach" and argv0.is_file():
        return [str(argv0.resolve())]
    # `python -m ui`: the console script installed beside this interpreter, not whichever
    # `coach` happens to come first on PATH (that may be another installation).
    scripts = Path(sys.executable).parent
    for name in ("coach", "coach.exe"):
        candidate = scripts / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return [str(candidate.resolve())]
    found = shutil.which("coach")
    if found:
        return [str(Path(found).resolve())]
    # Not resolved: a venv's python is a symlink, and resolving it would leave the venv.
    return [str(Path(sys.executable).absolute()), "-m", "ui"]


_RESERVED = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def exec_line(command: list[str]) -> str:
    """Quote a command for a desktop entry's Exec key (Desktop Entry spec, "Exec key")."""
    words = []
    for word in command:
        word = word.replace("%", "%%")
        if not word or _RESERVED.search(word):
            word = '"' + re.sub(r'(["`$\\])', r"\\\1", word) + '"'
        words.append(word)
    # Exec is also a "string" value, whose own escape rule doubles every backslash.
    return " ".join(words).replace("\\", "\\\\")


def entry_text(command: str, *, autostart: bool = False) -> str:
    """A desktop entry for Trust Coach that runs `command` (already an Exec line)."""
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        # 1.4, not 1.5: the validator in Debian 12 (desktop-file-utils 0.26) knows up to 1.4.
        "Version=1.4",
        f"Name={APP_NAME}",
        "GenericName=Trust and follow-up coach",
        "GenericName[de]=Coach für Vertrauen und Rückmeldungen",
        "Comment=Keep your promises, return calls and brief your manager early",
        "Comment[de]=Zusagen halten, Rückrufe erledigen, die Führungskraft früh informieren",
        f"Exec={command}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "Categories=Office;ProjectManagement;",
        "Keywords=commitment;promise;reply;call back;manager;briefing;trust;",
        "Keywords[de]=Zusage;Versprechen;Rückruf;Rückmeldung;Chef;Führungskraft;Lagebericht;"
        "Vertrauen;",
        "StartupNotify=true",
        # Qt names the X11 window class after the application name; docks that do not read
        # _GTK_APPLICATION_ID (which Qt sets to the app id) match the launcher by this.
        f"StartupWMClass={APP_NAME}",
    ]
    if autostart:
        lines.append("X-GNOME-Autostart-enabled=true")
    return "\n".join(lines) + "\n"


def _is_xdg(system: str) -> bool:
    return not (system.startswith("win") or system == "darwin")


def _icon_sources() -> list[tuple[Path, str]]:
    """(file in our resources, path relative to a hicolor theme folder) for every icon."""
    from coach.resources import resource

    hicolor = resource("icons", "hicolor")
    pairs = [(png, str(png.relative_to(hicolor)))
             for png in sorted(hicolor.glob(f"*/apps/{APP_ID}.png"))]
    pairs.append((resource("icons", "app.svg"), f"scalable/apps/{APP_ID}.svg"))
    missing = [str(src) for src, _rel in pairs if not src.is_file()]
    if missing or len(pairs) < 2:
        raise CoachError(_("The app icons are missing from this installation ({path}).").format(
            path=missing[0] if missing else hicolor))
    return pairs


def _write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)  # a desktop watching the folder never sees half a file
    return True


def _refuse_off_xdg(system: str) -> None:
    if not _is_xdg(system):
        raise CoachError(_("Installing a launcher is for Linux desktops; on Windows and macOS "
                           "use the packaged app (see the README)."))


def install_desktop(system: str | None = None,
                    env: Mapping[str, str] | None = None) -> list[str]:
    """Put the launcher and icons into the user's XDG folders; say what was done."""
    system = system or sys.platform
    _refuse_off_xdg(system)
    where = locations(env)
    command = launch_command()
    report = []
    try:
        if _write_if_changed(where.launcher, entry_text(exec_line(command)).encode()):
            report.append(_("Installed the launcher {path}").format(path=where.launcher))
        else:
            report.append(_("The launcher {path} is already up to date").format(
                path=where.launcher))
        written = sum(_write_if_changed(where.icons / rel, src.read_bytes())
                      for src, rel in _icon_sources())
        if written:
            report.append(ngettext("Installed {n} icon in {dir}", "Installed {n} icons in {dir}",
                                   written).format(n=written, dir=where.icons))
            # GTK re-reads a theme when the theme folder's mtime changes.
            os.utime(where.icons)
        else:
            report.append(_("The icons in {dir} are already up to date").format(dir=where.icons))
        if where.autostart_entry.is_file():
            # Keep start at login pointing at the same copy as the launcher.
            _write_if_changed(where.autostart_entry, _autostart_text(command).encode())
    except OSError as exc:
        raise CoachError(_("Cannot install the launcher: {reason}").format(
            reason=exc.strerror or exc)) from None
    report.append(_("{app} is now in your applications menu; it runs {command}").format(
        app=APP_NAME, command=" ".join(command)))
    return report


def uninstall_desktop(system: str | None = None,
                      env: Mapping[str, str] | None = None) -> list[str]:
    """Take out everything install_desktop and start at login put in; say what was done."""
    system = system or sys.platform
    _refuse_off_xdg(system)
    where = locations(env)
    report = []
    try:
        if _remove(where.launcher):
            report.append(_("Removed the launcher {path}").format(path=where.launcher))
        rels = [rel for _src, rel in _icon_sources()]
        removed = sum(_remove(where.icons / rel) for rel in rels)
        if removed:
            report.append(ngettext("Removed {n} icon from {dir}", "Removed {n} icons from {dir}",
                                   removed).format(n=removed, dir=where.icons))
            os.utime(where.icons)
        if _remove(where.autostart_entry):
            report.append(_("Removed the start-at-login entry {path}").format(
                path=where.autostart_entry))
    except OSError as exc:
        raise CoachError(_("Cannot remove the launcher: {reason}").format(
            reason=exc.strerror or exc)) from None
    if not report:
        report.append(_("Nothing to remove: no launcher is installed in {dir}").format(
            dir=where.applications))
    return report


def _remove(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True


def _autostart_text(command: list[str]) -> str:
    return entry_text(exec_line([*command, MINIMIZED]), autostart=True)


def _launch_agent_bytes(command: list[str]) -> bytes:
    import plistlib

    return plistlib.dumps({"Label": APP_ID, "ProgramArguments": [*command, MINIMIZED],
                           "RunAtLoad": True, "ProcessType": "Interactive"})


def autostart_enabled(system: str | None = None, env: Mapping[str, str] | None = None) -> bool:
    """Whether the desktop will start Trust Coach when the user logs in."""
    system = system or sys.platform
    if system.startswith("win"):
        return _windows_run_value() is not None
    where = locations(env)
    if system == "darwin":
        return where.launch_agent.is_file()
    try:
        text = where.autostart_entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # Desktops switch an entry off in place rather than deleting it.
    return not re.search(r"^(Hidden=true|X-GNOME-Autostart-enabled=false)\s*$", text, re.M)


def set_autostart(enabled: bool, system: str | None = None,
                  env: Mapping[str, str] | None = None) -> str:
    """Start (or stop starting) Trust Coach, hidden in the tray, at login; say what changed."""
    system = system or sys.platform
    command = launch_command()
    try:
        if system.startswith("win"):
            _set_windows_run_value(command if enabled else None)
            where_text = "HKEY_CURRENT_USER\\" + RUN_KEY
        else:
            where = locations(env)
            path = where.launch_agent if system == "darwin" else where.autostart_entry
            where_text = str(path)
            if not enabled:
                _remove(path)
            elif system == "darwin":
                _write_if_changed(path, _launch_agent_bytes(command))
            else:
                _write_if_changed(path, _autostart_text(command).encode())
    except OSError as exc:
        raise CoachError(_("Cannot change start at login: {reason}").format(
            reason=exc.strerror or exc)) from None
    if enabled:
        return _("{app} will start at login ({where})").format(app=APP_NAME, where=where_text)
    return _("{app} will no longer start at login").format(app=APP_NAME)


def _windows_command_line(command: list[str]) -> str:
    import subprocess

    return subprocess.list2cmdline([*command, MINIMIZED])


def _windows_run_value() -> str | None:  # pragma: no cover - Windows only
    import winreg

    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            value, _kind = winreg.QueryValueEx(key, RUN_VALUE)
    except OSError:
        return None
    return str(value)


def _set_windows_run_value(command: list[str] | None) -> None:  # pragma: no cover - Windows
    import winreg

    with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
        if command is None:
            with contextlib.suppress(FileNotFoundError):
                winreg.DeleteValue(key, RUN_VALUE)
        else:
            winreg.SetValueEx(key, RUN_VALUE, 0, winreg.REG_SZ, _windows_command_line(command))
