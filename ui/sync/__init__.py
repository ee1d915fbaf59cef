"""Settings → Sync and the background sync of the window (CalDAV tasks, coach.sync)."""
