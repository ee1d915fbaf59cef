"""Column widths that fit the words a column can show, in the language shown.

The short columns (Advice, Status or Channel or Heat, Due) hold a handful of known phrases;
fixed pixel widths cut the longer German ones ("Anrufen, keine …" at 1024 px). Each is as
wide as its longest phrase (or its header) with the icon and the margins, measured once when
the list is built, never per row; the title column takes what is left and elides.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from coach.i18n import _
from coach.model.labels import ADVICE_COLUMN, CHANNEL_LABELS, HEAT_LABELS
from coach.timing.display import relative

from ..background.rows import COMMITMENT, CONCERN, REPLY

ADVICE, STATUS, WHEN, WHO = 4, 3, 2, 1
WHO_WIDTH = 150


def _samples(kind: str) -> dict[int, list[str]]:
    overdue, urgent = _("overdue"), _("urgent")
    if kind == COMMITMENT:
        status = [overdue, urgent]
    elif kind == REPLY:
        status = [f"{_(label)}, {overdue}" for label in CHANNEL_LABELS.values()]
    else:
        status = [_("{heat}/5 {label}").format(heat=heat, label=_(label))
                  for heat, label in HEAT_LABELS.items()]
    ago = relative(datetime(2026, 1, 1, 9, 0), datetime(2026, 1, 1, 12, 0))  # "3 hours ago"
    when = [_("overdue, {when}").format(when=ago), ago] if kind != CONCERN else [ago]
    return {ADVICE: [_(label) for label in ADVICE_COLUMN.values()], STATUS: status,
            WHEN: when}


def fit(table: QTableView, kind: str) -> None:
    """Size the short columns of `table` (a section's list) to their longest phrase."""
    header = table.horizontalHeader()
    model = table.model()
    metrics = table.fontMetrics()
    style = table.style()
    margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    icon = table.iconSize().width() + 8  # the decoration and its gap
    arrow = style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 12
    header_metrics = header.fontMetrics()
    for column, texts in _samples(kind).items():
        label = model.headerData(column, header.orientation()) or ""
        widest = max(metrics.horizontalAdvance(text) for text in texts) + icon + margin + 8
        header_width = header_metrics.horizontalAdvance(str(label)) + arrow + margin + 8
        header.resizeSection(column, max(widest, header_width))
    header.resizeSection(WHO, WHO_WIDTH)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
