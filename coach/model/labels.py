"""The words the app shows for heat, channels and urgency advice.

Kept apart from the glossary modules so the window can label its first rows without
loading the store, the records and the urgency rules, which only the worker needs.
"""

from __future__ import annotations

from coach.i18n import N_

HEAT_LABELS = {
    1: N_("calm"), 2: N_("simmering"), 3: N_("warm"), 4: N_("hot"), 5: N_("exploding"),
}

CHANNELS = ("call", "voicemail", "email", "message")
CHANNEL_LABELS = {
    "call": N_("call"), "voicemail": N_("voicemail"), "email": N_("email"),
    "message": N_("message"),
}

# What the command line also accepts for a channel: the German words and everyday spellings.
CHANNEL_SPELLINGS = {
    "anruf": "call", "telefon": "call", "phone": "call", "mailbox": "voicemail",
    "sprachnachricht": "voicemail", "voice mail": "voicemail", "e-mail": "email",
    "mail": "email", "nachricht": "message", "sms": "message", "chat": "message",
}

CALL_NOW, TODAY, THIS_WEEK, LATER = "call-now", "today", "this-week", "later"
ADVICES = (CALL_NOW, TODAY, THIS_WEEK, LATER)
ADVICE_LABELS = {
    CALL_NOW: N_("Call now, don't email"),
    TODAY: N_("Today, not tomorrow"),
    THIS_WEEK: N_("This week"),
    LATER: N_("Later"),
}
# The window's Advice column: short enough for a column, still "which channel".
ADVICE_COLUMN = {CALL_NOW: N_("Call, don't email"), TODAY: N_("Today"),
                 THIS_WEEK: N_("This week"), LATER: N_("Later")}
ADVICE_SHORT = {CALL_NOW: N_("call now"), TODAY: N_("today"), THIS_WEEK: N_("this week"),
                LATER: N_("later")}
