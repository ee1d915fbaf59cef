"""The baseline for the start-up benchmark: a bare PySide6 script showing an empty window.

Prints `ready in N ms` once the window has been shown and painted, exactly like
`coach --smoke`, measured the same way (from process start), then exits.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMainWindow

from ui.system.startclock import elapsed_ms


class Window(QMainWindow):
    painted = Signal()

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        self.painted.emit()


def main() -> int:
    app = QApplication(sys.argv)
    window = Window()
    window.resize(1000, 640)

    def ready() -> None:
        print(f"ready in {elapsed_ms()} ms", flush=True)
        app.quit()

    window.painted.connect(lambda: QTimer.singleShot(0, ready),
                           type=Qt.ConnectionType.SingleShotConnection)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
