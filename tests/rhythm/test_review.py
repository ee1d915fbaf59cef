"""The end-of-day review: when it is due, the catch-up, its questions, streak and slips."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from coach.i18n import set_language
from coach.rhythm import review, streak
from coach.storage import settings
from coach.storage.store import open_store
from tests.conftest import NETGUARD, REPO
from tests.rhythm.helpers import BERLIN, a_day, at

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "review"


@pytest.fixture
def store(data_dir):
    with open_store(data_dir) as s:
        yield s


def _pending(store, when: str):
    return review.pending(store, at(when), BERLIN, settings.get_all(store))


def test_the_review_is_due_at_its_time_and_a_skipped_one_is_caught_up_next_morning(store):
    a_day(store)
    # Wednesday went unreviewed: Thursday morning offers it, until Thursday's review time.
    assert _pending(store, "2026-11-26 17:00").day.isoformat() == "2026-11-25"
    streak.record(store, at("2026-11-25 18:00").date(), at("2026-11-25 18:00"), {})
    assert _pending(store, "2026-11-26 17:00") is None  # before 17:30
    due = _pending(store, "2026-11-26 17:45")
    assert (due.kind, due.day.isoformat()) == (review.TODAY, "2026-11-26")
    # Thursday's review was skipped: Friday morning offers it for Thursday.
    due = _pending(store, "2026-11-27 08:15")
    assert (due.kind, due.day.isoformat()) == (review.CATCH_UP, "2026-11-26")
    assert "skipped the review on Thursday" in due.text()
    streak.record(store, due.day, at("2026-11-27 08:20"), {"promises": 1})
    assert _pending(store, "2026-11-27 08:25") is None
    assert _pending(store, "2026-11-27 18:00").kind == review.TODAY
    # Friday skipped: the catch-up waits over the weekend, for Monday morning.
    due = _pending(store, "2026-11-30 08:00")
    assert (due.kind, due.day.isoformat()) == (review.CATCH_UP, "2026-11-27")
    # After Monday's review time only Monday's own review is offered.
    assert _pending(store, "2026-11-30 17:31").day.isoformat() == "2026-11-30"


def test_a_fresh_install_has_nothing_to_catch_up_and_the_review_can_be_off(store):
    assert _pending(store, "2026-11-27 08:15") is None
    a_day(store)
    settings.put(store, "review_time", None)
    assert _pending(store, "2026-11-26 18:00") is None


def test_the_streak_counts_working_days_and_what_the_reviews_caught(store):
    days = {0, 1, 2, 3, 4}
    for day, caught in (("2026-11-23", {"promises": 1}), ("2026-11-24", {}),
                        ("2026-11-25", {"slips": 2, "replies": 1})):
        streak.record(store, at(day + " 18:00").date(), at(day + " 18:00"), caught)
    found = streak.figures(store, at("2026-11-26 10:00"), BERLIN, days)
    assert found["review_streak"] == 3  # Thursday's review is still to come
    assert found["review_caught"] == 4
    assert found["review_caught_by_question"] == {"promises": 1, "replies": 1, "slips": 2}
    # Thursday passed without one: the streak is broken on Friday.
    assert streak.figures(store, at("2026-11-27 18:00"), BERLIN, days)["review_streak"] == 0
    # Weekends neither count nor break it.
    dates = {at(d).date() for d in ("2026-11-27 12:00", "2026-11-30 12:00")}
    assert streak.streak(dates, at("2026-11-30 19:00").date(), days) == 2


@pytest.mark.parametrize("lang", ["en", "de"])
def test_the_questions_match_the_golden_text(cli, store, lang):
    a_day(store)
    store.close()
    result = cli("review", now="2026-11-26T18:00:00+01:00", env={"COACH_LANG": lang})
    assert result.code == 0, result.err
    golden = GOLDEN / f"review.{lang}.txt"
    if os.environ.get("COACH_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(result.out, encoding="utf-8")
    assert result.out == golden.read_text(encoding="utf-8")
    # The catch-up next morning asks about Thursday by name.
    catch_up = cli("review", "--json", now="2026-11-27T08:15:00+01:00",
                   env={"COACH_LANG": lang})
    found = json.loads(catch_up.out)
    assert found["kind"] == "catch-up" and found["day"] == "2026-11-26"
    assert ("Thursday" if lang == "en" else "Donnerstag") in found["questions"][0]["text"]
    assert [q["key"] for q in found["questions"]] == list(review.QUESTIONS)


def test_slips_use_the_one_renegotiate_and_drop_with_honest_messages(store):
    from coach.ops import add, drop, renegotiate
    from coach.ops.items import require

    set_language("en")
    ids = a_day(store)
    now = at("2026-11-26 18:00")
    moved = renegotiate.renegotiate(store, require(store, ids["offer"]), at("2026-12-01 12:00"),
                                    now, "the pricing team needs a day more", BERLIN)
    assert moved.message == ("I need until Tue, 1 Dec 2026, 12:00 for “Send ACME the revised "
                             "offer”, because the pricing team needs a day more. I am sorry "
                             "for the change.")
    # Overdue when it moved: counted as renegotiated late, as `coach renegotiate` counts it.
    assert not moved.in_time
    assert renegotiate.counts(store, now, now) == {"in_time": 0, "late": 1}
    assert require(store, ids["offer"]).due == at("2026-12-01 12:00")
    note = drop.drop(store, ids["slides"], now, "The meeting was cancelled.").detail
    assert note.splitlines() == [
        "Hello Petra Lang,",
        "I have to let go of “Slides for the steering meeting”; I can't keep this promise.",
        "The meeting was cancelled.",
        "I'm sorry, and I wanted you to hear it from me now rather than wait."]
    assert require(store, ids["slides"]).status == "dropped"
    # In German the greeting names him as he is spoken to, however his name was typed.
    set_language("de")
    try:
        typed = add.add_commitment(store, "Angebot schicken", now, recipient="Herrn Jansen").first
        note = drop.drop(store, typed, now).detail
    finally:
        set_language("en")
    assert note.splitlines()[0] == "Guten Tag Herr Jansen,"


def _run_on_a_terminal(data_dir: Path, now: str, answers: list[str]) -> str:
    """`coach review` on a real pseudo-terminal, typing the answers line by line."""
    main, child = pty.openpty()
    env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_NOW=now, COACH_LANG="en",
               PYTHONPATH=str(NETGUARD))
    proc = subprocess.Popen([sys.executable, "-m", "coach", "review"], stdin=child,
                            stdout=child, stderr=child, cwd=REPO, env=env)
    os.close(child)
    os.write(main, ("\n".join(answers) + "\n").encode())
    out = b""
    while True:
        ready, _w, _x = select.select([main], [], [], 30)
        if not ready:
            proc.kill()
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    proc.wait(timeout=30)
    os.close(main)
    assert proc.returncode == 0, out.decode()
    return out.decode()


def test_coach_review_on_a_terminal_catches_up_the_skipped_day(cli, store, data_dir):
    ids = a_day(store)
    streak.record(store, at("2026-11-25 18:00").date(), at("2026-11-25 18:00"), {})
    store.close()
    answers = [
        # 1. a promise that was never logged, with its check (all yes), then done
        "Call Anna about the invoice tomorrow 10am", "y", "y", "y", "y", "y", "",
        # 2. a voicemail that was never logged
        "voicemail Tom Berger: contract", "",
        # 3. ACME heats up, the printer stays
        "+", "",
        # 4. the briefing, written now but not sent yet
        "b", "",
        # 5. the offer gets a new date, without a reason
        "n", "Tuesday 12:00", "",
        # and the slides are dropped, with a note to Petra
        "x", "The steering meeting was cancelled.",
    ]
    out = _run_on_a_terminal(data_dir, "2026-11-27T08:30:00+01:00", answers)
    assert "End-of-day review for Thursday" in out
    assert "I need until Tue, 1 Dec 2026, 12:00 for “Send ACME the revised offer”." in out
    assert "I have to let go of “Slides for the steering meeting”" in out
    assert "The steering meeting was cancelled." in out
    assert "Review done. Review streak: 2 (working days in a row); this review caught 6." in out
    listed = json.loads(cli("list", "--json", "--all", now="2026-11-27T08:31:00+01:00").out)
    titles = {c["title"]: c for c in listed["commitments"]}
    assert titles["Call Anna about the invoice"]["check"]["result"] == "safe"
    assert any(r["who"] == "Tom Berger" and r["via"] == "voicemail" for r in listed["replies"])
    assert {c["id"]: c["heat"] for c in listed["concerns"]}[ids["acme"]] == 5
    offer = {c["id"]: c for c in listed["commitments"]}[ids["offer"]]
    assert {c["id"]: c for c in listed["commitments"]}[ids["slides"]]["status"] == "dropped"
    assert (offer["status"], offer["due"]) == ("open", "2026-12-01T12:00:00+01:00")
    stats = json.loads(cli("stats", "--json", now="2026-11-27T08:31:00+01:00").out)
    assert (stats["renegotiated_in_time"], stats["renegotiated_late"]) == (0, 1)
    assert cli("review", "--json", now="2026-11-27T08:35:00+01:00").code == 0
    with open_store(data_dir) as again:
        assert _pending(again, "2026-11-27 08:35") is None
        # The briefing written in step 4 is kept, not sent (it was not marked sent).
        assert [tuple(r) for r in again.conn.execute(
            "SELECT lang, sent_at FROM briefings")] == [("en", None)]


def test_the_review_time_and_briefing_day_are_set_with_coach_settings(cli):
    assert cli("settings", "review_time").out.strip() == "17:30"
    assert cli("settings", "review_time", "16:45").code == 0
    assert cli("settings", "briefing_weekday", "mon").code == 0
    assert cli("settings", "briefing_weekday").out.strip() == "mon"
    for key, bad in (("review_time", "25:00"), ("briefing_weekday", "someday")):
        refused = cli("settings", key, bad)
        assert refused.code == 2 and refused.err.count("\n") == 1, refused.err
    assert cli("settings", "review_time").out.strip() == "16:45"
    assert cli("settings", "review_time", "off").code == 0
    assert json.loads(cli("settings", "review_time", "--json").out) is None
