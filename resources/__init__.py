"""Trust Coach's own files: icons, translations, templates (shipped as coach_resources)."""
