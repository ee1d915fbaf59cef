"""coach/timing"""
