"""The Today page (issue 22)."""
