"""One fixed history for the trust figures, with answers computed by hand.

The clock is the suite's: Thursday 2026-11-26 15:00 Berlin (14:00 UTC). Weeks start on
Monday in Berlin: the current one on 2026-11-23 (Sunday 23:00 UTC), the one before on 11-16.
Times below are UTC. The hand-computed answers are in EXPECTED, with the reasoning beside.
"""

from __future__ import annotations

from datetime import UTC, datetime

from coach.stats.figures import ConcernTrack, Data, Loop, Promise, Reply


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# (id, due, status, closed, promise-check result, from_manager, loop_state)
COMMITMENTS = [
    (1, "2026-11-25 12:00", "done", "2026-11-25 10:00", "safe", 0, None),      # kept
    (2, "2026-11-24 09:00", "done", "2026-11-24 15:00", "safe", 1, "told"),    # 6 h late
    (3, "2026-11-20 09:00", "done", "2026-11-21 03:00", "own-part", 1, None),  # 18 h late
    (4, "2026-11-26 09:00", "open", None, "not-yet", 0, None),                 # overdue
    (5, "2026-11-27 09:00", "open", None, "safe", 0, None),                    # not due yet
    (6, "2026-11-19 09:00", "dropped", "2026-11-18 09:00", None, 0, None),     # not kept
    (7, "2026-06-01 09:00", "done", "2026-06-01 08:00", "skipped", 0, None),   # before period
    (8, "2026-11-10 12:00", "done", "2026-11-10 11:00", "safe", 1, "briefing"),  # kept
    (9, "2026-11-30 09:00", "done", "2026-11-18 10:00", None, 1, "told"),      # kept, early
    (10, "2026-11-28 09:00", "done", "2026-11-25 10:00", None, 1, "pending"),  # kept, no loop
]
# (id, channel, received, reply_by, status, returned)
REPLIES = [
    (21, "call", "2026-11-25 08:00", "2026-11-25 12:00", "returned", "2026-11-25 10:00"),  # 2 h
    (22, "call", "2026-11-24 08:00", "2026-11-24 12:00", "returned", "2026-11-24 14:00"),  # late
    (23, "email", "2026-11-23 08:00", "2026-11-24 16:00", "returned", "2026-11-24 08:00"),  # 24 h
    (24, "email", "2026-11-26 07:00", "2026-11-26 12:00", "open", None),  # overdue: late
    (25, "voicemail", "2026-11-26 13:00", "2026-11-26 17:00", "open", None),  # not due yet
    (26, "message", "2026-11-20 08:00", "2026-11-20 12:00", "dropped", None),  # left out
    (27, "call", "2026-11-17 09:00", "2026-11-17 13:00", "returned", "2026-11-17 13:00"),  # 4 h
]
# (id, log of (at, kind, heat)); the concern row is derived from its log
CONCERNS = [
    (31, [("2026-11-20 08:00", "created", 2), ("2026-11-21 08:00", "heat", 3),
          ("2026-11-21 12:00", "told", 3)]),                       # early, 4 h to tell
    (32, [("2026-11-22 08:00", "created", 3), ("2026-11-24 08:00", "heat", 4),
          ("2026-11-24 10:00", "told", 4)]),                       # late, 50 h to tell
    (33, [("2026-11-23 10:00", "created", 1), ("2026-11-23 11:00", "told", 1)]),  # early, 0 h
    (34, [("2026-11-25 08:00", "created", 2), ("2026-11-25 09:00", "heat", 3),
          ("2026-11-25 10:00", "heat", 4)]),                       # hot, never told: late
    (35, [("2026-11-25 08:00", "created", 2)]),                    # calm: not counted
]
# Sent Sunday 21:00 in Berlin: four calendar days before Thursday.
BRIEFINGS = [("2026-11-20 08:00", "2026-11-20 08:05"), ("2026-11-22 20:00", "2026-11-22 20:00"),
             ("2026-11-25 08:00", None)]  # the last one generated, never sent

