"""Two-way CalDAV task sync of commitments (opt-in); the SQLite file stays the truth."""
