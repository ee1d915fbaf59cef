"""Every list query, in one place: `coach list` and the window read their lists here.

- rows.py: the light rows a list shows, and the one query per kind that reads them;
- order.py: the one list order (urgency, then due / reply-by / heat), its coarse form that
  SQLite answers from an index, and `rank`, which scores a list once into compact arrays;
- lists.py: the window's open lists (first page first, exact order and filter after);
- output.py: what `coach list` prints, text or JSON;
- static.py, page.py: the stored time-independent part of urgency, and the first page of
  a list that SQLite picks with it (`coach list`'s page).

Light on purpose: the window imports rows.py for its kinds before its first paint, so the
store and the rules are loaded only when a list is really read.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    if name in ("groups", "write_json", "write_text"):
        from coach.ops.listing import output

        return getattr(output, name)
    raise AttributeError(name)
