"""coach/briefing"""
