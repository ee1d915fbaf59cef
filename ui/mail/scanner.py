"""The mail scan off the UI thread: on a timer from settings and on demand.

The scan runs as `coach mail scan --json --progress` in a process of its own. In a thread
of the window's process it held Python's GIL for most of its seconds (IMAP responses and
thousands of header blocks are parsed in pure Python), and the window stalled for up to
278 ms at a time on a busy machine; a process shares no GIL with the window. It also
writes to the same store as a scan from cron would, tells its progress one line at a time
on stderr, and fails with the command line's own one-line message. Stopping it loses
nothing: the scan writes in one transaction at its end, so the next one resumes.

Setting up the account (log in, keyring) is short and runs in a worker thread of its own.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QTimer, Signal

from coach.i18n import _

STOP_GRACE_MS = 2000  # after SIGTERM, before SIGKILL


def _plan(store) -> tuple[bool, int]:
    from coach.mail import account
    from coach.storage import settings

    return account.load(store) is not None, int(settings.get(store, "mail.scan_minutes") or 0)


def scan_command(data_dir: str | None) -> tuple[str, list[str], dict[str, str]]:
    """Program, arguments and extra environment for the scan process: this very copy of
    Trust Coach, headless, in the window's language."""
    from coach.i18n import current_language

    words = ["mail", "scan", "--json", "--progress"]
    if data_dir:
        words += ["--data-dir", str(data_dir)]
    env = {"COACH_LANG": current_language(), "PYTHONIOENCODING": "utf-8"}
    if getattr(sys, "frozen", False):  # a PyInstaller bundle runs commands like `coach`
        return sys.executable, words, env
    import coach

    root = Path(coach.__file__).resolve().parent.parent
    # A source checkout (`python -m ui` in it) is not on the child's path by itself; an
    # installed copy is, and its site-packages must not go ahead of the standard library.
    if root.name not in ("site-packages", "dist-packages"):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root),
                                                          os.environ.get("PYTHONPATH")]))
    return sys.executable, ["-m", "coach", *words], env


