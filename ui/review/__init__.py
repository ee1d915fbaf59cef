"""The end-of-day review dialog (issue 22)."""
