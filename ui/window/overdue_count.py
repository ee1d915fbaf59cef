"""The status bar's "3 overdue": counted by the worker with each load of the lists, and
followed by the clock between loads, since an item falls overdue with time alone.

Between loads only what fell overdue since the last count is counted (an index range, a few
rows), on the window's clock tick; a load's own count replaces it.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from typing import Any

from coach.i18n import _, ngettext


def _fell_overdue(store: Any, since: datetime, now: datetime) -> int:
    from coach.ops.overdue import fell_overdue

    return fell_overdue(store, since, now)


class OverdueCount:
    def __init__(self, label: Any, client: Any) -> None:
        self.label, self.client = label, client
        self.base: tuple[int, datetime] | None = None  # (count, when it was counted)

    def show_snapshot(self, snapshot: Any) -> None:
        overdue, at = snapshot.extra.get("overdue"), snapshot.extra.get("overdue_at")
        if overdue is None:
            self.base = None
            return
        if self.base is None or at is None or self.base[1] <= at:
            # A filter keystroke's snapshot repeats the load's count: the clock may have
            # moved the count on since, so an older count never replaces a newer one.
            self.base = (overdue, at) if at is not None else None
            self._show(overdue)

    def tick(self, now: datetime) -> None:
        base = self.base
        if base is None or now <= base[1]:
            return
        self.client.submit(partial(_fell_overdue, since=base[1], now=now),
                           partial(self._ticked, base, now))

    def _ticked(self, base: tuple[int, datetime], now: datetime, more: int) -> None:
        if self.base is not base:  # a load counted again meanwhile
            return
        self.base = (base[0] + more, now)
        if more:
            self._show(self.base[0])

    def _show(self, overdue: int) -> None:
        self.label.setText(ngettext("{n} overdue", "{n} overdue", overdue).format(n=overdue)
                           if overdue else _("nothing overdue"))
