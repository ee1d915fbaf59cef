"""The main window: three sections (commitments, owed replies, concerns), a filter, menus.

Places to hook into (other dialogs are added with targeted edits):
- `self.menus[name]` for "file", "edit", "view", "items", "help" (built in `_build_menus`);
- `self.actions` (ui.window.actions.WindowActions), `self.statusBar()`, `self.undo_stack`;
- `self.commitments_view`, `self.replies_view`, `self.concerns_view`
  (ui.window.section.SectionView);
- `self.client.submit(job, on_done)` runs `job(store)` in the worker thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach import APP_NAME
from coach.i18n import N_, _, ngettext
from coach.timing import timeutil

from ..background.rows import COMMITMENT, CONCERN, KINDS, REPLY
from ..background.worker import StoreClient
from . import icons, window_state
from .actions import WindowActions
from .models import ItemIdRole, SectionModel, warning_color
from .section import SectionView

TAB_LABELS = {COMMITMENT: N_("Commitments"), REPLY: N_("Owed replies"),
              CONCERN: N_("Concerns")}
TAB_ICONS = {COMMITMENT: "commitment", REPLY: "reply", CONCERN: "concern"}


class MainWindow(QMainWindow):
    first_painted = Signal()
    snapshot_shown = Signal()  # the lists show the latest data (tests wait for this)

    def __init__(self, client: StoreClient) -> None:
        super().__init__()
        self.client = client
        client.setParent(self)  # deleted with the window, on the UI thread
        self._painted = False
        self._quitting = False
        self.save_layout = True  # off for `coach --smoke`: a probe leaves no trace
        self.tray = None
        self.capture = None
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icons.icon("app"))
        self.undo_stack = QUndoStack(self)
        self.models = {kind: SectionModel(kind, self) for kind in KINDS}
        self.actions = WindowActions(self)
        self._build_central()
        self._build_menus()
        from ..today.page import install as install_today  # the start page (issue 22)

        install_today(self)
        self._set_up = False
        self._build_toolbar()
        self.count_label = QLabel()
        self.statusBar().addPermanentWidget(self.count_label)
        client.loaded.connect(self._show_snapshot)
        client.failed.connect(self.show_error)
        self._clock = QTimer(self, interval=30_000)  # relative times ("in 5 minutes") age
        self._clock.timeout.connect(self._tick)
        self._clock.start()
        self.resize(1040, 660)
        window_state.restore(self)
        self.tabs.setCurrentWidget(self.today_view)  # the window opens on the day

    # --- building -----------------------------------------------------------------------
    def _build_central(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("error-banner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setContentsMargins(10, 8, 10, 8)
        self.banner.setStyleSheet(f"#error-banner {{ border: 1px solid "
                                  f"{warning_color().name()}; border-radius: 4px; }}")
        self.banner.hide()
        self.sections = [SectionView(self.models[kind]) for kind in KINDS]
        self.commitments_view, self.replies_view, self.concerns_view = self.sections
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setIconSize(QSize(18, 18))
        for view in self.sections:
            self.tabs.addTab(view, icons.icon(TAB_ICONS[view.kind]),
                             _(TAB_LABELS[view.kind]))
            view.add_requested.connect(self.new_item)
            view.current_changed.connect(self._show_details)
            view.table.doubleClicked.connect(lambda _index: self.edit_current())
            view.add_view_actions(list(self.actions.item_actions))
        self.tabs.currentChanged.connect(self._show_details)
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setContentsMargins(12, 8, 12, 8)
        self.details.setMinimumHeight(40)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 110])
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        a = self.actions
        bar = self.menuBar()
        self.menus: dict[str, QMenu] = {}
        layout = {
            "file": (_("&File"), [a.quick_add, None, a.brief, a.pause, None, a.close_window,
                                  a.quit]),
            "edit": (_("&Edit"), [a.undo, a.redo, None, a.find]),
            "view": (_("&View"), [*a.sections, None, a.refresh]),
            "items": (_("&Items"), [a.quick_add, a.new_commitment, a.new_reply,
                                    a.new_concern, None, a.edit, a.done, a.delete]),
            "help": (_("&Help"), [a.shortcuts]),
        }
        for name, (title, entries) in layout.items():
            menu = bar.addMenu(title)
            menu.setObjectName(f"menu-{name}")
            for action in entries:
                menu.addSeparator() if action is None else menu.addAction(action)
            self.menus[name] = menu

    def finish_setup(self) -> None:
        """The features the first paint does not need; the app installs them right after it.

        Their modules (reminders and notifiers, dashboard, concern badge, backups, About) cost
        a third of start-up to import; a window on screen a few dozen milliseconds earlier
        is worth more than menu entries nobody can reach in that time. Safe to call twice.
        """
        if self._set_up:
            return
        self._set_up = True
        from ..dialogs import about  # Help → About, File → Start at login
        from ..notify.window import install as install_reminders  # banner, Settings…
        from ..system.data_safety import install as install_data_safety  # File → Back up now…
        from .concern_actions import install as install_concerns  # heating up, log, badge
        from .dashboard import install as install_dashboard  # View → Trust dashboard

        about.add_to_window(self)
        install_dashboard(self)
        install_concerns(self)
        install_reminders(self)
        install_data_safety(self)

    def close_services(self) -> None:
        """On quit: close the notifiers' connections, if they were ever set up."""
        notifiers = getattr(self, "notifiers", None)
        if notifiers is not None:
            notifiers.close()

    def _build_toolbar(self) -> None:
        from .toolbar import build_toolbar

        bar, self.filter_edit = build_toolbar(self)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.filter_edit.returnPressed.connect(self._focus_list)
        # No delay: the worker filters scored rows in memory within a few milliseconds;
        # keys arriving in one batch (paste, key repeat) still make one reload.
        self._filter_timer = QTimer(self, singleShot=True, interval=0)
        self._filter_timer.timeout.connect(
            lambda: self.client.set_filter(self.filter_edit.text().strip()))
        self.addToolBar(bar)

    # --- data in -----------------------------------------------------------------------
    def _show_snapshot(self, snapshot) -> None:
        now = timeutil.now()
        view = self.current_view()
        keep_id, keep_row = view.current_id(), view.current_row()
        for section in self.sections:
            self.models[section.kind].set_rows(snapshot.rows[section.kind], now)
            section.show_state(snapshot.totals[section.kind], snapshot.filter_text)
        for section in self.sections:
            shown, total = len(snapshot.rows[section.kind]), snapshot.totals[section.kind]
            label = _(TAB_LABELS[section.kind])
            self.tabs.setTabText(self.tabs.indexOf(section),
                                 f"{label} ({shown})" if total else label)
        if not view.select_id(keep_id):
            view.select_row(keep_row)
        overdue = snapshot.extra.get("overdue")  # counted by the worker, off the UI thread
        if overdue is None:
            overdue = sum(1 for kind in (COMMITMENT, REPLY) for row in snapshot.rows[kind]
                          if row.when is not None and row.when < now)
        self.count_label.setText(ngettext("{n} overdue", "{n} overdue", overdue).format(
            n=overdue) if overdue else _("nothing overdue"))
        self._show_details()
        self.snapshot_shown.emit()

    def _tick(self) -> None:
        now = timeutil.now()
        for model in self.models.values():
            model.set_now(now)

    def _show_details(self) -> None:
        view = self.current_view()
        index = view.table.currentIndex()
        if view.showing_list() and index.isValid():
            from html import escape

            title, *rest = view.model.data(index, Qt.ItemDataRole.ToolTipRole).split("\n")
            self.details.setText(f"<b>{escape(title)}</b><br>"
                                 + "<br>".join(escape(line) for line in rest))
        else:
            self.details.setText(_("Select an item to see its details."))

    def show_error(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()
        self.statusBar().showMessage(message, 10_000)

    # --- helpers -----------------------------------------------------------------------
    def current_view(self) -> SectionView:
        return self.tabs.currentWidget()

    def show_section(self, number: int) -> None:
        self.tabs.setCurrentWidget(self.sections[number])
        self._focus_list()

    def _focus_list(self) -> None:
        self.current_view().table.setFocus()

    def focus_filter(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def _filter_changed(self, _text: str) -> None:
        self._filter_timer.start()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Escape and self.filter_edit.text():
            self.filter_edit.clear()
            self._focus_list()
            return
        super().keyPressEvent(event)

    def _current(self) -> tuple[int, str] | None:
        view = self.current_view()
        index = view.table.currentIndex()
        if not view.showing_list() or not index.isValid():
            self.statusBar().showMessage(_("Select an item first."), 4000)
            return None
        what = view.model.index(index.row(), 0).data()
        return index.data(ItemIdRole), what

    # --- actions -----------------------------------------------------------------------
    def quick_add(self) -> None:
        if self.capture is None:
            from .capture import QuickCapture

            self.capture = QuickCapture(self)
            self.capture.save_requested.connect(self.add_commitment)
            self.capture.details_requested.connect(
                lambda fields: self.new_item(COMMITMENT, fields))
        self.capture.open_fresh()

    def add_commitment(self, fields: dict[str, Any]) -> None:
        self._add(COMMITMENT, {k: v for k, v in fields.items() if v is not None},
                  fields["title"])

    def _add(self, kind: str, fields: dict[str, Any], label: str) -> None:
        from ..background import undo
        from ..dialogs import promise_dialog

        self.tabs.setCurrentWidget(self.sections[KINDS.index(kind)])

        def added(item_id: int) -> None:
            self._select_after_reload(kind, item_id)
            self.statusBar().showMessage(_("Added “{what}”.").format(what=label), 5000)

        if promise_dialog.CHOICE_KEY in fields:  # went through the promise check
            self.undo_stack.push(promise_dialog.add_command(self.client, fields, label, added))
            return
        self.undo_stack.push(undo.add_command(self.client, kind, fields, label, added))

    def _select_after_reload(self, kind: str, item_id: int) -> None:
        view = self.sections[KINDS.index(kind)]

        def select(_snapshot=None) -> None:
            self.client.loaded.disconnect(select)
            view.select_id(item_id)
            self._show_details()

        self.client.loaded.connect(select)

    def new_item(self, kind: str, initial: dict[str, Any] | None = None) -> None:
        from ..dialogs.item_dialog import ItemDialog

        dialog = ItemDialog(self.client, kind, initial=initial, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            fields = {k: v for k, v in dialog.values().items() if v is not None}
            self._add(kind, fields, fields.get("title") or fields.get("who", ""))

        dialog.accepted.connect(save)
        self.item_dialog = dialog  # tests and other dialogs reach the open one here
        dialog.open()

    def edit_current(self) -> None:
        current = self._current()
        if current is None:
            return
        from ..background import ops

        item_id, what = current
        kind = self.current_view().kind
        self.client.submit(lambda store: ops.fetch(store, item_id),
                           lambda item: self._open_editor(kind, item, what))

    def _open_editor(self, kind: str, item: Any, what: str) -> None:
        from ..dialogs.item_dialog import ItemDialog

        dialog = ItemDialog(self.client, kind, item=item, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def save() -> None:
            from ..background import undo

            changes = dialog.changes()
            if changes:
                self.undo_stack.push(undo.edit_command(self.client, item.id, changes, what))

        dialog.accepted.connect(save)
        self.item_dialog = dialog
        dialog.open()

    def done_current(self) -> None:
        from ..background import undo

        if current := self._current():
            row = self.current_view().current_row()
            self.undo_stack.push(undo.done_command(self.client, *current))
            self._after_removal(row, _("Done: “{what}”. Undo with {keys}."), current[1])
            if self.current_view().kind == COMMITMENT:
                from ..dialogs.close_loop_dialog import offer_after_done  # a manager's request?

                offer_after_done(self, current[0])

    def delete_current(self) -> None:
        from ..background import undo

        if current := self._current():
            row = self.current_view().current_row()
            self.undo_stack.push(undo.delete_command(self.client, *current))
            self._after_removal(row, _("Deleted “{what}”. Undo with {keys}."), current[1])

    def _after_removal(self, row: int, message: str, what: str) -> None:
        keys = self.actions.undo.shortcut().toString()
        self.statusBar().showMessage(message.format(what=what, keys=keys), 8000)
        view = self.current_view()

        def reselect(_snapshot=None) -> None:
            self.client.loaded.disconnect(reselect)
            view.select_row(row)  # the next item moves up into the same place

        self.client.loaded.connect(reselect)

    def brief_manager(self) -> None:
        """Menu, Ctrl+B and the tray (a concern's "Brief now": concern_actions.brief_now)."""
        from ..dialogs.briefing_dialog import BriefingDialog

        self.briefing = BriefingDialog(self.client, self)
        self.briefing.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.briefing.open()

    def pause_reminders(self) -> None:
        from ..background import ops

        def paused(until) -> None:
            from coach.timing.display import local

            self.statusBar().showMessage(_("Reminders paused until {time}.").format(
                time=local(until, fmt="HH:mm")), 10_000)

        self.client.submit(lambda store: ops.pause_reminders(store, timeutil.now()), paused,
                           writes=True)

    def show_shortcuts(self) -> None:
        from . import shortcuts

        shortcuts.show(self, self.actions)

    # --- window life -------------------------------------------------------------------
    def bring_to_front(self) -> None:
        self.show()
        self.setWindowState(self.windowState() & ~Qt.WindowState.WindowMinimized)
        self.raise_()
        self.activateWindow()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.save_layout:
            window_state.save(self)
        if self.tray is not None and not self._quitting:
            # With a tray, closing only hides: reminders keep working in the background.
            event.ignore()
            self.hide()
            return
        event.accept()
        QApplication.quit()

    def quit(self) -> None:
        self._quitting = True
        self.close()
        QApplication.quit()
