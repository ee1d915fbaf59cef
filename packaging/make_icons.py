"""Render the desktop icon set from the one source, resources/icons/app.svg.

    python packaging/make_icons.py          # (re)write the PNGs
    python packaging/make_icons.py --check  # exit 1 if any committed icon is stale

The hicolor PNGs are committed under resources/icons/hicolor/ because `coach install-desktop`
copies them from an installed wheel, and the core must not need Qt to do that. Rendering uses
Qt's own SVG renderer (PySide6 QtSvg), so no extra tool is needed; re-run this script whenever
app.svg changes (tests/test_packaging.py fails until you do). The Windows .ico and macOS .icns
are not made here: the PyInstaller spec hands the 256 px PNG to PyInstaller, which converts it
with Pillow (the `package` extra pulls Pillow in on those platforms).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "resources" / "icons" / "app.svg"
HICOLOR = REPO / "resources" / "icons" / "hicolor"
APP_ID = "io.github.trustcoach.TrustCoach"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_path(root: Path, size: int) -> Path:
    return root / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def _render(size: int):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {SOURCE} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def write_all(hicolor: Path) -> list[Path]:
    written = []
    for size in SIZES:
        target = png_path(hicolor, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not _render(size).save(str(target), "PNG"):
            raise SystemExit(f"make_icons: cannot write {target}")
        written.append(target)
    return written


def stale(hicolor: Path = HICOLOR) -> list[str]:
    """Icons that differ from a fresh rendering (compared as pixels, not bytes)."""
    from PySide6.QtGui import QImage

    with tempfile.TemporaryDirectory() as tmp:
        problems = []
        for new in write_all(Path(tmp)):
            old = hicolor / new.relative_to(Path(tmp))
            old_image, new_image = QImage(str(old)), QImage(str(new))
            if old_image.isNull() or old_image.convertToFormat(
                    new_image.format()) != new_image:
                problems.append(str(old.relative_to(REPO)))
        return problems


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication([])
    if "--check" in argv:
        problems = stale()
        for path in problems:
            print(f"stale: {path} (run python packaging/make_icons.py)")
        return 1 if problems else 0
    for path in write_all(HICOLOR):
        print(path.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
