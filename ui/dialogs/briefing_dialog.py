"""Brief my manager: preview and edit the draft, copy, save, email, mark as sent, history.

Building, saving and marking run in the store's worker thread (ui.background.worker); the
dialog only shows results. The draft is rich text you can edit; what you copy, save or mail is
what you see, and the history keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import _, current_language, ngettext
from coach.timing import timeutil

from ..background.worker import StoreClient
from ..system.plain import PlainLabel, ask
from .briefing_history import HistoryModel


@dataclass
class Prepared:
    """Everything the dialog shows for one draft, built in the worker."""

    draft: Any
    text: str
    markdown: str
    html: str
    json: str
    subject: str
    manager_email: str
    warnings: list[str]


def prepare(store, lang: str, focus_concern_id: int | None) -> Prepared:
    from coach.briefing.render import render, subject
    from coach.ops import briefing
    from coach.storage import settings

    draft = briefing.draft(store, timeutil.now(), lang=lang, focus_concern_id=focus_concern_id)
    out = {fmt: render(draft, fmt) for fmt in ("text", "markdown", "html", "json")}
    warnings = sorted({r.warning for r in out.values() if r.warning})
    return Prepared(draft, out["text"].text, out["markdown"].text, out["html"].text,
                    out["json"].text, subject(draft),
                    settings.load(store).manager_email, warnings)


def put_on_clipboard(html: str, text: str) -> None:
    """Formatted for mail programs and chat that take it, plain for everything else."""
    mime = QMimeData()
    mime.setHtml(html)
    mime.setText(text)
    QGuiApplication.clipboard().setMimeData(mime)


class BriefingDialog(QDialog):
    ready = Signal()  # a draft is shown (tests wait for this)
    history_loaded = Signal()
    reported = Signal(str)  # an action finished; the message the dialog shows

    def __init__(self, client: StoreClient, parent: QWidget | None = None,
                 focus_concern_id: int | None = None, lang: str | None = None) -> None:
        super().__init__(parent)
        self.client = client
        self.focus_concern_id = focus_concern_id
        self.prepared: Prepared | None = None
        self.briefing_id: int | None = None  # the history entry of this draft, once kept
        self.sent = False
        self.open_url = QDesktopServices.openUrl  # the mail program; tests record instead
        self.setWindowTitle(_("Brief my manager"))
        self.resize(760, 620)
        self._build(lang or current_language())
        self.reported.connect(self.status.setText)
        self.regenerate()
        self.load_history()

    # --- layout -----------------------------------------------------------------------
    def _build(self, lang: str) -> None:
        intro = PlainLabel(_("Tell your manager early, before they hear it from someone else. "
                         "Edit the draft as you like, then copy it, mail it or save it."))
        intro.setWordWrap(True)
        self.banner = PlainLabel()
        self.banner.setObjectName("briefing-banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet("#briefing-banner { border: 1px solid #c0392b; "
                                  "padding: 6px; }")
        self.banner.hide()
        self.language = QComboBox()
        self.language.addItem(_("English"), "en")
        self.language.addItem(_("German"), "de")
        self.language.setCurrentIndex(max(0, self.language.findData(lang)))
        self.language.currentIndexChanged.connect(self._language_changed)
        language_label = PlainLabel(_("&Language:"))
        language_label.setBuddy(self.language)
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(language_label)
        top.addWidget(self.language)

        self.editor = QTextEdit()
        self.editor.setAcceptRichText(True)
        self.editor.setPlaceholderText(_("Writing the briefing…"))
        self.editor.setAccessibleName(_("Briefing draft"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("Draft and history"))
        self.tabs.addTab(self.editor, _("&Draft"))
        self.tabs.addTab(self._history_tab(), _("&History"))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        role = QDialogButtonBox.ButtonRole.ActionRole
        self.copy_button = self.buttons.addButton(_("&Copy"), role)
        self.save_button = self.buttons.addButton(_("&Save…"), role)
        self.mail_button = self.buttons.addButton(_("&Email…"), role)
        self.sent_button = self.buttons.addButton(_("&Mark as sent"), role)
        self.copy_button.clicked.connect(self.copy)
        self.save_button.clicked.connect(self.ask_save)
        self.mail_button.clicked.connect(self.mail)
        self.sent_button.clicked.connect(self.mark_sent)
        self.copy_button.setToolTip(_("Copy as formatted text and plain text (Ctrl+Shift+C)"))
        self.mail_button.setToolTip(_("Open your mail program with this briefing (Ctrl+E)"))
        self.sent_button.setToolTip(_("Record that it went out: the concerns in it count as "
                                      "told, and the next briefing starts from here"))
        for keys, slot in (("Ctrl+Shift+C", self.copy), ("Ctrl+S", self.ask_save),
                           ("Ctrl+E", self.mail), ("Ctrl+R", self.regenerate)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.status = PlainLabel()
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._set_enabled(False)

    def _history_tab(self) -> QWidget:
        self.history = HistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setAccessibleName(_("Briefings sent"))
        self.history_view.setModel(self.history)
        self.history_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.history_view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.history_view.verticalHeader().hide()
        self.history_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.selectionModel().currentRowChanged.connect(self._show_kept)
        self.kept_text = QTextBrowser()
        self.kept_text.setAccessibleName(_("The briefing as sent"))
        self.kept_text.setPlaceholderText(_("No briefing kept yet. Every briefing you copy, "
                                            "save, mail or mark as sent is kept here."))
        self.copy_kept_button = QPushButton(_("Copy &again"))
        self.copy_kept_button.setEnabled(False)
        self.copy_kept_button.clicked.connect(self.copy_kept)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.history_view)
        splitter.addWidget(self.kept_text)
        splitter.setSizes([180, 320])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.copy_kept_button, 0, Qt.AlignmentFlag.AlignRight)
        return tab

    def _set_enabled(self, on: bool) -> None:
        for button in (self.copy_button, self.save_button, self.mail_button):
            button.setEnabled(on)
        self.sent_button.setEnabled(on and not self.sent)

    def _error(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()

    # --- the draft ----------------------------------------------------------------------
    @property
    def lang(self) -> str:
        return self.language.currentData()

    def _language_changed(self) -> None:
        """A new language writes the draft anew; edits are the user's work, so ask first."""
        if self.prepared is not None and self.editor.document().isModified():
            answer = ask(
                self, _("Brief my manager"),
                _("Write the briefing again in the other language? Your edits to this draft "
                  "will be replaced."))
            if answer != QMessageBox.StandardButton.Yes:
                self.language.blockSignals(True)
                self.language.setCurrentIndex(self.language.findData(self._shown_lang))
                self.language.blockSignals(False)
                return
        self.regenerate()

    def regenerate(self) -> None:
        self._set_enabled(False)
        lang, focus = self.lang, self.focus_concern_id
        self._asked_lang = lang
        self.client.submit(lambda store: prepare(store, lang, focus), self._show, self._error)

    def _show(self, prepared: Prepared) -> None:
        self.prepared = prepared
        self._shown_lang = self._asked_lang
        self.briefing_id, self.sent = None, False
        self.editor.setHtml(prepared.html)
        self.editor.document().setModified(False)
        self.banner.setVisible(bool(prepared.warnings))
        self.banner.setText("\n".join(prepared.warnings))
        self.status.setText(prepared.draft.summary)
        self._set_enabled(True)
        self.ready.emit()

    def current(self) -> tuple[str, str]:
        """(html, plain text) as the user left the draft: edits win over the template."""
        assert self.prepared is not None
        if not self.editor.document().isModified():
            return self.prepared.html, self.prepared.text
        return self.editor.toHtml(), self.editor.toMarkdown().strip() + "\n"

    def _keep(self, then, sent: bool = False) -> None:
        """Keep this draft in the history (once; edits update it), then call then(id)."""
        from coach.ops import briefing

        html, text = self.current()
        draft, lang, known = self.prepared.draft, self.lang, self.briefing_id
        extra = {"html": html, "edited": self.editor.document().isModified()}

        def job(store) -> int:
            return briefing.keep(store, draft, text, lang, "text", sent=sent, extra=extra,
                                 briefing_id=known, now=timeutil.now()).detail

        def kept(briefing_id: int) -> None:
            self.briefing_id = briefing_id
            then(briefing_id)
            self.load_history()

        self.client.submit(job, kept, self._error, writes=sent)

    # --- getting it out -----------------------------------------------------------------
    def copy(self) -> None:
        if self.prepared is None:
            return
        html, text = self.current()
        put_on_clipboard(html, text)
        self._keep(lambda _id: self.reported.emit(
            _("Copied, formatted and as plain text. Paste it into a mail or chat.")))

    def ask_save(self) -> None:
        if self.prepared is None:
            return
        filters = ";;".join(f"{name} ({pattern})" for name, pattern in (
            (_("Text"), "*.txt"), (_("Markdown"), "*.md"), (_("HTML"), "*.html"),
            (_("JSON"), "*.json")))
        path, _chosen = QFileDialog.getSaveFileName(self, _("Save the briefing"),
                                                    "briefing.txt", filters)
        if path:
            self.save_to(Path(path))

    def save_to(self, path: Path) -> None:
        """The file's ending picks the format: .md, .html, .json, anything else is text."""
        html, text = self.current()
        suffix = path.suffix.lower()
        content = {".md": self.prepared.markdown if not self.edited else text,
                   ".html": html, ".htm": html, ".json": self.prepared.json}.get(suffix, text)

        def write(_id: int) -> None:
            from coach.errors import CoachError
            from coach.storage.exchange import write_file

            try:
                write_file(path, content)
            except CoachError as exc:
                self._error(str(exc))
                return
            self.reported.emit(_("Saved to {path}.").format(path=path))

        self._keep(write)

    @property
    def edited(self) -> bool:
        return self.editor.document().isModified()

    def mail(self) -> None:
        if self.prepared is None:
            return
        from coach.briefing.render import mailto_url

        html, text = self.current()
        url, shortened = mailto_url(self.prepared.manager_email, self.prepared.subject, text)
        if shortened:
            put_on_clipboard(html, text)
        self.open_url(QUrl.fromEncoded(url.encode("ascii")))
        message = (_("Opened your mail program. The briefing was too long for a mail link: "
                     "it is shortened there, and the whole of it is on the clipboard.")
                   if shortened else _("Opened your mail program."))
        if not self.prepared.manager_email:
            message += " " + _("Tip: add your manager's email address under "
                               "File → Settings → Your manager to fill in the recipient.")
        self._keep(lambda _id: self.reported.emit(message))

    def mark_sent(self) -> None:
        if self.prepared is None or self.sent:
            return
        told = len(self.prepared.draft.concern_ids)

        def marked(_id: int) -> None:
            self.sent = True
            self.sent_button.setEnabled(False)
            self.reported.emit(ngettext(
                "Marked as sent. Your manager now knows about {n} concern; the next briefing "
                "starts from here.",
                "Marked as sent. Your manager now knows about {n} concerns; the next briefing "
                "starts from here.", told).format(n=told))

        self._keep(marked, sent=True)

    # --- history ------------------------------------------------------------------------
    def load_history(self) -> None:
        from coach.briefing import build as briefing

        def loaded(rows: list[Any]) -> None:
            self.history.set_rows(rows)
            if rows and not self.history_view.currentIndex().isValid():
                self.history_view.selectRow(0)
            self.history_loaded.emit()

        self.client.submit(briefing.history, loaded, self._error)

    def _selected(self) -> Any:
        index = self.history_view.currentIndex()
        return self.history.briefing_at(index.row()) if index.isValid() else None

    @staticmethod
    def _kept_html(item: Any) -> str:
        import html as html_lib

        if item.payload.get("html"):
            return item.payload["html"]
        if item.format == "html":  # `coach brief --format html` keeps the HTML as its text
            return item.text
        return f"<pre>{html_lib.escape(item.text)}</pre>"

    def _show_kept(self, *_args) -> None:
        item = self._selected()
        self.copy_kept_button.setEnabled(item is not None)
        if item is None:
            self.kept_text.clear()
        else:
            self.kept_text.setHtml(self._kept_html(item))

    def copy_kept(self) -> None:
        item = self._selected()
        if item is None:
            return
        put_on_clipboard(self._kept_html(item), item.text)
        self.reported.emit(_("Copied the briefing from {when} again.").format(
            when=self.history.data(self.history_view.currentIndex())))
