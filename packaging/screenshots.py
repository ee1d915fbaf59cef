"""Make every screenshot of the window: the one script for the README and for a visual review.

    python packaging/screenshots.py [--out DIR] [--readme]

For each language (English, German) and palette (light, dark) it shows the real window over
realistic seeded data at 1024×700 and 1366×768, then the settings dialog and the new-item
dialog, then Today and the end-of-day review (packaging/screenshot_today.py), and Today with
more overdue promises than its section shows ("and N more"). `--readme`
also refreshes the pictures the README shows (resources/screenshots/).

It starts its own Xvfb when no DISPLAY is set (Qt's xcb platform, as on a desktop), keeps the
data in a temporary folder with the clock pinned, so every run draws the same pictures and the
user's own data and settings are never touched. Each variant runs in its own process: texts
and palettes are read when widgets are built.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-26T15:00:00+01:00"  # a Thursday afternoon in Berlin
SIZES = ((1024, 700), (1366, 768))
VARIANTS = (("en", False), ("en", True), ("de", False), ("de", True))
# (file in resources/screenshots/, file this script writes) for the README.
README = (("main-window.png", "main-1366x768-en-light.png"),
          ("de-main-window.png", "main-1366x768-de-light.png"),
          ("settings-reminders.png", "settings-en-light.png"),
          ("promise-check.png", "promise-check-en-light.png"),
          ("de-promise-check.png", "promise-check-de-light.png"),
          ("briefing.png", "briefing-en-light.png"),
          ("de-briefing.png", "briefing-de-light.png"),
          # Today and the review, written under the README's own names.
          *((f"{page}{suffix}.png", f"{page}{suffix}.png") for page in ("today", "review")
            for suffix in ("", "-dark", "-de", "-de-dark")))

COMMITMENTS = [  # (title, to, due in hours from now, urgent, note)
    ("Rückruf Frau Schneider wegen Gutschrift", "Frau Schneider", -3, True,
     "Gutschrift über 240 € für Rechnung 4711"),
    ("Send ACME the revised offer", "Jim Baker", 20, False, None),
    ("Angebot für Müller & Söhne überarbeiten", "Herr Müller", 26, False, None),
    ("Confirm delivery date for order 4711", "Sandra Lee", 4, False, "Ask the warehouse first"),
    ("Zugangsdaten für das Kundenportal schicken", "Frau Öztürk", 50, False, None),
    ("Check the refund status with billing", "Tom Fischer", 1.5, True, None),
    ("Prepare the Q4 churn numbers", "Anna (manager)", 96, False, None),
    ("Reklamation Lieferung 2211 klären", "Herr Weber", 140, False, None),
]
CHECKED = [  # (title, to, due in hours, answers) recorded with a promise check
    ("Gutschrift für Rechnung 4711 veranlassen", "Frau Schneider", 30,
     {"control": "no", "authority": "yes", "date": "yes", "facts": "unsure", "manager": "yes"}),
    ("Send Priya the onboarding checklist", "Priya Nair", 44,
     {"control": "yes", "authority": "yes", "date": "yes", "facts": "yes", "manager": "yes"}),
]
REPLIES = [  # (who, channel, about, received hours ago, reply by in hours)
    ("Frau Schneider", "voicemail", "Rückerstattung noch nicht da", 5, -1),
    ("Jim Baker", "email", "Delivery dates for January", 3, 22),
    ("Herr Yılmaz", "call", "Rechnung doppelt erhalten", 1, 3),
    ("Priya Nair", "message", "Can we move Tuesday's call?", 2, 26),
    ("Support-Hotline Team", "email", "Eskalation Ticket #5120", 6, 2),
    ("Mark Evans", "call", "Contract renewal", 0.5, 3.5),
]
CONCERNS = [  # (title, who, heat, what happened)
    ("ACME unhappy about the delay", "Jim Baker", 4, "Jim mentioned looking at competitors"),
    ("Kunde droht mit Kündigung", "Herr Müller", 5, "Dritte Reklamation in diesem Monat"),
    ("Refund promised by sales, not approved", "Sandra Lee", 3, None),
    ("Lieferant verschiebt Termin erneut", "Logistik", 2, None),
    ("New ticket system slows replies", "Support team", 2, None),
]


def seed(data_dir: Path) -> None:
    from coach.model import commitment, concern, owed_reply
    from coach.rules import promise_check
    from coach.storage.store import open_store
    from coach.timing.dates import local_tz

    now = datetime.fromisoformat(NOW)
    with open_store(data_dir) as store:
        for title, to, hours, urgent, note in COMMITMENTS:
            commitment.add(store, commitment.new(
                title, now - timedelta(days=1), recipient=to,
                due=now + timedelta(hours=hours), urgent=urgent, note=note))
        for title, to, hours, answers in CHECKED:
            item = commitment.new(title, now - timedelta(hours=2), recipient=to,
                                  due=now + timedelta(hours=hours))
            promise_check.record(store, item, answers, now - timedelta(hours=2), local_tz(),
                                 "de" if "ü" in title else "en")
        for who, channel, about, ago, by in REPLIES:
            owed_reply.add(store, owed_reply.new(
                who, channel, now - timedelta(hours=ago), now + timedelta(hours=by), now,
                about=about))
        for title, who, heat, happened in CONCERNS:
            concern.add(store, concern.new(title, now - timedelta(hours=heat * 7), heat=heat,
                                           who=who, happened=happened))


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, color in (("Window", "#202124"), ("Base", "#18191b"),
                        ("AlternateBase", "#232427"), ("Text", "#e8eaed"),
                        ("WindowText", "#e8eaed"), ("Button", "#2b2c2f"),
                        ("ButtonText", "#e8eaed"), ("Highlight", "#3d6fb6"),
                        ("HighlightedText", "#ffffff"), ("ToolTipBase", "#2b2c2f"),
                        ("ToolTipText", "#e8eaed"), ("PlaceholderText", "#9aa0a6"),
                        ("BrightText", "#ffffff"), ("Link", "#8ab4f8")):
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    for role in ("Text", "WindowText", "ButtonText"):
        palette.setColor(QPalette.ColorGroup.Disabled, getattr(QPalette.ColorRole, role),
                         QColor("#7d8288"))
    return palette


def shoot_variant(out: Path, lang: str, dark: bool) -> None:
    """In this process: the window and dialogs in one language and palette."""
    tmp = Path(tempfile.mkdtemp(prefix="coach-shot-"))
    os.environ.update(COACH_NOW=NOW, TZ="Europe/Berlin", COACH_LANG=lang,
                      LANG="de_DE.UTF-8" if lang == "de" else "en_GB.UTF-8",
                      COACH_DATA_DIR=str(tmp / "data"), COACH_SETTINGS_DIR=str(tmp / "set"))
    sys.path.insert(0, str(REPO))
    seed(tmp / "data")

    from PySide6.QtCore import Qt, QTimer

    from coach.rules import promise_check as pc
    from ui.app import _configure_settings, create_application, create_window
    from ui.system.language import apply_language

    _configure_settings()
    app = create_application()
    apply_language(lang)
    if dark:
        app.setPalette(dark_palette())
    suffix = f"{lang}-{'dark' if dark else 'light'}"
    window = create_window(str(tmp / "data"), tray=False)
    steps: list = []

    def next_step(delay: int = 300) -> None:
        if steps:
            QTimer.singleShot(delay, steps.pop(0))
        else:
            QTimer.singleShot(delay, app.quit)

    def save(widget, name: str) -> None:
        path = out / f"{name}-{suffix}.png"
        widget.grab().save(str(path))
        print(path)

    def main_at(width: int, height: int):
        def resize() -> None:
            window.resize(width, height)
            window.show_section(0)
            window.current_view().select_row(1)
            window.show_message(_status_text(lang), 60_000)
            QTimer.singleShot(400, lambda: (save(window, f"main-{width}x{height}"),
                                            next_step()))
        return resize

    def settings_dialog() -> None:
        actions = window.features.reminder_actions
        actions.open_settings()
        dialog = actions.settings_dialog
        QTimer.singleShot(600, lambda: (save(dialog, "settings"), dialog.reject(),
                                        next_step()))

    def new_item() -> None:
        window.new_item("commitment")
        dialog = window.item_dialog
        QTimer.singleShot(400, lambda: (save(dialog, "new-item"), dialog.reject(),
                                        next_step()))

    def promise() -> None:
        from ui.dialogs.promise_dialog import PromiseDialog

        now = datetime.fromisoformat(NOW)
        title = ("Gutschrift für Rechnung 4711 veranlassen" if lang == "de"
                 else "Send the credit note for invoice 4711")
        dialog = PromiseDialog(title, "Frau Schneider" if lang == "de" else "Mrs Schneider",
                               now + timedelta(days=1, hours=-5), now, parent=window)
        for question, value in ((pc.CONTROL, pc.NO), (pc.AUTHORITY, pc.YES),
                                (pc.DATE, pc.YES), (pc.FACTS, pc.UNSURE), (pc.MANAGER, pc.YES)):
            dialog.answer(question, value)
        dialog.others.setText("die Buchhaltung" if lang == "de" else "billing")
        dialog.show()
        QTimer.singleShot(400, lambda: (save(dialog, "promise-check"), dialog.close(),
                                        next_step()))

    def quick_add() -> None:
        window.quick_add()
        capture = window.capture
        capture.line.setText("Angebot an Herrn Jansen mit allen Positionen und dem neuen "
                             "Rabatt schicken Dienstag nächste Woche 10 Uhr" if lang == "de"
                             else "Send Mr Jansen the offer with every item and the new "
                                  "discount Tuesday next week 10am")
        QTimer.singleShot(400, lambda: (save(capture, "quick-add"), capture.reject(),
                                        next_step()))

    def briefing() -> None:
        from ui.dialogs.briefing_dialog import BriefingDialog

        dialog = BriefingDialog(window.client, parent=window)
        dialog.resize(900, 640)
        dialog.ready.connect(lambda: QTimer.singleShot(400, lambda: (
            save(dialog, "briefing"), dialog.close(), next_step())),
            type=Qt.ConnectionType.SingleShotConnection)
        dialog.show()

    def concern_dialog() -> None:
        window.new_item("concern")
        dialog = window.item_dialog
        de = lang == "de"
        dialog.fields["title"].setText("Kunde droht mit Kündigung" if de
                                       else "ACME unhappy about the delay")
        dialog.fields["happened"].setPlainText("Dritte Reklamation in diesem Monat" if de
                                               else "Two slips since Monday")
        dialog.fields["doing"].setPlainText("Ich rufe Herrn Müller täglich an" if de
                                            else "Calling Jim every morning")
        QTimer.singleShot(400, lambda: (save(dialog, "concern"), dialog.reject(),
                                        next_step()))

    def renegotiate() -> None:
        from ui.window.models import ItemIdRole

        acting = window.features.commitments
        window.show_section(0)
        item_id = window.current_view().model.index(0, 0).data(ItemIdRole)
        acting.open_renegotiate(item_id)

        def typed() -> None:
            dialog = acting.renegotiate_dialog
            dialog.when.set_text("Montag 10 Uhr" if lang == "de" else "Monday 10am")
            dialog.reason.setText("die Buchhaltung braucht noch die Freigabe" if lang == "de"
                                  else "billing still needs the approval")
            QTimer.singleShot(700, lambda: (save(dialog, "renegotiate"), dialog.accept(),
                                            QTimer.singleShot(700, done)))

        def done() -> None:
            dialog = acting.renegotiate_dialog
            save(dialog, "renegotiate-done")
            dialog.accept()
            next_step()

        QTimer.singleShot(500, typed)

    def snooze() -> None:
        window.show_section(0)
        window.current_view().select_row(1)
        acting = window.features.commitments
        acting.snooze()
        dialog = acting.snooze_dialog
        dialog.line.setText("2 Stunden" if lang == "de" else "2h")
        QTimer.singleShot(400, lambda: (save(dialog, "snooze"), dialog.reject(),
                                        next_step()))

    def replies_at_1024() -> None:
        # The owed replies carry the longest advice ("Call, don't email"): seen at 1024 px.
        window.resize(*SIZES[0])
        window.show_section(1)
        window.current_view().select_row(0)
        QTimer.singleShot(400, lambda: (save(window, "replies-1024x700"), next_step()))

    def arrival() -> None:
        # Last, so no other picture shows the bar: two tasks made on the phone, not asked yet.
        from coach.ops import commitment_edit

        now = datetime.fromisoformat(NOW)
        titles = (("Herrn Jansen wegen der Lieferung zurückrufen", "Muster an Frau Öztürk"),
                  ("Call Mr Jansen back about the delivery", "Samples for Mrs Öztürk"))
        made = titles[0] if lang == "de" else titles[1]

        def add(store) -> None:
            commitment_edit.add_from(store, made[0], None, "sync", now)
            commitment_edit.add_from(store, made[1], now + timedelta(days=2), "sync", now)

        window.resize(*SIZES[0])
        window.show_section(0)
        window.client.submit(add, writes=True)
        QTimer.singleShot(1200, lambda: (save(window, "sync-arrival"), next_step()))

    steps.extend([main_at(*size) for size in SIZES])
    steps.append(replies_at_1024)
    steps.extend([settings_dialog, new_item, quick_add, promise, briefing, concern_dialog,
                  snooze, renegotiate, arrival])
    window.client.loaded.connect(lambda _snapshot: next_step(),
                                 type=Qt.ConnectionType.SingleShotConnection)
    window.show()
    window.client.reload()
    app.exec()
    window.client.shutdown()


def _status_text(lang: str) -> str:
    # A long message, as after adding an item: the status bar must show it beside the counts.
    from coach.i18n import _

    return _("Added “{what}”.").format(what="Angebot für Müller & Söhne überarbeiten")


def _xvfb() -> subprocess.Popen | None:
    if os.environ.get("DISPLAY"):
        return None
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0",
                               "1600x1000x24", "-nolisten", "tcp"], pass_fds=(write,))
    os.close(write)
    with os.fdopen(read) as pipe:
        os.environ["DISPLAY"] = ":" + pipe.readline().strip()
    return server


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "build" / "screenshots"))
    parser.add_argument("--readme", action="store_true",
                        help="also refresh the README's pictures in resources/screenshots/")
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # LANG-light|dark, one process
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.variant:
        lang, palette = args.variant.split("-")
        shoot_variant(out, lang, palette == "dark")
        return 0
    server = _xvfb()
    try:
        env = dict(os.environ, QT_QPA_PLATFORM="xcb")
        for lang, dark in VARIANTS:
            subprocess.run([sys.executable, __file__, "--out", str(out), "--variant",
                            f"{lang}-{'dark' if dark else 'light'}"], env=env, check=True)
            for long in ([], ["--long"]):
                subprocess.run([sys.executable, str(REPO / "packaging" / "screenshot_today.py"),
                                "--lang", lang, "--out-dir", str(out), *long,
                                *(["--dark"] if dark else [])], env=env, check=True)
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    if args.readme:
        for target, made in README:
            shutil.copyfile(out / made, REPO / "resources" / "screenshots" / target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
