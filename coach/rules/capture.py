"""Coaching at capture: which questions a new commitment gets before it is saved.

A promise to someone other than yourself gets the promise check offered; without it, the
statistics count it as "skipped" (coach.stats.figures reads the same words). A commitment
without any due time gets "By when?" (coach.rules.by_when).
"""

from __future__ import annotations

# "To: me" is a note to yourself, not a promise someone is counting on.
SELF_WORDS = frozenset({"me", "myself", "self", "ich", "mich", "mir", "selbst"})


def for_someone_else(recipient: str | None) -> bool:
    return bool(recipient) and recipient.strip().casefold() not in SELF_WORDS
