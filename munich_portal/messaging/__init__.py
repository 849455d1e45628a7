"""Messages to people: letters now; the outbox of the message pipeline (issue 13) will live here.

A kernel app below the domain apps (docs/architecture.md): it owns the one letter model
(:class:`~munich_portal.messaging.models.Letter`) and the one print pipeline. The apps above it
register their kinds of letter (:func:`~munich_portal.messaging.registry.register_letter_kind`, in
their ``AppConfig.ready()``: who may see them, for which purpose), render a letter's text when the
decision is taken and queue it (:func:`~munich_portal.messaging.actions.queue_letter`); the clerks
print every kind in one daily batch (:func:`~munich_portal.messaging.actions.print_letters`).

Other apps use only :mod:`~munich_portal.messaging.registry`,
:mod:`~munich_portal.messaging.actions` and :mod:`~munich_portal.messaging.selectors`. The app
imports the kernel (core, audit, accounts) and no domain app.
"""
