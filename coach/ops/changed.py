"""What an operation changed: the kinds of list and the items, so a window reloads only that.

Every function in coach.ops returns a `Changed`. The command line ignores most of it (it
prints the new ids); the window reloads the lists named in `kinds` and selects `created[0]`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

COMMITMENT, REPLY, CONCERN = "commitment", "reply", "concern"
ITEM_KINDS = (COMMITMENT, REPLY, CONCERN)
BRIEFING, SETTINGS = "briefing", "settings"


@dataclass(frozen=True)
class Changed:
    kinds: frozenset[str] = frozenset()
    ids: frozenset[int] = frozenset()  # every item written, created ones included
    created: tuple[int, ...] = ()  # new items, the one the user made first
    # What the caller shows afterwards (the promise check's verdict, a briefing's id …);
    # never compared: two ways in must leave the same data, not the same Python objects.
    detail: Any = field(default=None, compare=False)

    def __or__(self, other: Changed) -> Changed:
        return Changed(self.kinds | other.kinds, self.ids | other.ids,
                       self.created + tuple(i for i in other.created if i not in self.created),
                       self.detail if self.detail is not None else other.detail)

    @property
    def first(self) -> int | None:
        return self.created[0] if self.created else None


def of(kind: str, *ids: int, created: tuple[int, ...] = (), detail: Any = None) -> Changed:
    return Changed(frozenset({kind}), frozenset(ids) | frozenset(created), created, detail)
