"""Settings → Mail: the account, the password (into the keyring, in the background), the
scan interval, "Scan now" and the last scan's status."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _

from ..system.plain import PlainLabel


def _load(store) -> dict:
    from coach.mail import account
    from coach.storage import settings

    return {"account": account.load(store), "settings": settings.get_all(store),
            "last_scan": account.get_state(store, "last_scan"),
            "last_error": account.get_state(store, "last_error")}


class MailSettingsDialog(QDialog):
    def __init__(self, client, scanner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Mail Account"))
        self.client, self.scanner = client, scanner
        self.host, self.user = QLineEdit(), QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(0, 65535)
        self.port.setSpecialValueText(_("default"))
        self.security = QComboBox()
        for value, label in (("imaps", _("IMAPS (TLS, port 993)")),
                             ("starttls", _("STARTTLS (port 143)")),
                             ("none", _("None (only a server on this computer)"))):
            self.security.addItem(label, value)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("kept in the keyring; empty: keep the saved one"))
        self.command = QLineEdit()
        self.command.setPlaceholderText(_("optional, e.g. pass show mail/work"))
        self.addresses = QLineEdit()
        self.addresses.setPlaceholderText(_("your addresses and aliases, comma-separated"))
        self.minutes = QSpinBox()
        self.minutes.setRange(0, 24 * 60)
        self.minutes.setSuffix(_(" min"))
        self.minutes.setSpecialValueText(_("only on demand"))
        self.follow_days = QSpinBox()
        self.follow_days.setRange(1, 30)
        self.auto_add = QCheckBox(_("Add owed replies directly, without asking"))
        self.cc_counts = QCheckBox(_("Mail where I am only in Cc is owed a reply too"))
        form = QFormLayout()
        form.addRow(_("&Server:"), self.host)
        form.addRow(_("&Port:"), self.port)
        form.addRow(_("S&ecurity:"), self.security)
        form.addRow(_("&User:"), self.user)
        form.addRow(_("Pass&word:"), self.password)
        form.addRow(_("Password &command:"), self.command)
        form.addRow(_("&Addresses:"), self.addresses)
        form.addRow(_("Scan &every:"), self.minutes)
        form.addRow(_("&Follow up after (working days):"), self.follow_days)
        form.addRow("", self.auto_add)
        form.addRow("", self.cc_counts)
        self.status = PlainLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.scan_button = QPushButton(_("Scan &now"))
        self.scan_button.clicked.connect(self.scan_now)
        self.remove_button = QPushButton(_("&Turn mail off"))
        self.remove_button.clicked.connect(self.remove)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.scan_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.button(QDialogButtonBox.StandardButton.Save).clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        note = PlainLabel(_("Trust Coach connects only to this server, only while mail is on. "
                        "It reads headers, and your own sent mail for promises; it keeps "
                        "message ids, the headers needed to match replies and the one "
                        "sentence found, never whole messages. Gmail and Microsoft 365 need "
                        "an app password."))
        note.setTextFormat(Qt.TextFormat.PlainText)
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        scanner.status_changed.connect(self.status.setText)
        scanner.busy_changed.connect(self._busy)
        self.client.submit(_load, self.show_values)

    def _busy(self, busy: bool) -> None:
        self.scan_button.setEnabled(not busy)

    def show_values(self, values: dict) -> None:
        acct, stored = values["account"], values["settings"]
        if acct is not None:
            self.host.setText(acct.host)
            self.port.setValue(acct.port)
            self.user.setText(acct.user)
            self.security.setCurrentIndex(self.security.findData(acct.security))
            self.command.setText(acct.password_command or "")
            self.addresses.setText(", ".join(acct.addresses))
        self.minutes.setValue(int(stored.get("mail.scan_minutes") or 0))
        self.follow_days.setValue(int(stored.get("mail.follow_up_days") or 3))
        self.auto_add.setChecked(bool(stored.get("mail.auto_add")))
        self.cc_counts.setChecked(bool(stored.get("mail.cc_counts")))
        self.remove_button.setEnabled(acct is not None)
        self.scan_button.setEnabled(acct is not None and not self.scanner.busy)
        if values["last_error"]:
            self.status.setText(_("Last scan failed: {error}").format(
                error=values["last_error"]))
        elif values["last_scan"]:
            self.status.setText(_("Last scan: {when}").format(when=values["last_scan"]))
        else:
            self.status.setText(_("Mail is off.") if acct is None else _("Not scanned yet."))

    def values(self) -> dict:
        return {"host": self.host.text(), "user": self.user.text(),
                "port": self.port.value() or None, "security": self.security.currentData(),
                "password_command": self.command.text(),
                "addresses": [a for a in self.addresses.text().replace(";", ",").split(",")
                              if a.strip()],
                "password": self.password.text(),
                "settings": {"mail.scan_minutes": self.minutes.value(),
                             "mail.follow_up_days": self.follow_days.value(),
                             "mail.auto_add": self.auto_add.isChecked(),
                             "mail.cc_counts": self.cc_counts.isChecked()}}

    def save(self) -> None:
        """Check the account, log in, keep the password in the keyring, all in the mail
        thread; the dialog stays responsive and shows the one-line result."""
        values = self.values()
        self.save_button.setEnabled(False)
        self.status.setText(_("Checking the account…"))
        self.scanner.run(lambda store: save_account(store, values), self._saved, self._failed)

    def _saved(self, sent_folder: str) -> None:
        self.save_button.setEnabled(True)
        self.password.clear()
        self.status.setText(_("Saved; logged in, Sent folder: {sent}.").format(
            sent=sent_folder))
        self.scanner.start_timer()
        self.remove_button.setEnabled(True)
        self.scan_button.setEnabled(not self.scanner.busy)

    def _failed(self, message: str) -> None:
        self.save_button.setEnabled(True)
        self.status.setText(message)

    def scan_now(self) -> None:
        self.scanner.scan_now()

    def remove(self) -> None:
        def job(store) -> None:
            from coach.mail import account, password

            acct = account.require(store)
            account.forget(store)
            password.forget(acct)

        def done(_result) -> None:
            self.status.setText(_("Mail is off."))
            self.scanner.start_timer()
            self.remove_button.setEnabled(False)
            self.scan_button.setEnabled(False)

        self.scanner.run(job, done, self._failed)


def save_account(store, values: dict) -> str:
    """Validate, verify the login, then save: nothing is kept if any step fails."""
    from coach.errors import CoachError
    from coach.mail import account, password, scan
    from coach.storage import settings

    acct = account.check(values["host"], values["user"], values["port"], values["security"],
                         values["password_command"], values["addresses"])
    previous = account.load(store)
    if acct.password_command:
        secret = password.from_command(acct.password_command)
    elif values["password"]:
        secret = values["password"]
    elif previous is not None and previous.label == acct.label:
        secret = password.get(previous)
    else:
        raise CoachError(_("Enter the password (it is kept in the keyring), or a password "
                           "command."))
    sent_folder = scan.verify(acct, secret)
    if not acct.password_command and values["password"]:
        password.save(acct, secret)
    with store.write():
        account.save(store, acct)
        for key, value in values["settings"].items():
            settings.put(store, key, value)
    return sent_folder
