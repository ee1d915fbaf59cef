"""The window's language: the user's choice (or the system locale) for our catalog and Qt's own.

The choice lives in QSettings, not only in SQLite, because it must be known before the window
is built, and the store is opened later, off the UI thread. The settings dialog writes both;
start-up reads QSettings.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from coach.i18n import LANGUAGES, set_language

KEY = "language"
# Qt's own dialogs and standard buttons (Cancel, Yes, Save …) come from Qt's shipped catalogs.
QT_CATALOGS = ("qtbase",)
# Babel and Qt agree on these locales for dates and numbers; coach/timing/display.py uses the same.
LOCALES = {"en": "en_GB", "de": "de_DE"}

_installed: list[QTranslator] = []


def saved_language() -> str | None:
    """The language picked in the settings; None means follow the system locale."""
    value = QSettings().value(KEY, "")
    return value if value in LANGUAGES else None


def remember_language(lang: str | None) -> None:
    QSettings().setValue(KEY, lang or "")


def qt_translations_dir() -> str:
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def apply_language(lang: str | None) -> str:
    """Switch our catalog and Qt's to lang (None: the system's); returns the language in use.

    Call it after the QApplication exists and before any window is built: texts are read
    when widgets are made, so a change shows in windows opened afterwards.
    """
    used = set_language(lang)
    app = QCoreApplication.instance()
    for translator in _installed:
        if app is not None:
            app.removeTranslator(translator)
    _installed.clear()
    if used != "en" and app is not None:
        for name in QT_CATALOGS:
            translator = QTranslator(app)
            if translator.load(f"{name}_{used}", qt_translations_dir()):
                app.installTranslator(translator)
                _installed.append(translator)
    # Qt's own formatting (time edits, spin boxes) follows the same language as ours,
    # unless the user left it to the system, whose locale Qt already uses.
    QLocale.setDefault(QLocale(LOCALES[used]) if lang else QLocale.system())
    return used
