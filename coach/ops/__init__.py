"""coach/ops"""
