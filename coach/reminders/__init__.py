"""coach/reminders"""
