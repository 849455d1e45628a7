"""Appointments at offices (issue 5): appointment types, slots from rules, booking, waiting list.

A Django app of its own inside the ``services`` package (label ``appointments``); see
docs/appointments.md.
"""
