"""Participation: processes, events, registrations with an analog fallback, ideas (issues 6, 7)."""
