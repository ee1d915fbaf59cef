"""install-desktop / uninstall-desktop: the launcher and icons in the user's desktop menu."""

from __future__ import annotations

import argparse

from coach.i18n import _


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("install-desktop",
                       help=_("add Trust Coach to your desktop's applications menu"))
    p.set_defaults(handler=cmd_install)
    p = sub.add_parser("uninstall-desktop",
                       help=_("take Trust Coach out of the applications menu and stop "
                              "starting it at login"))
    p.set_defaults(handler=cmd_uninstall)


def cmd_install(args: argparse.Namespace) -> int:
    from coach.desktop import install_desktop

    print("\n".join(install_desktop()))
    return 0


def cmd_uninstall(args: argparse.Namespace) -> int:
    from coach.desktop import uninstall_desktop

    print("\n".join(uninstall_desktop()))
    return 0
