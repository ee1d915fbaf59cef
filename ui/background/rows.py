"""The window's side of the lists: pages, the exact order and sorting, asked of the worker.

The lists themselves (queries, order, filter) live in the core, coach/ops/listing/; this
module only moves requests to the worker thread and answers back to the models, so ui/
holds no SQL. The kinds and the Row are re-exported for the window's modules.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from coach.ops.listing.rows import COMMITMENT, CONCERN, KINDS, REPLY, Row

if TYPE_CHECKING:
    from coach.storage.store import Store

    from .worker import StoreClient

__all__ = ["COMMITMENT", "CONCERN", "KINDS", "REPLY", "Lists", "Row", "forget", "load"]


def load(store: Store, filter_text: str = "", fresh: bool = True) -> Any:
    """The worker's reload job: the first one on a Store shows big lists in the coarse
    order (coach.ops.listing.lists), which `Lists` then replaces with the exact one."""
    from coach.ops.listing import lists

    first = not store.__dict__.get("_coach_listed")
    store._coach_listed = True
    return lists.load(store, filter_text, fresh, first=first)


def forget(store: Store) -> None:
    from coach.ops.listing import lists

    lists.forget(store)


class Lists(QObject):
    """Pages for the models, the exact order after a first coarse page, column sorts."""

    _ranked = Signal(object)  # from the ranking thread

    def __init__(self, client: StoreClient, models: dict[str, Any]) -> None:
        super().__init__(client)
        self.client = client
        self.models = models
        self._closing = threading.Event()
        self._ranking = False
        self._ranked.connect(self._install)
        client.loaded.connect(self._loaded)
        for model in models.values():
            model.pager = self

    # --- pages --------------------------------------------------------------------------
    def fetch_page(self, kind: str, generation: int, start: int) -> None:
        from coach.ops.listing import lists

        self.client.submit(lambda store: lists.page(store, generation, kind, start),
                           self._paged)

    def _paged(self, answer) -> None:
        if answer is not None:
            generation, kind, start, rows = answer
            self.models[kind].add_page(generation, start, rows)

    # --- sorting ------------------------------------------------------------------------
    def sort(self, kind: str, column: int, descending: bool) -> None:
        from coach.ops.listing import lists

        text = self.client.filter_text

        def sorted_(page) -> None:
            if page is not None:
                self.models[kind].set_page(page, self.models[kind].now)

        self.client.submit(lambda store: lists.sort(store, kind, column, descending, text),
                           sorted_)

    # --- the exact order ----------------------------------------------------------------
    def _loaded(self, snapshot) -> None:
        if snapshot.ranking_due and not self._ranking:
            self._ranking = True
            from coach.ops.listing import lists

            folder, stop = self.client.data_dir, self._closing.is_set

            def work() -> None:
                try:
                    ranked = lists.rank_lists(folder, stop)
                except Exception:  # noqa: BLE001 - the next reload ranks on the worker
                    ranked = None
                if not stop():
                    self._ranked.emit(ranked)

            # A thread of its own, not the worker: pages and filter keystrokes keep being
            # answered while tens of thousands of rows are scored. Started on the next turn
            # of the event loop, once this snapshot's frame is painted: scoring holds the
            # GIL, and the first frame should not share it (issue 19).
            thread = threading.Thread(target=work, name="coach-ranking", daemon=True)
            QTimer.singleShot(0, thread.start)

    def _install(self, ranked) -> None:
        from coach.ops.listing import lists

        self._ranking = False
        text = self.client.filter_text
        self.client.submit(lambda store: lists.install(store, ranked, text), self._deliver)

    def _deliver(self, snapshot) -> None:
        if snapshot is not None and snapshot.filter_text == self.client.filter_text:
            self.client.loaded.emit(snapshot)

    def close(self) -> None:
        self._closing.set()
