"""Wording the app generates: German case for names, texts stored as kind + parameters."""
