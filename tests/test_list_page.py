"""`coach list` shows a page per kind, like `task next`: the first N items of the one exact
order, picked by SQLite from the stored static part of urgency, and how many more there are."""

from __future__ import annotations

import random
import re
import sqlite3
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.ops.add import add_commitment, add_concern, add_reply
from coach.ops.finish import finish
from coach.ops.listing import page as listing_page
from coach.ops.listing.order import OPEN, rank
from coach.ops.listing.rows import COLUMNS, KINDS, TABLES, coefficients
from coach.rules import urgency
from coach.storage import migrations
from coach.storage.store import Store, open_store
from tests.conftest import FIXED_NOW

NOW = datetime.fromisoformat(FIXED_NOW).astimezone(UTC)
WORDS = ("report", "server down", "offer", "Rückruf", "call back", "dringend", "invoice",
         "customer", "the escalation", "Termin")
PEOPLE = (None, "Jim Baker", "my boss", "Petra Lang", "ACME customer", "Frau Schneider")


def _fill(store: Store, count: int, seed: int = 19) -> None:
    """Items with many ties (same due, same words), alarm words, manager and customer,
    overdue and future times, and some finished (for --all)."""
    rng = random.Random(seed)
    dues = [NOW + timedelta(hours=h) for h in (-400, -200, -30, -1, 0, 2, 20, 50, 200, 900)]
    for n in range(count):
        title = f"{rng.choice(WORDS)} {rng.choice(('', 'asap', 'soon'))}".strip()
        made = add_commitment(store, title, NOW - timedelta(days=rng.choice((0, 3, 30))),
                              recipient=rng.choice(PEOPLE), urgent=rng.random() < 0.2,
                              due=rng.choice(dues + [None]), from_manager=rng.random() < 0.1)
        if n % 7 == 0:
            finish(store, made.first, NOW)
        made = add_reply(store, rng.choice(PEOPLE[1:]), NOW - timedelta(hours=rng.choice((1, 90))),
                         channel=rng.choice(("call", "voicemail", "email", "message")),
                         about=rng.choice(WORDS), reply_by=rng.choice(dues),
                         urgent=rng.random() < 0.2)
        if n % 5 == 0:
            finish(store, made.first, NOW)
        if n % 3 == 0:
            add_concern(store, rng.choice(WORDS), NOW, heat=rng.randint(1, 5),
                        who=rng.choice(PEOPLE))


@pytest.fixture
def full_store(data_dir):
    store = open_store(data_dir)
    _fill(store, 150)
    yield store
    store.close()


@pytest.mark.parametrize("where", [OPEN, "1"], ids=["open", "all"])
def test_the_page_is_the_head_of_the_exact_order_for_every_length(full_store, where):
    coeff = coefficients(full_store)
    for now in (NOW, NOW + timedelta(hours=1, seconds=1), NOW + timedelta(days=9)):
        for kind in KINDS:
            whole = rank(full_store, kind, now, coeff, where)
            for limit in range(1, len(whole) + 2, 3):
                shown, total = listing_page.top(full_store, kind, now, coeff, where, limit)
                assert [r[0] for r, _u in shown] == whole.ids[:limit].tolist(), (kind, limit)
                assert [u.score for _r, u in shown] == whole.scores[:limit].tolist()
                assert total == len(whole)


