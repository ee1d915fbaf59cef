"""Mail scan figures on a real Dovecot: first scan of a 10,000-message mailbox (headers),
an incremental scan with nothing new and with 50 new messages, and the window's longest
UI-thread gap while the first scan runs in the background (target: <= 50 ms), with the scan
in a process of its own (the window's way) and, for comparison, in a thread of the window's
process (its way before), and in the real main window from Scan now until its lists
reloaded, each on a fresh database.

    python -m benchmarks.mail_scan [--messages 10000] [--runs 3]

Needs Debian's dovecot-imapd (as for the tests). The mailbox: 10,000 inbox messages from
2,000 senders over a year (a tenth of them lists, threads with replies in Sent), plus 1,000
sent messages; the clock is pinned so the last 14 days hold about 400 of them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from benchmarks.common import REPO

NOW = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)


def _message(n: int, folder: str, date: datetime, reply_to: int | None = None) -> bytes:
    msg = EmailMessage()
    if folder == "Sent":
        msg["From"] = "Anna Berg <anna@firma.example>"
        msg["To"] = f"Contact {n % 2000} <c{n % 2000}@kunde.example>"
        body = ("Hello,\n\nI'll send you the documents by Friday.\n" if n % 7 == 0
                else "Hello,\n\ncould you confirm the date?\n" if n % 5 == 0
                else "Hello,\n\nthanks, noted.\n")
    else:
        msg["From"] = f"Contact {n % 2000} <c{n % 2000}@kunde.example>"
        msg["To"] = "Anna Berg <anna@firma.example>"
        body = "Hello Anna,\n\nplease have a look.\n" * 5
        if n % 10 == 0:
            msg["List-Id"] = "<news.lists.example>"
    msg["Subject"] = f"Topic {n}"
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = f"<{folder.lower()}-{n}@bench.example>"
    if reply_to is not None:
        msg["In-Reply-To"] = msg["References"] = f"<inbox-{reply_to}@bench.example>"
    msg.set_content(body)
    return msg.as_bytes()


def seed(server, count: int) -> None:
    client = server.client()
    try:
        step = timedelta(days=365) / count
        batch = []
        for n in range(count):
            date = NOW - timedelta(days=365) + step * n
            batch.append({"msg": _message(n, "INBOX", date), "date": date})
            if len(batch) == 500:
                client.multiappend("INBOX", batch)
                batch = []
        if batch:
            client.multiappend("INBOX", batch)
        sent = []
        for n in range(0, count, 10):
            date = NOW - timedelta(days=365) + step * n + timedelta(hours=2)
            sent.append({"msg": _message(n, "Sent", date, reply_to=n), "date": date,
                         "flags": [b"\\Seen"]})
        for start in range(0, len(sent), 500):
            client.multiappend("Sent", sent[start:start + 500])
    finally:
        client.logout()


TARGET_MS = 50


class GapProbe:
    """A 1 ms timer on the UI thread: the longest interval between two of its ticks, and
    how many intervals were over the target. Any stall of the UI thread shows here."""

    def __init__(self) -> None:
        from PySide6.QtCore import QElapsedTimer, QTimer

        self.clock = QElapsedTimer()
        self.ticker = QTimer(interval=1)
        self.ticker.timeout.connect(self._tick)
        self.last = self.worst = self.over = 0
        self.sched = _schedstat()
        # Gaps over the target: (ms after the start, gap, what the window's other Python
        # threads were doing when the UI thread ran again; none: the machine's scheduler).
        self.long: list[tuple[int, int, str]] = []

    def _tick(self) -> None:
        now = self.clock.elapsed()
        gap = now - self.last
        self.worst = max(self.worst, gap)
        sched = _schedstat()
        if gap > TARGET_MS:
            self.over += 1
            why = f"other threads: {_other_threads()}"
            if sched and self.sched:
                ran, waited = ((a - b) // 1_000_000 for a, b in zip(sched, self.sched, strict=True))
                why += f"; UI thread ran {ran} ms, waited for a processor {waited} ms"
            self.long.append((self.last, gap, why))
        self.sched = sched
        self.last = now

    def start(self) -> None:
        self.clock.start()
        self.ticker.start()

    def stop(self) -> None:
        self.ticker.stop()

    def text(self) -> str:
        where = "; ".join(f"{gap} ms at {at / 1000:.1f} s, {why}"
                          for at, gap, why in self.long[:5])
        return (f"longest UI-thread gap {self.worst} ms, {self.over} over {TARGET_MS} ms"
                + (f" ({where})" if where else ""))


def _schedstat() -> tuple[int, int] | None:
    """Linux: this thread's time on a processor and time spent runnable but waiting for
    one (ns). A gap mostly spent waiting is the machine's load, not the window's work."""
    try:
        with open("/proc/thread-self/schedstat") as fh:
            ran, waited, _slices = fh.read().split()
    except (OSError, ValueError):
        return None
    return int(ran), int(waited)


def _other_threads() -> str:
    """The innermost Python frame of every other thread of this process that is running
    Python code (an idle Qt worker thread has none)."""
    import threading

    me = threading.get_ident()
    busy = [f"{Path(frame.f_code.co_filename).name}:{frame.f_lineno} {frame.f_code.co_name}"
            for ident, frame in sys._current_frames().items() if ident != me]
    return ", ".join(busy) or "none"


def idle_gap(seconds: float) -> GapProbe:
    """The same probe with no scan running: what the machine's load alone costs."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    probe = GapProbe()
    probe.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    app.exec()
    probe.stop()
    return probe


