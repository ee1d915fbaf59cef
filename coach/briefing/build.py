"""Briefing (Lagebericht): the early status update for the manager, built from the data.

`build` gathers the sections as plain data (the words live in the templates, see
coach.briefing.render); every section is a few indexed SQL queries with a LIMIT, so a
briefing over 100,000 commitments costs milliseconds, not a loop over every row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from coach.storage.store import Store
from coach.timing.timeutil import from_db, to_db

CAP = 10  # items per section; the rest is "and N more"
SOON = timedelta(days=3)  # due this close with low confidence or no progress is at risk
WEEK = timedelta(days=7)
STALE = timedelta(days=3)  # untouched this long since it was made counts as "no progress"
LOW_CONFIDENCE = 0.5
NOTES_PER_CONCERN = 3
NEW_DATE_WORKING_DAYS = 2

# One commitment shows up in one section only: at risk beats awaiting OK beats coming up.
# "due < :soon" comes first and alone so that SQLite walks the (status, due) index in order
# and stops at the LIMIT.
_RISK = ("(due < :soon AND (due < :now OR COALESCE(confidence, 1) < :low "
         "OR (updated = created AND created < :stale)))")

# The same set, counted in two index-friendly parts: overdue needs no row, only the index.
_RISK_COUNT = (
    "SELECT (SELECT count(*) FROM commitments WHERE status = 'open' AND due < :now) + "
    "(SELECT count(*) FROM commitments WHERE status = 'open' AND due >= :now AND due < :soon "
    "AND (COALESCE(confidence, 1) < :low OR (updated = created AND created < :stale)))")


@dataclass
class Section:
    key: str
    title: str
    items: list[dict[str, Any]] = field(default_factory=list)
    more: int = 0  # items beyond the cap

    @property
    def total(self) -> int:
        return len(self.items) + self.more


@dataclass
class Draft:
    summary: str
    since: datetime | None
    generated_at: datetime
    sections: list[Section]
    concern_ids: list[int] = field(default_factory=list)
    lang: str = "en"
    counts: dict[str, int] = field(default_factory=dict)
    loop_ids: list[int] = field(default_factory=list)  # done items whose loop a send closes
    template_dir: Path | None = None  # the user's own templates, tried before the defaults

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)


@dataclass
class Briefing:
    """One kept briefing from the history."""

    id: int
    generated_at: datetime
    sent_at: datetime | None
    lang: str
    format: str
    text: str
    payload: dict[str, Any]


def last_sent(store: Store) -> datetime | None:
    row = store.conn.execute("SELECT max(sent_at) FROM briefings").fetchone()
    return from_db(row[0]) if row and row[0] else None


def _rows(store: Store, select: str, where: str, order: str, params: dict[str, Any],
          count: str | None = None) -> tuple[list[Any], int]:
    """The first CAP rows of a query and how many more there are."""
    rows = store.conn.execute(f"{select} {where} ORDER BY {order} LIMIT {CAP}",
                              params).fetchall()
    if len(rows) < CAP:
        return rows, 0
    # Counted without ORDER BY or SELECT *: SQLite can answer from the index alone.
    total = store.conn.execute(count or f"SELECT count(*) {where}", params).fetchone()[0]
    return rows, total - len(rows)


def _when(value: str | None) -> datetime | None:
    return from_db(value)


def _shown(row: Any, name: str, lang: str) -> Any:
    """A title or note in the briefing's language, if the app wrote it (coach.wording.texts)."""
    if not row["texts"]:
        return row[name]
    from coach.wording import texts

    return texts.field(row["texts"], name, row[name], lang)


def _commitment(row: Any, lang: str) -> dict[str, Any]:
    return {"id": row["id"], "title": _shown(row, "title", lang), "to": row["recipient"],
            "due": _when(row["due"]), "confidence": row["confidence"]}


def _heads_up(store: Store, focus: int | None, lang: str) -> tuple[list[dict], int]:
    rows, more = _rows(store, "SELECT *", "FROM concerns WHERE status = 'open'",
                       "id = :focus DESC, heat DESC, updated DESC, id", {"focus": focus or -1})
    items = []
    for row in rows:
        # Dated notes the user gave with a heat change ("What happened?" in the window); the
        # note given at creation is the concern's plain note, shown as such.
        notes = store.conn.execute(
            "SELECT at, note, texts FROM concern_log WHERE concern_id = ? AND note IS NOT NULL "
            "AND note != '' AND kind NOT IN ('told', 'created') ORDER BY at DESC, id DESC "
            "LIMIT ?", (row["id"], NOTES_PER_CONCERN)).fetchall()
        happened = [{"at": _when(n["at"]), "note": _shown(n, "note", lang)}
                    for n in reversed(notes)]
        if row["happened"]:
            happened.insert(0, {"at": None, "note": row["happened"]})
        heat = row["heat"]
        items.append({
            "id": row["id"], "title": _shown(row, "title", lang), "who": row["who"],
            "heat": heat,
            "told_heat": row["told_heat"], "told_at": _when(row["told_at"]),
            # Each only as the user said it: nothing is read into the note or the heat.
            "happened": happened, "doing": row["doing"], "need": row["need"],
            "note": _shown(row, "note", lang),
            "focus": row["id"] == focus,
        })
    return items, more


