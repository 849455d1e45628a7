"""Participation (issue 6): processes, phases, events, registrations (online, paper, phone, on
site) and consent texts; the letters to registrants without e-mail are written here and queued in
the kernel's letters (``munich_portal.messaging``). Sub-domains with tables of their own are the
apps ``paper``, ``ideas`` and ``results``, which build on this one.
"""
