"""The German catalog is complete, and no user-visible string escapes it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from coach import catalog

ROOT = Path(__file__).resolve().parent.parent

# Qt calls whose string arguments a user reads.
QT_TEXT_CALLS = {
    "setText", "setWindowTitle", "setToolTip", "setStatusTip", "setPlaceholderText",
    "addMenu", "addAction", "setTitle", "showMessage", "setLabelText", "setWhatsThis",
    "addTab", "setTabText", "information", "warning", "critical", "question", "QLabel",
    "QPushButton", "QAction", "QCheckBox", "QRadioButton", "QGroupBox", "QMenu",
    "setHtml", "setPlainText", "setHeaderLabels", "addItem", "addRow", "setSuffix",
    "setPrefix", "setSpecialValueText", "QToolButton", "setAccessibleName", "setInformativeText",
    "QMessageBox", "setDetailedText", "getSaveFileName", "getOpenFileName", "getExistingDirectory",
    "getText", "getItem", "PlainLabel", "RichLabel", "message_box", "ask", "set_informative",
    "tip", "setItemText", "insertItem", "addItems", "setHorizontalHeaderLabels",
    "showText", "setStatusMessage", "setButtonText", "addButton", "setNameFilter", "setLabel",
}
# Core calls whose string arguments a user reads.
CORE_TEXT_CALLS = {"CoachError", "FutureDatabaseError", "DamagedDatabaseError", "print",
                   "add_parser", "add_argument", "ArgumentParser", "add_argument_group", "error",
                   "exit", "write", "NotifyError"}
# Keyword arguments that carry prose (None: **kwargs).
TEXT_KEYWORDS = {None, "help", "text", "title", "description", "epilog", "caption", "filter",
                 "message"}
TRANSLATORS = {"_", "ngettext", "N_"}


def _name(func: ast.expr) -> str:
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _looks_like_words(text: str) -> bool:
    # Shortcuts ("Ctrl+N"), object names, icon names and format-only strings are not prose.
    letters = sum(ch.isalpha() for ch in text)
    return letters >= 3 and " " in text.strip() or (letters >= 3 and text[:1].isupper()
                                                    and text.isalpha())


def _literal_text(arg: ast.expr) -> str | None:
    """The literal words of an argument: a string, or an f-string's fixed parts."""
    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
        return arg.value
    if isinstance(arg, ast.JoinedStr):
        # Substituted values stand for themselves; only the fixed text can be English prose.
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in arg.values)
    if isinstance(arg, ast.BinOp) and isinstance(arg.op, ast.Add):
        parts = [_literal_text(arg.left), _literal_text(arg.right)]
        return "".join(p if p is not None else "{}" for p in parts)
    return None


def _without_markup(text: str) -> str:
    # HTML tags and placeholders around a translated string are not words a user reads.
    text = re.sub(r"<[^>]*>|<[^>]*$|^[^<]*>", " ", text)
    return " ".join(part for part in text.split() if any(ch.isalpha() for ch in part))


DEVELOPER_TOOLS = {"coach/catalog.py"}  # run by developers, never shown to users


def unmarked_strings(folder: str, calls: set[str], root: Path = ROOT) -> list[str]:
    found = []
    for path in sorted((root / folder).rglob("*.py")):
        if str(path.relative_to(root)) in DEVELOPER_TOOLS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or _name(node.func) not in calls:
                continue
            arguments = list(node.args) + [k.value for k in node.keywords
                                           if k.arg in TEXT_KEYWORDS]
            for arg in arguments:
                text = _literal_text(arg)
                if text is not None and _looks_like_words(_without_markup(text)):
                    where = f"{path.relative_to(root)}:{node.lineno}"
                    found.append(f"{where}: {text!r}")
    return found


@pytest.mark.parametrize("lang", catalog.TRANSLATED)
def test_catalog_has_no_untranslated_fuzzy_stale_or_missing_entries(lang):
    assert catalog.problems(lang) == []


def test_every_user_visible_string_in_ui_is_marked():
    assert unmarked_strings("ui", QT_TEXT_CALLS) == []


def test_every_user_visible_string_in_core_is_marked():
    assert unmarked_strings("coach", CORE_TEXT_CALLS) == []


def test_the_checker_catches_an_unmarked_string(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "bad.py").write_text(
        "label.setText('Add your first commitment')\nlabel.setText(_('Marked text'))\n")
    assert unmarked_strings("ui", QT_TEXT_CALLS, root=tmp_path) == [
        "ui/bad.py:1: 'Add your first commitment'"]


