"""Appointments at offices (issue 5): appointment types, slots from rules, booking, waiting list.

Owns its tables (label ``appointments``); builds on the service catalogue and offices of
``services``. See docs/appointments.md.
"""
