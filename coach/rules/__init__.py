"""coach/rules"""
