"""Briefing: section choice and order, formats, golden files, mark-sent, history, mailto."""

from __future__ import annotations

import json
import os
import time
import xml.etree.ElementTree as ET
from datetime import timedelta
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from coach.briefing import build as briefing
from coach.briefing.render import mailto_url, render, to_json
from coach.model import commitment, concern, records
from coach.ops.briefing import keep
from coach.reminders.briefing_nudge import quiet_nudge
from coach.storage.settings import DEFAULTS
from tests.briefing_data import seed

GOLDEN = Path(__file__).parent / "golden" / "briefing"
ALL_KEYS = ["heads-up", "at-risk", "awaiting-ok", "done", "coming-up", "replies-owed"]


@pytest.fixture
def ids(store, now):
    return seed(store, now)


def section_ids(draft) -> dict[str, list[int]]:
    return {s.key: [i["id"] for i in s.items] for s in draft.sections}


def test_sections_come_in_order_with_the_right_items(store, now, ids):
    draft = briefing.build(store, now, lang="en")
    assert [s.key for s in draft.sections] == ALL_KEYS
    assert section_ids(draft) == {
        "heads-up": [ids["acme"], ids["printer"]],  # hottest first
        "at-risk": [ids["overdue"], ids["stuck"], ids["shaky"]],
        "awaiting-ok": [ids["ok"]],
        "done": [ids["loop"], ids["resolved"], ids["late"]],  # not the one from weeks ago
        "coming-up": [ids["soon"]],  # the offsite is more than 7 days out
        "replies-owed": [ids["reply"]],  # Tom's email is not overdue yet
    }
    risk = {i["id"]: i["reason"] for i in draft.section("at-risk").items}
    assert risk == {ids["overdue"]: "overdue", ids["stuck"]: "no-progress",
                    ids["shaky"]: "low-confidence"}
    # 2 concerns + 3 at risk + 1 awaiting OK; overdue: 1 commitment and 1 reply
    assert draft.summary == "6 things need your attention · 3 done · 2 overdue"


def test_empty_sections_are_left_out(store, now):
    draft = briefing.build(store, now, lang="en")
    assert draft.sections == []
    text = render(draft, "text").text
    assert "Nothing needs your attention · nothing overdue" in text
    assert "Nothing to report" in text


