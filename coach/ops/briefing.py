"""Briefing operations: build the draft, keep what was generated, mark one sent.

Marking sent is where the briefing tells the manager: the concerns in it are recorded as
told and the loops of the done items in it are closed (coach.rules.close_loop).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from coach.briefing import build
from coach.ops.changed import BRIEFING, COMMITMENT, CONCERN, Changed
from coach.storage.store import Store
from coach.wording import texts


def draft(store: Store, now: datetime, lang: str | None = None,
          focus_concern_id: int | None = None) -> build.Draft:
    return build.build(store, now, lang=lang, focus_concern_id=focus_concern_id)


def keep(store: Store, draft: build.Draft, text: str, lang: str, fmt: str, *,
         sent: bool = False, extra: dict[str, Any] | None = None,
         briefing_id: int | None = None, now: datetime | None = None) -> Changed:
    """Keep a generated briefing (or the edited text of one kept already); `sent` also marks
    it sent. `detail` is the briefing's id."""
    with store.write():
        if briefing_id is None:
            briefing_id = build.save(store, draft, text, lang, fmt, extra=extra)
        else:
            build.update_text(store, briefing_id, text, extra)
        changed = Changed(frozenset({BRIEFING}), detail=briefing_id)
        if sent:
            changed = mark_sent(store, briefing_id, now or draft.generated_at) | changed
    return changed


def mark_sent(store: Store, briefing_id: int, now: datetime) -> Changed:
    """Sent: the next "done since" starts now, its concerns are told, its loops closed."""
    from coach.model import concern, records
    from coach.rules import close_loop

    with store.write():
        kept = build.get(store, briefing_id)
        if kept is None or kept.sent_at is not None:
            return Changed(detail=briefing_id)
        build.set_sent(store, briefing_id, now)
        told = []
        for concern_id in kept.payload.get("concern_ids", []):
            item = records.fetch(store, concern.Concern, concern_id)
            if item is not None and item.is_open:
                concern.mark_told(store, item, now,
                                  message=texts.message(texts.TOLD_IN_BRIEFING))
                told.append(item.id)
        loops = list(kept.payload.get("loop_ids", []))
        close_loop.closed_by_briefing(store, loops, now)
    return Changed(frozenset({BRIEFING, CONCERN, COMMITMENT}), frozenset(told + loops),
                   (), briefing_id)
