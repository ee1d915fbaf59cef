"""Build a large database for the benchmarks: 100,000 commitments, 50,000 owed replies,
1,000 concerns (with logs), spread over two years.

The mix is meant to be demanding, not flattering: about 40 % of the commitments, 30 % of the
owed replies and 20 % of the concerns are still open (most of them long overdue), so the window
really lists tens of thousands of rows; a fifth carry a note, one in twenty is urgent, one in
fifty is for the manager, and some titles hold alarm words ("outage", "escalation").

    python benchmarks/generate.py DATA_DIR [--commitments N] [--replies N] [--concerns N]
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PEOPLE = ["Jim Baker", "Frau Schneider", "Herr Yılmaz", "Anna Kowalski", "ACME Support",
          "Dr. Müller", "Priya Raman", "Lukas Brandt", "Sophie Martin", "O'Brien Sales"]
VERBS = ["Send", "Call back", "Check", "Fix", "Confirm", "Prepare", "Review", "Schicken",
         "Klären", "Rückruf"]
NOTES = ["Promised on the phone", "Needs the numbers from finance first",
         "Kunde wartet seit Montag", "See ticket 8812", "Asked twice already"]
# Shares of items still open beyond the recent ones (see the module docstring).
OPEN_COMMITMENTS, OPEN_REPLIES, OPEN_CONCERNS = 0.37, 0.27, 0.17
THINGS = ["the revised offer", "refund for order 4711", "server outage report", "the contract",
          "Gutschrift", "Lieferdatum", "the escalation", "Angebot", "invoice", "Termin"]


def generate(data_dir: Path, commitments: int, replies: int, concerns: int,
             seed: int = 7) -> None:
    # Imported here: the scripts run this with the code of the checkout being measured.
    from coach.storage.store import open_store
    from coach.timing.timeutil import to_db

    rng = random.Random(seed)
    now = datetime(2026, 11, 26, 14, 0, tzinfo=UTC)
    store = open_store(data_dir)
    next_id = store.conn.execute("SELECT value FROM counters WHERE name='item'").fetchone()[0]

    def moment(days_back: int = 730, days_ahead: int = 30) -> datetime:
        return now + timedelta(minutes=rng.randint(-days_back * 1440, days_ahead * 1440))

    def note() -> str | None:
        return rng.choice(NOTES) if rng.random() < 0.2 else None

    with store.write() as conn:
        rows = []
        for _ in range(commitments):
            next_id += 1
            due = moment()
            is_open = due > now - timedelta(days=3) or rng.random() < OPEN_COMMITMENTS
            closed = None if is_open else due + timedelta(hours=rng.randint(-48, 24))
            outcome = None if is_open else ("kept" if closed <= due else "late")
            rows.append((next_id, f"{rng.choice(VERBS)} {rng.choice(THINGS)}",
                         rng.choice(PEOPLE), to_db(due), "open" if is_open else "done",
                         to_db(due - timedelta(days=3)), to_db(due - timedelta(days=3)),
                         to_db(closed), outcome, int(rng.random() < 0.05), note(),
                         int(rng.random() < 0.02)))
        conn.executemany(
            "INSERT INTO commitments (id, title, recipient, due, status, created, updated, "
            "closed, outcome, urgent, note, from_manager) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            rows)
        rows = []
        for _ in range(replies):
            next_id += 1
            received = moment(days_ahead=0)
            reply_by = received + timedelta(hours=rng.choice([1, 4, 24]))
            is_open = reply_by > now - timedelta(days=2) or rng.random() < OPEN_REPLIES
            rows.append((next_id, rng.choice(PEOPLE), rng.choice(["call", "voicemail", "email",
                                                                 "message"]),
                         rng.choice(THINGS), to_db(received), to_db(reply_by),
                         "open" if is_open else "returned",
                         None if is_open else to_db(reply_by - timedelta(hours=1)),
                         to_db(received), to_db(received), note()))
        conn.executemany(
            "INSERT INTO owed_replies (id, who, channel, about, received, reply_by, status, "
            "returned, created, updated, note) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
        for _ in range(concerns):
            next_id += 1
            created = moment(days_ahead=0)
            heat = rng.randint(1, 5)
            is_open = created > now - timedelta(days=30) or rng.random() < OPEN_CONCERNS
            conn.execute(
                "INSERT INTO concerns (id, title, who, heat, status, created, updated) "
                "VALUES (?,?,?,?,?,?,?)",
                (next_id, f"{rng.choice(PEOPLE)} unhappy about {rng.choice(THINGS)}",
                 rng.choice(PEOPLE), heat, "open" if is_open else "resolved", to_db(created),
                 to_db(created)))
            conn.execute("INSERT INTO concern_log (concern_id, at, kind, heat) VALUES (?,?,?,?)",
                         (next_id, to_db(created), "created", heat))
        conn.execute("UPDATE counters SET value = ? WHERE name = 'item'", (next_id,))
    store.conn.execute("ANALYZE")
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--commitments", type=int, default=100_000)
    parser.add_argument("--replies", type=int, default=50_000)
    parser.add_argument("--concerns", type=int, default=1_000)
    args = parser.parse_args()
    start = time.perf_counter()
    generate(args.data_dir, args.commitments, args.replies, args.concerns)
    print(f"generated in {time.perf_counter() - start:.1f} s: {args.data_dir / 'coach.db'}")


if __name__ == "__main__":
    main()
