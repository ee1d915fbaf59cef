"""The trust dashboard: same figures as `coach stats --json`, charts that render in any theme."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QColor, QImage, QKeySequence, QPalette

from coach.stats import figures as stats
from coach.stats.wording import HEADLINES, calibration, headline
from tests import stats_dataset as ds


@pytest.fixture
def client(data_dir):
    from ui.background.worker import StoreClient

    c = StoreClient(str(data_dir))
    yield c
    c.shutdown()


@pytest.fixture
def dashboard(qtbot, client, clock):
    from ui.window.dashboard import TrustDashboard

    widget = TrustDashboard(client)
    qtbot.addWidget(widget)
    widget.resize(1000, 740)
    return widget


def load(qtbot, dashboard) -> None:
    with qtbot.waitSignal(dashboard.figures_shown, timeout=10_000):
        dashboard.show()
        dashboard.refresh()


def colours(image: QImage) -> dict[int, int]:
    """rgb → pixel count, sampled on a grid (plenty to tell bars, text and background)."""
    counts: dict[int, int] = {}
    for x in range(0, image.width(), 2):
        for y in range(0, image.height(), 2):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    return counts


def dark_palette() -> QPalette:
    pal = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#202124"),
                         (QPalette.ColorRole.WindowText, "#e8eaed"),
                         (QPalette.ColorRole.Base, "#292a2d"),
                         (QPalette.ColorRole.Text, "#e8eaed"),
                         (QPalette.ColorRole.Highlight, "#8ab4f8"),
                         (QPalette.ColorRole.Mid, "#5f6368"),
                         (QPalette.ColorRole.Link, "#f28b82")):
        pal.setColor(role, QColor(colour))
    return pal


def test_dashboard_shows_the_same_figures_as_coach_stats_json(qtbot, store, cli, dashboard):
    ds.fill(store)
    result = cli("stats", "--json")
    assert result.code == 0, result.err
    figures = json.loads(result.out)
    load(qtbot, dashboard)
    for key, _title in HEADLINES:
        assert dashboard.figure_text(key) == headline(figures, key), key
    assert dashboard.figure_text("promises_kept_on_time_pct") == "50%"
    assert dashboard.figure_text("days_since_last_briefing") == "4 days ago"
    assert dashboard.coaching.text() == figures["coaching"]
    assert calibration(figures) in dashboard.calibration.text()
    for key, chart in dashboard.charts.items():
        assert chart.values == [week[key] for week in figures["weekly"]], key
    assert dashboard.charts["promises_kept_on_time_pct"].labels[-1] == "W48"


def test_charts_draw_bars_in_the_palettes_highlight_colour(qtbot, store, dashboard):
    ds.fill(store)
    load(qtbot, dashboard)
    chart = dashboard.charts["replies_on_time_pct"]
    image = chart.grab().toImage()
    counts = colours(image)
    highlight = chart.palette().color(QPalette.ColorRole.Highlight).rgb() & 0xFFFFFF
    assert counts.get(highlight, 0) > 100  # two bars: 100 % and 50 %
    assert len(counts) > 5  # text, grid and frame as well, not one flat fill


def test_charts_and_figures_read_in_a_dark_palette(qtbot, now, dashboard):
    dashboard.setPalette(dark_palette())
    figures = stats.compute(ds.data(), now, ZoneInfo("Europe/Berlin"))
    figures["coaching"] = "x"
    dashboard.show_figures(figures)
    dashboard.show()
    chart = dashboard.charts["promises_kept_on_time_pct"]
    image = chart.grab().toImage()
    counts = colours(image)
    background = QColor(image.pixel(image.width() // 2, 8))
    assert background.lightness() < 70
    light = sum(n for rgb, n in counts.items() if QColor(rgb).lightness() > 170)
    assert light > 30  # axis labels and week labels drawn in the light text colour
    assert counts.get(QColor("#8ab4f8").rgb() & 0xFFFFFF, 0) > 100
    card = dashboard.cards["promises_kept_on_time_pct"]
    assert card.value.palette().color(card.value.foregroundRole()).lightness() > 170


def test_a_fresh_data_dir_shows_dashes_and_an_inviting_line(qtbot, dashboard):
    load(qtbot, dashboard)
    assert dashboard.figure_text("replies_on_time_pct") == "–"
    assert dashboard.figure_text("days_since_last_briefing") == "never"
    assert dashboard.coaching.text().startswith("No figures yet")
    chart = dashboard.charts["promises_kept_on_time_pct"]
    assert not chart.has_data
    highlight = chart.palette().color(QPalette.ColorRole.Highlight).rgb() & 0xFFFFFF
    assert colours(chart.grab().toImage()).get(highlight, 0) == 0


def test_view_menu_opens_the_dashboard_and_it_follows_new_data(qtbot, window):
    action = window.features.dashboard.action
    assert action in window.menus["view"].actions()
    assert action.shortcut() == QKeySequence("Ctrl+D")
    action.trigger()
    dashboard = window.features.dashboard.view
    qtbot.waitUntil(lambda: dashboard.figures is not None, timeout=10_000)
    assert dashboard.isVisible() and dashboard.figure_text("promises_kept_on_time_pct") == "–"

    def late_promise(store):
        from datetime import timedelta

        from coach.model import commitment

        now = stats_now()
        c = commitment.add(store, commitment.new("Call Jim back", now - timedelta(days=3),
                                                 due=now - timedelta(days=2)))
        commitment.close(store, c, now - timedelta(days=1))

    with qtbot.waitSignal(dashboard.figures_shown, timeout=10_000):
        window.client.submit(late_promise, writes=True)
    assert dashboard.figure_text("promises_kept_on_time_pct") == "0%"


def stats_now():
    from coach.timing import timeutil

    return timeutil.now()
