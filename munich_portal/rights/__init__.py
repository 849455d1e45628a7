"""Rights requests of people without an account (GDPR Art. 15 access, Art. 17 erasure).

A person asks by the public form, on paper at a Bürgerbüro (a clerk types it into the admin) or by
letter; the data-protection officer finds every matching record across the apps
(:mod:`munich_portal.audit.finders`), confirms the person's identity, answers with a PDF letter of
everything held or erases, and closes the request — each step logged. The app sits between the
domain apps and messaging (``.importlinter``): it sends through the outbox and reaches the domain
apps' data only through the declarations.
"""
