"""Accessibility: statement, barrier reports, Leichte Sprache, sign language, display settings."""