def _sections(text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    heading = None
    for line in text.splitlines():
        if line and not line.startswith((" ", "…")):
            heading = line
            found[heading] = []
        elif line.startswith(" "):
            found[heading].append(line)
    return found


@pytest.mark.parametrize("extra", [(), ("--all",)], ids=["open", "all"])
def test_coach_list_prints_the_first_lines_of_limit_0(cli, data_dir, extra):
    with open_store(data_dir) as store:
        _fill(store, 60)
    everything = _sections(cli("list", "--limit", "0", *extra).out)
    for limit in ("1", "7", "20"):
        result = cli("list", "--limit", limit, *extra)
        assert result.code == 0, result.err
        for heading, lines in _sections(result.out).items():
            assert lines == everything[heading][:int(limit)], (heading, limit)
    default = cli("list", *extra).out
    assert _sections(default) == {h: lines[:20] for h, lines in everything.items()}
    assert "more" not in cli("list", "--limit", "0", *extra).out


def test_the_line_under_a_page_counts_the_rest_in_english_and_german(cli):
    for title in ("First", "Second", "Third"):
        cli("add", title)
    cli("reply", "Jim Baker")
    cli("reply", "Anna")
    out = cli("list", "--limit", "1").out
    assert "… and 2 more commitments: coach list --limit 0 shows all" in out
    assert "… and 1 more owed reply: coach list --limit 0 shows all" in out
    german = cli("list", "--limit", "1", env={"COACH_LANG": "de"}).out
    assert "… und 2 weitere Zusagen: coach list --limit 0 zeigt alle" in german
    assert "… und 1 weitere offene Rückmeldung: coach list --limit 0 zeigt alle" in german
    assert "more" not in cli("list").out  # everything fits on the page


@pytest.mark.parametrize("value", ["-1", "x", "1.5", "", "２"])
def test_a_bad_limit_is_one_line_and_exit_2(cli, data_dir, value):
    cli("add", "Something")
    before = (data_dir / "coach.db").read_bytes()
    result = cli("list", "--limit", value)
    assert result.code == 2
    assert result.out == ""
    assert len(result.err.strip().splitlines()) == 1 and "--limit" in result.err
    assert "Traceback" not in result.err
    assert (data_dir / "coach.db").read_bytes() == before


def _first_title(cli, *args) -> str:
    line = _sections(cli("list", *args).out)["Commitments"][0]
    return re.split(r"\s{2,}", line.strip())[1]


def test_an_alarm_word_added_or_removed_moves_the_item_at_once(cli):
    cli("add", "Plain thing", "--due", "in 3 days")
    target = cli("add", "Send the report", "--due", "in 5 days").out.strip()
    cli("add", "Filler", "--due", "in 4 days")
    assert _first_title(cli) == "Plain thing"
    cli("edit", target, "--title", "Send the report, dringend")
    assert _first_title(cli) == "Send the report, dringend"
    cli("edit", target, "--title", "Send the report")
    assert _first_title(cli) == "Plain thing"


def test_changing_the_manager_or_the_alarm_words_reorders_at_once(cli, data_dir):
    from coach.storage import settings

    cli("add", "Plain thing", "--due", "in 3 days")
    cli("add", "Deck for Petra", "--to", "Petra Lang", "--due", "in 5 days")
    cli("add", "Blumenkohl order", "--due", "in 6 days")
    assert _first_title(cli) == "Plain thing"
    assert cli("settings", "manager_name", "Petra Lang").code == 0
    assert _first_title(cli) == "Deck for Petra → Petra Lang"
    # The user's own alarm words have no command; an import or the window sets them.
    with open_store(data_dir) as store:
        settings.put(store, "urgency_keywords", ["blumenkohl"])
    assert _first_title(cli) == "Blumenkohl order"
    with open_store(data_dir) as store:
        settings.put(store, "urgency_keywords", [])
    assert _first_title(cli) == "Deck for Petra → Petra Lang"
    assert cli("settings", "manager_name", "Jim").code == 0
    assert _first_title(cli) == "Plain thing"


def test_changing_when_a_concern_heats_up_reorders_at_once(cli):
    cli("concern", "Warm", "--heat", "3")
    for n in range(3):
        cli("concern", f"Cool {n}", "--heat", "2", "--who", "Jim")
    assert _sections(cli("list", "--limit", "1").out)["Concerns"][0].split()[1] == "Warm"
    # Heat 2 now counts as heating up: "tell your manager today" lifts those above.
    assert cli("settings", "concern_nudge_heat", "2").code == 0
    assert cli("settings", "concern_nudge_rise", "1").code == 0
    page = _sections(cli("list", "--limit", "2").out)["Concerns"]
    assert _sections(cli("list", "--limit", "0").out)["Concerns"][:2] == page


def test_a_stored_part_is_never_written_over_a_concurrent_edit(data_dir):
    from coach.ops.listing import static

    with open_store(data_dir) as store:
        item = add_commitment(store, "Send the report", NOW).first
        coeff = coefficients(store)
        assert static.prepare(store, coeff)
        row = store.conn.execute(f"SELECT {COLUMNS['commitment']} FROM commitments").fetchone()
        assert store.conn.execute("SELECT static_points FROM commitments").fetchone()[0] == 0
        # Another process edits the title after this reader read the row: the trigger
        # forgets the part, and the reader's stale part is not written back.
        other = sqlite3.connect(data_dir / "coach.db")
        other.execute("UPDATE commitments SET title = 'Server down' WHERE id = ?", (item,))
        other.commit()
        other.close()
        mine = static.stamp(coeff)
        static._write(store, {"commitment": [static._values(row, static.static_of(
            "commitment", row, coeff))]}, mine, mine)
        assert store.conn.execute("SELECT static_points FROM commitments").fetchone()[0] \
            is None
        assert static.prepare(store, coeff)
        assert store.conn.execute("SELECT static_points FROM commitments").fetchone()[0] == 12


times = st.one_of(st.none(), st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2028, 1, 1), timezones=st.just(UTC)))
texts = st.lists(st.sampled_from(("report", "Störung!", "dringend", "call", "boss", "kunde",
                                   "ASAP", "ß", "Petra", "", "x")), max_size=4).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(when=times, since=times, urgent=st.booleans(), manager=st.booleans(),
       who=st.one_of(st.none(), texts), text=texts,
       channel=st.sampled_from((None, "call", "voicemail", "email", "message")),
       heat=st.one_of(st.none(), st.integers(1, 5)),
       told=st.one_of(st.none(), st.integers(1, 5)), promise=st.booleans(),
       manager_name=st.sampled_from(("", "Petra Lang", "ab")))
