"""What `coach list` shows: open items by kind, streamed rather than built in memory."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO

from coach.i18n import _
from coach.model import records
from coach.model.commitment import Commitment
from coach.model.concern import Concern
from coach.model.owed_reply import OwedReply
from coach.model.validate import visible
from coach.ops.items import to_json
from coach.rules.urgency import ADVICE_SHORT
from coach.storage.store import Store
from coach.timing.timeutil import from_db

GROUPS = (("commitments", Commitment, "due IS NULL, due, id"),
          ("replies", OwedReply, "reply_by, id"),
          ("concerns", Concern, "heat DESC, updated DESC, id"))


def _when(value: str | None) -> datetime | None:
    return from_db(value)


def _urgency_sql(store: Store, cls, now: datetime, coeff, memo: dict) -> str:
    """Register the urgency score as an SQL function; returns the ORDER BY expression.

    SQLite sorts (spilling to disk for big lists) while calling the same Python rule the
    JSON shows, so the order is exactly the urgency printed, and rows still stream out.
    The Urgency of each row is kept in `memo` so it is computed once, not twice.
    """
    from coach.rules import urgency

    kind = cls.__name__
    names, rule = urgency.FIELDS[kind], urgency.RULES[kind]
    # fromisoformat reads the stored "...Z" form far faster than strptime (same instant).
    convert = [_when if n in urgency.TIMES else bool if n in urgency.FLAGS else None
               for n in names]

    def score(item_id, *values):
        fields = {n: (c(v) if c else v) for n, c, v in zip(names, convert, values, strict=True)}
        try:
            found = rule(now, coeff, **fields)
        except Exception:  # noqa: BLE001 - a damaged row is listed, marked, never fatal
            found = urgency.Urgency(0.0, "later")
        memo[item_id] = found
        return found.score

    name = f"coach_urgency_{cls.TABLE}"
    store.conn.create_function(name, len(names) + 1, score)
    table = cls.TABLE
    return f"{name}({table}.id, " + ", ".join(f"{table}.{c}" for c in names) + ") DESC"


def _iterate(store: Store, cls, where: str, order: str, now: datetime,
             coeff) -> Iterator[tuple]:
    memo: dict = {}
    order = f"{_urgency_sql(store, cls, now, coeff, memo)}, {order}"
    if cls is Commitment:
        items = _commitments(store, where, order)
    else:
        cursor = store.conn.execute(f"SELECT * FROM {cls.TABLE} WHERE {where} ORDER BY {order}")
        items = (records.from_row(cls, row) for row in cursor)
    for item in items:
        yield item, memo.pop(item.id)


def _commitments(store: Store, where: str, order: str) -> Iterator[Commitment]:
    # The promise check comes along in the same streamed query, not one lookup per row.
    from coach.rules.promise_check import check_json

    cursor = store.conn.execute(
        "SELECT commitments.*, pc.result AS check_result, pc.answers AS check_answers "
        "FROM commitments LEFT JOIN promise_checks pc ON pc.commitment_id = commitments.id "
        f"WHERE {where} ORDER BY {order}")
    for row in cursor:
        item = records.from_row(Commitment, row)
        item.extra["check"] = check_json(row["check_result"], row["check_answers"])
        yield item


def groups(store: Store, include_closed: bool, now: datetime) -> dict[str, Iterable]:
    """Each kind's items as (item, Urgency) pairs, most urgent first, streamed."""
    from coach.rules.urgency import Coefficients
    from coach.storage import settings

    coeff = Coefficients.from_settings(settings.get_all(store))
    where = "1" if include_closed else "status = 'open'"
    return {name: _iterate(store, cls, where, order, now, coeff)
            for name, cls, order in GROUPS}


def write_json(groups: dict[str, Iterable], out: IO[str]) -> None:
    from coach.timing.dates import local_tz

    tz = local_tz()
    out.write("{")
    for number, (name, items) in enumerate(groups.items()):
        out.write(("," if number else "") + f"\n{json.dumps(name)}: [")
        for index, (item, urgency) in enumerate(items):
            data = to_json(item, tz)
            data.update(urgency=urgency.score, advice=urgency.advice)
            if records.damaged(item):
                data["damaged"] = list(records.damaged(item))
            out.write(("," if index else "") + "\n  " + json.dumps(data, ensure_ascii=False))
        out.write("\n]")
    out.write("\n}\n")


def write_text(groups: dict[str, Iterable], out: IO[str], now: datetime) -> None:
    from coach.timing.display import relative

    headings = {"commitments": _("Commitments"), "replies": _("Owed replies"),
                "concerns": _("Concerns")}
    empty = True
    for name, items in groups.items():
        lines = []
        for item, urgency in items:
            if isinstance(item, Commitment):
                who = f" → {item.recipient}" if item.recipient else ""
                text, moment = f"{item.title}{who}", item.due
            elif isinstance(item, OwedReply):
                about = f": {item.about}" if item.about else ""
                text, moment = f"{item.who} ({_(item.channel)}){about}", item.reply_by
            else:
                text, moment = f"{item.title} [{_('heat')} {item.heat}]", None
            status = "" if item.is_open else f" ({_(item.status)})"
            when = f"  {relative(moment, now)}" if moment else ""
            advice = f"  [{_(ADVICE_SHORT[urgency.advice])}]" if item.is_open else ""
            mark = ""
            if records.damaged(item):
                mark = " " + _("[damaged: {fields}; fix it, or remove it with coach delete {id}]"
                               ).format(fields=", ".join(records.damaged(item)), id=item.id)
            # One item, one line: control characters and line breaks are shown, not obeyed.
            lines.append(visible(f"  {item.id:>6}  {text}{when}{status}{advice}{mark}"))
        if lines:
            empty = False
            out.write(f"{headings[name]}\n" + "\n".join(lines) + "\n")
    if empty:
        out.write(_("Nothing open. Add a commitment with: coach add \"…\" --due tomorrow") + "\n")
