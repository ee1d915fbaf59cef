"""The window's reminders: one single-shot QTimer set for the next wake-up, no polling loop.

A pass claims what is due (coach.reminders.notified, on the store's worker thread), hands each
notification to the notifier chain and releases what could not be delivered. Then the
timer is set for the plan's next wake-up. QTimer counts monotonic time, which stands still
during suspend and ignores clock and zone changes; a cheap watchdog compares the wall clock
with the monotonic clock (and the UTC offset) once a minute and runs a pass at once when
they drift apart, so a resume, a changed clock or a DST switch is noticed within a minute.
"""

from __future__ import annotations

import time
from datetime import datetime
from functools import partial

from PySide6.QtCore import QObject, QTimer, Signal

from coach.timing import timeutil

MAX_TIMER_MS = 6 * 60 * 60 * 1000  # a timer this far ahead is re-planned on the way
WATCHDOG_MS = 60_000
JUMP_S = 5.0


def _offset_now() -> float:
    return time.time() - time.monotonic()


def _utc_offset() -> float:
    from coach.timing.dates import local_tz

    now = datetime.now(local_tz())
    return now.utcoffset().total_seconds() if now.utcoffset() is not None else 0.0


class Reminders(QObject):
    passed = Signal(object)  # coach.reminders.schedule.Plan of the pass just run
    open_requested = Signal(int)  # the user pressed "Open" on a notification about this item
    returned = Signal(int)  # an owed reply was marked returned from a notification
    done = Signal(int)  # a commitment was marked done from a notification
    renegotiate_requested = Signal(int)  # "Ask for more time" on a commitment reminder
    brief_requested = Signal(int)  # "Brief now" on a concern nudge: briefing with it on top
    review_requested = Signal()  # the end-of-day review's notification (or its catch-up)
    clock_jumped = Signal()

    def __init__(self, client, chain, parent=None) -> None:
        super().__init__(parent)
        self.client = client  # ui.background.worker.StoreClient: all SQL runs on its thread
        self.chain = chain
        self.next_wake: datetime | None = None
        self.running = False
        self.started = False
        self._again = False
        self._outbox: list = []  # (claim, note) still to hand to the notifiers
        # What each pass keeps for the next (coach.reminders.kept): used on the worker only,
        # one pass at a time, so that an idle window does not plan 150,000 items again.
        from coach.reminders.kept import Kept

        self._kept = Kept()
        self._timer = QTimer(self, singleShot=True)
        self._timer.timeout.connect(self.run_pass)
        self._watchdog = QTimer(self, interval=WATCHDOG_MS)
        self._watchdog.timeout.connect(self.check_clock)
        self._wall_offset = _offset_now()
        # Read in start(), after the first paint: the local zone loads tzlocal (~20 ms).
        self._utc_offset: float | None = None
        chain.action.connect(self.on_action)

    def start(self) -> None:
        if self._utc_offset is None:
            self._utc_offset = _utc_offset()
        self.started = True
        self._watchdog.start()
        self.run_pass()

    def stop(self) -> None:
        self.started = False
        self._timer.stop()
        self._watchdog.stop()

    # --- the pass -----------------------------------------------------------------------
    def run_pass(self) -> None:
        if self.running:
            self._again = True  # one more pass when this one is done, not two at once
            return
        from coach.timing.dates import local_tz

        self.running = True
        now, tz = timeutil.now(), local_tz()
        self.client.submit(partial(_claim, now=now, tz=tz, memo=self._kept), self._claimed,
                           self._failed)

    def _claimed(self, claim) -> None:
        # One after another, in the plan's delivery order (the same as `coach remind
        # --once`): the digest first, so the desktop stacks them as they were meant.
        # Bound methods and partials only: a self-referencing closure would form a cycle
        # holding this QObject, and a garbage collection on a worker thread would then
        # destroy it (and its timers) on the wrong thread.
        idle = not self._outbox
        self._outbox.extend((claim, note) for note in claim.plan.due)
        if idle:
            self._send_next()
        self.running = False
        self._arm(claim.plan.next_wake)
        self.passed.emit(claim.plan)
        if self._again:
            self._again = False
            self.run_pass()

    def _send_next(self) -> None:
        if self._outbox:
            claim, note = self._outbox[0]
            self.chain.send(note, partial(self._sent, claim, note))

    def _sent(self, claim, note, ok: bool, _how: str) -> None:
        from coach.reminders import notified

        if self._outbox and self._outbox[0][1] is note:
            self._outbox.pop(0)
        if not ok:
            self.client.submit(lambda store: notified.release(store, claim, note))
        self._send_next()

    def _failed(self, message: str) -> None:
        self.running = False
        self._arm(None)
        self.client.failed.emit(message)

    def _arm(self, wake: datetime | None) -> None:
        self.next_wake = wake
        self._timer.stop()
        if wake is None:
            return
        delay_ms = (wake - timeutil.now()).total_seconds() * 1000
        self._timer.start(int(min(max(delay_ms, 0), MAX_TIMER_MS)) + 50)

    # --- clock jumps --------------------------------------------------------------------
    def check_clock(self) -> None:
        offset, utc = _offset_now(), _utc_offset()
        jumped = abs(offset - self._wall_offset) > JUMP_S or (
            self._utc_offset is not None and utc != self._utc_offset)
        self._wall_offset, self._utc_offset = offset, utc
        if jumped:
            self.clock_jumped.emit()
            self.run_pass()

    # --- what the user pressed on a notification ----------------------------------------
    def on_action(self, note, key: str) -> None:
        from coach.reminders import review_nudge

        if note.kind == review_nudge.KIND:  # its button and a click on it alike
            self.review_requested.emit()
            return
        if not note.item_ids:
            return
        item_id = note.item_ids[0]
        if key == "brief":
            self.brief_requested.emit(item_id)
        elif key == "open" or len(note.item_ids) > 1:
            self.open_requested.emit(item_id)
        elif key == "returned":
            from coach.ops.finish import finish

            # Returned already (by hand, meanwhile): nothing to do, nothing to show.
            self.client.submit(lambda store: finish(store, item_id, timeutil.now()),
                               lambda _r: (self.returned.emit(item_id), self.run_pass()),
                               lambda _message: self.run_pass(), writes=True)
        elif key == "done":
            from coach.ops.finish import finish

            self.client.submit(lambda store: finish(store, item_id, timeutil.now()),
                               lambda _r: (self.done.emit(item_id), self.run_pass()),
                               lambda _message: self.run_pass(), writes=True)
        elif key == "renegotiate":
            self.renegotiate_requested.emit(item_id)
        elif key == "snooze":
            self.client.submit(lambda store: _snooze(store, item_id, timeutil.now()),
                               lambda _r: self.run_pass())


def _claim(store, now: datetime, tz, memo=None):
    """A pass on the worker, with the free memory given back before it and after it: the
    pass's own peak then starts from what the window holds (ui/system/memory.py)."""
    from coach.reminders import notified

    from ..system import memory

    memory.trim()
    try:
        return notified.claim(store, now, tz, memo)
    finally:
        memory.trim()


def _snooze(store, item_id: int, now: datetime) -> None:
    from coach.ops import snooze
    from coach.reminders.notification import SNOOZE

    snooze.snooze(store, item_id, now + SNOOZE, now)
