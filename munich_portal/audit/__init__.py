"""The data-use audit trail: personal-data declarations, history, the data-use log, erasure.

The public API (docs/data-protection.md explains the model, its guarantees and its limits):

- :mod:`~munich_portal.audit.registry` — ``@personal_data(...)`` / ``declare(Model, ...)`` say
  which models hold whose personal data, for which purposes and how long; ``not_personal_data``
  marks look-alikes. Declaring registers history and guards bulk writes.
- :mod:`~munich_portal.audit.purposes` — the register of processing purposes (GDPR Art. 30).
- :mod:`~munich_portal.audit.context` — ``processing_context(actor=, purpose=, case_number=,
  channel=, request_id=)``; the middleware opens one per request; ``set_work_purpose`` stores a
  staff member's purpose of work in the session.
- :mod:`~munich_portal.audit.actions` — ``record_use``, ``record_batch_use``,
  ``record_system_send``, ``pseudonym_for``, ``update_with_history`` and the bulk helpers,
  ``erase_subject``, ``enforce_retention``, ``create_anchor``.
- :mod:`~munich_portal.audit.selectors` — ``records_for_subject``, ``history_for_subject``,
  ``events_for_subject`` (Meine Daten); ``event_queryset``, ``unusual_access``, ``resolve_actor``,
  ``processing_register`` (the data-protection officer).
- :mod:`~munich_portal.audit.chain` — the canonical form, the hash chain and ``verify_chain``.
- :mod:`~munich_portal.audit.anchor_signing` — ``anchor_key``, ``sign_line``, ``read_anchor_file``
  (signed anchor lines); :mod:`~munich_portal.audit.db_roles` — ``grant_app_role``,
  ``owner_connection`` (the app's database role).
- Commands: ``verify_audit_log``, ``audit_anchor``, ``enforce_retention``, ``setup_db_roles``
  (and ``migrate``/``createcachetable``, which run as the owner when ``DATABASE_OWNER_URL`` is set).

Everything else is private to the app.
"""
