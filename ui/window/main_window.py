"""The main window: three sections (commitments, owed replies, concerns), a filter, menus.

Its public surface, for the features built around it in ui/window/compose.py:
- `current_item()`, `select_item(kind, id)`, `set_tab_badge(kind, text)`, `show_section(n)`,
  `show_message(text)`, `show_error(text)`, `bring_to_front()`;
- `menus[name]` ("file", "edit", "view", "items", "help"), `actions` (WindowActions),
  `sections` (one SectionView per kind, also `view_of(kind)`), `undo_stack`;
- `client` (ui.background.worker.StoreClient): `client.submit(job, on_done)` runs `job(store)`
  in the worker thread.
The actions on items (add, edit, done, delete, brief) are in ui/window/item_actions.py; the
features the first paint does not need are built in `finish_setup` as `features`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QPaintEvent, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coach import APP_NAME
from coach.i18n import N_, _
from coach.timing import timeutil

from ..background.rows import COMMITMENT, CONCERN, KINDS, REPLY, Lists
from ..background.worker import StoreClient
from ..system.plain import PlainLabel, RichLabel
from . import icons, item_actions, window_state
from .actions import WindowActions
from .models import ItemIdRole, SectionModel, warning_color
from .overdue_count import OverdueCount
from .section import SectionView
from .status_line import StatusLine

if TYPE_CHECKING:
    from .compose import Features

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
        self.tray: Any = None  # ui.window.tray's icon, when the desktop has a tray
        self.features: Features | None = None
        # The dialogs this window opened last (tests and other dialogs reach them here).
        self.capture: Any = None
        self.item_dialog: QDialog | None = None
        self.briefing: QDialog | None = None
        self.close_loop_dialog: QDialog | None = None
        self._badges: dict[str, str] = {}
        self._shown: dict[str, tuple[int, int]] = {kind: (0, 0) for kind in KINDS}
        self.setWindowTitle(APP_NAME)
        self.setWindowIcon(icons.icon("app"))
        self.undo_stack = QUndoStack(self)
        self.models = {kind: SectionModel(kind, self) for kind in KINDS}
        self.lists = Lists(client, self.models)  # pages, exact order, sorts (perf)
        self.actions = WindowActions(self)
        self._build_central()
        self._build_menus()
        from ..today.page import install as install_today  # the start page (issue 22)

        install_today(self)
        self._build_toolbar()
        self.status_line = StatusLine(self.statusBar())
        self.count_label = PlainLabel()
        self.count_label.setObjectName("overdue-count")
        self.statusBar().addPermanentWidget(self.count_label)
        self.overdue_count = OverdueCount(self.count_label, client)
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
        self.banner = PlainLabel()
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
        self.tabs.setAccessibleName(_("Sections"))
        self.tabs.setIconSize(QSize(18, 18))
        for view in self.sections:
            self.tabs.addTab(view, icons.icon(TAB_ICONS[view.kind]),
                             _(TAB_LABELS[view.kind]))
            view.add_requested.connect(self.new_item)
            view.current_changed.connect(self._show_details)
            view.double_clicked.connect(lambda _index: self.edit_current())
            view.add_view_actions(list(self.actions.item_actions))
        self.tabs.currentChanged.connect(self._show_details)
        self.details = RichLabel()  # built with html.escape around every value
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setContentsMargins(12, 8, 12, 8)
        self.details.setMinimumHeight(40)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.tabs)
        # Scrolls rather than clips: a bar above the lists (phone arrivals) or a long
        # promise check can need more height than the pane has at 1024×700.
        # The pane the splitter sizes; a page that hides the details hides this, so the
        # tabs take its room instead of leaving it empty.
        self.details_area = details_area = QScrollArea()
        details_area.setWidget(self.details)
        details_area.setWidgetResizable(True)
        details_area.setFrameShape(QFrame.Shape.NoFrame)
        details_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        details_area.setAccessibleName(_("Details"))
        self.splitter.addWidget(details_area)
        self.splitter.setStretchFactor(0, 4)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([520, 110])
        central = QWidget()
        self.central_layout = QVBoxLayout(central)
        self.central_layout.setContentsMargins(6, 6, 6, 0)
        self.central_layout.addWidget(self.banner)
        self.central_layout.addWidget(self.splitter)
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

    def finish_setup(self) -> None:
        """The features the first paint does not need; the app builds them right after it.

        Their modules (reminders and notifiers, dashboard, concern badge, backups, About) cost
        a third of start-up to import; a window on screen a few dozen milliseconds earlier
        is worth more than menu entries nobody can reach in that time. Safe to call twice.
        """
        if self.features is None:
            from .compose import compose

            self.features = compose(self)

    def close_services(self) -> None:
        """On quit: close the notifiers' connections, if they were ever set up."""
        if self.features is not None:
            self.features.notifiers.close()

    # --- data in -----------------------------------------------------------------------
    def _show_snapshot(self, snapshot) -> None:
        now = timeutil.now()
        view = self.current_view()
        keep_id, keep_row = view.current_id(), view.current_row()
        for section in self.sections:
            self.models[section.kind].set_page(snapshot.lists[section.kind], now)
            section.show_state(snapshot.totals[section.kind], snapshot.filter_text)
            self._shown[section.kind] = (snapshot.counts[section.kind],
                                         snapshot.totals[section.kind])
            self._label_tab(section.kind)
        if not view.select_id(keep_id):
            view.select_row(keep_row)
        self.overdue_count.show_snapshot(snapshot)
        self._show_details()
        self.snapshot_shown.emit()

    def set_tab_badge(self, kind: str, text: str) -> None:
        """A mark after a tab's count ("1 ⚑"), kept however the list is filtered."""
        self._badges[kind] = text
        self._label_tab(kind)

    def _label_tab(self, kind: str) -> None:
        # The one place a tab's text is made: the count shown, and the badge if any.
        shown, total = self._shown[kind]
        label, badge = _(TAB_LABELS[kind]), self._badges.get(kind)
        if badge:
            text = _("{label} ({shown} · {badge})").format(label=label, shown=shown,
                                                           badge=badge)
        else:
            text = f"{label} ({shown})" if total else label
        self.tabs.setTabText(self.tabs.indexOf(self.view_of(kind)), text)

    def _tick(self) -> None:
        now = timeutil.now()
        for model in self.models.values():
            model.set_now(now)
        self.overdue_count.tick(now)

    def _show_details(self) -> None:
        view = self.current_view()
        index = view.table.currentIndex()
        if view.showing_list() and index.isValid():
            from html import escape

            from .models import DetailsRole

            title, *rest = view.model.data(index, DetailsRole).split("\n")
            shown = f"<b>{escape(title)}</b><br>" + "<br>".join(escape(line) for line in rest)
            self.details.setText(shown)
            if view.kind == COMMITMENT:
                self._add_promise_check(view.current_id(), shown)
        else:
            self.details.setText(_("Select an item to see its details."))

    def _add_promise_check(self, item_id: int | None, shown: str) -> None:
        from html import escape

        from .details import promise_lines

        def add(lines: list[str]) -> None:
            if self.details.text() == shown and self.current_view().current_id() == item_id:
                self.details.setText(shown + "".join(f"<br>{escape(line)}" for line in lines))

        if item_id is not None:
            self.client.submit(lambda store: promise_lines(store, item_id), add)

    def show_error(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.show()
        self.statusBar().showMessage(message, 10_000)

    def show_message(self, message: str, ms: int = 6000) -> None:
        self.statusBar().showMessage(message, ms)

    # --- the public surface -------------------------------------------------------------
    def current_view(self) -> SectionView:
        return self.tabs.currentWidget()

    def view_of(self, kind: str) -> SectionView:
        return self.sections[KINDS.index(kind)]

    def current_item(self) -> tuple[int, str] | None:
        """The selected item's id and first column, or None (and a hint in the status bar)."""
        view = self.current_view()
        index = view.table.currentIndex()
        if not view.showing_list() or not index.isValid():
            self.show_message(_("Select an item first."), 4000)
            return None
        what = view.model.index(index.row(), 0).data()
        return index.data(ItemIdRole), what

    def select_item(self, kind: str, item_id: int) -> None:
        """Show the item's tab and select it once the next load has brought it in."""
        view = self.view_of(kind)
        self.tabs.setCurrentWidget(view)

        def select(_snapshot=None) -> None:
            self.client.loaded.disconnect(select)
            view.select_id(item_id)
            self._show_details()

        self.client.loaded.connect(select)

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

    # --- actions (ui/window/item_actions.py does the work) -------------------------------
    def quick_add(self) -> None:
        item_actions.quick_add(self)

    def add_commitment(self, fields: dict[str, Any]) -> None:
        item_actions.add(self, COMMITMENT, fields)

    def new_item(self, kind: str, initial: dict[str, Any] | None = None) -> None:
        item_actions.new_item(self, kind, initial)

    def edit_current(self) -> None:
        item_actions.edit_current(self)

    def done_current(self) -> None:
        item_actions.done_current(self)

    def delete_current(self) -> None:
        item_actions.delete_current(self)

    def brief_manager(self, focus_concern_id: int | None = None) -> None:
        """Menu, Ctrl+B, the tray, and a concern's "Brief now" (with that concern on top)."""
        from ..dialogs.briefing_dialog import BriefingDialog

        self.bring_to_front()
        self.briefing = BriefingDialog(self.client, self, focus_concern_id=focus_concern_id)
        self.briefing.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.briefing.open()

    def pause_reminders(self) -> None:
        item_actions.pause_reminders(self)

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
