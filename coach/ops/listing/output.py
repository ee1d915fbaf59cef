"""What `coach list` prints: every kind in the one list order (order.py), text or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO

from coach.i18n import _
from coach.model.labels import ADVICE_SHORT
from coach.ops.listing.order import OPEN, rank
from coach.ops.listing.rows import (
    COMMITMENT,
    GROUP_NAMES,
    KINDS,
    LIST_PAGE,
    REPLY,
    coefficients,
    damaged_urgency,
    is_damaged,
    shown,
    when,
)
from coach.storage.store import Store


def _where(include_closed: bool) -> str:
    return "1" if include_closed else OPEN


def groups(store: Store, include_closed: bool, now: datetime) -> dict[str, Iterable]:
    """Each kind's full records as (item, Urgency) pairs, most urgent first, read a chunk
    at a time in the order `rank` found (only ids and scores are held for the whole list)."""
    coeff = coefficients(store)
    where = _where(include_closed)
    return {GROUP_NAMES[kind]: _records(store, kind, where, now, coeff) for kind in KINDS}


def _records(store: Store, kind: str, where: str, now: datetime, coeff) -> Iterator[tuple]:
    from coach.model import records
    from coach.model.commitment import Commitment
    from coach.model.concern import Concern
    from coach.model.owed_reply import OwedReply
    from coach.rules import urgency

    cls = {COMMITMENT: Commitment, REPLY: OwedReply}.get(kind, Concern)
    ranking = rank(store, kind, now, coeff, where, stored=True)
    for start in range(0, len(ranking.ids), 500):
        chunk = ranking.ids[start:start + 500].tolist()
        marks = ",".join("?" * len(chunk))
        if cls is Commitment:
            # The promise check comes along in the same query, not one lookup per row.
            from coach.rules.promise_check import check_json

            cursor = store.conn.execute(
                "SELECT commitments.*, pc.result AS check_result, pc.answers AS check_answers "
                "FROM commitments LEFT JOIN promise_checks pc "
                f"ON pc.commitment_id = commitments.id WHERE commitments.id IN ({marks})",
                chunk)
        else:
            cursor = store.conn.execute(f"SELECT * FROM {cls.TABLE} WHERE id IN ({marks})",
                                        chunk)
        found = {}
        for row in cursor:
            item = records.from_row(cls, row)
            if cls is Commitment:
                item.extra["check"] = check_json(row["check_result"], row["check_answers"])
            found[item.id] = item
        for item_id in chunk:
            item = found[item_id]
            if records.damaged(item):
                yield item, damaged_urgency()  # listed first, as in the window
                continue
            try:
                yield item, urgency.assess_item(item, now, coeff)
            except Exception:  # noqa: BLE001 - a damaged row is listed, marked, never fatal
                yield item, damaged_urgency()


def write_json(groups: dict[str, Iterable], out: IO[str]) -> None:
    from coach.model import records
    from coach.ops.items import to_json
    from coach.timing.dates import local_tz

    tz = local_tz()
    out.write("{")
    for number, (name, items) in enumerate(groups.items()):
        out.write(("," if number else "") + f"\n{json.dumps(name)}: [")
        for index, (item, found) in enumerate(items):
            data = to_json(item, tz)
            data.update(urgency=found.score, advice=found.advice)
            if records.damaged(item):
                data["damaged"] = list(records.damaged(item))
            out.write(("," if index else "") + "\n  " + json.dumps(data, ensure_ascii=False))
        out.write("\n]")
    out.write("\n}\n")


def _damage_mark(store: Store, item_id: int) -> str:
    from coach.model import records
    from coach.ops import items

    fields = records.damaged(items.find(store, item_id)) or ("?",)
    return _("[damaged: {fields}; fix it, or remove it with coach delete {id}]").format(
        fields=", ".join(fields), id=item_id)


def write_text(store: Store, include_closed: bool, out: IO[str], now: datetime,
               limit: int = LIST_PAGE) -> None:
    """One line per item, the first `limit` of each kind (0: all) and how many more there
    are; each line is made while its row is scored, so nothing but the lines is held."""
    from coach.model.validate import visible
    from coach.timing.display import DayAndTime, Relative

    relative = Relative(now)
    day_and_time = DayAndTime()
    coeff = coefficients(store)
    headings = {COMMITMENT: _("Commitments"), REPLY: _("Owed replies")}
    advice_words = {key: _(word) for key, word in ADVICE_SHORT.items()}
    channels: dict[str, str] = {}
    statuses: dict[str, str] = {}
    heat_word = _("heat")

    def line(kind: str):
        def make(r: tuple, found) -> str:
            r = shown(r)  # generated titles in the language shown
            if kind == COMMITMENT:
                text = f"{r[1]} → {r[2]}" if r[2] else f"{r[1]}"
            elif kind == REPLY:
                channel = channels.get(r[8]) or channels.setdefault(
                    r[8], _(r[8]) if isinstance(r[8], str) and r[8] else "?")
                text = f"{r[2]} ({channel}): {r[1]}" if r[1] else f"{r[2]} ({channel})"
            else:
                text = f"{r[1]} [{heat_word} {r[4]}]"
            moment = when(r[3]) if kind != "concern" else None
            # The exact time first (it parses back as a WHEN), then how far away it is.
            moment_text = f"  {day_and_time(moment)} ({relative(moment)})" if moment else ""
            if r[6] == "open":
                tail = f"  [{advice_words[found.advice]}]"
            else:
                tail = f" ({statuses.get(r[6]) or statuses.setdefault(r[6], _(r[6]))})"
            mark = ""
            if found.score >= 1e9 and is_damaged(kind, r):
                mark = " " + _damage_mark(store, r[0])
            # One item, one line: control characters and line breaks are shown, not obeyed.
            return visible(f"  {r[0]:>6}  {text}{moment_text}{tail}{mark}")
        return make

    empty = True
    for kind in KINDS:
        make = line(kind)
        if limit:
            from coach.ops.listing.page import top

            page, total = top(store, kind, now, coeff, _where(include_closed), limit)
            lines = [make(r, found) for r, found in page]
        else:
            lines = rank(store, kind, now, coeff, _where(include_closed), keep=make,
                         stored=True).kept
            total = len(lines)
        if lines:
            empty = False
            out.write(f"{headings.get(kind) or _('Concerns')}\n")
            out.write("\n".join(lines))
            out.write("\n")
            if total > len(lines):
                out.write(more_line(kind, total - len(lines)) + "\n")
    if empty:
        out.write(_("Nothing open. Add a commitment with: coach add \"…\" --due tomorrow") + "\n")


def more_line(kind: str, n: int) -> str:
    """Under a page: how many items it leaves out, and how to see them."""
    from coach.i18n import ngettext
    from coach.timing.display import decimal

    if kind == COMMITMENT:
        text = ngettext("… and {n} more commitment: coach list --limit 0 shows all",
                        "… and {n} more commitments: coach list --limit 0 shows all", n)
    elif kind == REPLY:
        text = ngettext("… and {n} more owed reply: coach list --limit 0 shows all",
                        "… and {n} more owed replies: coach list --limit 0 shows all", n)
    else:
        text = ngettext("… and {n} more concern: coach list --limit 0 shows all",
                        "… and {n} more concerns: coach list --limit 0 shows all", n)
    return text.format(n=decimal(n, "#,##0"))
