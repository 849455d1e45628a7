"""Participation (issue 6): processes, phases, events, registrations (online, paper, phone, on
site), letters and consent texts. Sub-domains with tables of their own are the apps ``paper``,
``ideas`` and ``results``, which build on this one.
"""
