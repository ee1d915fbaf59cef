"""coach remind --once: one headless pass that sends what is due, for cron or a systemd timer."""

from __future__ import annotations

import argparse
import sys

from coach.cli.common import add_data_dir, store_for
from coach.i18n import _, ngettext


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remind", help=_("send due notifications and nudges, then exit"))
    p.add_argument("--once", action="store_true", required=True,
                   help=_("one pass, then exit (for cron or a systemd timer)"))
    add_data_dir(p)
    p.set_defaults(handler=cmd_remind)


def deliver(note) -> str | None:
    """Try each headless notifier in turn; None when one delivered, else why none did."""
    from coach.reminders import notify_dbus, notify_plyer

    reasons = []
    senders = [("D-Bus", lambda: notify_dbus.DBusNotifier().send(note))]
    if notify_plyer.usable():
        senders.append(("plyer", lambda: notify_plyer.send(note)))
    if sys.platform != "linux":
        senders.reverse()  # plyer is the native path there
    for name, send in senders:
        try:
            send()
            return None
        except notify_dbus.NotifyError as exc:
            reasons.append(f"{name}: {exc}")
    return "; ".join(reasons)


def cmd_remind(args: argparse.Namespace) -> int:
    from coach.reminders import notified
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    now = timeutil.now()
    with store_for(args) as store:
        # Claimed first, in one transaction, so the window cannot send the same thing.
        claim = notified.claim(store, now, local_tz())
        failed = []
        for note in claim.plan.due:
            reason = deliver(note)
            if reason is not None:
                notified.release(store, claim, note)
                failed.append(reason)
    if failed:
        n = len(failed)
        print(ngettext(
            "coach: {n} due notification could not be delivered ({reason}); it stays due "
            "for the next run.",
            "coach: {n} due notifications could not be delivered ({reason}); they stay due "
            "for the next run.", n).format(n=n, reason=failed[0]), file=sys.stderr)
        return 1
    return 0