@pytest.mark.parametrize("lang", ["en", "de"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_golden(store, now, ids, lang, fmt):
    text = render(briefing.build(store, now, lang=lang), fmt).text
    golden = GOLDEN / f"briefing.{lang}.{ {'markdown': 'md', 'text': 'txt'}.get(fmt, fmt)}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_german_titles_and_summary(store, now, ids):
    draft = briefing.build(store, now, lang="de")
    assert [s.title for s in draft.sections] == [
        "Vorwarnung", "Gefährdet", "Wartet auf Ihr OK", "Erledigt", "Demnächst",
        "Offene Rückmeldungen"]
    assert draft.summary == "6 Punkte brauchen Ihre Aufmerksamkeit · 3 erledigt · 2 überfällig"


class Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.sections: list[str] = []
        self.top_items: dict[str, int] = {}

    def handle_starttag(self, tag, attrs):
        if tag == "h3":
            self.sections.append(dict(attrs)["id"])
        if tag == "li" and self.stack[-2:] == ["body", "ul"]:
            key = self.sections[-1]
            self.top_items[key] = self.top_items.get(key, 0) + 1
        if tag not in ("meta", "br"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag not in ("meta", "br"):
            assert self.stack.pop() == tag, f"</{tag}> closes something else"


def test_html_is_well_formed_and_escapes_user_text(store, now, ids):
    concern.add(store, concern.new("Tom & <b>Jerry</b>", now, heat=1))
    html = render(briefing.build(store, now, lang="de"), "html").text
    root = ET.fromstring(html.replace("<!DOCTYPE html>", ""))
    assert root.get("lang") == "de"
    assert "Tom & <b>Jerry</b>" in "".join(root.itertext())  # escaped, so it is text
    assert root.find(".//b") is None
    outline = Outline()
    outline.feed(html)
    assert outline.stack == []
    assert outline.sections == ALL_KEYS
    assert outline.top_items == {"heads-up": 3, "at-risk": 3, "awaiting-ok": 1, "done": 3,
                                 "coming-up": 1, "replies-owed": 1}


def test_cli_json_shape(cli, store, now, ids):
    result = cli("brief", "--format", "json", "--lang", "de")
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert {"summary", "since", "generated_at", "sections"} <= set(data)
    assert data["since"] is None
    assert data["generated_at"] == "2026-11-26T15:00:00+01:00"
    assert [s["key"] for s in data["sections"]] == ALL_KEYS
    assert data["sections"][1]["title"] == "Gefährdet"
    first = data["sections"][1]["items"][0]
    assert first["title"] == "Send ACME the revised offer"
    assert first["due"] == "2026-11-24T15:00:00+01:00"
    assert first["text"].startswith("Send ACME the revised offer für Jim Baker: war fällig")


def test_mark_sent_tells_concerns_closes_loops_and_restarts_done(cli, store, now, ids):
    assert cli("brief", "--mark-sent", "--format", "markdown").code == 0
    acme = records.fetch(store, concern.Concern, ids["acme"])
    assert acme.told_at == now and acme.told_heat == 4
    assert records.fetch(store, concern.Concern, ids["printer"]).told_at == now
    assert commitment.get(store, ids["loop"]).loop_state == "told"
    assert briefing.last_sent(store) == now
    later = now + timedelta(days=1)
    commitment.close(store, commitment.get(store, ids["soon"]), later - timedelta(hours=1))
    draft = briefing.build(store, later, lang="en")
    assert draft.since == now
    assert section_ids(draft)["done"] == [ids["soon"]]
    heads = draft.section("heads-up").items
    assert [i["told_heat"] for i in heads] == [4, 2]  # no longer "new to you"
    assert "My last briefing went out 1 day ago" in render(draft, "text").text
    kept = briefing.history(store)
    assert len(kept) == 1 and kept[0].sent_at == now and kept[0].format == "markdown"
    assert kept[0].text.startswith("## Status update")


def test_without_mark_sent_nothing_is_told(cli, store, ids):
    result = cli("brief")
    assert result.code == 0 and result.out.startswith("Status update")
    assert records.fetch(store, concern.Concern, ids["printer"]).told_at is None
    assert briefing.last_sent(store) is None
    assert briefing.history(store) == []  # a preview is not history (issue 17)


def test_cli_out_file_and_broken_user_template(cli, data_dir, store, ids, tmp_path):
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "briefing.en.text.j2").write_text("{% for s in sections %}")
    out = tmp_path / "brief.txt"
    result = cli("brief", "--out", str(out))
    assert result.code == 0
    assert result.out == ""
    assert "briefing.en.text.j2 is broken" in result.err and "default" in result.err
    assert result.err.count("\n") == 1
    assert out.read_text(encoding="utf-8").startswith("Status update")


def test_user_template_wins(data_dir, store, now, ids):
    (data_dir / "templates").mkdir()
    (data_dir / "templates" / "briefing.de.text.j2").write_text(
        "Kurz: {{ draft.summary }}\n", encoding="utf-8")
    result = render(briefing.build(store, now, lang="de"), "text")
    assert result.warning is None
    assert result.text == ("Kurz: 6 Punkte brauchen Ihre Aufmerksamkeit · 3 erledigt · "
                           "2 überfällig\n")


def test_sections_are_capped(store, now):
    for n in range(15):
        commitment.add(store, commitment.new(f"Late {n}", now, due=now - timedelta(hours=n + 1)))
    draft = briefing.build(store, now, lang="en")
    risk = draft.section("at-risk")
    assert len(risk.items) == briefing.CAP and risk.more == 5
    assert draft.counts["overdue"] == 15
    assert "- … and 5 more" in render(draft, "text").text


def test_focus_concern_goes_on_top(store, now, ids):
    draft = briefing.build(store, now, lang="en", focus_concern_id=ids["printer"])
    assert section_ids(draft)["heads-up"] == [ids["printer"], ids["acme"]]
    assert draft.section("heads-up").items[0]["focus"] is True


def test_mailto_encodes_umlauts_and_line_breaks():
    url, cut = mailto_url("chefin@example.com", "Lagebericht Do., 26. Nov.",
                          "Grüße an Frau Müller\nZeile 2 & mehr?")
    assert not cut
    assert url.startswith("mailto:chefin@example.com?subject=Lagebericht%20Do.%2C%2026.%20Nov.")
    assert "Gr%C3%BC%C3%9Fe" in url and "M%C3%BCller%0D%0AZeile" in url
    assert "%26%20mehr%3F" in url  # & and ? must not end the body early
    query = parse_qs(urlsplit(url).query)
    assert query["body"] == ["Grüße an Frau Müller\r\nZeile 2 & mehr?"]


def test_long_mailto_body_is_cut_at_a_line_with_a_note():
    body = "\n".join(f"Zeile {n}: Überfällige Zusage für Müller" for n in range(300))
    url, cut = mailto_url("a@b.de", "Lagebericht", body, limit=2000)
    assert cut and len(url) <= 2000
    sent = unquote(url.split("&body=")[1]).replace("\r\n", "\n")
    kept, note = sent.split("\n\n")
    assert body.startswith(kept) and kept.endswith("Müller")
    assert "clipboard" in note


def test_history_keeps_every_briefing_newest_first(store, now, ids):
    first = briefing.build(store, now, lang="en")
    one = briefing.save(store, first, render(first, "text").text, "en", "text")
    second = briefing.build(store, now + timedelta(hours=1), lang="de")
    two = keep(store, second, render(second, "html").text, "de", "html", sent=True).detail
    kept = briefing.history(store)
    assert [b.id for b in kept] == [two, one]
    assert kept[0].sent_at == now + timedelta(hours=1) and kept[1].sent_at is None
    assert kept[0].payload["draft"]["sections"][0]["title"] == "Vorwarnung"
    briefing.update_text(store, one, "edited")
    assert briefing.get(store, one).text == "edited"


def quiet_settings(**changes):
    return {**DEFAULTS, **changes}


def test_quiet_nudge_after_n_working_days_with_something_at_risk(now):
    sent = now - timedelta(days=8)  # Wednesday last week: 6 working days ago
    nudge = quiet_nudge({"last_sent": sent, "at_risk": 2, "heating": 0}, now,
                        quiet_settings())
    assert nudge is not None and nudge.action == "brief"
    assert "6 working days ago" in nudge.body and "2 commitments are at risk" in nudge.body
    assert quiet_nudge({"last_sent": sent, "at_risk": 0, "heating": 0}, now,
                       quiet_settings()) is None
    assert quiet_nudge({"last_sent": sent, "at_risk": 1, "heating": 0}, now,
                       quiet_settings(briefing_quiet_days=7)) is None
    # Friday to Thursday is 4 working days: the weekend does not count.
    assert quiet_nudge({"last_sent": now - timedelta(days=6), "at_risk": 1, "heating": 1},
                       now, quiet_settings()) is None


def test_quiet_nudge_from_the_store(store, now, ids):
    # The first seeded item dates from Friday 20 Nov; nothing was ever sent. On Thursday
    # that is 4 working days of silence, on Friday 5.
    assert quiet_nudge(store, now, quiet_settings()) is None
    nudge = quiet_nudge(store, now + timedelta(days=1), quiet_settings())
    assert nudge is not None and nudge.key.startswith("briefing-quiet:never:")
    assert nudge.body.startswith("You have not sent your manager a briefing yet")
    assert "1 concern is heating up" in nudge.body  # ACME went from 2 to 4
    draft = briefing.build(store, now, lang="en")
    keep(store, draft, "x", "en", "text", sent=True)
    assert quiet_nudge(store, now + timedelta(days=2), quiet_settings()) is None


def test_a_new_user_is_not_nudged_at_once(store, now):
    concern.add(store, concern.new("Angry customer", now - timedelta(days=1), heat=4))
    assert quiet_nudge(store, now, quiet_settings()) is None


def test_quiet_nudge_reaches_coach_remind(cli, notifications, store, ids, tmp_path):
    server = notifications()
    (tmp_path / "bin").mkdir()
    friday = "2026-11-27T15:00:00+01:00"
    result = cli("remind", "--once", now=friday, env={"PATH": str(tmp_path / "bin")})
    assert (result.code, result.err) == (0, "")
    summaries = [call["summary"] for call in server.calls()]
    assert "Time to brief your manager" in summaries
    # Once per quiet stretch, not on every pass.
    assert cli("remind", "--once", now=friday, env={"PATH": str(tmp_path / "bin")}).code == 0
    assert [c["summary"] for c in server.calls()].count("Time to brief your manager") == 1


def test_build_is_fast_on_100000_commitments(store, now, ids):
    start = records.to_db(now - timedelta(days=400))
    rows = []
    for n in range(100_000):
        due = records.to_db(now + timedelta(hours=n % 5000 - 2500))
        status = "open" if n % 3 else "done"
        rows.append((1_000_000 + n, f"Bulk {n}", due, status, start, start,
                     due if status == "done" else None, 0.9))
    with store.write() as conn:
        conn.executemany(
            "INSERT INTO commitments (id, title, due, status, created, updated, closed, "
            "confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    briefing.build(store, now, lang="en")  # templates compiled once, like in the window
    began = time.perf_counter()
    draft = briefing.build(store, now, lang="en")
    render(draft, "text")
    to_json(draft)
    elapsed = time.perf_counter() - began
    assert all(len(s.items) <= briefing.CAP for s in draft.sections)
    assert draft.section("at-risk").more > 10_000
    assert elapsed < 0.5, f"briefing took {elapsed * 1000:.0f} ms"


def test_compiled_templates_are_kept_and_never_go_stale(cli, data_dir, store, ids, tmp_path):
    """`coach brief` keeps its compiled templates in the user's cache (issue 19: compiling
    them was most of a briefing's time); an edited template is compiled again, and a damaged
    cache file is ignored, never a failed briefing."""
    cache = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    first = cli("brief", env=cache)
    assert first.code == 0 and first.out.startswith("Status update")
    kept = list((tmp_path / "cache" / "trust-coach").rglob("*.cache"))
    assert kept
    assert cli("brief", env=cache).out == first.out
    (data_dir / "templates").mkdir()
    template = data_dir / "templates" / "briefing.en.text.j2"
    template.write_text("One: {{ counts.overdue }}\n", encoding="utf-8")
    assert cli("brief", env=cache).out == "One: 2\n"
    template.write_text("Two: {{ counts.overdue }}\n", encoding="utf-8")
    assert cli("brief", env=cache).out == "Two: 2\n"
    for path in (tmp_path / "cache" / "trust-coach").rglob("*.cache"):
        path.write_bytes(b"not a compiled template")
    template.unlink()
    again = cli("brief", env=cache)
    assert (again.code, again.out, again.err) == (0, first.out, "")


@pytest.mark.parametrize(("lang", "hours", "said"), [
    ("en", 1, ", 1 hour late"), ("en", 5, ", 5 hours late"), ("en", 24, ", 1 day late"),
    ("en", 72, ", 3 days late"), ("de", 1, ", 1 Stunde verspätet"),
    ("de", 5, ", 5 Stunden verspätet"), ("de", 24, ", 1 Tag verspätet"),
    ("de", 72, ", 3 Tage verspätet")])
def test_how_late_is_said_with_whole_words(lang, hours, said):
    from coach.briefing.render import _environment, _labels_name

    labels = _environment(lang, None).get_template(_labels_name(lang)).module
    assert str(labels.late({"late_hours": hours})) == said
