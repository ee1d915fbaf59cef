"""Class 3: no raw control sequence reaches a terminal; one item is one line or bullet."""

from __future__ import annotations

import json
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.attack.conftest import one_clear_line, raw_controls

SLOW = settings(max_examples=6, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])
CONTROLS = st.sampled_from(["\x1b[2J", "\x1b]52;c;SGVsbG8=\x07", "\x07", "\r", "\x00", "\x7f",
                            "\x9b31m", "\u202e", "\u2067", "\n- forged item", "\x0b", "\x0c",
                            "\u2028"])
TEXT = st.builds(lambda a, c, b: f"{a}{c}{b}", st.text("abcxyz", min_size=1, max_size=5),
                 CONTROLS, st.text("abcxyz", min_size=1, max_size=5))
# A command line argument cannot carry NUL at all.
ARGUMENT = TEXT.filter(lambda text: "\x00" not in text)


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=ARGUMENT)
def test_control_characters_are_refused_at_entry_with_a_clean_message(cli, healthy, title):
    kept = int(cli("add", "Kept").out)
    for args in (("add", title), ("concern", title), ("reply", title),
                 ("add", "ok", "--to", title), ("reply", "Bob", "--about", title)):
        one_clear_line(cli(*args))
    healthy({kept})


@SLOW
@given(title=TEXT)
def test_stored_control_characters_are_shown_never_obeyed(cli, data_dir, healthy, tmp_path,
                                                         title):
    """Rows an older version let in: list, brief and errors show them as visible marks."""
    first = int(cli("add", "First", "--due", "tomorrow").out)
    item = int(cli("add", "placeholder", "--due", "tomorrow 9am").out)
    concern = int(cli("concern", "placeholder", "--heat", "4").out)
    conn = sqlite3.connect(data_dir / "coach.db")
    conn.execute("UPDATE commitments SET title = ? WHERE id = ?", (title, item))
    conn.execute("UPDATE concerns SET title = ?, note = ? WHERE id = ?", (title, title, concern))
    conn.commit()
    conn.close()
    listing = cli("list")
    assert not raw_controls(listing.out)
    # One item, one line (the examples share one data folder, so count what is open).
    open_items = json.loads(cli("list", "--json").out)
    assert len([line for line in listing.out.splitlines() if line.startswith("  ")]) == \
        sum(len(items) for items in open_items.values())
    for fmt in ("text", "markdown"):
        brief = cli("brief", "--format", fmt)
        assert brief.code == 0 and not raw_controls(brief.out), (fmt, brief.out)
        assert "- forged item" not in brief.out.replace("␊- forged item", "")
    if "\x00" not in title:
        one_clear_line(cli("done", title))
    healthy({first, item, concern})


def test_error_messages_quote_input_visibly(cli):
    result = cli("heat", "\x1b]52;c;SGk=\x07", "3")
    one_clear_line(result)
    result = cli("add", "x", "--due", "\x1b[2J\x1b[Hnext week\nforged")
    one_clear_line(result)
    assert "␛" in result.err