EXPECTED = {
    # settled in the period: 1, 2, 3, 4, 6, 8, 9, 10; kept on time: 1, 8, 9, 10
    "promises_kept_on_time_pct": 50.0,
    "promises_settled": 8,
    "promises_avg_lateness_hours": 12.0,  # (6 + 18) / 2
    # settled: 21, 22, 23, 24, 27; on time: 21, 23, 27
    "replies_on_time_pct": 60.0,
    "replies_settled": 5,
    "reply_median_hours_by_channel": {"call": 4.0, "email": 24.0},  # call: 2, 6, 4
    # counted: 31, 32, 33, 34; early: 31, 33; to tell: 4, 50, 0 → median 4
    "concerns_told_early_pct": 50.0,
    "concerns_counted": 4,
    "concern_median_hours_to_tell": 4.0,
    "days_since_last_briefing": 4,
    # done and from the manager: 2 (told), 3 (none), 8 (briefing), 9 (told), 10 (pending)
    "loops_closed_pct": 60.0,
    "loops_counted": 5,
    # all time, due passed or closed: safe 1, 2, 8 (5 is not due yet); own-part 3;
    # not-yet 4 (overdue); skipped 7
    "calibration": {"safe": 66.7, "own-part": 0.0, "not-yet": 0.0, "skipped": 100.0},
}
# Week by week: week of 11-23 has promises 1, 2, 4, 10 (2 kept), replies 21-24 (2 on time),
# concerns 32, 33, 34 (33 early), loops 2, 10 (one closed); week of 11-16 has promises 3, 6, 9
# (9 kept), reply 27, concern 31, loops 3, 9; week of 11-09 has promise 8 and loop 8.
EXPECTED_WEEKS = {
    "2026-11-23": {"promises_kept_on_time_pct": 50.0, "replies_on_time_pct": 50.0,
                   "concerns_told_early_pct": 33.3, "loops_closed_pct": 50.0},
    "2026-11-16": {"promises_kept_on_time_pct": 33.3, "replies_on_time_pct": 100.0,
                   "concerns_told_early_pct": 100.0, "loops_closed_pct": 50.0},
    "2026-11-09": {"promises_kept_on_time_pct": 100.0, "replies_on_time_pct": None,
                   "concerns_told_early_pct": None, "loops_closed_pct": 100.0},
}


def _opt(text: str | None) -> datetime | None:
    return t(text) if text else None


def data() -> Data:
    """The same history as plain records, the way the pure functions take it."""
    concerns = []
    for _id, log in CONCERNS:
        def first(pred, log=log):
            return next((t(at) for at, kind, heat in log if pred(kind, heat)), None)
        concerns.append(ConcernTrack(
            created=t(log[0][0]),
            warm=first(lambda k, h: k != "told" and h >= 3),
            hot=first(lambda k, h: k != "told" and h >= 4),
            told=first(lambda k, h: k == "told")))
    return Data(
        promises=[Promise(t(due), status, _opt(closed))
                  for _i, due, status, closed, *_rest in COMMITMENTS],
        replies=[Reply(ch, t(rec), t(by), status, _opt(ret))
                 for _i, ch, rec, by, status, ret in REPLIES],
        concerns=concerns,
        loops=[Loop(t(closed), state in ("told", "briefing"))
               for _i, _d, status, closed, _r, boss, state in COMMITMENTS
               if status == "done" and boss],
        last_briefing=t("2026-11-22 20:00"),
        calibration_counts={"safe": (2, 3), "own-part": (0, 1), "not-yet": (0, 1),
                            "skipped": (1, 1)},
    )


def fill(store) -> None:
    """Write the history into a real database, as the app would have stored it."""
    def db(text: str | None) -> str | None:
        return t(text).strftime("%Y-%m-%dT%H:%M:%SZ") if text else None

    created = db("2026-06-01 07:00")
    with store.write() as conn:
        for cid, due, status, closed, check, boss, state in COMMITMENTS:
            conn.execute(
                "INSERT INTO commitments (id, title, due, status, closed, created, updated,"
                " from_manager, loop_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (cid, f"promise {cid}", db(due), status, db(closed), created,
                 db(closed) or created, boss, state))
            if check:
                conn.execute("INSERT INTO promise_checks (commitment_id, result, checked_at)"
                             " VALUES (?, ?, ?)", (cid, check, created))
        for rid, ch, rec, by, status, ret in REPLIES:
            conn.execute(
                "INSERT INTO owed_replies (id, who, channel, received, reply_by, status,"
                " returned, created, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (rid, f"caller {rid}", ch, db(rec), db(by), status, db(ret), db(rec),
                 db(ret) or db(rec)))
        for cid, log in CONCERNS:
            told = [at for at, kind, _h in log if kind == "told"]
            conn.execute(
                "INSERT INTO concerns (id, title, heat, created, updated, told_at, told_heat)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (cid, f"concern {cid}", log[-1][2], db(log[0][0]), db(log[-1][0]),
                 db(told[-1]) if told else None, log[-1][2] if told else None))
            for at, kind, heat in log:
                conn.execute("INSERT INTO concern_log (concern_id, at, kind, heat)"
                             " VALUES (?, ?, ?, ?)", (cid, db(at), kind, heat))
        for generated, sent in BRIEFINGS:
            conn.execute("INSERT INTO briefings (generated_at, sent_at, text) VALUES (?, ?, ?)",
                         (db(generated), db(sent), "briefing"))
        conn.execute("UPDATE counters SET value = 40 WHERE name = 'item'")
