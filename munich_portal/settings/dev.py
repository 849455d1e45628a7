"""Development: friendly environment defaults, then the base settings.

Only defaults are set here; a value in the environment still wins.
"""

import os

for _name, _value in {
    "DJANGO_DEBUG": "true",
    "DJANGO_SECRET_KEY": "dev-only-not-secret-7f3a0c1e9b",
    "AUDIT_ANCHOR_KEY": "dev-only-anchor-key-not-secret-5d2e8a41c7",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,[::1],testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECURE_COOKIES": "false",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
    # `make run` (scripts/run.sh) sets the database backend and runs the worker beside the server,
    # as production does. Without it (tests, `manage.py` by hand) an e-mail is delivered in the
    # process that writes it, after commit, and printed on the console.
    "DJANGO_TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
    "DJANGO_STATIC_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
    "DATABASE_POOL": "false",
    "CACHE_BACKEND": "locmem",
    "PORTAL_SITE_URL": "http://127.0.0.1:8000",
}.items():
    os.environ.setdefault(_name, _value)

from munich_portal.settings.base import *  # noqa: E402

ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
