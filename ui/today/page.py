"""Today as the window's start page: built in the worker, refreshed after every reload.

`install(window)` puts the page first in the window's tabs, adds "Today" (Ctrl+0) and
"End-of-day review…" to the menus, and turns the page's one-key actions into undoable
store commands (Done goes through the window's own Done, i.e. coach.ops.finish).
"""

from __future__ import annotations

import contextlib
import threading
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence

from coach.i18n import _
from coach.rhythm.today import SKIP, TOLD, Entry, build_in
from coach.timing import timeutil

from ..window import icons
from .view import TodayView

REFRESH_MS = 60_000  # "overdue" and "call now" change with the clock, not only with data
REUSE_CARD = timedelta(minutes=10)  # how long a minute refresh keeps the briefing card


class TodayController(QObject):
    shown = Signal()  # the page shows the latest Today (tests wait for this)
    _built = Signal(object)
    _failed = Signal(str)

    def __init__(self, window: Any, view: TodayView) -> None:
        super().__init__(window)
        self.window, self.view = window, view
        self.loading = False
        self.today = None
        view.act.connect(self.act)
        view.brief_requested.connect(window.brief_manager)
        view.review_requested.connect(self.open_review)
        view.more_requested.connect(self.open_section)
        self._again = False
        self._built.connect(self._show)
        self._failed.connect(self._build_failed)
        # When the data changed, not on every list snapshot: a filter keystroke, a page or
        # the exact order coming in changes nothing here.
        self._skip_first = False
        # Whether the data may have changed since the last build, and when the briefing
        # card was last read: a minute refresh with the same data keeps the card a while.
        self._data_changed = True
        self._card_read: datetime | None = None
        window.client.data_refreshed.connect(self._data_refreshed)
        self._timer = QTimer(self, interval=REFRESH_MS)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._stale = False
        window.tabs.currentChanged.connect(self._on_tab)
        QGuiApplication.instance().applicationStateChanged.connect(self._on_state)

    def start(self, built: Any = None) -> None:
        """The first build, beside the first load of the lists: the data-refreshed signal
        that load sends changes nothing that this build has not read. `built` is a Today
        made moments ago (by the start-up check's thread): shown at once."""
        self._skip_first = True
        if built is None:
            self.refresh()
        else:
            self._show(built)

    def _data_refreshed(self) -> None:
        if self._skip_first:
            self._skip_first = False
            return
        self._data_changed = True
        self.refresh()

    def refresh(self, _snapshot: Any = None) -> None:
        if self.loading:
            self._again = True  # one more build when this one is in, not a queue of them
            return
        self.loading = True
        # On a thread of its own with its own connection, like the exact order: the pages
        # and keystrokes the worker answers never wait behind it (issue 19). With capped
        # sections a build takes about 20 ms at 150k items, but a reply section with few
        # "call now" replies still scores every reply due by tonight.
        folder = self.window.client.data_dir
        now = timeutil.now()
        card_from = self.today
        if self._data_changed or card_from is None or self._card_read is None or \
                not timedelta(0) <= now - self._card_read < REUSE_CARD:
            card_from, self._card_read = None, now
        self._data_changed = False

        def work() -> None:
            try:
                built = build_in(folder, card_from)
            except Exception as exc:  # noqa: BLE001 - shown like any worker error
                with contextlib.suppress(RuntimeError):  # the window closed meanwhile
                    self._failed.emit(str(exc))
                return
            with contextlib.suppress(RuntimeError):
                self._built.emit(built)

        threading.Thread(target=work, name="coach-today", daemon=True).start()

    def _build_failed(self, message: str) -> None:
        self.loading = False
        self.window.client.failed.emit(message)

    def _shown(self) -> bool:
        return self.window.isVisible() and self.window.tabs.currentWidget() is self.view

    def _tick(self) -> None:
        # The clock moves "overdue" and "call now". A window on screen follows it even while
        # the user works in another one (a glance at it must not show a promise as due
        # today that fell overdue an hour ago); a minute with nothing changed costs a few
        # ms (the briefing card is kept, an equal page is not laid out again). A window
        # minimised or in the tray is brought up to date when it comes back.
        if self._shown() and not self.window.isMinimized():
            self.refresh()
        else:
            self._stale = True

    def _on_state(self, state: Qt.ApplicationState) -> None:
        if state == Qt.ApplicationState.ApplicationActive:
            self._on_tab(0)

    def _on_tab(self, _index: int) -> None:
        if self._stale and self._shown():
            self._stale = False
            self.refresh()

    def _show(self, today) -> None:
        self.loading = False
        if self._again:
            self._again = False
            self.refresh()
        if today == self.today:  # the minute passed and nothing shown changed
            self.shown.emit()
            return
        self.today = today
        self.view.show_today(today)
        tabs = self.window.tabs
        index = tabs.indexOf(self.view)
        tabs.setTabText(index, f"{_('Today')} ({today.count})" if today.count else _("Today"))
        self.shown.emit()

    def act(self, entry: Entry, action: str) -> None:
        from ..background import undo

        window, now = self.window, timeutil.now
        if action == TOLD:
            from coach.ops.concerns import told

            undo.run(window.client, window.undo_stack,
                     _("Told: “{what}”").format(what=entry.title), {entry.id},
                     lambda store: told(store, entry.id, now(), _("told from Today")),
                     lambda _c: window.show_message(_("Your manager knows about “{what}” now.")
                                                    .format(what=entry.title), 6000))
        elif action == SKIP:
            from coach.rhythm.series import skip_occurrence

            undo.run(window.client, window.undo_stack,
                     _("Skip: “{what}”").format(what=entry.title), {entry.id},
                     lambda store: skip_occurrence(store, entry.id, now()),
                     lambda _c: window.show_message(
                         _("Skipped this time: “{what}”; the next one is planned.").format(
                             what=entry.title), 6000))
        else:  # done or returned: the window's own Done, so undo and close-the-loop apply
            window.done_current()

    def open_section(self, key: str) -> None:
        """ "and N more": the section's list tab, where every item of it is."""
        from coach.rhythm.today import SECTION_TABS

        self.window.show_section(SECTION_TABS[key])

    def open_review(self) -> None:
        from ..review.dialog import open_review

        open_review(self.window)


def install(window: Any) -> TodayView:
    """Today first, and shown first: the window opens on the day, not on a table."""
    view = TodayView()
    window.today_view = view
    window.tabs.insertTab(0, view, icons.icon("today"), _("Today"))
    window.tabs.setCurrentIndex(0)
    view.add_view_actions(list(window.actions.item_actions))
    window.today = TodayController(window, view)
    # The details pane repeats what a Today entry already says: hidden while Today shows.
    window.tabs.currentChanged.connect(
        lambda _i: window.details_area.setVisible(window.tabs.currentWidget() is not view))
    window.details_area.setVisible(False)
    show = QAction(icons.icon("today"), _("&Today"), window)
    show.setShortcut(QKeySequence("Ctrl+0"))
    show.triggered.connect(lambda: (window.tabs.setCurrentWidget(view), view.list.setFocus()))
    review = QAction(icons.icon("review"), _("End-of-day &review…"), window)
    review.setShortcut(QKeySequence("Ctrl+Shift+E"))
    review.setStatusTip(_("Five questions that catch what was never logged"))
    review.triggered.connect(window.today.open_review)
    window.menus["view"].insertAction(window.menus["view"].actions()[0], show)
    window.menus["file"].insertAction(window.actions.brief, review)
    window.today_action, window.review_action = show, review
    return view
