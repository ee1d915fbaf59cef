"""A realistic English and German mailbox for the scan tests, and what the scan must find.

The clock is pinned at Thursday 26 November 2026, 15:00 in Berlin (tests/conftest.py).
Anna Berg is the user (login anna, addresses anna@firma.example and her alias
a.berg@firma.example); her manager is Herr Jansen, chef@firma.example.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

ME, ALIAS, MANAGER = "anna@firma.example", "a.berg@firma.example", "chef@firma.example"
ANNA = f"Anna Berg <{ME}>"


def at(text: str) -> datetime:
    return datetime.fromisoformat(f"2026-{text}+01:00")


@dataclass
class Mail:
    folder: str
    key: str
    sender: str
    to: list[str]
    subject: str
    date: datetime
    body: str = "Hallo,\n\ndanke.\n"
    cc: list[str] = field(default_factory=list)
    reply_to: Mail | None = None
    headers: dict[str, str] = field(default_factory=dict)
    seen: bool = False

    @property
    def message_id(self) -> str:
        return f"<{self.key}@seed.example>"

    def raw(self) -> bytes:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.to)
        if self.cc:
            msg["Cc"] = ", ".join(self.cc)
        msg["Subject"] = self.subject
        msg["Date"] = format_datetime(self.date)
        msg["Message-ID"] = self.message_id
        if self.reply_to is not None:
            parent = self.reply_to
            refs = [*parent.references(), parent.message_id]
            msg["In-Reply-To"] = parent.message_id
            msg["References"] = " ".join(refs)
        for name, value in self.headers.items():
            msg[name] = value
        msg.set_content(self.body)
        return msg.as_bytes()

    def references(self) -> list[str]:
        if self.reply_to is None:
            return []
        return [*self.reply_to.references(), self.reply_to.message_id]


def mailbox() -> list[Mail]:
    m: list[Mail] = []

    def inbox(key, sender, subject, date, to=(ME,), **kw) -> Mail:
        mail = Mail("INBOX", key, sender, list(to), subject, at(date), **kw)
        m.append(mail)
        return mail

    def sent(key, to, subject, date, body, sender=ANNA, **kw) -> Mail:
        mail = Mail("Sent", key, sender, list(to), subject, at(date), body=body, seen=True,
                    **kw)
        m.append(mail)
        return mail

    # Direct mail: owed replies.
    inbox("d1", "Tom Becker <tom@kunde-a.example>", "Offer for 40 licences", "11-24T09:12:00",
          body="Hi Anna, could you send us an offer for 40 licences?")
    inbox("d2", "Maria Schulz <m.schulz@kunde-b.example>", "Rückfrage zur Rechnung 4711",
          "11-25T11:30:00", seen=True)
    inbox("d3", "Li Wei <li@partner.example>", "Meeting notes", "11-25T16:00:00",
          cc=["bob@firma.example"])
    inbox("d4", "Peter Krause <p.krause@kunde-c.example>", "Lieferung KW 49",
          "11-26T08:40:00", to=(ALIAS,))
    inbox("d5", "Old Contact <old@kunde-z.example>", "Catalogue 2026", "10-01T10:00:00")
    inbox("boss", f"Herr Jansen <{MANAGER}>", "Bitte Zahlen bis Freitag", "11-26T09:30:00")
    inbox("bernd", "Bernd Wolf <bernd@kunde-k.example>", "New project", "11-25T10:00:00",
          cc=[MANAGER])
    # Only in Cc.
    inbox("cc1", "Bob Team <bob@firma.example>", "FYI: release 4.2", "11-24T12:00:00",
          to=("team@firma.example",), cc=[ME])
    inbox("cc2", "Jana Ott <jana@kunde-l.example>", "Zur Info: Protokoll", "11-25T13:00:00",
          to=("einkauf@kunde-l.example",), cc=[ME])
    # Lists and bulk senders.
    for i in range(10):
        inbox(f"list{i}", "Dev List <dev@lists.example>", f"[dev] Weekly digest {i}",
              f"11-{14 + i}T07:00:00", headers={"List-Id": "<dev.lists.example>"})
    inbox("bulk1", "Messe Berlin <info@messe.example>", "Einladung zur Messe",
          "11-23T06:00:00", headers={"Precedence": "bulk"})
    inbox("bulk2", "Software Vendor <sales@vendor.example>", "Black Friday",
          "11-26T06:00:00", headers={"List-Unsubscribe": "<mailto:u@vendor.example>"})
    inbox("bulk3", "Verband <news@verband.example>", "Rundschreiben 11/2026",
          "11-20T06:00:00", headers={"Precedence": "list"})
    # Automatic replies, English and German.
    inbox("auto1", "Tom Becker <tom@kunde-a.example>", "Automatic reply: Offer",
          "11-24T09:13:00", headers={"Auto-Submitted": "auto-replied"})
    inbox("auto2", "Frau Roth <roth@kunde-j.example>", "Abwesenheitsnotiz: Ihre Anfrage",
          "11-24T11:00:00", headers={"X-Autoreply": "yes"})
    inbox("auto3", "Sam Field <sam@kunde-m.example>", "Out of Office: back on Monday",
          "11-25T08:00:00")
    inbox("auto4", "Gerd Lang <gerd@kunde-n.example>", "Automatische Antwort: Urlaub",
          "11-25T09:00:00")
    # No-reply senders.
    inbox("nr1", "Shop <noreply@shop.example>", "Your order 123", "11-24T10:00:00")
    inbox("nr2", "Bank <no-reply@bank.example>", "Kontoauszug", "11-25T10:00:00")
    inbox("nr3", "Tracker <notifications@tracker.example>", "Issue 7 updated",
          "11-25T11:00:00")
    inbox("nr4", "Mail Delivery <mailer-daemon@firma.example>", "Undelivered Mail",
          "11-26T07:00:00")
    # Threads answered from Sent.
    t1 = inbox("t1", "Jonas Weber <jonas@kunde-d.example>", "Termin nächste Woche",
               "11-23T10:00:00")
    sent("t1r", ["Jonas Weber <jonas@kunde-d.example>"], "AW: Termin nächste Woche",
         "11-23T14:05:00", "Hallo Herr Weber,\n\nDienstag passt.\n\n"
         "Am 23.11.2026 schrieb Jonas Weber:\n> Ich schicke Ihnen den Vertrag bis Montag.\n",
         reply_to=t1)
    t2 = inbox("t2", "Sara Klein <sara@kunde-o.example>", "Quote request", "11-20T09:00:00")
    sent("t2r", ["Sara Klein <sara@kunde-o.example>"], "Re: Quote request",
         "11-20T16:00:00", "Hi Sara,\n\nthe quote is attached.\n\n"
         "On Fri, Sara wrote:\n> I'll send you the details by Monday.\n", reply_to=t2)
    t3 = inbox("t3", "Uwe Brandt <uwe@kunde-p.example>", "Angebot Wartung", "11-17T09:00:00")
    sent("t3r", ["Uwe Brandt <uwe@kunde-p.example>"], "AW: Angebot Wartung",
         "11-17T11:00:00", "Sehr geehrter Herr Brandt,\n\nanbei das Angebot.\n", reply_to=t3)
    t4 = inbox("t4", "Ines Kurz <ines@kunde-q.example>", "Schulungstermin", "11-16T09:00:00")
    sent("t4r", ["Ines Kurz <ines@kunde-q.example>"], "AW: Schulungstermin",
         "11-16T10:00:00", "Hallo Frau Kurz,\n\nder 3. Dezember passt.\n", reply_to=t4)
    # Answered from the alias: once in Sent, once as a copy to self in the inbox.
    a1 = inbox("a1", "Eva Braun <eva@kunde-e.example>", "Rückruf erbeten", "11-19T09:00:00",
               to=(ALIAS,))
    sent("a1r", ["Eva Braun <eva@kunde-e.example>"], "AW: Rückruf erbeten", "11-19T10:00:00",
         "Hallo Frau Braun,\n\nwir haben telefoniert.\n", sender=f"Anna Berg <{ALIAS}>",
         reply_to=a1)
    a2 = inbox("a2", "Karl Vos <karl@kunde-r.example>", "Question about invoice",
               "11-18T09:00:00")
    inbox("a2r", f"Anna Berg <{ALIAS}>", "Re: Question about invoice", "11-18T11:00:00",
          to=("Karl Vos <karl@kunde-r.example>",), cc=[ALIAS], reply_to=a2, seen=True)
    # Promises in sent mail (English and German) and sentences that are none.
    sent("p1", ["Tom Becker <tom@kunde-a.example>"], "Our call", "11-23T10:30:00",
         "Hello Tom,\n\nthanks for the call. I'll send you the offer by Friday.\n\n"
         "Best, Anna\n-- \nAnna Berg, Firma GmbH\n")
    sent("p2", ["Maria Schulz <m.schulz@kunde-b.example>"], "Zahlen Q4", "11-24T09:00:00",
         "Guten Tag Frau Schulz,\n\nich melde mich bis Donnerstag mit den Zahlen.\n\n"
         "Mit freundlichen Grüßen\nAnna Berg\n")
    sent("p3", ["Peter Krause <p.krause@kunde-c.example>"], "Unterlagen", "11-25T10:00:00",
         "Hallo Herr Krause,\n\nbis morgen schicke ich Ihnen die Unterlagen.\n")
    sent("p4", ["Frau Roth <roth@kunde-j.example>"], "Angebot", "11-24T15:00:00",
         "Sehr geehrte Frau Roth,\n\nSie bekommen das Angebot Ende der Woche.\n")
    sent("p5", ["Li Wei <li@partner.example>"], "Slides", "11-25T11:00:00",
         "Hi Li,\n\nyou'll have it tomorrow.\n")
    sent("p6", ["Ole Hansen <ole@kunde-i.example>"], "Root cause", "11-20T12:00:00",
         "Hi Ole,\n\nI will get back to you on Monday.\n")
    sent("p7", ["Claire Martin <claire@kunde-h.example>"], "Refund", "11-23T12:00:00",
         "Hi Claire,\n\nI'll look into it soon.\n")
    sent("n1", ["team@firma.example"], "Next week", "11-24T17:00:00",
         "Hi all,\n\nI'll be out of office next week. Thanks!\n")
    # Questions in sent mail: one waited 3 working days, one not yet, one got an answer.
    sent("q1", ["Nina Hof <nina@kunde-f.example>"], "Contract", "11-20T10:00:00",
         "Hi Nina,\n\ncould you send me the signed contract?\n\nThanks, Anna\n")
    sent("q2", ["Jan Moll <jan@kunde-s.example>"], "Bestellung", "11-23T09:00:00",
         "Hallo Herr Moll,\n\nkönnen Sie mir bitte die Bestellnummer schicken?\n")
    q3 = sent("q3", ["Omar Aziz <omar@kunde-t.example>"], "Delivery date", "11-19T09:00:00",
              "Hi Omar,\n\ncan you confirm the delivery date?\n")
    q3a = inbox("q3a", "Omar Aziz <omar@kunde-t.example>", "Re: Delivery date",
                "11-21T09:00:00", reply_to=q3)
    sent("q3b", ["Omar Aziz <omar@kunde-t.example>"], "Re: Delivery date", "11-23T08:00:00",
         "Thanks, noted.\n", reply_to=q3a)
    sent("q4", ["Old Contact <old@kunde-z.example>"], "Catalogue", "10-20T09:00:00",
         "Could you send me the catalogue?\n")
    # A customer going up the ladder: chases and the manager copied.
    e1 = inbox("e1", "Herr Vogel <vogel@kunde-g.example>", "Reklamation Auftrag 5531",
               "11-24T09:00:00")
    inbox("e1b", "Herr Vogel <vogel@kunde-g.example>",
          "AW: Reklamation Auftrag 5531 - immer noch keine Antwort", "11-25T09:00:00",
          reply_to=e1)
    e2 = inbox("e2", "Claire Martin <claire@kunde-h.example>", "Invoice dispute",
               "11-23T09:00:00")
    e2b = inbox("e2b", "Claire Martin <claire@kunde-h.example>", "Re: Invoice dispute",
                "11-24T09:00:00", reply_to=e2)
    inbox("e2c", "Claire Martin <claire@kunde-h.example>", "Re: Invoice dispute",
          "11-25T09:00:00", reply_to=e2b)
    e3 = inbox("e3", "Ole Hansen <ole@kunde-i.example>", "Server outage", "11-24T08:00:00")
    inbox("e3b", "Ole Hansen <ole@kunde-i.example>", "Re: Server outage", "11-26T08:00:00",
          cc=[MANAGER], reply_to=e3)
    inbox("e4", "Frau Roth <roth@kunde-j.example>", "Vertragsverlängerung", "11-24T10:00:00")
    inbox("e4b", "Frau Roth <roth@kunde-j.example>",
          "Beschwerde: keine Rückmeldung von Frau Berg", "11-26T10:00:00",
          to=(f"Herr Jansen <{MANAGER}>",), cc=[ME])
    return m


# What the scan must find in mailbox(): by kind, the message keys.
EXPECTED = {
    "reply": {"d1", "d2", "d3", "d4", "boss", "bernd", "e1", "e2", "e3", "e4"},
    "escalation": {"e1b", "e2c", "e3b", "e4b"},
    "promise": {"p1", "p2", "p3", "p4", "p5", "p6", "p7"},
    "follow-up": {"q1"},
}
# Owed replies raised to "call now" by an escalation.
CALL_NOW = {"e1", "e2", "e3", "e4"}
# Due dates of the promises (None: no date understood exactly).
DUE = {"p1": "2026-11-27T17:00:00+01:00", "p2": "2026-11-26T17:00:00+01:00",
       "p3": "2026-11-26T17:00:00+01:00", "p4": "2026-11-27T17:00:00+01:00",
       "p5": "2026-11-26T17:00:00+01:00", "p6": "2026-11-23T17:00:00+01:00", "p7": None}


def seed(client, mails: list[Mail]) -> None:
    for mail in mails:
        flags = [b"\\Seen"] if mail.seen else []
        client.append(mail.folder, mail.raw(), flags=flags, msg_time=mail.date)


def key_of(message_id: str) -> str:
    return message_id.strip("<>").split("@")[0]
