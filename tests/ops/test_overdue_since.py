"""The status bar's overdue count follows the clock minute by minute without counting every
overdue promise again: the count from the last answer plus what fell overdue since."""

from __future__ import annotations

import random
from datetime import timedelta

from coach.model import commitment
from coach.ops.overdue import promises


def test_counting_on_from_the_last_answer_gives_what_a_full_count_gives(store, now):
    rng = random.Random(19)
    people = ["Herr Jansen", "Frau Schneider", "me", "myself", "", None, "Jim Baker"]
    for number in range(120):
        due = now + timedelta(minutes=rng.randint(-600, 600)) if number % 9 else None
        commitment.add(store, commitment.new(f"Promise {number}", now, due=due,
                                             recipient=rng.choice(people)))
    # Start before any promise is overdue for someone else, then let the clock run: the
    # first answers show fewer than three promises, later ones many.
    clock = now - timedelta(hours=11)
    state = promises(store, clock)
    seen = {state.count}
    for _minute in range(0, 22 * 60, 7):
        clock += timedelta(minutes=7)
        state = promises(store, clock, since=state)
        full = promises(store, clock)
        assert (state.count, [p.id for p in state.first]) == \
            (full.count, [p.id for p in full.first])
        seen.add(state.count)
    assert min(seen) == 0 and max(seen) > 40  # the walk went from none to all of them


def test_an_answer_from_a_later_clock_is_not_counted_on(store, now):
    commitment.add(store, commitment.new("Call Jim back", now, recipient="Jim Baker",
                                         due=now - timedelta(minutes=5)))
    later = promises(store, now + timedelta(hours=1))
    # The clock went back (a corrected system clock): everything is counted again.
    assert promises(store, now - timedelta(hours=1), since=later).count == 0
