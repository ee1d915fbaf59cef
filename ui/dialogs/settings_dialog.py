"""Settings: working hours, quiet hours, reply-by rules, pause, and which notifier works now."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from coach.i18n import N_, _, ngettext
from coach.reminders.schedule import Notification
from coach.timing import timeutil

from ..system.language import remember_language, saved_language
from ..system.plain import PlainLabel

DAY_LABELS = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))
# Each language by its own name, so someone lost in the wrong language still finds theirs.
LANGUAGE_NAMES = (("en", "English"), ("de", "Deutsch"))


def _time(text: str) -> QTime:
    hour, minute = str(text).split(":")
    return QTime(int(hour), int(minute))


def _text(edit: QTimeEdit) -> str:
    return edit.time().toString("HH:mm")


def _spin(low: int, high: int, suffix: Callable[[int], str]) -> QSpinBox:
    """A number with its unit, "1 working day" and "2 working days": the suffix follows the
    value through ngettext, never "day(s)"."""
    box = QSpinBox()
    box.setRange(low, high)

    def unit(n: int) -> None:
        box.setSuffix(suffix(n))

    box.valueChanged.connect(unit)
    unit(box.value())
    return box


def _weekday_names() -> list[str]:
    """Monday … Sunday in the user's language, in full (Babel's, as dates elsewhere)."""
    from babel.dates import get_day_names

    from coach.i18n import babel_locale

    names = get_day_names("wide", locale=babel_locale())
    return [names[number] for number in range(7)]


class SettingsDialog(QDialog):
    def __init__(self, client, chain, reminders=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Settings"))
        self.client, self.chain, self.reminders = client, chain, reminders
        self.paused_until: str | None = None

        hours = QGroupBox(_("Working hours"))
        form = QFormLayout(hours)
        days = QHBoxLayout()
        self.days = []
        for label in DAY_LABELS:
            box = QCheckBox(_(label))
            self.days.append(box)
            days.addWidget(box)
        form.addRow(_("Working days:"), days)
        self.work_start, self.work_end = QTimeEdit(), QTimeEdit()
        self.quiet_start, self.quiet_end = QTimeEdit(), QTimeEdit()
        for edit in (self.work_start, self.work_end, self.quiet_start, self.quiet_end):
            edit.setDisplayFormat("HH:mm")
        form.addRow(_("Work starts:"), self.work_start)
        form.addRow(_("Work ends:"), self.work_end)

        quiet = QGroupBox(_("Quiet hours (no reminders)"))
        qform = QFormLayout(quiet)
        qform.addRow(_("From:"), self.quiet_start)
        qform.addRow(_("Until:"), self.quiet_end)

        rules = QGroupBox(_("Reply by"))
        rform = QFormLayout(rules)
        self.call_hours = _spin(1, 40, lambda n: ngettext(" working hour", " working hours", n))
        self.email_days = _spin(1, 10, lambda n: ngettext(" working day, end of day",
                                                          " working days, end of day", n))
        self.urgent_hours = _spin(1, 24, lambda n: ngettext(" hour", " hours", n))
        rform.addRow(_("Calls and voicemails within:"), self.call_hours)
        rform.addRow(_("Emails and messages by:"), self.email_days)
        rform.addRow(_("Urgent, within:"), self.urgent_hours)

        pause = QGroupBox(_("Reminders"))
        prow = QHBoxLayout(pause)
        self.pause_label = PlainLabel()
        self.pause_hour = QPushButton(_("Pause 1 hour"))
        self.pause_day = QPushButton(_("Pause until tomorrow"))
        self.resume = QPushButton(_("Resume"))
        self.pause_hour.clicked.connect(lambda: self._pause(timedelta(hours=1)))
        self.pause_day.clicked.connect(lambda: self._pause(None))
        self.resume.clicked.connect(lambda: self._set_pause(None))
        prow.addWidget(self.pause_label, 1)
        for button in (self.pause_hour, self.pause_day, self.resume):
            prow.addWidget(button)

        rhythm = QGroupBox(_("Daily rhythm"))
        wform = QFormLayout(rhythm)
        self.review_on = QCheckBox(_("End-of-day &review at:"))
        self.review_time = QTimeEdit()
        self.review_time.setDisplayFormat("HH:mm")
        self.review_time.setAccessibleName(_("End-of-day review time"))
        self.review_on.toggled.connect(self.review_time.setEnabled)
        wform.addRow(self.review_on, self.review_time)
        self.briefing_day = QComboBox()
        self.briefing_day.addItem(_("No fixed day"), None)
        for number, name in enumerate(_weekday_names()):
            self.briefing_day.addItem(name, number)
        wform.addRow(_("Weekly &briefing on:"), self.briefing_day)

        notifier = QGroupBox(_("Notifications"))
        nrow = QHBoxLayout(notifier)
        self.notifier_label = PlainLabel(_("Checking which notifier works…"))
        self.notifier_label.setWordWrap(True)
        self.test_button = QPushButton(_("Send a test notification"))
        self.test_button.clicked.connect(self.send_test)
        nrow.addWidget(self.notifier_label, 1)
        nrow.addWidget(self.test_button)

        manager = QGroupBox(_("Your manager"))
        mform = QFormLayout(manager)
        self.manager_name = QLineEdit()
        self.manager_name.setPlaceholderText(_("so requests from them are recognised"))
        self.manager_email = QLineEdit()
        self.manager_email.setPlaceholderText(_("for briefings and close-the-loop emails"))
        self.briefing_days = _spin(1, 30, lambda n: ngettext(" working day", " working days", n))
        mform.addRow(_("&Name:"), self.manager_name)
        mform.addRow(_("&Email:"), self.manager_email)
        mform.addRow(_("Remind me to brief after:"), self.briefing_days)
        self.manager_email.textChanged.connect(self.validate)

        language = QGroupBox(_("Language"))
        lform = QFormLayout(language)
        self.language = QComboBox()
        self.language.addItem(_("As the system (follows your locale)"), "")
        for code, name in LANGUAGE_NAMES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(saved_language() or "")))
        self.language.setAccessibleName(_("Language"))
        lform.addRow(_("&Language:"), self.language)
        self.language_note = PlainLabel(_("A new language takes effect the next time you start "
                                      "Trust Coach; nothing you entered is lost."))
        self.language_note.setWordWrap(True)
        lform.addRow(self.language_note)

        sync = QGroupBox(_("Sync"))
        self.sync_button = QPushButton(_("Sync with your phone…"))
        self.sync_button.clicked.connect(self.open_sync)
        QVBoxLayout(sync).addWidget(self.sync_button)

        self.error = PlainLabel()
        self.error.setObjectName("settings-error")
        self.error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        # Pages, not one column: all groups stacked need 750 px, more than a 1366×768 screen
        # with a panel leaves.
        self.pages = QTabWidget()
        self.pages.setObjectName("settings-pages")
        self.pages.setAccessibleName(_("Settings pages"))
        for title, groups in ((_("Working time"), (hours, quiet, rules)),
                              (_("Reminders"), (pause, rhythm, notifier)),
                              (_("Manager and language"), (manager, language)),
                              (_("Sync"), (sync,))):
            page = QWidget()
            column = QVBoxLayout(page)
            for group in groups:
                column.addWidget(group)
            column.addStretch(1)
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        for widget in (self.pages, self.error, self.buttons):
            layout.addWidget(widget)
        for box in self.days:
            box.toggled.connect(self.validate)
        self.work_start.timeChanged.connect(self.validate)
        self.work_end.timeChanged.connect(self.validate)
        self.setEnabled(False)  # until the values arrive from the store
        from coach.storage import settings

        client.submit(settings.get_all, self.show_values)
        self.refresh_notifier()

    def open_sync(self) -> None:
        from ..sync.dialog import SyncDialog
        from ..sync.runner import SyncRunner

        features = getattr(self.parent(), "features", None)
        runner = features.sync if features is not None else SyncRunner(self.client.data_dir,
                                                                        self)
        self.sync_dialog = SyncDialog(runner, self)
        self.sync_dialog.open()

    # --- values -------------------------------------------------------------------------
    def show_values(self, values: dict) -> None:
        for number, box in enumerate(self.days):
            box.setChecked(number in values["working_days"])
        self.work_start.setTime(_time(values["work_start"]))
        self.work_end.setTime(_time(values["work_end"]))
        self.quiet_start.setTime(_time(values["quiet_start"]))
        self.quiet_end.setTime(_time(values["quiet_end"]))
        self.call_hours.setValue(int(values["reply_hours_call"]))
        self.email_days.setValue(int(values["reply_days_email"]))
        self.urgent_hours.setValue(int(values["reply_hours_urgent"]))
        self.manager_name.setText(values.get("manager_name") or "")
        self.manager_email.setText(values.get("manager_email") or "")
        self.briefing_days.setValue(int(values["briefing_quiet_days"]))
        review_at = values.get("review_time")
        self.review_on.setChecked(review_at is not None)
        self.review_time.setEnabled(review_at is not None)
        self.review_time.setTime(_time(review_at or "17:30"))
        self.briefing_day.setCurrentIndex(max(0, self.briefing_day.findData(
            values.get("briefing_weekday"))))
        self.paused_until = values.get("paused_until")
        self._show_pause()
        self.setEnabled(True)
        self.validate()

    def values(self) -> dict:
        return {
            "working_days": [n for n, box in enumerate(self.days) if box.isChecked()],
            "work_start": _text(self.work_start), "work_end": _text(self.work_end),
            "quiet_start": _text(self.quiet_start), "quiet_end": _text(self.quiet_end),
            "reply_hours_call": self.call_hours.value(),
            "reply_days_email": self.email_days.value(),
            "reply_hours_urgent": self.urgent_hours.value(),
            "manager_name": self.manager_name.text().strip(),
            "manager_email": self.manager_email.text().strip(),
            "briefing_quiet_days": self.briefing_days.value(),
            "review_time": _text(self.review_time) if self.review_on.isChecked() else None,
            "briefing_weekday": self.briefing_day.currentData(),
            "language": self.language.currentData() or None,
        }

    def validate(self) -> bool:
        problem = ""
        if not any(box.isChecked() for box in self.days):
            problem = _("Choose at least one working day.")
        elif self.work_end.time() <= self.work_start.time():
            problem = _("Work must end after it starts.")
        elif self.manager_email.text().strip() and "@" not in self.manager_email.text():
            problem = _("The manager's email address needs an @.")
        self.error.setText(problem)
        self.error.setVisible(bool(problem))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not problem)
        return not problem

    def save(self) -> None:
        if not self.validate():
            return
        values = self.values()
        remember_language(values["language"])  # start-up reads it before the store opens

        def write(store) -> None:
            from coach.storage import settings

            with store.write():
                for key, value in values.items():
                    settings.put(store, key, value)

        self.client.submit(write, lambda _r: self._saved(), writes=True)

    def _saved(self) -> None:
        if self.reminders is not None:
            self.reminders.run_pass()  # new hours may move the next wake-up
        self.accept()

    # --- pause --------------------------------------------------------------------------
    def _pause(self, length: timedelta | None) -> None:
        now = timeutil.now()
        if length is None:  # until tomorrow's start of work
            from coach.timing.dates import local_tz

            tz = local_tz()
            start = _time(self.values()["work_start"])
            day = now.astimezone(tz).date() + timedelta(days=1)
            until = datetime(day.year, day.month, day.day, start.hour(), start.minute(),
                             tzinfo=tz).astimezone(UTC)
        else:
            until = now + length
        self._set_pause(timeutil.to_db(until))

    def _set_pause(self, value: str | None) -> None:
        def write(store) -> None:
            from coach.storage import settings

            settings.put(store, "paused_until", value)

        def done(_result) -> None:
            self.paused_until = value
            self._show_pause()
            if self.reminders is not None:
                self.reminders.run_pass()

        self.client.submit(write, done, writes=True)

    def _show_pause(self) -> None:
        from coach.reminders.schedule import paused_until
        from coach.timing.display import local

        until = paused_until({"paused_until": self.paused_until})
        if until is not None and until > timeutil.now():
            self.pause_label.setText(_("Paused until {time}.").format(time=local(until)))
            self.resume.setEnabled(True)
        else:
            self.pause_label.setText(_("Reminders are on."))
            self.resume.setEnabled(False)

    # --- notifier -----------------------------------------------------------------------
    def refresh_notifier(self) -> None:
        def found(adapter) -> None:
            import shiboken6

            if not shiboken6.isValid(self.notifier_label):
                return  # the dialog was closed while the notifiers were probed
            if adapter is None:
                self.notifier_label.setText(_("No notifier works right now."))
            else:
                self.notifier_label.setText(_("Notifications go to: {notifier}.").format(
                    notifier=adapter.label()))

        self.chain.probe(found)

    def send_test(self) -> None:
        note = Notification(key="test", kind="test", title=_("Trust Coach test"),
                            body=_("If you can read this, reminders reach you."),
                            item_ids=())
        self.test_button.setEnabled(False)

        def done(ok: bool, how: str) -> None:
            self.test_button.setEnabled(True)
            if ok:
                adapter = self.chain.last_used
                self.notifier_label.setText(_("Test sent to: {notifier}.").format(
                    notifier=adapter.label() if adapter else how))
            else:
                self.notifier_label.setText(_("The test could not be delivered: {why}.")
                                            .format(why=how))

        self.chain.send(note, done)
