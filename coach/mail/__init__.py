"""The opt-in mail scan: owed replies, promises and follow-ups found in an IMAP mailbox.

account (what the user configured), password (keyring or password command), connection
(one verified IMAP session), headers and phrases (reading messages), scan (incremental
fetch), inbox / sent / escalation (what the messages mean), suggestions (the store of what
was found, accept and dismiss). Nothing here runs unless the user added an account.
"""
