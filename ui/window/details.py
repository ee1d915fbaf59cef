"""What the detail pane adds for a commitment: its promise check's result and confidence.

The list rows carry only what the columns show; the check is read for the one selected
commitment, in the worker, and appended when it arrives (if that row is still selected).
"""

from __future__ import annotations

from typing import Any

from coach.i18n import _


def promise_lines(store: Any, item_id: int) -> list[str]:
    """Worker job: the lines about the commitment's promise check, in the language shown."""
    from coach.model import commitment
    from coach.rules import promise_check as pc

    item = commitment.get(store, item_id)
    if item is None:
        return []
    check = pc.load(store, item_id)
    if check is None:
        return [_("Promise check: not run")]
    result = check["result"]
    label = _(pc.RESULT_LABELS.get(result, result))
    if item.confidence is None or result == pc.SKIPPED:
        return [_("Promise check: {result}").format(result=label)]
    lines = [_("Promise check: {result}, {percent}% sure to keep it").format(
        result=label, percent=round(item.confidence * 100))]
    doubts = [_(pc.DOUBT_TEXT[q]) for q, answer in check["answers"].items()
              if answer != pc.YES and q in pc.DOUBT_TEXT]
    lines.extend(doubts)
    return lines
