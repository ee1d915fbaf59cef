"""The window's actions, with the platform's standard shortcuts where one exists.

Created in one place so the menus, the toolbar, the tray and the list views share the very
same QAction objects (a tray action is always also in a menu).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from coach.i18n import _

from . import icons

Std = QKeySequence.StandardKey
# Some platforms (offscreen, bare X11 without a desktop theme) bind nothing to these.
FALLBACK = {Std.Quit: "Ctrl+Q", Std.Redo: "Ctrl+Shift+Z", Std.Close: "Ctrl+W",
            Std.HelpContents: "F1", Std.Refresh: "F5", Std.Find: "Ctrl+F", Std.New: "Ctrl+N",
            Std.Delete: "Del", Std.Undo: "Ctrl+Z"}


def standard(key: QKeySequence.StandardKey) -> list[QKeySequence]:
    return QKeySequence.keyBindings(key) or [QKeySequence(FALLBACK[key])]


def _action(parent: QWidget, text: str, slot=None, shortcut=None, icon: str | None = None,
            tip: str | None = None) -> QAction:
    action = QAction(text, parent)
    if icon:
        action.setIcon(icons.icon(icon))
    if isinstance(shortcut, Std):
        action.setShortcuts(standard(shortcut))
    elif isinstance(shortcut, list):
        action.setShortcuts([QKeySequence(s) for s in shortcut])
    elif shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    if tip:
        action.setStatusTip(tip)
    if slot is not None:
        action.triggered.connect(slot)
    return action


class WindowActions:
    """Attributes named by what they do; `window` provides the slots."""

    def __init__(self, window) -> None:
        w = window
        self.quick_add = _action(w, _("&Quick add…"), w.quick_add, Std.New, "add",
                                 _("Capture a commitment in one line"))
        self.new_commitment = _action(w, _("New &commitment…"),
                                      lambda: w.new_item("commitment"), "Ctrl+Shift+N",
                                      "commitment")
        self.new_reply = _action(w, _("New owed &reply…"), lambda: w.new_item("reply"),
                                 "Ctrl+Shift+R", "reply")
        self.new_concern = _action(w, _("New co&ncern…"), lambda: w.new_item("concern"),
                                   "Ctrl+Shift+K", "concern")
        self.edit = _action(w, _("&Edit…"), w.edit_current, [Qt.Key.Key_Return,
                                                             Qt.Key.Key_Enter])
        # Enter edits only while a list has focus: in the filter box it must stay Enter.
        self.edit.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.done = _action(w, _("Mark &done"), w.done_current,
                            ["Ctrl+Return", "Ctrl+Enter"], "done",
                            _("Done, returned or resolved"))
        self.delete = _action(w, _("&Delete"), w.delete_current, Std.Delete, "delete")
        self.undo = w.undo_stack.createUndoAction(w, _("&Undo"))
        self.undo.setShortcuts(standard(Std.Undo))
        self.redo = w.undo_stack.createRedoAction(w, _("&Redo"))
        self.redo.setShortcuts(standard(Std.Redo))
        self.find = _action(w, _("&Find…"), w.focus_filter, Std.Find,
                            tip=_("Filter the lists by text or person"))
        self.refresh = _action(w, _("Re&load"), w.client.reload, Std.Refresh)
        self.brief = _action(w, _("&Brief my manager…"), w.brief_manager, "Ctrl+B",
                             "briefing", _("An early status update for your manager"))
        self.pause = _action(w, _("&Pause reminders for 1 hour"), w.pause_reminders,
                             icon="pause")
        self.open = _action(w, _("&Open Trust Coach"), w.bring_to_front, icon="app")
        self.close_window = _action(w, _("&Close window"), w.close, Std.Close)
        self.quit = _action(w, _("&Quit"), w.quit, Std.Quit)
        self.quit.setMenuRole(QAction.MenuRole.QuitRole)
        self.shortcuts = _action(w, _("&Keyboard shortcuts"), w.show_shortcuts,
                                 Std.HelpContents)
        self.sections = [
            _action(w, label, lambda _c=False, n=n: w.show_section(n), f"Ctrl+{n + 1}")
            for n, label in enumerate((_("&Commitments"), _("&Owed replies"),
                                       _("Co&ncerns")))
        ]
        self.item_actions = (self.edit, self.done, self.delete)
