"""The light rows the lists show, and the one query per kind that reads them.

A row carries only what a list shows (and what its urgency needs); the full records are
read for `coach list --json` and the edit dialog only. Qt-free: the window's worker, its
ranking thread and `coach list` all read rows through this module.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from coach.rules.urgency import Coefficients, Urgency
    from coach.storage.store import Store

COMMITMENT, REPLY, CONCERN = "commitment", "reply", "concern"
KINDS = (COMMITMENT, REPLY, CONCERN)
PAGE = 100  # rows per page of a list: more than a window shows at once
LIST_PAGE = 20  # items of each kind `coach list` shows, like `task next`
TABLES = {COMMITMENT: "commitments", REPLY: "owed_replies", CONCERN: "concerns"}
# `coach list --json` names its groups by table, as it always has.
GROUP_NAMES = {COMMITMENT: "commitments", REPLY: "replies", CONCERN: "concerns"}


class Row(NamedTuple):
    """One list row; a tuple rather than a dataclass: cheap to make, cheap to hold."""

    id: int
    kind: str
    what: str
    who: str
    when: datetime | None
    urgent: bool = False
    heat: int = 0
    channel: str = ""
    note: str = ""
    urgency: float = 0.0  # coach.rules.urgency score; lists are sorted by it, highest first
    advice: str = ""  # call-now, today, this-week or later
    status: str = "open"


# The columns each kind's row is made of, in this order (see _make). The last ones are
# read for the urgency rule only.
COLUMNS = {
    COMMITMENT: "id, title, recipient, due, urgent, note, status, created, from_manager, texts",
    REPLY: "id, about, who, reply_by, urgent, note, status, received, channel, texts",
    CONCERN: "id, title, who, updated, heat, note, status, told_heat, texts",
}
TEXTS = -1  # the generated texts (coach.wording.texts) come last: rarely set, seldom read


def when(value: str | None) -> datetime | None:
    from coach.timing.timeutil import from_db

    # Never raises: a time an older version stored damaged reads as 1970 and is marked.
    return from_db(value)


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)


def is_damaged(kind: str, r: Sequence) -> bool:
    """A row an older version let in unusable (a time, a channel, a heat, a text)."""
    from coach.model.validate import STATUSES
    from coach.timing.timeutil import is_damaged as damaged_time

    if any(v is not None and not isinstance(v, str) for v in (r[1], r[2], r[5])):
        return True
    if r[6] not in STATUSES[kind]:
        return True
    if kind == CONCERN:
        return not (isinstance(r[4], int) and 1 <= r[4] <= 5) or damaged_time(when(r[3]))
    times = (r[3], r[7])
    if kind == REPLY and (r[3] is None or r[8] not in ("call", "voicemail", "email",
                                                        "message")):
        return True
    return any(damaged_time(when(t)) for t in times)


def damaged_urgency() -> Urgency:
    """Where a damaged row stands in every list: first, so it is fixed or removed."""
    from coach.rules.urgency import LATER, Urgency

    return Urgency(1e9, LATER)


def assess(kind: str, r: Sequence, now: datetime, coeff: Coefficients) -> Urgency:
    """The urgency of one row as read by COLUMNS: the same rule for every list."""
    if is_damaged(kind, r):
        return damaged_urgency()
    try:
        return _assess(kind, r, now, coeff)
    except Exception:  # noqa: BLE001 - a damaged row is listed, marked, never fatal
        return damaged_urgency()


def _assess(kind: str, r: Sequence, now: datetime, coeff: Coefficients) -> Urgency:
    from coach.rules import urgency

    if kind == COMMITMENT:
        return urgency.assess_commitment(now, coeff, title=r[1], due=when(r[3]),
                                         created=when(r[7]), urgent=bool(r[4]),
                                         from_manager=bool(r[8]), recipient=r[2], note=r[5])
    if kind == REPLY:
        return urgency.assess_reply(now, coeff, who=r[2], channel=r[8], received=when(r[7]),
                                    reply_by=when(r[3]), urgent=bool(r[4]), about=r[1],
                                    note=r[5])
    # told_heat: a concern heating up is advised "tell your manager today" (coach.rules.heat).
    return urgency.assess_concern(now, coeff, title=r[1], heat=r[4], who=r[2], note=r[5],
                                  told_heat=r[7] if len(r) > 7 else None)


def shown(r: Sequence) -> Sequence:
    """The row with its generated title and note in the language shown (an owed reply's
    texts never name a title: its first column is what it is about, as typed)."""
    if not r[TEXTS]:
        return r
    from coach.wording import texts

    r = list(r)
    r[1] = texts.field(r[TEXTS], texts.TITLE, r[1])
    r[5] = texts.field(r[TEXTS], texts.NOTE, r[5])
    return r


def make(kind: str, r: Sequence, found: Urgency) -> Row:
    """A Row from a result of COLUMNS and its urgency."""
    r = shown(r)
    if found.score >= 1e9 and is_damaged(kind, r):
        from coach.i18n import _

        return Row(r[0], kind, _("{text} [damaged]").format(text=_text(r[1])), _text(r[2]),
                   None, heat=5 if kind == CONCERN else 0, urgency=found.score,
                   advice=found.advice, status=_text(r[6]))
    return Row(r[0], kind, r[1] or "", r[2] or "", when(r[3]), bool(r[4]) if kind != CONCERN
               else False, r[4] if kind == CONCERN else 0, r[8] if kind == REPLY else "",
               r[5] or "", found.score, found.advice, r[6])


def haystack(r: Sequence) -> str:
    """The text the filter searches, folded (casefold: "Ü" finds "ü", "ß" finds "ss")."""
    r = shown(r)
    return f"{_text(r[1])}\n{_text(r[2])}\n{_text(r[5])}".casefold()


def shown_text(r: tuple) -> str:
    """id, title, who, note, texts: the texts as the list shows them."""
    what, note = r[1], r[3]
    if r[4]:
        from coach.wording import texts

        what = texts.field(r[4], texts.TITLE, what)
        note = texts.field(r[4], texts.NOTE, note)
    return f"{what or ''}\n{r[2] or ''}\n{note or ''}"

def title_shown(r: tuple) -> object:
    if not r[2]:
        return r[1]
    from coach.wording import texts

    return texts.field(r[2], texts.TITLE, r[1])


def fetch(store: Store, kind: str, ids: Iterable[int], now: datetime,
          coeff: Coefficients) -> list[Row]:
    """These items as rows, in the order of `ids` (a page of a list; ids not found drop)."""
    wanted = list(ids)
    if not wanted:
        return []
    found: dict[int, Row] = {}
    for start in range(0, len(wanted), 500):  # below SQLite's variable limit
        chunk = wanted[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.conn.execute(
                f"SELECT {COLUMNS[kind]} FROM {TABLES[kind]} WHERE id IN ({marks})", chunk):
            found[r[0]] = make(kind, r, assess(kind, r, now, coeff))
    return [found[i] for i in wanted if i in found]


def coefficients(store: Store) -> Coefficients:
    from coach.rules.urgency import Coefficients
    from coach.storage import settings

    return Coefficients.from_settings(settings.get_all(store))