def _proposed(due: datetime | None, now: datetime, values: dict[str, Any]) -> datetime:
    from coach.storage.settings import WorkingHours
    from coach.timing.dates import local_tz
    from coach.timing.working_hours import end_of_working_day_after

    start = max(due or now, now)
    return end_of_working_day_after(start, NEW_DATE_WORKING_DAYS,
                                    WorkingHours.from_settings(values), local_tz())


def _at_risk(store: Store, p: dict[str, Any], values: dict[str, Any]) -> tuple[list, int]:
    rows, more = _rows(store, "SELECT *", "FROM commitments WHERE status = 'open' "
                       f"AND due IS NOT NULL AND {_RISK}", "due, id", p, _RISK_COUNT)
    items = []
    for row in rows:
        item = _commitment(row, p["lang"])
        due = item["due"]
        if due < p["now_dt"]:
            item["reason"] = "overdue"
        elif (row["confidence"] if row["confidence"] is not None else 1) < LOW_CONFIDENCE:
            item["reason"] = "low-confidence"
        else:
            item["reason"] = "no-progress"
        item["proposed"] = _proposed(due, p["now_dt"], values)
        items.append(item)
    return items, more


def _awaiting(store: Store, p: dict[str, Any]) -> tuple[list, int]:
    rows, more = _rows(store, "SELECT *", "FROM commitments WHERE awaiting_ok = 1 "
                       "AND status = 'open' AND NOT COALESCE("
                       f"due IS NOT NULL AND {_RISK}, 0)", "due IS NULL, due, id", p)
    return [_commitment(r, p["lang"]) for r in rows], more


def _done(store: Store, p: dict[str, Any]) -> tuple[list, int, list[int]]:
    """Done since the last briefing, plus every done item whose loop is still open (whenever
    it was done: the briefing is how that loop gets closed), newest first."""
    from coach.rules import close_loop

    columns = ("id, title, recipient, closed, outcome, loop_state, 'commitment' AS kind, due, "
               "texts")
    union = (f"SELECT {columns} FROM commitments WHERE status = 'done' AND closed >= :since "
             "UNION ALL SELECT id, title, who, resolved, 'resolved', NULL, 'concern', NULL, texts "
             "FROM concerns WHERE status = 'resolved' AND resolved >= :since")
    rows, more = _rows(store, "SELECT *", f"FROM ({union})", "closed DESC, id DESC", p)
    open_loops = set(close_loop.OPEN)
    items = [{"id": r["id"], "title": _shown(r, "title", p["lang"]), "to": r["recipient"],
              "kind": r["kind"],
              "closed": _when(r["closed"]), "outcome": r["outcome"],
              # How late, in hours: the templates say "a little late" only under an hour.
              "late_hours": _late_hours(r["due"], r["closed"]) if r["outcome"] == "late"
              else None,
              "loop": r["loop_state"] in open_loops} for r in rows]
    # Loops still open from before `since` are not in the query above; close_loop finds them.
    older = [c for c in close_loop.for_briefing(store) if c.closed < p["since_dt"]]
    items += [{"id": c.id, "title": _shown(vars(c), "title", p["lang"]), "to": c.recipient,
               "kind": "commitment",
               "closed": c.closed, "outcome": c.outcome,
               "late_hours": _late_hours_of(c.due, c.closed) if c.outcome == "late" else None,
               "loop": True} for c in older]
    items.sort(key=lambda i: (i["closed"], i["id"]), reverse=True)
    total = len(items) + more
    items = items[:CAP]
    return items, total - len(items), [i["id"] for i in items if i["loop"]]


def _late_hours(due: str | None, closed: str | None) -> float | None:
    return _late_hours_of(from_db(due), from_db(closed))


def _late_hours_of(due, closed) -> float | None:
    if due is None or closed is None:
        return None
    return max((closed - due).total_seconds() / 3600, 0.0)


def _coming_up(store: Store, p: dict[str, Any]) -> tuple[list, int]:
    rows, more = _rows(store, "SELECT *", "FROM commitments WHERE status = 'open' "
                       "AND due >= :now AND due < :week AND COALESCE(awaiting_ok, 0) = 0 "
                       f"AND NOT {_RISK}", "due, id", p)
    return [_commitment(r, p["lang"]) for r in rows], more


def _replies_owed(store: Store, p: dict[str, Any]) -> tuple[list, int]:
    rows, more = _rows(store, "SELECT *", "FROM owed_replies WHERE status = 'open' "
                       "AND reply_by < :now", "reply_by, id", p)
    return [{"id": r["id"], "who": r["who"], "channel": r["channel"], "about": r["about"],
             "received": _when(r["received"]), "reply_by": _when(r["reply_by"])}
            for r in rows], more


