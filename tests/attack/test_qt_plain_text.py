"""Class 4: user text in the window is plain text, never HTML."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import REPO

RICH_ON_PURPOSE = ("RichLabel(", "TextFormat.RichText")


def _sources() -> list[Path]:
    return [p for p in (REPO / "ui").rglob("*.py") if p.name != "plain.py"]


def test_no_label_message_box_or_tooltip_guesses_rich_text():
    """QLabel and QMessageBox guess HTML from the text; only ui/system/plain.py builds them.

    Markup on purpose (RichLabel, a RichText box) is allowed only in files that escape().
    Every tooltip is a translated literal or passes through plain.tip().
    """
    problems = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), 1):
            code = line.split("#")[0]
            where = f"{path.relative_to(REPO)}:{number}"
            if re.search(r"(?<![\w.])QLabel\(", code):
                problems.append(f"{where}: QLabel( (use PlainLabel)")
            if re.search(r"QMessageBox\.(question|warning|information|critical|about)\(",
                         code):
                problems.append(f"{where}: static QMessageBox (use plain.ask/message_box)")
            if re.search(r"QMessageBox\(", code) and "TextFormat" not in text:
                problems.append(f"{where}: QMessageBox without a text format")
            if ".setInformativeText(" in code:
                problems.append(f"{where}: setInformativeText (use plain.set_informative)")
            tip = re.search(r"\.setToolTip\((.*)", code)
            if tip and not re.match(r"\s*(_\(|tip\(|APP_NAME\)|$)", tip.group(1)):
                problems.append(f"{where}: setToolTip without _() or tip()")
            if any(marker in code for marker in RICH_ON_PURPOSE) and "escape" not in text:
                problems.append(f"{where}: rich text in a file that never escapes")
        if "ToolTipRole" in text and "tip(" not in text and "ToolTipRole)" not in text:
            problems.append(f"{path.relative_to(REPO)}: ToolTipRole without plain.tip()")
    assert problems == []


def test_a_concern_title_with_markup_is_shown_as_written(open_window, cli, qtbot):
    from PySide6.QtCore import Qt

    from ui.window.concern_view import ConcernDialog

    title = '<img src="/dev/zero"><b>bold</b>'
    concern = int(cli("concern", title, "--heat", "4", "--note", "<i>note</i>").out)
    window = open_window()
    dialog = ConcernDialog(window, concern)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded, timeout=10_000):
        dialog.show()
    assert title in dialog.heading.text()
    assert dialog.heading.textFormat() == Qt.TextFormat.PlainText
    window.show_section(2)
    view = window.current_view()
    assert view.select_id(concern)
    tip = view.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "<img" not in tip and "&lt;img" in tip
