"""Commitment (and owed reply) ⇄ VTODO (RFC 5545), through icalendar.

`fields` are what syncs both ways and what the merge compares: title, due (UTC, stored
form), status (open / done / cancelled) and the user's note. `content` is everything that
goes up, derived fields included (priority, description, alarm); its hash tells whether an
upload is needed. DUE carries the user's zone as TZID, so a 09:00 promise stays at 09:00
across DST; an occurrence of a recurring commitment carries RRULE and DTSTART, in its rule's
zone (what a phone does with it: coach.sync.series).

DESCRIPTION holds two parts: first the user's own note, which a phone shows and edits, then,
below the line `MARKER`, what this app writes (recipient, promise-check result, advice). On
the way back only the part above the line is read; the generated part is rewritten on every
upload, so an edit to it on the phone is not taken for a change. A description without the
line (a task made on the phone) is all note.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import lru_cache
from typing import Any

from coach.i18n import _
from coach.model import commitment as cm
from coach.model.commitment import Commitment
from coach.model.owed_reply import OwedReply
from coach.timing.timeutil import from_db, to_db

PRODID = "-//Trust Coach//Trust Coach//EN"
# Not translated: the way back must find it whatever language wrote it.
MARKER = "-- Trust Coach --"
OPEN, DONE, CANCELLED = "open", "done", "cancelled"
_PRIORITY = {"call-now": 1, "today": 3, "this-week": 5, "later": 9}
_UP_STATUS = {OPEN: "NEEDS-ACTION", DONE: "COMPLETED", CANCELLED: "CANCELLED"}


@dataclass(frozen=True)
class Context:
    """What the mapping needs besides the item: the zone, the clock's view, the extras."""

    tz: tzinfo
    alarm_minutes: int
    day_end: time  # a date-only DUE from a phone means the end of that working day
    advice: dict[int, str]  # item id -> urgency advice code
    checks: dict[int, str]  # commitment id -> promise-check result


def local_status(status: str) -> str:
    if status == cm.OPEN:
        return OPEN
    return DONE if status == cm.DONE else CANCELLED


def fields(item: Commitment | OwedReply) -> dict[str, Any]:
    if isinstance(item, OwedReply):
        return {"status": OPEN if item.status == "open" else DONE}
    return {"title": item.title, "due": to_db(item.due), "status": local_status(item.status),
            "note": item.note or None}


def changed_since(base: dict[str, Any] | None, item: Commitment | OwedReply) -> bool:
    """Whether the item's synced fields moved on from `base` (a base from before a field
    was synced does not count that field as changed)."""
    if base is None:
        return True
    now = fields(item)
    return any(now.get(k) != v for k, v in base.items())


def _reply_title(item: OwedReply) -> str:
    about = f": {item.about}" if item.about else ""
    from coach.wording.german import obj

    return _("Reply to {who}{about}").format(who=obj(item.who), about=about)


def _description(item: Commitment | OwedReply, ctx: Context) -> str:
    from coach.model.labels import ADVICE_LABELS, CHANNEL_LABELS
    from coach.rules.promise_check import RESULT_TEXT

    lines = []
    if isinstance(item, Commitment):
        if item.recipient:
            lines.append(_("Promised to: {who}").format(who=item.recipient))
        check = ctx.checks.get(item.id)
        if check in RESULT_TEXT:
            lines.append(_("Promise check: {result}").format(result=_(RESULT_TEXT[check])))
    else:
        channel = _(CHANNEL_LABELS.get(item.channel, item.channel))
        lines.append(_("Owed reply ({channel}) to {who}").format(channel=channel, who=item.who))
    advice = ctx.advice.get(item.id)
    if advice in ADVICE_LABELS and item.status == "open":
        lines.append(_("Advice: {advice}").format(advice=_(ADVICE_LABELS[advice])))
    parts = [item.note] if item.note else []
    if lines:
        parts.append("\n".join([MARKER, *lines]))
    return "\n\n".join(parts)


def _note(description: str) -> tuple[str | None, bool]:
    """The user's note in a DESCRIPTION (the part above MARKER), and whether MARKER was
    there. Another app's odd text is shown, never refused: one task cannot stop a sync."""
    from coach.model import validate

    text = description.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    marked = MARKER in (line.strip() for line in lines)
    if marked:
        lines = lines[:[line.strip() for line in lines].index(MARKER)]
    note = "\n".join(lines).strip()[:cm.MAX_NOTE]
    try:
        return validate.note(note) or None, marked
    except Exception:  # noqa: BLE001 - control characters and the like: made visible
        return validate.visible(note, keep_lines=True).strip() or None, marked


def content(item: Commitment | OwedReply, ctx: Context) -> dict[str, Any]:
    """Everything that goes up; equal content means no upload is needed."""
    data = dict(fields(item))
    if isinstance(item, OwedReply):
        data.update(title=_reply_title(item), due=to_db(item.reply_by))
    data["closed"] = to_db(item.returned if isinstance(item, OwedReply) else item.closed)
    data["priority"] = _PRIORITY.get(ctx.advice.get(item.id, ""), 0) if item.is_open else 0
    data["description"] = _description(item, ctx)
    data["alarm"] = ctx.alarm_minutes if data["due"] and data["status"] == OPEN else None
    data["tz"] = getattr(ctx.tz, "key", None) or str(ctx.tz)
    data.update(extra_properties(item))
    return data


