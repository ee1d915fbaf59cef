"""coach/storage"""
