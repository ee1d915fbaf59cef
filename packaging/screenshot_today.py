"""Make the Today and end-of-day review screenshots, in English and German, light and dark.

packaging/screenshots.py runs it for every variant (with its own Xvfb); alone, run it under a
real X server (Xvfb is fine), e.g.:

    Xvfb :92 -screen 0 1400x900x24 &
    DISPLAY=:92 QT_QPA_PLATFORM=xcb python packaging/screenshot_today.py --lang de --dark

Writes resources/screenshots/today[-de][-dark].png and review[-de][-dark].png. With --long
it adds 16 more promises that slipped, so Overdue shows its first entries and "and N more",
and writes only today-long[-de][-dark].png. The data is
the main window screenshots' (packaging/screenshots.py) plus a recurring weekly
report, in a temporary folder with the clock pinned on a Friday morning (briefing day, and
Thursday's review to catch up), so the pictures are the same on every run.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "packaging"))

from screenshots import dark_palette, seed  # noqa: E402

NOW = "2026-11-27T09:40:00+01:00"  # Friday morning in Berlin: briefing day
SEEDED_AT = "2026-11-26T15:00:00+01:00"


def seed_slipped(data_dir: Path) -> None:
    """A week that got away: more overdue promises than Today's section shows."""
    from coach.model import commitment
    from coach.storage.store import open_store

    people = ("Jim Baker", "Frau Schneider", "Priya Raman", "Lukas Brandt")
    things = ("the revised offer", "the invoice copy", "the delivery date", "the test report")
    now = datetime.fromisoformat(SEEDED_AT)
    with open_store(data_dir) as store:
        for n in range(16):
            commitment.add(store, commitment.new(
                f"Send {things[n % 4]}", now - timedelta(days=9),
                recipient=people[n // 4 % 4], due=now - timedelta(days=2 + n % 5, hours=n)))


def seed_today(data_dir: Path) -> None:
    from coach.model import recurrence
    from coach.rhythm import series
    from coach.storage.store import open_store
    from coach.timing.dates import local_tz

    os.environ["COACH_NOW"] = SEEDED_AT
    seed(data_dir)
    now = datetime.fromisoformat(SEEDED_AT)
    with open_store(data_dir) as store:
        rule = recurrence.parse("every Friday 11am", now, local_tz())
        series.add(store, series.new_series("Send Anna the weekly report", rule,
                                            now - timedelta(days=1), recipient="Anna (manager)"))
    os.environ["COACH_NOW"] = NOW


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "de"))
    parser.add_argument("--dark", action="store_true")
    parser.add_argument("--long", action="store_true",
                        help="more overdue promises than a section shows: today-long*.png")
    parser.add_argument("--out-dir", default=str(REPO / "resources" / "screenshots"))
    args = parser.parse_args()
    suffix = ("-de" if args.lang == "de" else "") + ("-dark" if args.dark else "")
    out_dir = Path(args.out_dir)
    tmp = Path(tempfile.mkdtemp(prefix="coach-today-shot-"))
    os.environ.update(TZ="Europe/Berlin", COACH_LANG=args.lang,
                      COACH_DATA_DIR=str(tmp / "data"), COACH_SETTINGS_DIR=str(tmp / "set"))
    # The locale fixes the dates' order (as packaging/screenshots.py does), whatever the shell's.
    os.environ.update({"LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"} if args.lang == "de"
                      else {"LANG": "en_GB.UTF-8", "LC_ALL": "en_GB.UTF-8"})
    seed_today(tmp / "data")
    if args.long:
        os.environ["COACH_NOW"] = SEEDED_AT
        seed_slipped(tmp / "data")
        os.environ["COACH_NOW"] = NOW

    from PySide6.QtCore import Qt, QTimer

    from coach.i18n import set_language
    from ui.app import _configure_settings, create_application, create_window

    set_language(args.lang)
    _configure_settings()
    app = create_application()
    if args.dark:
        app.setPalette(dark_palette())
    window = create_window(str(tmp / "data"), tray=False)
    window.resize(1100, 760)

    def shoot_review() -> None:
        dialog = window.review_dialog
        dialog.grab().save(str(out_dir / f"review{suffix}.png"))
        app.quit()

    def shoot_long() -> None:
        from ui.today.model import MORE, RowTypeRole

        view = window.today_view
        row = next(r for r in range(view.model.rowCount())
                   if view.model.index(r).data(RowTypeRole) == MORE)
        view.select_row(row)
        view.list.scrollTo(view.model.index(row))
        window.grab().save(str(out_dir / f"today-long{suffix}.png"))
        app.quit()

    def shoot_today() -> None:
        if args.long:
            shoot_long()
            return
        window.today_view.select_row(3)
        window.grab().save(str(out_dir / f"today{suffix}.png"))
        window.today.open_review()
        QTimer.singleShot(900, renegotiate)

    def renegotiate() -> None:
        # What slips: the first overdue promise gets a new date and its honest message.
        from PySide6.QtTest import QTest

        dialog = window.review_dialog
        dialog.show_question(4)
        step = dialog.steps[4]
        QTest.keyClick(step.list, Qt.Key.Key_N)
        QTest.keyClicks(step.entry, "Dienstag 12 Uhr" if args.lang == "de" else "Tuesday 12:00")
        QTest.keyClick(step.entry, Qt.Key.Key_Return)
        QTimer.singleShot(900, shoot_review)

    window.today.shown.connect(lambda: QTimer.singleShot(500, shoot_today),
                               type=Qt.ConnectionType.SingleShotConnection)
    window.show()
    window.client.reload()
    app.exec()
    window.client.shutdown()
    print(out_dir / f"today{'-long' if args.long else ''}{suffix}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
