"""Make the German README screenshots: main window, promise check and briefing.

Run under a real X server (Xvfb is fine), e.g.:

    Xvfb :91 -screen 0 1400x900x24 &
    DISPLAY=:91 QT_QPA_PLATFORM=xcb python packaging/screenshot_german.py [OUT_DIR]

Writes de-main-window.png, de-promise-check.png and de-briefing.png, using the same seeded
data and pinned clock as packaging/screenshot_main_window.py, with the window in German
exactly as a user who picked "Deutsch" in the settings sees it (Qt's own buttons included).
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


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else REPO / "resources" / "screenshots")
    tmp = Path(tempfile.mkdtemp(prefix="coach-shot-de-"))
    from screenshot_main_window import NOW, seed

    os.environ.update(COACH_NOW=NOW, TZ="Europe/Berlin", COACH_LANG="de", LANG="de_DE.UTF-8",
                      COACH_DATA_DIR=str(tmp / "data"), COACH_SETTINGS_DIR=str(tmp / "set"))
    seed(tmp / "data")

    from PySide6.QtCore import Qt, QTimer

    from coach.rules import promise_check as pc
    from ui.app import _configure_settings, create_application, create_window
    from ui.system.language import apply_language

    _configure_settings()
    app = create_application()
    apply_language("de")
    window = create_window(str(tmp / "data"), tray=False)
    window.resize(1180, 720)
    now = datetime.fromisoformat(NOW)

    def shoot_window() -> None:
        window.show_section(0)
        window.current_view().select_row(1)
        QTimer.singleShot(400, lambda: (window.grab().save(str(out / "de-main-window.png")),
                                        shoot_promise()))

    def shoot_promise() -> None:
        from ui.dialogs.promise_dialog import PromiseDialog

        dialog = PromiseDialog("Gutschrift für Rechnung 4711 veranlassen", "Frau Schneider",
                               now + timedelta(days=1, hours=-5), now, parent=window)
        for question, value in ((pc.CONTROL, pc.NO), (pc.AUTHORITY, pc.YES),
                                (pc.DATE, pc.YES), (pc.FACTS, pc.UNSURE), (pc.MANAGER, pc.YES)):
            dialog.answer(question, value)
        dialog.others.setText("die Buchhaltung")
        dialog.show()
        QTimer.singleShot(400, lambda: (dialog.grab().save(str(out / "de-promise-check.png")),
                                        dialog.close(), shoot_briefing()))

    def shoot_briefing() -> None:
        from ui.dialogs.briefing_dialog import BriefingDialog

        dialog = BriefingDialog(window.client, parent=window)
        dialog.ready.connect(lambda: QTimer.singleShot(400, lambda: (
            dialog.grab().save(str(out / "de-briefing.png")), app.quit())),
            type=Qt.ConnectionType.SingleShotConnection)
        dialog.show()

    window.client.loaded.connect(lambda _snapshot: QTimer.singleShot(300, shoot_window),
                                 type=Qt.ConnectionType.SingleShotConnection)
    window.show()
    window.client.reload()
    app.exec()
    window.client.shutdown()
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
