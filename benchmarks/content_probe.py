"""Time to content for a checkout whose `coach --smoke` reports at the first paint of an
empty window (main before issue 19): its real start path, timed to the frame that shows
the first load.

Goes the way that checkout's `coach` goes: window, first paint, the features installed
after it, the data-safety check, the first load and the reminders; prints `ready in N ms`
once the frame with the loaded lists is painted, and `shown: …` as `coach --smoke` does.

    PYTHONPATH=CHECKOUT python benchmarks/content_probe.py   (COACH_DATA_DIR set)
"""

from __future__ import annotations

import os
import sys


def _features(window):
    """Where the reminders, notifiers and data safety hang: window.features since the
    window's composition moved there, the window itself before."""
    return window.features if getattr(window, "features", None) is not None else window


def main() -> int:
    from coach.storage.paths import data_dir
    from ui.app import _configure_settings, create_application, create_window
    from ui.system.startclock import elapsed_ms  # counts from process start (/proc)

    folder = str(data_dir(os.environ.get("COACH_DATA_DIR")))
    _configure_settings()
    from PySide6.QtCore import QTimer

    app = create_application()
    from ui.system.language import apply_language, saved_language

    apply_language(saved_language())
    window = create_window(folder, tray=False, complete=False)
    window.save_layout = False
    app.aboutToQuit.connect(window.client.shutdown)

    def after_first_paint() -> None:
        window.finish_setup()

        def loaded_and_reminding() -> None:
            window.client.reload()
            _features(window).reminders.start()

        _features(window).data_safety.start_up(then=loaded_and_reminding)

    def shown() -> None:
        window.repaint()  # the frame with the loaded lists
        print(f"ready in {elapsed_ms()} ms", flush=True)
        counts = [m.total for m in window.models.values()]
        print("shown: {} commitments, {} owed replies, {} concerns".format(*counts),
              flush=True)
        _features(window).notifiers.close()
        app.quit()

    window.snapshot_shown.connect(shown)
    window.first_painted.connect(lambda: QTimer.singleShot(0, after_first_paint))
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
