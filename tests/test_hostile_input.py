"""Hostile input: whatever arrives, a clear one-line error (exit 2), no traceback, no change."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import tracemalloc
from contextlib import redirect_stderr, redirect_stdout
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from coach.cli import build_parser, run
from tests.conftest import FIXED_NOW, REPO, db_dump

HYPOTHESIS = settings(max_examples=120, deadline=None, derandomize=True,
                      suppress_health_check=[HealthCheck.function_scoped_fixture,
                                             HealthCheck.too_slow])

# Commands that only read or write the database; the ones that write files or talk to
# D-Bus or the desktop get their own tests with paths inside tmp_path.
SAFE = ("add", "reply", "concern", "heat", "told", "list", "done", "stats")
KEEP_OUT = ("--data-dir", "--out")


def _options() -> dict[str, list[str]]:
    sub = next(a for a in build_parser()._actions if hasattr(a, "choices") and a.choices
               and "add" in a.choices)
    return {name: [o for a in parser._actions for o in a.option_strings
                   if o not in KEEP_OUT]
            for name, parser in sub.choices.items() if name in SAFE}


OPTIONS = _options()
NASTY = ["", " ", "-", "--", "0", "-1", "1e9", "nan", "99999999999999999999999", "6",
         "tomorrow 10am", "nächsten Freitag", "morgen 10 Uhr", "in 2 hours", "2026-02-30",
         "fax", "\x00", "☎ 📞", "<b>bold</b> & co", "'; DROP TABLE commitments; --",
         "\u202eevil", "a" * 501, "\udcff"]


def _token(options: list[str]) -> st.SearchStrategy[str]:
    # Random text never starts with "--": argparse would read it as an abbreviation of an
    # option we keep out (--data-dir, --out), which is not what is being tested here.
    text = st.text(max_size=40).filter(lambda t: not t.startswith("--"))
    return st.one_of(st.sampled_from(options), st.sampled_from(NASTY), text,
                     st.integers().map(str))


argv_strategy = st.sampled_from(sorted(OPTIONS)).flatmap(
    lambda cmd: st.lists(_token(OPTIONS[cmd]), max_size=6).map(lambda rest: [cmd, *rest]))


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = run(argv)
        except SystemExit as exc:  # --help prints and exits 0, as argparse does
            code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def seeded(data_dir, monkeypatch) -> Path:
    monkeypatch.setenv("COACH_NOW", FIXED_NOW)
    for argv in (["add", "Offer for ACME", "--due", "tomorrow"], ["reply", "Jim"],
                 ["concern", "ACME angry", "--heat", "3"]):
        assert run_cli(argv)[0] == 0
    conn = sqlite3.connect(data_dir / "coach.db")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # one self-contained file to copy
    conn.close()
    return data_dir / "coach.db"


def assert_clean_refusal(code: int, err: str, before: list[str], db: Path) -> None:
    assert "Traceback" not in err and "unexpected error" not in err, err
    assert code in (0, 2), err
    if code == 2:
        assert err.startswith("coach: ") and err.count("\n") == 1, err
        assert db_dump(db) == before


@HYPOTHESIS
@given(argv=argv_strategy)
def test_any_command_line_is_handled_cleanly(seeded, argv):
    before = db_dump(seeded)
    code, _out, err = run_cli(argv)
    assert_clean_refusal(code, err, before, seeded)


@pytest.mark.parametrize("argv", [
    ["add", "x", "--due", "32.13.2026"], ["heat", "abc", "9"],
    ["done", "99999999999999999999999"], ["nonsense"], ["add", "bad \udcff bytes"],
])
def test_bad_command_lines_in_a_real_process(cli, data_dir, argv):
    assert cli("add", "Existing").code == 0
    before = db_dump(data_dir / "coach.db")
    env = dict(os.environ, COACH_DATA_DIR=str(data_dir), COACH_NOW=FIXED_NOW)
    # Bytes, so that the non-UTF-8 argument reaches coach the way a terminal sends it.
    proc = subprocess.run([sys.executable, "-m", "coach",
                           *[a.encode("utf-8", "surrogateescape") for a in argv]],
                          cwd=REPO, env=env, capture_output=True, timeout=60)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 2 and "Traceback" not in err
    assert err.startswith("coach: ") and err.count("\n") == 1, err
    assert db_dump(data_dir / "coach.db") == before


# --- date phrases ------------------------------------------------------------------------

DATE_WORDS = ["tomorrow", "today", "next", "friday", "in", "2", "hours", "days", "10am",
              "at", "noon", "morgen", "übermorgen", "nächsten", "Freitag", "um", "10", "Uhr",
              "Tagen", "2026-12-01", "14:30", "25:99", "-3", "0", "pm", "am", "31.02.", "week"]


@HYPOTHESIS
@given(text=st.one_of(st.text(max_size=60),
                      st.lists(st.sampled_from(DATE_WORDS), max_size=7).map(" ".join)))
def test_date_phrases_give_a_time_or_a_clear_error(text):
    from coach.timing.dates import WhenError, parse_when

    now = datetime.fromisoformat(FIXED_NOW)
    try:
        value = parse_when(text, now)
    except WhenError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert value.tzinfo is not None


# --- import files ------------------------------------------------------------------------

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner,
                                                                max_size=3),
    max_leaves=6)
COLUMNS = ["id", "title", "status", "due", "created", "updated", "who", "channel", "received",
           "reply_by", "heat", "concern_id", "commitment_id", "result", "checked_at", "key",
           "value", "at", "kind", "text", "generated_at", "parent_id", "source_id", "bogus"]
TIMES = st.sampled_from(["2026-11-26T14:00:00Z", "2026-11-26", "yesterday", "", "9999-99-99"])
row = st.dictionaries(st.sampled_from(COLUMNS), st.one_of(json_value, TIMES,
                                                          st.integers(0, 8)), max_size=8)
export_doc = st.fixed_dictionaries({
    "format": st.sampled_from(["trust-coach-export", "something-else"]),
    "version": st.one_of(st.just(1), json_value),
    "tables": st.dictionaries(
        st.sampled_from(["commitments", "owed_replies", "concerns", "promise_checks",
                         "concern_log", "briefings", "settings", "notifications", "counters",
                         "sqlite_master"]),
        st.lists(row, max_size=3), max_size=4),
})


GOOD_TIME = st.sampled_from(["2026-11-26T14:00:00Z", "2026-12-01T08:30:00Z"])
odd = st.one_of(st.none(), st.integers(-5, 10**12), st.text(max_size=10), st.floats())
plausible_doc = st.fixed_dictionaries({
    "format": st.just("trust-coach-export"), "version": st.just(1),
    "tables": st.fixed_dictionaries({
        "commitments": st.lists(st.fixed_dictionaries({
            "id": st.integers(1, 50), "title": st.one_of(st.text(min_size=1, max_size=20), odd),
            "created": GOOD_TIME, "updated": GOOD_TIME,
            "status": st.sampled_from(["open", "done", "renegotiated", "dropped", "weird"]),
        }, optional={"due": st.one_of(GOOD_TIME, odd), "urgent": odd, "confidence": odd,
                     "recipient": odd, "parent_id": odd, "loop_state": odd,
                     "awaiting_ok": odd}), max_size=3),
        "owed_replies": st.lists(st.fixed_dictionaries({
            "id": st.integers(1, 50), "who": st.one_of(st.text(min_size=1, max_size=20), odd),
            "channel": st.sampled_from(["call", "voicemail", "email", "message", "fax"]),
            "received": GOOD_TIME, "reply_by": GOOD_TIME, "created": GOOD_TIME,
            "updated": GOOD_TIME, "status": st.sampled_from(["open", "returned", "weird"]),
        }, optional={"urgent": odd, "about": odd}), max_size=3),
        "concerns": st.lists(st.fixed_dictionaries({
            "id": st.integers(1, 50), "title": st.text(min_size=1, max_size=20),
            "heat": odd, "created": GOOD_TIME, "updated": GOOD_TIME,
            "status": st.sampled_from(["open", "resolved", "weird"]),
        }, optional={"told_heat": odd, "source_id": odd}), max_size=3),
    }),
})


@HYPOTHESIS
@given(doc=st.one_of(export_doc, plausible_doc, json_value, st.binary(max_size=200)))
def test_import_files_are_taken_whole_or_refused_without_change(seeded, tmp_path, doc):
    # Each example starts from the same database, so a failure shrinks to its own file.
    folder = Path(tempfile.mkdtemp(dir=tmp_path))
    db = folder / "coach.db"
    shutil.copy(seeded, db)
    source = folder / "import.json"
    source.write_bytes(doc if isinstance(doc, bytes) else json.dumps(doc).encode())
    before = db_dump(db)
    code, _out, err = run_cli(["import", str(source), "--data-dir", str(folder)])
    event(f"import exit {code}")
    assert_clean_refusal(code, err, before, db)
    if code == 0:
        # Whatever was accepted, the app must still work on it.
        for argv in (["list", "--all"], ["list", "--json"], ["stats"], ["brief"]):
            again, _, err = run_cli([*argv, "--data-dir", str(folder)])
            assert again == 0, (argv, err)


# --- notification text -------------------------------------------------------------------

@HYPOTHESIS
@given(who=st.text(min_size=1, max_size=80), about=st.one_of(st.none(), st.text(max_size=200)))
def test_notification_text_is_shown_verbatim_never_as_markup(who, about):
    import html

    from coach.errors import CoachError
    from coach.model import owed_reply
    from coach.reminders.notify_dbus import notify_args
    from coach.reminders.notify_plyer import _safe
    from coach.reminders.schedule import reply_notification

    now = datetime.fromisoformat(FIXED_NOW)
    try:
        reply = owed_reply.new(who, "email", now, now, now, about=about)
    except CoachError:
        assume(False)
        return
    note = reply_notification(reply, now)
    body = notify_args(note)[4]
    assert "<" not in body and ">" not in body
    assert html.unescape(body) == note.body
    assert not _safe(note.title).startswith("-")


# --- huge input --------------------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    ["add", "x" * 10_000_000], ["add", "Offer", "--note", "x" * 10_000_000],
    ["reply", "y" * 10_000_000], ["concern", "z" * 10_000_000],
    ["add", "Offer", "--due", "tomorrow " * 1_000_000],
])
def test_a_ten_megabyte_argument_is_refused(seeded, argv):
    before = db_dump(seeded)
    code, _out, err = run_cli(argv)
    assert code == 2 and ("too long" in err or "understand" in err or "long" in err), err[:200]
    assert len(err) < 1000  # the message does not echo ten megabytes back
    assert db_dump(seeded) == before


def test_a_one_gigabyte_import_is_refused_without_reading_it(seeded, tmp_path):
    huge = tmp_path / "huge.json"
    with open(huge, "wb") as fh:
        fh.truncate(2**30)  # sparse: takes no disk space, reads as a gigabyte of zeros
    before = db_dump(seeded)
    tracemalloc.start()
    try:
        code, _out, err = run_cli(["import", str(huge)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 2 and "too large" in err
    assert peak < 20 * 2**20
    assert db_dump(seeded) == before


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_an_endless_device_is_refused_at_once(seeded, device):
    if not Path(device).exists():
        pytest.fail(f"{device} is missing on this system")
    tracemalloc.start()
    try:
        code, _out, err = run_cli(["import", device])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert code == 2 and "not a Trust Coach export" in err
    assert peak < 5 * 2**20


def test_import_from_a_pipe_is_bounded(cli, data_dir):
    assert cli("add", "Existing").code == 0
    before = db_dump(data_dir / "coach.db")
    result = cli("import", "/dev/stdin", input="{" + "x" * 2_000_000)
    assert result.code == 2 and "not a Trust Coach export" in result.err
    assert db_dump(data_dir / "coach.db") == before


def test_the_database_is_never_left_locked_by_a_refusal(seeded):
    # After all the refusals above, a plain write goes straight through.
    run_cli(["heat", "3", "99"])
    conn = sqlite3.connect(seeded, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
    finally:
        conn.close()
