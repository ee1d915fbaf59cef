"""One gettext catalog for core and UI.

The UI calls the same ``_`` as the core, so there is one catalog to translate and to test.
"""

from __future__ import annotations

import functools
import gettext
import os
from pathlib import Path

DOMAIN = "coach"
LANGUAGES = ("en", "de")
# Each language's usual country, for dates and numbers when the system names none.
DEFAULT_LOCALES = {"de": "de_DE", "en": "en_GB"}

_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def _locale_dir() -> Path:
    from coach.resources import resource_dir

    return resource_dir() / "locale"


def language_from_environment() -> str:
    """The language the user's locale asks for, if we speak it; English otherwise."""
    for var in ("COACH_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if not value or value in ("C", "POSIX"):
            continue
        # LANGUAGE may list several ("de:en"); the first one we speak wins.
        for part in value.split(":"):
            code = part.split("_")[0].split(".")[0].lower()
            if code in LANGUAGES:
                return code
        if var != "LANGUAGE":
            return "en"
    return "en"


def set_language(lang: str | None = None) -> str:
    """Switch the catalog; None follows the environment. Returns the language in use."""
    global _translation, _language
    lang = (lang or language_from_environment()).lower()
    if lang not in LANGUAGES:
        lang = "en"
    if lang == "en":
        _translation = gettext.NullTranslations()
    else:
        _translation = gettext.translation(
            DOMAIN, localedir=str(_locale_dir()), languages=[lang], fallback=True
        )
    _language = lang
    return lang


def current_language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def translation(lang: str | None = None) -> gettext.NullTranslations:
    """The catalog of `lang` (None: the language shown), for a text another language needs,
    such as a briefing in German from an English window."""
    if lang is None or lang == _language:
        return _translation
    return _translation_for(lang)


@functools.cache
def _translation_for(lang: str) -> gettext.NullTranslations:
    if lang not in LANGUAGES or lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(_locale_dir()), languages=[lang],
                               fallback=True)


def N_(message: str) -> str:
    """Mark a string for extraction where it must stay untranslated until shown."""
    return message


set_language()


def babel_locale() -> str:
    """The locale for dates, numbers and weeks: the system's, if it is in the language shown.

    de_AT or en_US keep their own formats and first weekday; a language chosen against the
    system (COACH_LANG=de on an English system) gets that language's usual country.
    """
    return _babel_locale(current_language(), *(os.environ.get(var, "") for var in _LOCALE_VARS))


_LOCALE_VARS = ("LC_ALL", "LC_TIME", "LANG")


@functools.lru_cache(maxsize=16)
def _babel_locale(lang: str, *values: str) -> str:
    # Cached by its inputs: a reminder pass or a long list asks once per item.
    for value in values:
        if not value:
            continue
        code = value.split(".")[0].split("@")[0]
        if code.split("_")[0].lower() == lang and "_" in code:
            from babel import Locale, UnknownLocaleError

            try:
                return str(Locale.parse(code))
            except (ValueError, UnknownLocaleError):
                pass
        break
    return DEFAULT_LOCALES.get(lang, "en_GB")