def test_assess_is_the_static_part_plus_the_time_part(when, since, urgent, manager, who,
                                                      text, channel, heat, told, promise,
                                                      manager_name):
    coeff = urgency.Coefficients(manager_name=manager_name)
    found = urgency.assess(now=NOW, coeff=coeff, when=when, since=since, urgent=urgent,
                           manager=manager, who=who, text=text, channel=channel, heat=heat,
                           told_heat=told, promise=promise)
    fixed = urgency.static_part(coeff=coeff, urgent=urgent, manager=manager, who=who,
                                text=text, channel=channel, heat=heat, told_heat=told,
                                promise=promise)
    assert urgency.timed_score(fixed.points, fixed.flags, now=NOW, when=when, since=since,
                               coeff=coeff) == found.score  # bit for bit
    assert fixed.keyword == found.keyword


def test_the_stored_inputs_are_the_columns_a_list_reads():
    for kind in KINDS:
        assert migrations.STATIC_INPUTS[TABLES[kind]] == tuple(COLUMNS[kind].split(", ")[1:-1])


def test_an_older_database_gets_the_columns_and_its_list_fills_them(data_dir, monkeypatch, cli):
    data_dir.mkdir(parents=True)
    full = list(migrations.MIGRATIONS)
    before = full.index(migrations._v14_static_urgency)
    monkeypatch.setattr(migrations, "MIGRATIONS", full[:before])
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", before)
    store = Store(data_dir / "coach.db")
    _fill(store, 30)
    store.close()
    monkeypatch.setattr(migrations, "MIGRATIONS", full)
    monkeypatch.setattr(migrations, "SCHEMA_VERSION", len(full))
    with open_store(data_dir) as store:
        unset = store.conn.execute(
            "SELECT count(*) FROM commitments WHERE static_points IS NULL").fetchone()[0]
        assert unset == store.conn.execute("SELECT count(*) FROM commitments").fetchone()[0]
    listed = cli("list", "--limit", "5")
    assert listed.code == 0, listed.err
    everything = _sections(cli("list", "--limit", "0").out)
    assert _sections(listed.out) == {h: lines[:5] for h, lines in everything.items()}
    with open_store(data_dir) as store:
        for table in TABLES.values():
            assert store.conn.execute(
                f"SELECT count(*) FROM {table} WHERE static_points IS NULL").fetchone()[0] == 0


@pytest.mark.parametrize("where", [OPEN, "1"], ids=["open", "all"])
def test_ranking_from_the_stored_part_is_the_same_order_and_scores(full_store, where):
    coeff = coefficients(full_store)
    with full_store.write() as conn:  # one item edited since: its part is made afresh
        conn.execute("UPDATE commitments SET title = 'server down' WHERE id = 1")
    for now in (NOW, NOW + timedelta(days=2, minutes=7)):
        for kind in KINDS:
            plain = rank(full_store, kind, now, coeff, where)
            stored = rank(full_store, kind, now, coeff, where, stored=True)
            assert stored.ids == plain.ids and stored.scores == plain.scores


def test_an_export_holds_no_stored_part(cli, tmp_path):
    cli("add", "Server down at ACME")
    assert cli("list").code == 0  # fills the stored part
    target = tmp_path / "out.json"
    assert cli("export", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    assert "Server down at ACME" in text and "static_points" not in text
    assert "static_flags" not in text


def test_a_database_that_cannot_be_written_still_gets_the_exact_page(data_dir):
    from coach.storage import settings

    with open_store(data_dir) as store:
        _fill(store, 40)  # never listed: no stored part yet
    reader = Store(data_dir / "coach.db", read_only=True)
    try:
        coeff = coefficients(reader)
        for kind in KINDS:
            whole = rank(reader, kind, NOW, coeff, OPEN)
            shown, _total = listing_page.top(reader, kind, NOW, coeff, OPEN, 7)
            assert [r[0] for r, _u in shown] == whole.ids[:7].tolist()
    finally:
        reader.close()
    with open_store(data_dir) as store:
        listing_page.top(store, "commitment", NOW, coefficients(store), OPEN, 7)  # fills
        settings.put(store, "manager_name", "Jim Baker")  # the stored parts are stale now
    reader = Store(data_dir / "coach.db", read_only=True)
    try:
        coeff = coefficients(reader)
        whole = rank(reader, "commitment", NOW, coeff, OPEN)
        shown, _total = listing_page.top(reader, "commitment", NOW, coeff, OPEN, 7)
        assert [r[0] for r, _u in shown] == whole.ids[:7].tolist()
    finally:
        reader.close()
