"""coach/stats"""