def _scan_job(store):
    from coach.mail import scan
    from coach.timing import timeutil
    from coach.timing.dates import local_tz

    return scan.run(store, timeutil.now(), local_tz())


def ui_gap(data_dir: str, how: str) -> tuple[GapProbe, float]:
    """The UI-thread probe while a first scan runs in the background, and the scan's wall
    time. how="process": the window's MailScanner (the scan as `coach mail scan` in a
    process of its own); how="thread": the same scan in a worker thread of the window's
    process, as the window did it before."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.background.worker import StoreClient
    from ui.mail.scanner import MailScanner

    app = QApplication.instance() or QApplication([])
    client = StoreClient(data_dir)
    scanner = MailScanner(client)
    probe = GapProbe()
    result: dict = {}

    def done(report) -> None:
        result.update(report=report)
        app.quit()

    def failed(message: str) -> None:
        result.update(error=message)
        app.quit()

    def start() -> None:
        probe.start()
        if how == "process":
            scanner.scan_now()
        else:
            scanner.worker.submit(_scan_job, done, failed)

    scanner.scanned.connect(done)
    scanner.failed.connect(failed)
    # The scan thread and its store are made before the clock starts: start-up is not scan.
    scanner.worker.submit(lambda store: None)
    QTimer.singleShot(200, start)
    started = time.perf_counter()
    app.exec()
    probe.stop()
    scanner.shutdown()
    client.shutdown()
    if "error" in result:
        raise SystemExit(result["error"])
    return probe, time.perf_counter() - started - 0.2


def window_gap(data_dir: str) -> tuple[GapProbe, float, float, GapProbe]:
    """The real main window, lists loaded and idle: the probe from Scan now until the lists
    reloaded after the scan, which is all the window's own work for a scan; then the same
    window with no scan, for as long again."""
    from PySide6.QtCore import QTimer

    from ui.app import _configure_settings, create_application, create_window

    _configure_settings()
    app = create_application()
    window = create_window(data_dir, tray=False)
    window.save_layout = False
    scanner = window.features.mail.scanner
    probe, idle = GapProbe(), GapProbe()
    state: dict = {"started": 0.0}

    def shown() -> None:
        if not state["started"]:
            QTimer.singleShot(2000, start)  # the window's own start-up is over

    def scanned(report) -> None:
        state.update(report=report, scanned=time.perf_counter() - state["started"])
        # The window asked for a reload when it heard of the scan (MailFeature, connected
        # first); wait until that reload is shown.
        reloaded()

    def reloaded() -> None:
        if not window.client.idle:
            QTimer.singleShot(5, reloaded)
            return
        state["wall"] = time.perf_counter() - state["started"]
        probe.stop()
        # The same window, idle, for as long again: what the window and the machine cost
        # without a scan.
        idle.start()
        QTimer.singleShot(int(state["wall"] * 1000), app.quit)

    def start() -> None:
        if not window.client.idle:
            QTimer.singleShot(200, start)
            return
        state["started"] = time.perf_counter()
        probe.start()
        scanner.scan_now()

    window.snapshot_shown.connect(shown)
    scanner.scanned.connect(scanned)
    scanner.failed.connect(lambda message: (state.update(error=message), app.quit()))
    window.show()
    window.client.reload()
    app.exec()
    probe.stop()
    idle.stop()
    scanner.shutdown()
    window.client.shutdown()
    window.features.notifiers.close()
    window.close()
    if "error" in state:
        raise SystemExit(state["error"])
    return probe, state["scanned"], state["wall"], idle


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=1,
                        help="window measurements (thread, then process), each on a fresh "
                             "database")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    os.environ["COACH_NOW"] = NOW.isoformat()
    settings = tempfile.mkdtemp(prefix="coach-bench-settings-")
    # The main window's settings, never the user's own.
    os.environ.update(COACH_SETTINGS_DIR=settings, XDG_CONFIG_HOME=settings)
    from coach.mail import account
    from coach.mail import scan as scanning
    from coach.storage.store import open_store
    from coach.timing.dates import local_tz
    from tests.mail import dovecot

    server = dovecot.configure()
    with tempfile.TemporaryDirectory() as tmp:
        try:
            server.start()
            began = time.perf_counter()
            seed(server, args.messages)
            print(f"seeded {args.messages:,} inbox + {args.messages // 10:,} sent messages "
                  f"in {time.perf_counter() - began:.1f} s")
            setup = account.check("127.0.0.1", dovecot.USER, server.port, "none",
                                  f"echo {dovecot.PASSWORD}", ["anna@firma.example"])
            data = Path(tmp) / "headless"
            with open_store(data) as store:
                account.save(store, setup)
                first = scanning.run(store, NOW, local_tz())
                print(f"first scan: {first.messages:,} messages in {first.seconds:.2f} s "
                      f"({first.found} suggestions)")
                again = scanning.run(store, NOW, local_tz())
                print(f"incremental scan, nothing new: {again.seconds * 1000:.0f} ms")
                client = server.client()
                client.multiappend("INBOX", [
                    {"msg": _message(args.messages + n, "INBOX", NOW - timedelta(hours=1)),
                     "date": NOW - timedelta(hours=1)} for n in range(50)])
                client.logout()
                more = scanning.run(store, NOW, local_tz())
                print(f"incremental scan, 50 new: {more.messages} messages in "
                      f"{more.seconds * 1000:.0f} ms")
            walls = []
            for _ in range(3):
                began = time.perf_counter()
                subprocess.run([sys.executable, "-m", "coach", "mail", "scan", "--json",
                                "--data-dir", str(data)], cwd=REPO, check=True,
                               capture_output=True)
                walls.append(time.perf_counter() - began)
            print(f"`coach mail scan`, nothing new, process start included: best of 3 "
                  f"{min(walls) * 1000:.0f} ms")
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
            for run in range(args.runs):
                walls = []
                for how in ("thread", "process"):
                    data = Path(tmp) / f"{how}-{run}"
                    with open_store(data) as store:
                        account.save(store, setup)
                    probe, wall = ui_gap(str(data), how)
                    walls.append(wall)
                    print(f"window, first scan in a {how}: {wall:.2f} s, {probe.text()}")
                data = Path(tmp) / f"window-{run}"
                with open_store(data) as store:
                    account.save(store, setup)
                probe, scanned, wall, idle = window_gap(str(data))
                print(f"main window, Scan now until the lists reloaded: {wall:.2f} s "
                      f"(scanned after {scanned:.2f} s), {probe.text()}")
                print(f"main window, then no scan for {wall:.0f} s: {idle.text()}")
                # As long as a scan took: a longer watch sees rarer stalls.
                print(f"window, no scan, {max(walls):.0f} s (machine load alone): "
                      f"{idle_gap(max(walls)).text()}")
        finally:
            dovecot.remove(server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