def build(store: Store, now: datetime, lang: str | None = None,
          focus_concern_id: int | None = None,
          values: dict[str, Any] | None = None) -> Draft:
    """The draft as data; `focus_concern_id` (a concern's "Brief now") goes on top."""
    from coach.briefing import render as briefing_render
    from coach.i18n import current_language
    from coach.storage import settings

    lang = lang or current_language()
    values = values if values is not None else settings.get_all(store)
    since = last_sent(store)
    p: dict[str, Any] = {
        "now": to_db(now), "now_dt": now, "soon": to_db(now + SOON), "week": to_db(now + WEEK),
        "stale": to_db(now - STALE), "low": LOW_CONFIDENCE,
        # Never sent: "done" covers the last week rather than all of history.
        "since": to_db(since or now - WEEK), "since_dt": since or now - WEEK, "lang": lang,
    }
    heads, heads_more = _heads_up(store, focus_concern_id, lang)
    risk, risk_more = _at_risk(store, p, values)
    done, done_more, loop_ids = _done(store, p)
    found = {
        "heads-up": (heads, heads_more), "at-risk": (risk, risk_more),
        "awaiting-ok": _awaiting(store, p), "done": (done, done_more),
        "coming-up": _coming_up(store, p), "replies-owed": _replies_owed(store, p),
    }
    sections = [Section(key, "", items, more) for key, (items, more) in found.items()
                if items]
    overdue = sum(1 for i in risk if i["reason"] == "overdue")
    if risk_more:
        overdue = store.conn.execute(
            "SELECT count(*) FROM commitments WHERE status = 'open' AND due < ?",
            (p["now"],)).fetchone()[0]
    totals = {key: len(items) + more for key, (items, more) in found.items()}
    counts = {
        "attention": totals["heads-up"] + totals["at-risk"] + totals["awaiting-ok"],
        "done": totals["done"],
        "overdue": overdue + totals["replies-owed"],
        **{key.replace("-", "_"): n for key, n in totals.items()},
    }
    draft = Draft("", since, now, sections, [i["id"] for i in heads], lang, counts, loop_ids,
                  briefing_render.user_dir_for(store.path.parent))
    briefing_render.label(draft)
    return draft


def render_text(draft: Draft) -> str:
    from coach.briefing.render import render

    return render(draft, "text").text


def _payload(draft: Draft, extra: dict[str, Any] | None) -> str:
    from coach.briefing.render import to_json

    payload = {"concern_ids": draft.concern_ids, "loop_ids": draft.loop_ids,
               "draft": to_json(draft), **(extra or {})}
    return json.dumps(payload, ensure_ascii=False)


def save(store: Store, draft: Draft, text: str, lang: str, fmt: str,
         extra: dict[str, Any] | None = None) -> int:
    """Keep a generated briefing (every one is kept); coach.ops.briefing marks it sent."""
    with store.write() as conn:
        cursor = conn.execute(
            "INSERT INTO briefings (generated_at, sent_at, lang, format, text, payload) "
            "VALUES (?, NULL, ?, ?, ?, ?)",
            (to_db(draft.generated_at), lang, fmt, text, _payload(draft, extra)),
        )
        return cursor.lastrowid


def update_text(store: Store, briefing_id: int, text: str,
                extra: dict[str, Any] | None = None) -> None:
    """The user edited the draft before it went out: keep what was really sent."""
    with store.write() as conn:
        row = conn.execute("SELECT payload FROM briefings WHERE id = ?",
                           (briefing_id,)).fetchone()
        payload = json.loads(row[0] or "{}") if row else {}
        payload.update(extra or {})
        conn.execute("UPDATE briefings SET text = ?, payload = ? WHERE id = ?",
                     (text, json.dumps(payload, ensure_ascii=False), briefing_id))


def set_sent(store: Store, briefing_id: int, now: datetime) -> None:
    """Only the sent time; what sending means for concerns and loops is coach.ops.briefing."""
    with store.write() as conn:
        conn.execute("UPDATE briefings SET sent_at = ? WHERE id = ?", (to_db(now), briefing_id))


def _briefing(row: Any) -> Briefing:
    return Briefing(row["id"], from_db(row["generated_at"]), from_db(row["sent_at"]),
                    row["lang"] or "en", row["format"] or "text", row["text"],
                    json.loads(row["payload"] or "{}"))


def history(store: Store, limit: int = 500) -> list[Briefing]:
    """Kept briefings, newest first."""
    rows = store.conn.execute(
        "SELECT * FROM briefings ORDER BY generated_at DESC, id DESC LIMIT ?", (limit,))
    return [_briefing(r) for r in rows]


def get(store: Store, briefing_id: int) -> Briefing | None:
    row = store.conn.execute("SELECT * FROM briefings WHERE id = ?", (briefing_id,)).fetchone()
    return _briefing(row) if row else None
