"""Make resources/screenshots/main-window.png: the real window with ~20 realistic items.

Run under a real X server (Xvfb is fine), e.g.:

    Xvfb :91 -screen 0 1400x900x24 &
    DISPLAY=:91 QT_QPA_PLATFORM=xcb python packaging/screenshot_main_window.py [OUT.png]

`--tab 1` or `--tab 2` shows owed replies or concerns; `--dark` checks a dark palette.

The data goes into a temporary folder with the clock pinned, so the picture is the same
on every run and the user's own data and settings are never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOW = "2026-11-26T15:00:00+01:00"  # a Thursday afternoon in Berlin

COMMITMENTS = [  # (title, to, due in hours from now, urgent)
    ("Rückruf Frau Schneider wegen Gutschrift", "Frau Schneider", -3, True),
    ("Send ACME the revised offer", "Jim Baker", 20, False),
    ("Angebot für Müller & Söhne überarbeiten", "Herr Müller", 26, False),
    ("Confirm delivery date for order 4711", "Sandra Lee", 4, False),
    ("Zugangsdaten für das Kundenportal schicken", "Frau Öztürk", 50, False),
    ("Check the refund status with billing", "Tom Fischer", 1.5, True),
    ("Prepare the Q4 churn numbers", "Anna (manager)", 96, False),
    ("Reklamation Lieferung 2211 klären", "Herr Weber", 140, False),
]
REPLIES = [  # (who, channel, about, received hours ago, reply by in hours)
    ("Frau Schneider", "voicemail", "Rückerstattung noch nicht da", 5, -1),
    ("Jim Baker", "email", "Delivery dates for January", 3, 22),
    ("Herr Yılmaz", "call", "Rechnung doppelt erhalten", 1, 3),
    ("Priya Nair", "message", "Can we move Tuesday's call?", 2, 26),
    ("Support-Hotline Team", "email", "Eskalation Ticket #5120", 6, 2),
    ("Mark Evans", "call", "Contract renewal", 0.5, 3.5),
]
CONCERNS = [  # (title, who, heat, note)
    ("ACME unhappy about the delay", "Jim Baker", 4, "Jim mentioned looking at competitors"),
    ("Kunde droht mit Kündigung", "Herr Müller", 5, "Dritte Reklamation in diesem Monat"),
    ("Refund promised by sales, not approved", "Sandra Lee", 3, None),
    ("Lieferant verschiebt Termin erneut", "Logistik", 2, None),
    ("New ticket system slows replies", "Support team", 2, None),
]


def seed(data_dir: Path) -> None:
    from coach.model import commitment, concern, owed_reply
    from coach.storage.store import open_store

    now = datetime.fromisoformat(NOW)
    with open_store(data_dir) as store:
        for title, to, hours, urgent in COMMITMENTS:
            commitment.add(store, commitment.new(
                title, now - timedelta(days=1), recipient=to,
                due=now + timedelta(hours=hours), urgent=urgent))
        for who, channel, about, ago, by in REPLIES:
            owed_reply.add(store, owed_reply.new(
                who, channel, now - timedelta(hours=ago), now + timedelta(hours=by), now,
                about=about))
        for title, who, heat, note in CONCERNS:
            concern.add(store, concern.new(title, now - timedelta(hours=heat * 7), heat=heat,
                                           who=who, note=note))


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    for role, color in (("Window", "#202124"), ("Base", "#18191b"),
                        ("AlternateBase", "#232427"), ("Text", "#e8eaed"),
                        ("WindowText", "#e8eaed"), ("Button", "#2b2c2f"),
                        ("ButtonText", "#e8eaed"), ("Highlight", "#3d6fb6"),
                        ("HighlightedText", "#ffffff"), ("ToolTipBase", "#2b2c2f"),
                        ("ToolTipText", "#e8eaed"), ("PlaceholderText", "#9aa0a6")):
        palette.setColor(getattr(QPalette.ColorRole, role), QColor(color))
    return palette


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?",
                        default=str(REPO / "resources" / "screenshots" / "main-window.png"))
    parser.add_argument("--tab", type=int, default=0)
    parser.add_argument("--dark", action="store_true")
    args = parser.parse_args()
    out = Path(args.out)
    tmp = Path(tempfile.mkdtemp(prefix="coach-shot-"))
    os.environ.update(COACH_NOW=NOW, TZ="Europe/Berlin", COACH_LANG="en",
                      COACH_DATA_DIR=str(tmp / "data"), COACH_SETTINGS_DIR=str(tmp / "set"))
    sys.path.insert(0, str(REPO))
    seed(tmp / "data")

    from PySide6.QtCore import QTimer

    from ui.app import _configure_settings, create_application, create_window

    _configure_settings()
    app = create_application()
    if args.dark:
        app.setPalette(dark_palette())
    window = create_window(str(tmp / "data"), tray=False)
    window.resize(1180, 720)

    def shoot() -> None:
        window.show_section(args.tab)
        window.current_view().select_row(1)
        QTimer.singleShot(400, lambda: (window.grab().save(str(out)), app.quit()))

    window.client.loaded.connect(lambda _snapshot: QTimer.singleShot(300, shoot),
                                 type=__import__("PySide6.QtCore").QtCore.Qt
                                 .ConnectionType.SingleShotConnection)
    window.show()
    window.client.reload()
    app.exec()
    window.client.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
