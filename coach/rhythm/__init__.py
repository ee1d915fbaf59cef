"""The daily rhythm: Today, the end-of-day review, the weekly briefing, recurring rules."""
