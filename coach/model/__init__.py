"""coach/model"""
