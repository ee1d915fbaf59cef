"""Urgency in the window: the Advice column and order, "By when? Ask now" at capture,
closing the loop on a manager's request, and concerns (heating up, log, badge, Brief now)."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from coach.model import commitment, concern, owed_reply
from coach.ops import items
from coach.rules import close_loop
from coach.storage import settings
from coach.timing.dates import local_tz
from tests.ui.helpers import ids_in
from ui.background.rows import COMMITMENT, REPLY
from ui.window.models import ADVICE


def concerns_tab(window) -> str:
    return window.tabs.tabText(window.tabs.indexOf(window.concerns_view))

def _seed(store, now):
    add = lambda title, **kw: commitment.add(store, commitment.new(title, now, **kw)).id  # noqa: E731
    return {
        "wiki": add("Update the wiki", due=now + timedelta(days=20)),
        "offer": add("Send ACME the revised offer", recipient="Jim Baker",
                     due=now + timedelta(days=3)),
        "down": add("Login geht nicht beim Kunden", recipient="Frau Schneider"),
        "numbers": add("Quarterly numbers", recipient="Petra", due=now + timedelta(hours=2)),
    }


def test_advice_column_and_urgency_order(open_window, store, now, qtmodeltester):
    settings.put(store, "manager_name", "Petra Lang")
    ids = _seed(store, now)
    owed_reply.add(store, owed_reply.new("Ops", "email", now, now + timedelta(days=5), now))
    window = open_window()
    model = window.models[COMMITMENT]
    qtmodeltester.check(model)
    assert model.headerData(ADVICE, Qt.Orientation.Horizontal) == "Advice"
    assert ids_in(model) == [ids["down"], ids["numbers"], ids["offer"], ids["wiki"]]
    advice = [model.index(r, ADVICE).data() for r in range(4)]
    assert advice == ["Call, don't email", "Today", "This week", "Later"]
    top = model.index(0, ADVICE)
    assert top.data(Qt.ItemDataRole.DecorationRole) is not None
    assert top.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "urgency 25.0" in model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert window.models[REPLY].index(0, ADVICE).data() == "This week"


def _capture(window, qtbot, text):
    window.quick_add()
    capture = window.capture
    qtbot.waitUntil(capture.isVisible)
    capture.line.setText(text)
    capture.accept()
    qtbot.waitUntil(lambda: capture.by_when_prompt.isVisible())
    return capture, capture.by_when_prompt


def test_vague_capture_asks_by_when_before_saving(window, store, qtbot):
    capture, prompt = _capture(window, qtbot, "Send Petra the report asap")
    assert prompt.windowTitle() == "By when? Ask now"
    assert "“asap”" in prompt.explain.text()
    assert [b.text() for b in prompt.buttons.values()] == [
        "&Today", "To&morrow", "This &week", "&I'll ask"]
    assert commitment.list_open(store) == []  # nothing saved before the answer
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(prompt.buttons["today"], Qt.MouseButton.LeftButton)
    (saved,) = commitment.list_open(store)
    assert saved.title == "Send Petra the report"
    assert saved.due.astimezone(local_tz()).strftime("%a %H:%M") == "Thu 17:00"
    assert not capture.isVisible()


def test_ill_ask_saves_the_item_and_a_follow_up(window, store, qtbot, now):
    capture, prompt = _capture(window, qtbot, "Angebot für Herrn Maier")
    assert "has no date" in prompt.explain.text()
    qtbot.mouseClick(prompt.buttons["ask"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(commitment.list_open(store)) == 2)
    titles = {c.title: c for c in commitment.list_open(store)}
    assert titles["Angebot für Herrn Maier"].due is None
    follow = titles['Ask the requester by when they need "Angebot für Herrn Maier"']
    assert follow.due == now + timedelta(hours=1)


def test_today_ends_when_the_users_working_day_ends(store, open_window, qtbot):
    settings.put(store, "work_end", "16:00")  # the user's own hours, set in Settings
    window = open_window()
    _unused, prompt = _capture(window, qtbot, "Send Petra the report asap")
    with qtbot.waitSignal(window.snapshot_shown):
        qtbot.mouseClick(prompt.buttons["today"], Qt.MouseButton.LeftButton)
    (saved,) = commitment.list_open(store)
    assert saved.due.astimezone(local_tz()).strftime("%a %H:%M") == "Thu 16:00"


def test_back_returns_to_the_capture_without_saving(window, store, qtbot):
    capture, prompt = _capture(window, qtbot, "Fix the invoice soon")
    prompt.reject()
    assert capture.isVisible() and commitment.list_open(store) == []


def test_a_dated_capture_saves_without_asking(window, store, qtbot):
    window.quick_add()
    window.capture.line.setText("Send Jim the offer tomorrow 10am")
    with qtbot.waitSignal(window.snapshot_shown):
        window.capture.accept()
    assert getattr(window.capture, "by_when_prompt", None) is None
    assert len(commitment.list_open(store)) == 1


def _done_from_manager(open_window, store, now, qtbot):
    settings.put(store, "manager_name", "Petra Lang")
    settings.put(store, "manager_email", "petra.lang@example.com")
    item_id = commitment.add(store, commitment.new(
        "Quarterly numbers", now, from_manager=True, due=now + timedelta(days=1))).id
    window = open_window()
    window.show_section(0)
    assert window.current_view().select_id(item_id)
    window.done_current()
    qtbot.waitUntil(lambda: getattr(window, "close_loop_dialog", None) is not None
                    and window.close_loop_dialog.isVisible())
    return window, window.close_loop_dialog, item_id


def test_close_the_loop_by_email_end_to_end(open_window, store, now, qtbot):
    window, dialog, item_id = _done_from_manager(open_window, store, now, qtbot)
    assert "Hi Petra," in dialog.text.toPlainText()
    assert commitment.get(store, item_id).loop_state == close_loop.PENDING
    opened = []
    dialog.open_url = opened.append
    qtbot.mouseClick(dialog.mail_button, Qt.MouseButton.LeftButton)
    assert opened[0].toString().startswith("mailto:petra.lang@example.com?subject=Done")
    qtbot.waitUntil(lambda: commitment.get(store, item_id).loop_state == close_loop.TOLD)
    done = commitment.get(store, item_id)
    assert done.loop_state == close_loop.TOLD and done.loop_closed is not None
    assert close_loop.for_briefing(store) == []


def test_close_the_loop_by_copy_or_in_the_briefing(open_window, store, now, qtbot):
    window, dialog, item_id = _done_from_manager(open_window, store, now, qtbot)
    dialog.text.setPlainText("Petra, the numbers are in your inbox.")
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "Petra, the numbers are in your inbox."
    qtbot.waitUntil(lambda: commitment.get(store, item_id).loop_state == close_loop.TOLD)

    other = commitment.add(store, commitment.new("Budget draft", now, report_back=True)).id
    window.client.reload()
    qtbot.waitUntil(lambda: other in ids_in(window.models[COMMITMENT]))
    assert window.current_view().select_id(other)
    window.done_current()
    qtbot.waitUntil(lambda: window.close_loop_dialog.offer.item.id == other)
    qtbot.mouseClick(window.close_loop_dialog.brief_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: commitment.get(store, other).loop_state == close_loop.BRIEFING)
    assert [c.id for c in close_loop.for_briefing(store)] == [other]


def test_ordinary_done_asks_nothing(open_window, store, now, qtbot):
    item_id = commitment.add(store, commitment.new("Tidy the wiki", now)).id
    window = open_window()
    window.show_section(0)  # the window opens on Today; this one has no due date
    assert window.current_view().select_id(item_id)
    window.done_current()
    # The close-the-loop check is queued behind the done; a job after it has seen both.
    checked = []
    window.client.submit(lambda s: None, checked.append)
    qtbot.waitUntil(lambda: checked == [None])
    assert items.find(store, item_id).status == "done"
    assert getattr(window, "close_loop_dialog", None) is None


def test_heating_up_from_a_reply_creates_a_linked_concern_and_badge(open_window, store, now,
                                                                    qtbot):
    reply_id = owed_reply.add(store, owed_reply.new(
        "Jim Baker", "call", now, now + timedelta(hours=2), now, about="Delivery")).id
    window = open_window()
    window.show_section(1)
    assert window.current_view().select_id(reply_id)
    window.features.concerns.heating_up_action.trigger()
    qtbot.waitUntil(lambda: window.features.concerns.heating_up_dialog is not None
                    and window.features.concerns.heating_up_dialog.isVisible())
    dialog = window.features.concerns.heating_up_dialog
    assert dialog.title.text() == "Jim Baker is waiting for an answer: Delivery"
    dialog.note.setText("Called twice, angry")
    with qtbot.waitSignal(window.snapshot_shown):
        dialog.accept()
    (created,) = concern.list_open(store)
    assert created.source_id == reply_id and created.heat == 3 and created.who == "Jim Baker"
    assert concern.log_of(store, created.id)[0].note == "Called twice, angry"
    qtbot.waitUntil(lambda: concerns_tab(window) == "Concerns (1 · 1 ⚑)")
    button = window.features.concerns.badge.button
    assert button.isVisible() and "Brief your manager now" in button.text()


def test_concern_log_heat_change_told_and_quiet_until_it_rises(open_window, store, now, qtbot):
    concern_id = concern.add(store, concern.new("ACME unhappy", now, heat=3)).id
    window = open_window()
    qtbot.waitUntil(lambda: concerns_tab(window) == "Concerns (1 · 1 ⚑)")
    window.show_section(2)
    assert window.current_view().select_id(concern_id)
    window.features.concerns.log_action.trigger()
    dialog = window.features.concerns.log_dialog
    qtbot.waitUntil(lambda: dialog.log_model.rowCount() == 1)
    assert "has not heard" in dialog.told.text()
    with qtbot.waitSignal(dialog.loaded):
        dialog.mark_told()
    qtbot.waitUntil(lambda: not window.features.concerns.badge.button.isVisible())
    assert concerns_tab(window) == "Concerns (1)"
    dialog.heat.setValue(4)
    dialog.note.setText("Threatens to cancel")
    with qtbot.waitSignal(dialog.loaded):
        dialog.change_heat()
    kinds = [dialog.log_model.index(r, 1).data() for r in range(dialog.log_model.rowCount())]
    assert kinds == ["heat changed", "manager told", "created"]  # newest first
    assert dialog.log_model.index(0, 3).data() == "Threatens to cancel"
    qtbot.waitUntil(lambda: concerns_tab(window) == "Concerns (1 · 1 ⚑)")
    qtbot.mouseClick(dialog.brief_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(window, "briefing", None) is not None)
    briefing = window.briefing
    assert briefing.focus_concern_id == concern_id
    # Jobs come back in order: once ours is back, the draft and its history are shown.
    back = []
    window.client.submit(lambda s: None, back.append)
    qtbot.waitUntil(lambda: back == [None], timeout=10_000)
    assert "ACME unhappy" in briefing.editor.toPlainText()
    briefing.reject()



def test_brief_now_on_a_nudge_notification_opens_the_briefing_with_it(open_window, store, now,
                                                                       qtbot):
    from coach.reminders import concern_nudge, schedule
    from coach.timing.dates import local_tz

    concern_id = concern.add(store, concern.new("ACME unhappy", now, heat=4)).id
    window = open_window()
    ctx = schedule.Context(values=settings.get_all(store), now=now, tz=local_tz(), notified={})
    (candidate,) = concern_nudge.candidates(concern.list_open(store), ctx)
    note = candidate.single
    assert "brief" in note.actions
    window.features.reminders.on_action(note, "brief")
    qtbot.waitUntil(lambda: getattr(window, "briefing", None) is not None)
    assert window.briefing.focus_concern_id == concern_id
    back = []
    window.client.submit(lambda s: None, back.append)
    qtbot.waitUntil(lambda: back == [None], timeout=10_000)
    window.briefing.reject()
