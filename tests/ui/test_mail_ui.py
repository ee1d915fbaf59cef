"""The window's mail parts: the suggestions view answers by key, the scan runs in the
background against a real Dovecot and hands its result back by a signal."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.conftest import FIXED_NOW, NETGUARD
from tests.mail.conftest import imap, seeded  # noqa: F401 - the real Dovecot fixtures


@pytest.fixture
def found(store):
    from coach.mail import suggestions

    now = datetime.fromisoformat(FIXED_NOW)
    made = []
    for n, (kind, who, address, subject) in enumerate([
            ("reply", "Tom Becker", "tom@kunde-a.example", "Offer for 40 licences"),
            ("promise", "Maria Schulz", "m.schulz@kunde-b.example", "Zahlen Q4"),
            ("reply", "Herr Vogel", "vogel@kunde-g.example", "Reklamation"),
            ("follow-up", "Herr Vogel", "vogel@kunde-g.example", "Rückfrage")]):
        made.append(suggestions.add(store, kind, f"<m{n}@x>", now, date=now, thread=f"<m{n}@x>",
                                    sender=address, sender_name=who, subject=subject,
                                    evidence="ich melde mich bis Donnerstag."
                                    if kind == "promise" else subject))
    return made


def _open(qtbot, client):
    from ui.mail.suggestions_view import SuggestionsDialog

    dialog = SuggestionsDialog(client, None)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.view.loaded, timeout=10_000):
        dialog.show()
    return dialog


def test_the_view_shows_the_evidence_and_answers_by_key(qtbot, qtmodeltester, client, found,
                                                        store):
    from coach.mail import suggestions
    from coach.model import owed_reply

    dialog = _open(qtbot, client)
    model, table = dialog.view.model, dialog.view.table
    qtmodeltester.check(model)
    assert model.rowCount() == 4
    assert model.index(1, 4).data() == "ich melde mich bis Donnerstag."
    assert model.index(0, 2).data() == "Tom Becker"
    assert "tom@kunde-a.example" in model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole)
    table.setFocus()
    table.selectRow(0)
    with qtbot.waitSignal(dialog.view.loaded, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_A)
    assert model.rowCount() == 3
    assert [r.who for r in owed_reply.list_open(store)] == ["Tom Becker"]
    assert "Accepted" in dialog.status.text()
    table.selectRow(0)  # Maria's promise
    with qtbot.waitSignal(dialog.view.loaded, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_D)
    assert [r.who for r in model.rows] == ["Herr Vogel", "Herr Vogel"]
    table.selectRow(0)
    with qtbot.waitSignal(dialog.view.loaded, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_N)  # never for this sender: both go
    assert model.rowCount() == 0 and dialog.view.empty.isVisibleTo(dialog)
    assert suggestions.is_blocked(store, "vogel@kunde-g.example")


@pytest.fixture
def mail_on(store, seeded, monkeypatch):  # noqa: F811
    """The account saved (password from a command); the scan process gets the network guard
    of every `coach` subprocess of the tests."""
    from coach.mail import account
    from tests.mail import dovecot, seed

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")])))
    account.save(store, account.check("127.0.0.1", dovecot.USER, seeded.port, "none",
                                      f"echo {dovecot.PASSWORD}", [seed.ME, seed.ALIAS]))
    return seeded


def _gone(pid: int) -> bool:
    """Ended and reaped: a zombie would still have its /proc entry."""
    return not Path(f"/proc/{pid}").exists()


def test_the_background_scan_reports_by_signal_and_shows_progress(qtbot, client, mail_on):
    from tests.mail import seed
    from ui.mail.scanner import MailScanner

    scanner = MailScanner(client)
    statuses: list[str] = []
    scanner.status_changed.connect(statuses.append)
    try:
        with qtbot.waitSignal(scanner.scanned, timeout=60_000) as got:
            assert scanner.scan_now()
            assert not scanner.scan_now()  # one scan at a time
            pid = scanner.process.processId()
            assert pid not in (0, os.getpid())  # the scan has a process of its own
        assert got.args[0].replies == len(seed.EXPECTED["reply"])
        assert "Mail scanned" in scanner.status
        inbox = sum(1 for m in seed.mailbox() if m.folder == "INBOX")
        assert f"Scanning mail: inbox, {inbox} of {inbox} messages…" in statuses
        assert f"Scanning mail: matching {len(seed.mailbox())} messages…" in statuses
        assert _gone(pid)
        mail_on.stop()
        with qtbot.waitSignal(scanner.failed, timeout=60_000) as failed:
            scanner.scan_now()
        assert "Cannot reach the mail server" in failed.args[0]
        assert scanner.status.startswith("Mail scan failed")
    finally:
        scanner.shutdown()


def test_a_wrong_password_is_one_clear_message_in_the_window(qtbot, client, store, mail_on):
    from coach.mail import account
    from tests.mail import dovecot, seed
    from ui.mail.scanner import MailScanner

    account.save(store, account.check("127.0.0.1", dovecot.USER, mail_on.port, "none",
                                      "echo wrong", [seed.ME]))
    scanner = MailScanner(client)
    try:
        with qtbot.waitSignal(scanner.failed, timeout=60_000) as failed:
            scanner.scan_now()
        message = failed.args[0]
        assert message.startswith("The mail server refused the login for anna")
        assert "\n" not in message and "Traceback" not in message
        assert not scanner.busy
    finally:
        scanner.shutdown()


def test_a_stopped_scan_leaves_no_process_and_the_next_one_finds_everything(
        qtbot, client, store, mail_on):
    from coach.mail import suggestions
    from tests.mail import seed
    from ui.mail.scanner import MailScanner

    scanner = MailScanner(client)
    try:
        with qtbot.waitSignal(scanner.stopped, timeout=30_000):
            scanner.scan_now()
            pid = scanner.process.processId()
            assert scanner.stop()
        assert _gone(pid) and not scanner.busy
        assert "stopped" in scanner.status
        assert suggestions.list_open(store) == []  # nothing half-written
        with qtbot.waitSignal(scanner.scanned, timeout=60_000) as got:
            scanner.scan_now()
        assert got.args[0].messages == len(seed.mailbox())
        # At quit a running scan is ended and reaped before the window goes.
        scanner.scan_now()
        pid = scanner.process.processId()
    finally:
        scanner.shutdown()
    assert _gone(pid) and scanner.process is None


def test_the_suggestions_view_stops_a_running_scan(qtbot, client, mail_on):
    from ui.mail.scanner import MailScanner
    from ui.mail.suggestions_view import SuggestionsDialog

    scanner = MailScanner(client)
    dialog = SuggestionsDialog(client, scanner)
    qtbot.addWidget(dialog)
    try:
        assert dialog.scan_button.text() == "Scan &now"
        qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
        assert scanner.busy and dialog.scan_button.text() == "&Stop Scan"
        with qtbot.waitSignal(scanner.stopped, timeout=30_000):
            qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
        assert dialog.scan_button.text() == "Scan &now"
        assert dialog.status.text().startswith("Mail scan stopped")
    finally:
        scanner.shutdown()


def _scan_fails(qtbot, client) -> str:
    from ui.mail.scanner import MailScanner

    scanner = MailScanner(client)
    try:
        with qtbot.waitSignal(scanner.failed, timeout=60_000) as failed:
            scanner.scan_now()
        assert scanner.status == f"Mail scan failed: {failed.args[0]}"
        assert "\n" not in failed.args[0] and "Traceback" not in failed.args[0]
        return failed.args[0]
    finally:
        scanner.shutdown()


def test_a_deleted_sent_folder_is_one_clear_message_in_the_window(qtbot, client, mail_on):
    server = mail_on.client()
    server.delete_folder("Sent")
    server.logout()
    assert _scan_fails(qtbot, client).startswith("No Sent folder was found")


def test_an_untrusted_certificate_is_one_clear_message_in_the_window(qtbot, client, store,
                                                                    monkeypatch):
    from coach.mail import account
    from tests.mail import dovecot

    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        filter(None, [str(NETGUARD), os.environ.get("PYTHONPATH")])))
    server = dovecot.configure(tls=True)
    try:
        server.start()
        account.save(store, account.check("127.0.0.1", dovecot.USER, server.tls_port, "imaps",
                                          f"echo {dovecot.PASSWORD}", []))
        message = _scan_fails(qtbot, client)
    finally:
        dovecot.remove(server)
    assert message.startswith(f"The certificate of 127.0.0.1:{server.tls_port} could not be "
                              "verified")


def test_no_keyring_is_one_clear_message_in_the_window(qtbot, client, store, mail_on,
                                                       monkeypatch, tmp_path):
    from coach.mail import account
    from tests.mail import dovecot, seed

    # No password command and no Secret Service: the keyring is asked, and is not there.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-bus")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    account.save(store, account.check("127.0.0.1", dovecot.USER, mail_on.port, "none", None,
                                      [seed.ME]))
    message = _scan_fails(qtbot, client)
    assert message.startswith("No keyring is available") and "--password-command" in message


def test_the_main_window_scans_in_the_background_and_shows_a_failure_in_its_banner(
        qtbot, mail_on, window):
    from tests.mail import seed

    scanner = window.features.mail.scanner
    # The scan's result, and the lists reloaded after it.
    with qtbot.waitSignals([scanner.scanned, window.client.loaded], timeout=60_000):
        assert scanner.scan_now()
    assert window.statusBar().currentMessage().startswith(
        f"Mail scanned: {len(seed.mailbox())} new messages")
    assert not window.banner.isVisible()
    mail_on.stop()
    with qtbot.waitSignal(scanner.failed, timeout=60_000):
        scanner.scan_now()
    assert window.banner.isVisible()
    assert window.banner.text().startswith("Cannot reach the mail server 127.0.0.1:")
    assert "\n" not in window.banner.text()
