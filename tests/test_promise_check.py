"""Promise check: the rule for all 243 answer combinations, the wording, the records, the CLI."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from coach import i18n
from coach.errors import CoachError
from coach.model import commitment
from coach.rules import promise_check as pc
from tests.conftest import db_dump

TZ = ZoneInfo("Europe/Berlin")
ALL = [dict(zip(pc.QUESTIONS, combo, strict=True))
       for combo in itertools.product(pc.ANSWERS, repeat=len(pc.QUESTIONS))]
LEVEL = {pc.SAFE: 0, pc.OWN_PART: 1, pc.NOT_YET: 2}
WORSE = {pc.YES: (pc.UNSURE, pc.NO), pc.UNSURE: (pc.NO,), pc.NO: ()}


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.fixture
def german():
    previous = i18n.current_language()
    i18n.set_language("de")
    yield
    i18n.set_language(previous)


def test_every_combination_has_exactly_one_defined_result():
    assert len(ALL) == 243
    results = [pc.result_of(answers) for answers in ALL]
    assert set(results) == set(pc.RESULTS)
    assert results.count(pc.SAFE) == 1  # only all-yes is safe


@pytest.mark.parametrize("answers", ALL, ids=lambda a: ",".join(a.values()))
def test_doubt_never_makes_a_promise_safer(answers):
    result, confidence = pc.result_of(answers), pc.confidence_of(answers)
    assert 0 < confidence <= pc.TOP_CONFIDENCE
    for question in pc.QUESTIONS:
        for worse in WORSE[answers[question]]:
            changed = dict(answers, **{question: worse})
            assert LEVEL[pc.result_of(changed)] >= LEVEL[result], (question, worse)
            assert pc.confidence_of(changed) <= confidence


@pytest.mark.parametrize("answers, expected", [
    ({}, pc.NOT_YET),  # nothing answered: everything is unsure, authority included
    (dict.fromkeys(pc.QUESTIONS, "yes"), pc.SAFE),
    ({"control": "no", "authority": "yes", "date": "yes", "facts": "yes", "manager": "yes"},
     pc.OWN_PART),
    ({"control": "unsure", "authority": "yes", "date": "unsure", "facts": "unsure",
      "manager": "unsure"}, pc.OWN_PART),
    ({"control": "yes", "authority": "no", "date": "yes", "facts": "yes", "manager": "yes"},
     pc.NOT_YET),
    ({"control": "yes", "authority": "unsure", "date": "yes", "facts": "yes", "manager": "yes"},
     pc.NOT_YET),
    ({"control": "yes", "authority": "yes", "date": "no", "facts": "yes", "manager": "yes"},
     pc.NOT_YET),
    ({"control": "yes", "authority": "yes", "date": "yes", "facts": "no", "manager": "yes"},
     pc.NOT_YET),
    ({"control": "yes", "authority": "yes", "date": "yes", "facts": "yes", "manager": "no"},
     pc.NOT_YET),
])
def test_representative_cases(answers, expected):
    assert pc.result_of(answers) == expected


def test_confidence_and_manager_flag():
    everything_yes = dict.fromkeys(pc.QUESTIONS, pc.YES)
    assert pc.confidence_of(everything_yes) == 0.95
    assert pc.confidence_of(dict(everything_yes, date="unsure")) == 0.71
    assert pc.confidence_of(dict(everything_yes, authority="no")) == 0.38
    now = at("2026-11-26T15:00+01:00")
    assert not pc.evaluate(everything_yes, now, None, TZ).awaiting_ok
    assert pc.evaluate(dict(everything_yes, manager="unsure"), now, None, TZ).awaiting_ok
    assert pc.evaluate({"manager": "no"}, now, None, TZ).awaiting_ok


def test_get_back_is_end_of_next_working_day_or_the_earlier_due():
    thursday = at("2026-11-26T15:00+01:00")
    assert pc.get_back_time(thursday, None, TZ) == at("2026-11-27T17:00+01:00")
    friday = at("2026-11-27T15:00+01:00")
    assert pc.get_back_time(friday, None, TZ) == at("2026-11-30T17:00+01:00")  # Monday
    assert pc.get_back_time(thursday, at("2026-11-27T10:00+01:00"), TZ) == at(
        "2026-11-27T10:00+01:00")


@pytest.mark.parametrize("text, expected", [
    ("control=no,authority=no,date=yes,facts=unsure,manager=yes",
     {"control": "no", "authority": "no", "date": "yes", "facts": "unsure", "manager": "yes"}),
    (" Control = YES , facts=not-sure ", {"control": "yes", "facts": "unsure"}),
    ("date=not_sure", {"date": "unsure"}),
])
def test_parse_answers(text, expected):
    assert pc.parse_answers(text) == expected


@pytest.mark.parametrize("text, fragment", [
    ("colour=yes", 'Unknown promise check question "colour"'),
    ("control=maybe", '"maybe" is not an answer for "control"'),
    ("control", "is not QUESTION=ANSWER"),
    ("control=yes,control=no", 'answers "control" twice'),
    ("", "needs answers"),
])
def test_parse_answers_rejects_bad_input(text, fragment):
    with pytest.raises(CoachError, match=fragment):
        pc.parse_answers(text)


def test_skip_means_no_answers():
    assert pc.parse_answers("skip") is None


def test_english_wording_uses_person_date_and_who_else():
    now = at("2026-11-26T15:00+01:00")
    not_yet = pc.wording(pc.NOT_YET, "Refund for order 4411", "Frau Schneider",
                         at("2026-11-26T17:00+01:00"), now, TZ, "en", others="billing")
    assert not_yet == ("Frau Schneider, I don't want to promise you anything on “Refund for "
                       "order 4411” that I can't keep. I'll check it with billing and get back "
                       "to you by 5 pm today.")
    safe = pc.wording(pc.SAFE, "Revised offer", None, at("2026-11-30T09:30+01:00"), now, TZ, "en")
    assert safe == "I'll take care of “Revised offer” myself, and you'll have it by Monday 9:30 am."
    own = pc.wording(pc.OWN_PART, "Fix", "Jim", at("2026-12-10T15:00+01:00"), now, TZ, "en")
    assert own.startswith("Jim, here is what I can promise on “Fix”")
    assert own.endswith("by Thursday 10 December, 3 pm where it stands.")


def test_german_wording_comes_from_german_templates_with_sie(german):
    now = at("2026-11-26T15:00+01:00")
    text = pc.wording(pc.NOT_YET, "Gutschrift", "Frau Schneider", at("2026-11-27T15:00+01:00"),
                      now, TZ)
    assert text == ("Frau Schneider, zu „Gutschrift“ möchte ich Ihnen nichts versprechen, was ich "
                    "nicht halten kann. Ich kläre das mit den Zuständigen und melde mich bis "
                    "morgen um 15 Uhr bei Ihnen.")
    safe = pc.wording(pc.SAFE, "Angebot", None, at("2026-11-30T09:30+01:00"), now, TZ)
    assert safe == "Darum kümmere ich mich selbst: „Angebot“ – Sie haben es bis Montag, 09:30 Uhr."
    assert pc.say_when(at("2026-11-26T15:00+01:00"), now, TZ) == "heute um 15 Uhr"
    assert pc.get_back_title("Gutschrift", "Frau Schneider") == (
        "Bei Frau Schneider zu „Gutschrift“ melden")


def test_no_due_date_speaks_of_the_end_of_the_next_working_day(now):
    item = commitment.new("Offer", now, recipient="Jim")
    verdict = pc.evaluate(dict.fromkeys(pc.QUESTIONS, pc.YES), now, None, TZ)
    assert pc.wording_for(verdict, item, now, TZ, "en").endswith("by 5 pm tomorrow.")


def test_not_yet_records_the_risky_commitment_and_a_get_back(store, now):
    item = commitment.new("Refund for order 4411", now, recipient="Frau Schneider",
                          due=at("2026-12-01T12:00+01:00"))
    done = pc.record(store, item, {"authority": "no", "manager": "no"}, now, TZ, "en",
                     others="billing")
    assert done.result == pc.NOT_YET and len(done.ids) == 2
    risky, back = commitment.get(store, done.ids[0]), commitment.get(store, done.ids[1])
    assert risky.confidence == pc.confidence_of({"authority": "no", "manager": "no"})
    assert risky.awaiting_ok is True
    assert back.parent_id == risky.id and back.recipient == "Frau Schneider"
    assert back.due == at("2026-11-27T17:00+01:00")
    assert back.title == "Get back to Frau Schneider about “Refund for order 4411”"
    assert back.confidence == pc.TOP_CONFIDENCE and not back.awaiting_ok
    assert pc.load(store, risky.id) == {"result": "not-yet", "answers": {
        "control": "unsure", "authority": "no", "date": "unsure", "facts": "unsure",
        "manager": "no"}}
    assert pc.load(store, back.id) is None
    assert "check it with billing" in done.wording


def test_safe_and_skipped_record_one_commitment(store, now):
    safe = pc.record(store, commitment.new("Offer", now), dict.fromkeys(pc.QUESTIONS, "yes"),
                     now, TZ)
    skipped = pc.record(store, commitment.new("Call", now), None, now, TZ)
    assert len(safe.ids) == len(skipped.ids) == 1
    assert commitment.get(store, safe.ids[0]).awaiting_ok is False
    assert pc.load(store, skipped.ids[0]) == {"result": "skipped", "answers": {}}
    assert commitment.get(store, skipped.ids[0]).confidence is None


def test_cli_check_prints_ids_and_wording_and_list_shows_the_check(cli):
    result = cli("add", "Refund for order 4411", "--to", "Frau Schneider", "--due",
                 "friday 15:00", "--check",
                 "control=no,authority=no,date=yes,facts=unsure,manager=yes")
    assert result.code == 0, result.err
    risky, back = (int(line) for line in result.out.split("\n") if line)
    assert "Promise check: not yet —" in result.err and "not-yet" not in result.err
    assert "get back to you by 3 pm tomorrow" in result.err
    listed = {c["id"]: c for c in json.loads(cli("list", "--json").out)["commitments"]}
    assert listed[risky]["check"] == {"result": "not-yet", "answers": {
        "control": "no", "authority": "no", "date": "yes", "facts": "unsure", "manager": "yes"}}
    assert listed[risky]["confidence"] == 0.11
    assert listed[back]["check"] is None and listed[back]["confidence"] == 0.95
    unchecked = int(cli("add", "Plain").out)
    assert json.loads(cli("list", "--json").out)["commitments"][-1]["id"] == unchecked
    assert json.loads(cli("list", "--json").out)["commitments"][-1]["check"] is None


def test_cli_missing_answers_count_as_unsure_and_skip_is_recorded(cli):
    partial = cli("add", "Offer", "--to", "Jim", "--check",
                  "control=yes,authority=yes,date=yes,facts=yes")
    skipped = cli("add", "Call", "--check", "skip")
    assert partial.code == skipped.code == 0
    assert "own part only" in partial.err and "own-part" not in partial.err
    assert "manager's OK" in partial.err
    listed = {c["id"]: c for c in json.loads(cli("list", "--json").out)["commitments"]}
    assert listed[int(partial.out)]["check"]["answers"]["manager"] == "unsure"
    assert listed[int(skipped.out)]["check"] == {"result": "skipped", "answers": {}}


def test_cli_german_wording(cli):
    result = cli("add", "Gutschrift", "--to", "Frau Schneider", "--check", "authority=no",
                 env={"COACH_LANG": "de"})
    assert result.code == 0, result.err
    assert "melde mich bis morgen um 17 Uhr bei Ihnen" in result.err


@pytest.mark.parametrize("answers", ["colour=yes", "control=maybe", "control", ""])
def test_cli_bad_answers_exit_2_and_write_nothing(cli, data_dir, answers):
    cli("add", "Existing")
    before = db_dump(data_dir / "coach.db")
    result = cli("add", "Refund", "--check", answers)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("coach: ") and len(result.err.strip().splitlines()) == 1
    assert db_dump(data_dir / "coach.db") == before
