"""German case for people's names: "an Herrn Jansen", "für Herrn Jansen", "Herr Jansen wartet".

Only "Herr" changes with the case ("Herrn" in the accusative and dative, one form for both);
"Frau", first names and surnames do not. A name is stored as the user typed it, so it may
come in either form; each text asks for the form its sentence needs:

- `obj(name)` after a preposition or as an object: "Rückmeldung an {who}" gets "Herrn Jansen".
- `subj(name)` as the subject or when speaking to the person: "Hallo Herr Jansen,".
- `address(name)` the short form to greet someone: a first name, or title and surname.

Both only act when the text is German (the language shown, or `lang`); English keeps the name
exactly as typed.
"""

from __future__ import annotations

import re

# "Herr", "Hr." and after a preposition "Herrn", "Hrn.", at the start or after an "an"/"und".
_HERR_RE = re.compile(r"(?<![\w.])(Herr|HERR|herr|Hr\.)(?=\s+\S)")
_HERRN_RE = re.compile(r"(?<![\w.])(Herrn|HERRN|herrn|Hrn\.)(?=\s+\S)")
_OBJECT = {"Herr": "Herrn", "HERR": "HERRN", "herr": "herrn", "Hr.": "Hrn."}
_SUBJECT = {v: k for k, v in _OBJECT.items()}
TITLES = ("herr", "herrn", "hr.", "hrn.", "frau", "fr.", "mr", "mr.", "mrs", "mrs.", "ms",
          "ms.", "miss", "dr", "dr.", "prof", "prof.", "professor")


def _german(lang: str | None) -> bool:
    if lang is None:
        from coach.i18n import current_language

        lang = current_language()
    return lang == "de"


def obj(name: str | None, lang: str | None = None) -> str:
    """The name after a preposition or as an object: "Herr Jansen" -> "Herrn Jansen"."""
    text = (name or "").strip()
    if not _german(lang):
        return text
    return _HERR_RE.sub(lambda m: _OBJECT[m[1]], text)


def subj(name: str | None, lang: str | None = None) -> str:
    """The name as a subject or when addressed: "Herrn Jansen" -> "Herr Jansen"."""
    text = (name or "").strip()
    if not _german(lang):
        return text
    return _HERRN_RE.sub(lambda m: _SUBJECT[m[1]], text)


def address(name: str | None) -> str:
    """How to greet someone: "Anna" for "Anna Berg", "Herr Jansen" for "Herr Jansen".

    A title keeps the surname with it; "Hallo Herr," or "Hi Dr," would be rude.
    """
    words = (name or "").split()
    if not words:
        return ""
    if words[0].lower() in TITLES:
        return " ".join(words)
    return words[0]
