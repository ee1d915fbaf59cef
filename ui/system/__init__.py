"""ui/system"""
