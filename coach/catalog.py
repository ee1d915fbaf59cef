"""Maintain the one translation catalog: extract, merge, compile, check.

`python -m coach.catalog update` extracts every `_()`, `ngettext()` and `N_()` string from
coach/ and ui/, merges them into resources/locale/<lang>/LC_MESSAGES/coach.po (new entries
come in untranslated, vanished ones are dropped) and compiles the .mo the app loads.
`python -m coach.catalog check` lists what a translator still has to do.
"""

from __future__ import annotations

import re
import sys
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = ROOT / "resources" / "locale"
SOURCES = ("coach", "ui")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
TRANSLATED = ("de",)


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / "coach.po"


def extract() -> Catalog:
    template = Catalog(project="Trust Coach", msgid_bugs_address="", fuzzy=False)
    for source in SOURCES:
        for filename, lineno, message, comments, context in extract_from_dir(
            ROOT / source, method_map=[("**.py", "python")], keywords=KEYWORDS,
            comment_tags=("Translators:",),
        ):
            template.add(message, None, [(f"{source}/{filename}", lineno)],
                         auto_comments=comments, context=context)
    return template


def load(lang: str) -> Catalog:
    with po_path(lang).open("rb") as fh:
        return read_po(fh, locale=lang)


def compile_mo(catalog: Catalog) -> bytes:
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def update() -> None:
    template = extract()
    for lang in TRANSLATED:
        path = po_path(lang)
        if path.exists():
            catalog = load(lang)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            catalog = Catalog(locale=lang, project="Trust Coach")
        # No fuzzy matching: a guessed translation is worse than a visible English one.
        catalog.update(template, no_fuzzy_matching=True)
        catalog.obsolete.clear()
        with path.open("wb") as fh:
            write_po(fh, catalog, width=100, sort_output=False, include_previous=False)
        path.with_suffix(".mo").write_bytes(compile_mo(catalog))


# "Arbeitstag(e)", "hour(s)", "Stunde(n)": a plural needs ngettext, not brackets.
PLURAL_HACK = re.compile(r"\w\((?:e|n|s|en|es|er)\)(?!\w)")


def plural_hacks(lang: str) -> list[str]:
    """msgids and msgstrs (and the templates) that fake a plural with "(s)", "(e)", "(n)"."""
    found: list[str] = []
    for message in load(lang):
        texts = [*(message.id if isinstance(message.id, tuple) else (message.id,)),
                 *(message.string if isinstance(message.string, tuple) else (message.string,))]
        for text in texts:
            if text and PLURAL_HACK.search(text):
                found.append(f"plural hack: {text}")
    for path in sorted((ROOT / "resources" / "templates").rglob("*")):
        if not path.is_file():
            continue
        # Only the text a reader sees: "{% macro more(n) %}" is code.
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", " ", path.read_text(encoding="utf-8"),
                      flags=re.DOTALL)
        if m := PLURAL_HACK.search(text):
            found.append(f"plural hack: {path.relative_to(ROOT)}: {m[0]}")
    return found


def problems(lang: str) -> list[str]:
    """Untranslated, fuzzy and stale entries, strings missing from the catalog, plural hacks."""
    catalog = load(lang)
    found: list[str] = []
    wanted = {m.id for m in extract() if m.id}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append(f"fuzzy: {key}")
        elif not all(strings):
            found.append(f"untranslated: {key}")
        if message.id not in wanted:
            found.append(f"stale: {key}")
    for message_id in wanted:
        if message_id not in catalog:
            key = message_id if isinstance(message_id, str) else message_id[0]
            found.append(f"missing: {key}")
    found += plural_hacks(lang)
    mo = po_path(lang).with_suffix(".mo")
    if not mo.exists() or mo.read_bytes() != compile_mo(catalog):
        found.append(f"{mo.name} is out of date: run `make catalog`")
    return found


def main(argv: list[str]) -> int:
    if argv[:1] == ["update"]:
        update()
        return 0
    if argv[:1] == ["check"]:
        issues = [f"{lang}: {p}" for lang in TRANSLATED for p in problems(lang)]
        print("\n".join(issues) or "catalog complete")
        return 1 if issues else 0
    print("usage: python -m coach.catalog update|check", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