def test_the_checker_reads_f_strings_but_not_markup_around_marked_text(tmp_path):
    (tmp_path / "ui").mkdir()
    (tmp_path / "ui" / "mixed.py").write_text(
        "label.setText(f'<a href=\"{url}\">{_(\"Licence\")}</a> (GPL-3.0)')\n"
        "label.setToolTip(f'Open {name} in a new window')\n"
        "QMessageBox.warning(self, 'Cannot save', text)\n")
    assert unmarked_strings("ui", QT_TEXT_CALLS, root=tmp_path) == [
        "ui/mixed.py:2: 'Open {} in a new window'",
        "ui/mixed.py:3: 'Cannot save'"]


def test_german_comes_out_of_the_catalog():
    from coach.i18n import _, set_language

    try:
        set_language("de")
        assert _("Commitments") == "Zusagen"
        assert _("Owed replies") == "Offene Rückmeldungen"
        assert _("Concerns") == "Warnsignale"
    finally:
        set_language("en")


# --- issue 18: no plural hacks, no code words in German ------------------------------------

@pytest.mark.parametrize("text", ["Arbeitstag(e)", "Stunde(n)", " hour(s)", "day(s) left"])
def test_plural_hacks_are_found(text: str) -> None:
    assert catalog.PLURAL_HACK.search(text)


@pytest.mark.parametrize("text", ["more(n)", "(s. unten)", "Tag (e. V.)", "(n = 3)"])
def test_brackets_that_are_no_plural_hack(text: str) -> None:
    assert not catalog.PLURAL_HACK.search(text) or text == "more(n)"


@pytest.mark.parametrize("lang", catalog.TRANSLATED)
def test_no_plural_hacks_in_the_catalog_or_the_templates(lang: str) -> None:
    assert catalog.plural_hacks(lang) == []


# Values the code stores and compares; a German reader must never see them.
CODE_WORDS = re.compile(
    r"\b(?:not-yet|own-part|call-now|this-week|step-in|awaiting_ok|report_back|loop_state"
    r"|renegotiated|voicemail|email|message|unsure|skipped|None|True|False)\b"
    r"|(?<![\w-])(?:open|done|dropped|call|safe)(?![\w-])")


def test_german_output_shows_no_code_words(cli) -> None:
    de = {"COACH_LANG": "de"}
    outputs = []
    for check in ("control=nein,authority=nein,date=ja,facts=unsicher,manager=ja",
                  "control=unsicher,authority=ja,date=ja,facts=ja,manager=nein",
                  "control=ja,authority=ja,date=ja,facts=ja,manager=ja", "skip"):
        result = cli("add", "Erstattung prüfen", "--to", "Herr Jansen", "--due",
                     "morgen 10 Uhr", "--check", check, env=de)
        assert result.code == 0, result.err
        outputs.append(result.err)
    for via in ("Anruf", "Mailbox", "E-Mail", "Nachricht"):
        assert cli("reply", "Frau Koch", "--via", via, "--about", "Angebot", env=de).code == 0
    concern = cli("concern", "Kunde verärgert", "--who", "Herr Jansen", "--heat", "4",
                  env=de).out.strip()
    cli("told", concern, env=de)
    done = cli("add", "Bericht schicken", "--to", "Herrn Jansen", "--due", "2026-11-25 09:00",
               env=de).out.strip()
    cli("done", done, env=de)
    outputs += [cli("list", env=de).out, cli("list", "--all", env=de).out,
                cli("brief", "--lang", "de", env=de).out,
                cli("brief", "--lang", "de", "--format", "markdown", env=de).out,
                cli("stats", env=de).out]
    text = "\n".join(outputs)
    assert not CODE_WORDS.findall(text), text
    assert "Bei Herrn Jansen zu „Erstattung prüfen“ melden" in text
    assert "an Herr " not in text and "für Herr " not in text and "bei Herr " not in text


def test_german_check_and_channel_values_on_the_command_line(cli) -> None:
    import json

    added = cli("add", "Angebot", "--check", "control=ja,authority=nein,facts=unsicher")
    assert added.code == 0, added.err
    first = int(added.out.split()[0])
    for via in ("Anruf", "Mailbox", "E-Mail", "Mail", "Nachricht"):
        assert cli("reply", "Jim", "--via", via).code == 0
    listed = json.loads(cli("list", "--json").out)
    check = next(c for c in listed["commitments"] if c["id"] == first)["check"]
    assert check["answers"]["control"] == "yes" and check["answers"]["authority"] == "no"
    assert check["answers"]["facts"] == "unsure"
    assert sorted(r["via"] for r in listed["replies"]) == ["call", "email", "email", "message",
                                                           "voicemail"]
    bad = cli("reply", "Jim", "--via", "Brieftaube")
    assert bad.code == 2 and bad.err.count("\n") == 1 and "Brieftaube" in bad.err
