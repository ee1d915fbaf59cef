"""The words urgency reads: alarm words, a promise to call back, the manager."""

# Alarm words in English and German, written in the folded form of _fold (umlauts as ae/oe/ue).
KEYWORDS = (
    "asap", "urgent", "urgently", "emergency", "immediately", "right away", "right now",
    "outage", "down", "server down", "escalation", "escalate",
    "escalated", "critical", "blocker", "blocking", "not working", "stopped working",
    "doesnt work", "does not work", "isnt working", "is not working", "broken", "crashed",
    "crashing", "cant log in", "cannot log in", "sev1", "p1", "prio 1", "production down",
    "data loss", "lost data", "sofort", "dringend", "dringlich", "eilig", "eilt", "umgehend",
    "ausgefallen", "ausfall", "faellt aus", "eskalation", "eskaliert", "eskalieren",
    "geht nicht", "geht nicht mehr", "laeuft nicht", "laeuft nicht mehr",
    "funktioniert nicht", "funktioniert nicht mehr", "kaputt", "abgestuerzt", "stoerung",
    "kritisch", "notfall", "stillstand", "steht still", "datenverlust",
    "kein zugriff", "nicht erreichbar", "unreachable", "not reachable",
)
# A promise to call someone back: overdue, it is "call now" like an unreturned call.
CALLBACK_WORDS = ("call back", "callback", "call", "ring", "phone", "rueckruf", "zurueckrufen",
                  "anrufen", "rufe", "telefonieren")
MANAGER_WORDS = ("manager", "my manager", "boss", "chef", "chefin", "vorgesetzter",
                 "vorgesetzte", "teamleiter", "teamleiterin")