def extra_properties(item: Commitment | OwedReply) -> dict[str, Any]:
    """An open occurrence of a recurring commitment carries its rule as RRULE, and its
    times go up in the rule's zone (not the user's current one), so the phone repeats
    it at the same wall time across DST. A finished occurrence is history: no RRULE."""
    from coach.model import recurrence

    found = recurrence.of(item) if isinstance(item, Commitment) and item.is_open else None
    return {"rrule": found.rule, "tz": found.tz} if found else {}


def digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def build(uid: str, item: Commitment | OwedReply, data: dict[str, Any], now: datetime) -> bytes:
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    todo = icalendar.Todo()
    todo.add("uid", uid)
    todo.add("dtstamp", now.astimezone(UTC))
    todo.add("created", item.created.astimezone(UTC))
    todo.add("last-modified", item.updated.astimezone(UTC))
    todo.add("summary", data["title"])
    if data["due"]:
        zone = _zone(data["tz"])
        todo.add("due", from_db(data["due"]).astimezone(zone))
    todo.add("status", _UP_STATUS[data["status"]])
    if data["status"] == DONE:
        todo.add("completed", from_db(data["closed"] or to_db(now)).astimezone(UTC))
        todo.add("percent-complete", 100)
    if data["priority"]:
        todo.add("priority", data["priority"])
    if data["description"]:
        todo.add("description", data["description"])
    if data.get("rrule"):
        todo.add("rrule", icalendar.vRecur.from_ical(data["rrule"]))
        if data["due"]:
            # RFC 5545 expands a rule from DTSTART: the current occurrence is its first.
            todo.add("dtstart", from_db(data["due"]).astimezone(_zone(data["tz"])))
    if data["alarm"]:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", data["title"])
        alarm.add("trigger", -timedelta(minutes=data["alarm"]), parameters={"RELATED": "END"})
        todo.add_component(alarm)
    cal.add_component(todo)
    body = cal.to_ical()
    if data["due"] and b";TZID=" in body:
        # The zone's VTIMEZONE goes before the VTODO whose DUE names it (RFC 5545 3.6.5).
        # Made and serialised once per zone: icalendar builds it from every transition,
        # which cost more than the rest of the task.
        start = b"\r\nBEGIN:VTODO\r\n"
        body = body.replace(start, b"\r\n" + _vtimezone(data["tz"]) + start[2:], 1)
    return body


@lru_cache(maxsize=8)
def _vtimezone(name: str) -> bytes:
    import icalendar

    try:
        return icalendar.Timezone.from_tzid(name).to_ical()
    except Exception:  # noqa: BLE001 - a zone icalendar cannot describe: DUE is then in UTC
        return b""


def _zone(name: str) -> tzinfo:
    from zoneinfo import ZoneInfo

    try:
        return ZoneInfo(name)
    except (KeyError, ValueError, OSError):
        return UTC


@dataclass(frozen=True)
class Remote:
    """One VTODO as the server holds it, reduced to what this app reads back."""

    uid: str
    fields: dict[str, Any]
    modified: datetime | None
    marked: bool = False  # its DESCRIPTION has MARKER: written by this app at some point
    rrule: str | None = None  # its RRULE, read back only to notice a phone's edit of it


def parse(data: str | bytes, ctx: Context) -> Remote | None:
    """The first VTODO in the data, or None (an event or something unreadable in the list)."""
    import icalendar

    try:
        cal = icalendar.Calendar.from_ical(data)
    except ValueError:
        return None
    todo = next((c for c in cal.walk("VTODO")), None)
    if todo is None or not str(todo.get("uid", "")).strip():
        return None
    status = str(todo.get("status", "NEEDS-ACTION")).upper()
    if status == "COMPLETED" or todo.get("completed") is not None:
        state = DONE
    else:
        state = CANCELLED if status == "CANCELLED" else OPEN
    title = _title(str(todo.get("summary", "")))
    due = _moment(todo.get("due"), ctx)
    modified = _moment(todo.get("last-modified") or todo.get("dtstamp"), ctx)
    note, marked = _note(str(todo.get("description", "")))
    return Remote(str(todo["uid"]), {"title": title, "due": to_db(due), "status": state,
                                     "note": note}, modified, marked, _rrule(todo))


def _rrule(todo: Any) -> str | None:
    prop = todo.get("rrule")
    if isinstance(prop, list):  # more than one RRULE: the first stands for them
        prop = prop[0] if prop else None
    try:
        return prop.to_ical().decode() if prop is not None else None
    except Exception:  # noqa: BLE001 - an unreadable rule is no rule
        return None


def _title(text: str) -> str:
    """What another app wrote is shown, never obeyed: control characters become visible, and
    a title this app would refuse is cut or named, so one odd task cannot stop a sync."""
    from coach.model import validate

    text = validate.visible(" ".join(text.split()))[:cm.MAX_TITLE].strip()
    try:
        return validate.title(text)
    except Exception:  # noqa: BLE001 - a refused title becomes a placeholder, not an error
        return _("(no title)")


def _moment(prop: Any, ctx: Context) -> datetime | None:
    from coach.model import validate

    try:
        return validate.when(_raw_moment(prop, ctx))
    except Exception:  # noqa: BLE001 - a date outside 1970–2200, or none: no due time
        return None


def _raw_moment(prop: Any, ctx: Context) -> datetime | None:
    if prop is None:
        return None
    value = prop.dt
    if isinstance(value, datetime):
        # A floating time (no zone) is the user's wall-clock time.
        value = value if value.tzinfo else value.replace(tzinfo=ctx.tz)
        return value.astimezone(UTC).replace(microsecond=0)
    if isinstance(value, date):
        return datetime.combine(value, ctx.day_end, ctx.tz).astimezone(UTC)
    return None
