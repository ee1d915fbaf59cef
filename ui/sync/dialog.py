"""Settings → Sync: the CalDAV account, "Sync now", the last result, and values kept after
a conflict, each of which can be put back. Every step runs in the background."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _
from coach.sync.account import DEFAULT_LIST

from ..system.plain import PlainLabel
from .runner import SyncRunner


class SyncDialog(QDialog):
    def __init__(self, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Sync with your phone"))
        self.runner = runner
        self.url, self.user, self.list_name = QLineEdit(), QLineEdit(), QLineEdit()
        self.password, self.command = QLineEdit(), QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.url.setPlaceholderText("https://cloud.example.com/remote.php/dav")
        self.list_name.setPlaceholderText(DEFAULT_LIST)
        self.command.setPlaceholderText(_("optional, e.g. pass show caldav"))
        form = QFormLayout()
        form.addRow(_("Server address:"), self.url)
        form.addRow(_("User:"), self.user)
        form.addRow(_("Password:"), self.password)
        form.addRow(_("Or password command:"), self.command)
        form.addRow(_("Task list:"), self.list_name)
        self.result = PlainLabel(_("Not synced yet."))
        self.result.setWordWrap(True)
        self.kept = QListWidget()
        self.kept.setToolTip(_("Values that lost a conflict; select one to put it back."))
        self.save_button = QPushButton(_("Save account"))
        self.sync_button = QPushButton(_("Sync now"))
        self.restore_button = QPushButton(_("Put the kept value back"))
        self.save_button.clicked.connect(self.save)
        self.sync_button.clicked.connect(self.sync_now)
        self.restore_button.clicked.connect(self.restore)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for widget in (self.save_button, self.sync_button, self.result,
                       PlainLabel(_("Kept after a conflict:")), self.kept,
                       self.restore_button, close):
            layout.addWidget(widget)
        runner.finished.connect(self._synced)
        runner.done.connect(self._done)
        self.refresh()

    def refresh(self) -> None:
        def read(store) -> str:
            from coach.model import commitment_log
            from coach.sync import account

            acct = account.load(store)
            self._loaded = (acct, [(e.id, commitment_log.describe(e))
                                   for e in commitment_log.kept(store)])
            return ""

        self.runner.run(read)

    def _done(self, ok: bool, line: str) -> None:
        loaded = getattr(self, "_loaded", None)
        if loaded is not None:
            self._loaded = None
            acct, kept = loaded
            if acct is not None:
                self.url.setText(acct.url)
                self.user.setText(acct.user)
                self.list_name.setText(acct.list_name)
                self.command.setText(acct.password_command or "")
                if acct.last_result:
                    self.result.setText(acct.last_result)
            self.kept.clear()
            for entry_id, text in kept:
                self.kept.addItem(text)
                self.kept.item(self.kept.count() - 1).setData(Qt.ItemDataRole.UserRole,
                                                              entry_id)
        if line:
            self.result.setText(line)

    def save(self) -> None:
        url, user, name = self.url.text(), self.user.text(), self.list_name.text()
        secret, command = self.password.text(), self.command.text()
        self.password.clear()

        def write(store) -> str:
            from coach.sync import service
            from coach.timing import timeutil

            acct = service.setup(store, url, user, name, command or None, secret or None,
                                 timeutil.now())
            return _('Saved: {user} at {url}, list "{name}".').format(
                user=acct.user, url=acct.url, name=acct.list_name)

        self.result.setText(_("Saving…"))
        self.runner.run(write)

    def sync_now(self) -> None:
        if self.runner.sync_now():
            self.result.setText(_("Syncing…"))

    def _synced(self, ok: bool, line: str) -> None:
        if line:
            self.result.setText(line)
        self.refresh()

    def restore(self) -> None:
        item = self.kept.currentItem()
        if item is None:
            return
        entry_id = item.data(Qt.ItemDataRole.UserRole)

        def write(store) -> str:
            from coach.ops import commitment_edit
            from coach.timing import timeutil

            commitment_edit.restore_kept(store, entry_id, timeutil.now())
            return _("Put back; it goes up with the next sync.")

        self.runner.run(write)
        self.refresh()
