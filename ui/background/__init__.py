"""ui/background"""
