"""A fake org.freedesktop.Notifications server on QtDBus, run as a subprocess by the tests.

    python tests/fake_notification_server.py RECORD.jsonl [--hang] [--no-markup]

It records every call as one JSON line, prints "ready" once it owns the name, and reads
commands on stdin: "action ID KEY" emits ActionInvoked, "close ID" NotificationClosed.
With --hang it owns the name and swallows every call without ever answering.
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, QSocketNotifier, Signal, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection, QDBusVirtualObject

NAME = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"


class Recorder:
    def __init__(self, path: str) -> None:
        self.path = path

    def __call__(self, **entry) -> None:
        with open(self.path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")


@ClassInfo({"D-Bus Interface": NAME})
class Notifications(QDBusAbstractAdaptor):
    ActionInvoked = Signal("uint", "QString")
    NotificationClosed = Signal("uint", "uint")

    def __init__(self, parent: QObject, record: Recorder, markup: bool,
                 slow: float = 0.0) -> None:
        super().__init__(parent)
        self.record = record
        self.markup = markup
        self.slow = slow
        self.last_id = 0

    @Slot(result="QStringList")
    def GetCapabilities(self):  # noqa: N802 - D-Bus method names
        caps = ["body", "actions", "action-icons"]
        return caps + ["body-markup"] if self.markup else caps

    @Slot(result="QString")
    def GetServerInformation(self):  # noqa: N802
        # Four strings in the spec; one is enough for every client in this project.
        return "fake-notifications"

    @Slot(str, "uint", str, str, str, "QStringList", "QVariantMap", int, result="uint")
    def Notify(self, app, replaces_id, icon, summary, body, actions, hints, timeout):  # noqa: N802
        if replaces_id:
            nid = replaces_id
        else:
            self.last_id += 1
            nid = self.last_id
        self.record(member="Notify", id=nid, app=app, replaces_id=replaces_id, icon=icon,
                    summary=summary, body=body, actions=list(actions),
                    hints={k: v for k, v in hints.items() if isinstance(v, str | int)},
                    timeout=timeout)
        if self.slow:
            time.sleep(self.slow)  # a busy server: the answer comes late, but it comes
        return nid

    @Slot("uint")
    def CloseNotification(self, nid):  # noqa: N802
        self.record(member="CloseNotification", id=nid)


class Hanging(QDBusVirtualObject):
    """Takes every call and never answers: a server that owns the name but is stuck."""

    def __init__(self, record: Recorder) -> None:
        super().__init__()
        self.record = record

    def introspect(self, path: str) -> str:
        return ""

    def handleMessage(self, message, connection) -> bool:  # noqa: N802
        self.record(member=message.member(), hung=True)
        return True


def main(argv: list[str]) -> int:
    app = QCoreApplication(argv[:1])
    record = Recorder(argv[1])
    conn = QDBusConnection.sessionBus()
    root = QObject()
    if "--hang" in argv:
        adaptor = None
        hanging = Hanging(record)
        ok = conn.registerVirtualObject(PATH, hanging)
    else:
        adaptor = Notifications(root, record, markup="--no-markup" not in argv,
                                slow=0.5 if "--slow" in argv else 0.0)
        ok = conn.registerObject(PATH, root)
    # The previous test's server may still be leaving the bus: try for a moment.
    for _attempt in range(100):
        if ok and conn.registerService(NAME):
            break
        time.sleep(0.05)
    else:
        print("could not claim", NAME, conn.lastError().message(), flush=True)
        return 1

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        words = line.split()
        if adaptor is not None and words[:1] == ["action"]:
            adaptor.ActionInvoked.emit(int(words[1]), words[2])
        elif adaptor is not None and words[:1] == ["close"]:
            adaptor.NotificationClosed.emit(int(words[1]), 2)
        print("done", line.strip(), flush=True)

    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
    notifier.activated.connect(command)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
