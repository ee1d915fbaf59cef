"""The window's features, built and wired in one place (after the first paint).

Each feature is an object with typed attributes, made from the window's public surface;
none of them sets attributes on the window. This module is also the one place that decides
where their actions appear in the menus and lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from coach.i18n import _

if TYPE_CHECKING:
    from ..dialogs.about import AboutEntries
    from ..mail import MailFeature
    from ..notify.banner import Banner
    from ..notify.chain import NotifierChain
    from ..notify.reminders import Reminders
    from ..notify.window import ReminderActions
    from ..sync.arrivals import ArrivalPrompts
    from ..sync.runner import SyncRunner
    from ..system.data_safety import DataSafety
    from .commitment_actions import CommitmentActions
    from .concern_actions import ConcernActions
    from .dashboard import DashboardEntry
    from .main_window import MainWindow
    from .overdue import OverdueWatch


@dataclass
class Features:
    about: AboutEntries
    dashboard: DashboardEntry
    concerns: ConcernActions
    commitments: CommitmentActions
    overdue: OverdueWatch
    reminder_banner: Banner
    notifiers: NotifierChain
    reminders: Reminders
    reminder_actions: ReminderActions
    data_safety: DataSafety
    sync: SyncRunner
    arrivals: ArrivalPrompts
    mail: MailFeature


def _insert(menu, before: QAction | None, actions: list[QAction | None]) -> None:
    for action in actions:
        if action is None:
            menu.insertSeparator(before)
        else:
            menu.insertAction(before, action)


def compose(window: MainWindow) -> Features:
    from ..dialogs.about import AboutEntries
    from ..mail import MailFeature
    from ..notify.banner import Banner
    from ..notify.chain import default_chain
    from ..notify.reminders import Reminders
    from ..notify.window import ReminderActions
    from ..sync.arrivals import ArrivalPrompts
    from ..sync.runner import for_window as sync_for_window
    from ..system.data_safety import DataSafety
    from .commitment_actions import CommitmentActions
    from .concern_actions import ConcernActions
    from .dashboard import DashboardEntry
    from .overdue import OverdueWatch

    banner = Banner(window)
    window.central_layout.insertWidget(0, banner)
    notifiers = default_chain(banner, lambda: window.tray, window)
    reminders = Reminders(window.client, notifiers, window)
    features = Features(
        about=AboutEntries(window, lambda: features.notifiers),
        dashboard=DashboardEntry(window),
        concerns=ConcernActions(window),
        commitments=CommitmentActions(window),
        overdue=OverdueWatch(window),
        reminder_banner=banner, notifiers=notifiers, reminders=reminders,
        reminder_actions=ReminderActions(window, notifiers, reminders),
        data_safety=DataSafety(window),
        sync=sync_for_window(window),
        arrivals=ArrivalPrompts(window),
        mail=MailFeature(window),
    )
    menus, close = window.menus, window.actions.close_window
    help_menu = menus["help"]
    help_menu.addSeparator()
    help_menu.addAction(features.about.action)
    view = menus["view"]
    first = view.actions()[0] if view.actions() else None
    _insert(view, first, [features.dashboard.action, features.mail.suggestions_action, None])
    items = menus["items"]
    acting = features.commitments
    _insert(items, window.actions.delete, [features.reminder_actions.returned, *acting.actions])
    # A commitment reminder's "Ask for more time", and its Done seen in the window.
    reminders.renegotiate_requested.connect(acting.open_renegotiate)
    reminders.done.connect(lambda _id: window.show_message(_("Marked done."), 5000))
    items.addSeparator()
    items.addActions([features.concerns.heating_up_action, features.concerns.log_action])
    safety = features.data_safety
    _insert(menus["file"], close, [
        features.about.start_at_login, None, features.reminder_actions.settings,
        features.mail.account_action, None,
        safety.export_action, None, safety.back_up_action, safety.restore_action, None])
    window.view_of("commitment").add_view_actions([features.concerns.heating_up_action,
                                                   *acting.actions])
    window.view_of("reply").add_view_actions([features.concerns.heating_up_action,
                                              features.reminder_actions.returned,
                                              acting.snooze_action])
    window.view_of("concern").add_view_actions([features.concerns.log_action])
    return features