class MailScanner(QObject):
    scanned = Signal(object)  # coach.mail.report.Report
    failed = Signal(str)
    stopped = Signal()
    status_changed = Signal(str)
    busy_changed = Signal(bool)
    progressed = Signal(int, int)  # messages fetched, of how many (current folder)

    def __init__(self, client, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.client = client  # the window's store worker: quick reads of settings
        self._worker = None
        self.process: QProcess | None = None
        self._stderr = bytearray()
        self._message = ""
        self._stopping = False
        self.busy = False
        self.status = ""
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.scan_now)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def start_timer(self) -> None:
        """Scan on the interval from settings, if mail is on (read in the worker)."""
        def planned(plan: tuple[bool, int]) -> None:
            enabled, minutes = plan
            self.timer.stop()
            if enabled and minutes > 0:
                self.timer.start(minutes * 60_000)

        self.client.submit(_plan, planned, lambda _message: None)

    @property
    def worker(self):
        """A second store worker, made on first use: its thread talks to the mail server
        and the keyring while an account is set up, so the window's own worker never
        waits on the network."""
        if self._worker is None:
            from ..background.worker import StoreClient

            self._worker = StoreClient(self.client.data_dir, self)
        return self._worker

    def run(self, job, on_done=None, on_error=None) -> None:
        """Run job(store) in the mail thread (setup, verify, keyring)."""
        self.worker.submit(job, on_done, on_error)

    # --- the scan process ---------------------------------------------------------------
    def scan_now(self) -> bool:
        if self.busy:
            return False
        program, arguments, extra = scan_command(self.client.data_dir)
        env = QProcessEnvironment.systemEnvironment()
        for key, value in extra.items():
            env.insert(key, value)
        process = QProcess(self)
        process.setProgram(program)
        process.setArguments(arguments)
        process.setProcessEnvironment(env)
        process.readyReadStandardError.connect(self._read_stderr)
        process.finished.connect(self._finished)
        process.errorOccurred.connect(self._error)
        self.process, self._stderr, self._message, self._stopping = process, bytearray(), "", False
        self.busy = True
        self.busy_changed.emit(True)
        self._set_status(_("Scanning mail…"))
        process.start(QProcess.OpenModeFlag.ReadOnly)  # no stdin: nothing can wait on it
        return True

    def _read_stderr(self) -> None:
        if self.process is None:
            return
        self._stderr += bytes(self.process.readAllStandardError())
        *lines, rest = bytes(self._stderr).split(b"\n")
        self._stderr = bytearray(rest)
        for line in lines:
            self._line(line.decode("utf-8", errors="replace").rstrip("\r"))

    def _line(self, line: str) -> None:
        if line.startswith("coach: "):
            self._message = line[len("coach: "):]
            return
        words = line.split()
        if len(words) != 4 or words[0] != "progress" or not all(w.isdigit() for w in words[2:]):
            return  # anything else (a warning of a library) is not the user's business
        role, done, total = words[1], int(words[2]), int(words[3])
        if role == "sent":
            text = _("Scanning mail: sent mail, {done} of {total} messages…")
        elif role == "inbox":
            text = _("Scanning mail: inbox, {done} of {total} messages…")
        else:
            text = _("Scanning mail: matching {total} messages…")
        self.progressed.emit(done, total)
        self._set_status(text.format(done=done, total=total))

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process = self.process
        if process is None:
            return
        self._read_stderr()
        if self._stderr:
            self._line(bytes(self._stderr).decode("utf-8", errors="replace"))
        out = bytes(process.readAllStandardOutput()).decode("utf-8", errors="replace")
        self.process = None
        process.deleteLater()
        if status == QProcess.ExitStatus.NormalExit and code == 0:
            # Also when a stop came too late: the scan is in the store, so say what it found.
            from coach.mail.report import Report

            try:
                report = Report(**json.loads(out))
            except (ValueError, TypeError):
                self._failed(_("The mail scan gave an answer that cannot be read."))
                return
            self._done(report)
            return
        if self._stopping:
            self._end()
            self._set_status(_("Mail scan stopped; the next scan starts where this one "
                               "left off."))
            self.stopped.emit()
            return
        self._failed(self._message or _("The mail scan ended unexpectedly (exit status "
                                        "{code}).").format(code=code))

    def _error(self, error: QProcess.ProcessError) -> None:
        # Every other error is followed by `finished`; a process that never started is not.
        if error == QProcess.ProcessError.FailedToStart and self.process is not None:
            reason = self.process.errorString()
            self.process.deleteLater()
            self.process = None
            self._failed(_("The mail scan could not start: {reason}").format(reason=reason))

    def _end(self) -> None:
        self.busy = False
        self.busy_changed.emit(False)

    def _done(self, report) -> None:
        self._end()
        self._set_status(report.text())
        self.scanned.emit(report)

    def _failed(self, message: str) -> None:
        self._end()
        self._set_status(_("Mail scan failed: {error}").format(error=message))
        self.failed.emit(message)

    def _set_status(self, text: str) -> None:
        self.status = text
        self.status_changed.emit(text)

    def stop(self) -> bool:
        """Stop a running scan (SIGTERM, then SIGKILL); `stopped` follows."""
        process = self.process
        if process is None:
            return False
        self._stopping = True
        process.terminate()
        QTimer.singleShot(STOP_GRACE_MS, process, process.kill)
        return True

    def shutdown(self) -> None:
        """At quit: no scan outlives the window, and none is left a zombie."""
        self.timer.stop()
        process, self.process = self.process, None  # the window is going: no more signals
        if process is not None:
            self.busy = False
            process.terminate()
            if not process.waitForFinished(STOP_GRACE_MS):
                process.kill()
                process.waitForFinished(STOP_GRACE_MS)
        if self._worker is not None:
            self._worker.shutdown()
