"""Digitales München — the City of Munich's digital-services portal."""
