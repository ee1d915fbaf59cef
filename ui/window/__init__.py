"""ui/window"""
